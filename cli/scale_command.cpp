// hpcpat scale [--results DIR] [--study NAME] [--launcher L] [--nodes 1,2,4] [--ranks-per-node K]
//              [--repeats R] [--timeout T] -- CMD ARGS...
// A strong-scaling study of any command without writing a spec: the options become a study spec
// (kept in the results as study.yaml, so `hpcpat run` can repeat it), the runs go through the
// study runner into the store, and the table per node count is read back from the store's index:
// median wall time, speedup and parallel efficiency against the smallest node count, MPI fraction
// (median over the runs of each run's median over ranks, and the largest rank's), the top call.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bounds.hpp"
#include "build_config.hpp"
#include "exit_codes.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/launch/pmpi_library.hpp"
#include "hpcpat/launch/process.hpp"
#include "hpcpat/store/store.hpp"
#include "hpcpat/study/plan.hpp"
#include "results_dir.hpp"
#include "results_view.hpp"
#include "study_execution.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {
namespace {
namespace fs = std::filesystem;

struct ScaleOptions {
  std::string results, study, launcher = "auto", timeout = "1h";
  std::vector<int> nodes = {1, 2, 4};
  int ranks_per_node = 1, repeats = 3;
  bool cluster = false;
  std::vector<std::string> command;
};

// Letters, digits, '.', '_' and '-' of `text`, others as '_': a name the spec accepts.
std::string name_from(const std::string &text) {
  std::string out;
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    out += ok ? c : '_';
  }
  out = out.substr(0, 40);
  if (out.empty() || out.front() == '.' || out.front() == '_' || out.front() == '-') out = "cmd" + out;
  return out;
}

std::string utc_stamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// A program named without a path that is not in PATH but is one of hpcpat's own (minimd, cg,
// hpcpat-kernels...) is taken from hpcpat's bin/.
std::vector<std::string> resolved_command(std::vector<std::string> argv) {
  const std::string &p = argv.front();
  if (p.find('/') == std::string::npos && !launch::find_executable(p)) {
    const fs::path own = launch::current_executable().parent_path() / p;
    if (launch::find_executable(own.string())) argv.front() = own.string();
  }
  return argv;
}

// A command's argument as a spec's `command` element: `${` would start a parameter reference
// there, so each is written `$${`, the spec's literal `${` (docs/studies.md).
std::string spec_literal(const std::string &arg) {
  std::string out;
  for (std::size_t i = 0; i < arg.size(); ++i) {
    if (arg.compare(i, 2, "${") == 0) out += '$';
    out += arg[i];
  }
  return out;
}

// The spec, as JSON (which is YAML): what `hpcpat run` would read to do the same study.
std::string spec_text(const ScaleOptions &o, const std::string &study, const std::string &case_name) {
  std::vector<std::string> command = resolved_command(o.command);
  for (std::string &arg : command) arg = spec_literal(arg);
  nlohmann::json spec = {{"name", study},
                         {"description", "hpcpat scale of one command"},
                         {"launcher", o.launcher},
                         {"nodes", o.nodes},
                         {"ranks_per_node", o.ranks_per_node},
                         {"repeats", o.repeats},
                         {"timeout", o.timeout},
                         {"cases", {{{"name", case_name}, {"command", command}}}}};
  return spec.dump(2) + "\n";
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

TextTable scaling_table(const std::vector<store::IndexRow> &rows) {
  struct PerNodes {
    int total = 0;
    std::vector<double> wall, frac_median;
    double frac_max = -1;
    std::map<std::string, int> top_calls;
  };
  std::map<std::int64_t, PerNodes> by_nodes;
  for (const store::IndexRow &r : rows) {
    PerNodes &p = by_nodes[r.nodes];
    ++p.total;
    if (r.status != "ok") continue;
    p.wall.push_back(r.wall_s);
    if (r.mpi_fraction_median) p.frac_median.push_back(*r.mpi_fraction_median);
    if (r.mpi_fraction_max) p.frac_max = std::max(p.frac_max, *r.mpi_fraction_max);
    if (!r.top_call.empty()) ++p.top_calls[r.top_call];
  }
  TextTable t;
  t.header = {"nodes", "ok", "median_s", "speedup", "efficiency", "mpi_median", "mpi_max",
              "top_call"};
  double base_time = 0;
  std::int64_t base_nodes = 0;
  for (const auto &[nodes, p] : by_nodes) {
    std::vector<store::Cell> row = {nodes, std::to_string(p.wall.size()) + "/" + std::to_string(p.total)};
    if (p.wall.empty()) {
      row.insert(row.end(), 6, std::monostate{});
      t.rows.push_back(std::move(row));
      continue;
    }
    const double m = median(p.wall);
    if (base_nodes == 0) {
      base_time = m;
      base_nodes = nodes;
    }
    const double speedup = base_time / m;
    row.push_back(std::round(m * 1000) / 1000);
    row.push_back(std::round(speedup * 1000) / 1000);
    row.push_back(std::round(speedup * base_nodes / nodes * 1000) / 1000);
    row.push_back(p.frac_median.empty() ? store::Cell{}
                                        : store::Cell{std::round(median(p.frac_median) * 1e4) / 1e4});
    row.push_back(p.frac_max < 0 ? store::Cell{} : store::Cell{std::round(p.frac_max * 1e4) / 1e4});
    std::string top;
    int most = 0;
    for (const auto &[call, n] : p.top_calls) {
      if (n > most) top = call, most = n;
    }
    row.push_back(top);
    t.rows.push_back(std::move(row));
  }
  return t;
}

int run_scale(const ScaleOptions &o) {
  if (o.command.empty()) throw InputError("hpcpat scale: expected a command after '--'");
  const std::string case_name = name_from(fs::path(o.command.front()).filename().string());
  const std::string study = o.study.empty() ? "scale-" + case_name + "-" + utc_stamp() : o.study;
  const std::string text = spec_text(o, study, case_name);
  const study::Plan plan = study::expand(study::parse_study(text, "hpcpat scale"));
  store::Store store(results_folder(o.results).dir);
  const int status = execute_study(plan, text, store, runner_options(o.launcher, false, o.cluster));
  const std::vector<store::IndexRow> rows = store.rows(store::Query{study, ""});
  std::printf("\nstrong scaling of %s (study %s, %d rank(s) per node, %d repeat(s)):\n",
              case_name.c_str(), study.c_str(), o.ranks_per_node, o.repeats);
  std::fputs(render_text(scaling_table(rows)).c_str(), stdout);
  return status;
}

}  // namespace

Subcommand add_scale_command(CLI::App &parent) {
  auto o = std::make_shared<ScaleOptions>();
  CLI::App *sub = parent.add_subcommand(
      "scale", "Strong-scale a command over node counts, profiled, into the results store");
  sub->add_option("--results", o->results, results_flag_help());
  sub->add_option("--study", o->study, "Study name (default: scale-<program>-<UTC time>)");
  sub->add_option("--launcher", o->launcher, "Launcher")
      ->check(CLI::IsMember({"auto", "flux", "mpirun", "srun"}))
      ->capture_default_str();
  sub->add_flag("--cluster", o->cluster,
                "Run on the emulated nodes of 'hpcpat cluster up' (with --launcher mpirun)");
  sub->add_option("--nodes", o->nodes, "Node counts, comma-separated")
      ->delimiter(',')
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  sub->add_option("--ranks-per-node", o->ranks_per_node, "Ranks per node")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  sub->add_option("--repeats", o->repeats, "Runs per node count")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub->add_option("--timeout", o->timeout, "Per run: seconds, or 90s, 10m, 1h")
      ->capture_default_str();
  sub->add_option("command", o->command, "The MPI program and its arguments, after '--'")
      ->required();
  return {sub, [o]() { return run_scale(*o); }};
}

}  // namespace hpcpat::cli
