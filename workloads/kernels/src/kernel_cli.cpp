#include "kernel_cli.hpp"

#include <climits>
#include <string>
#include <vector>

#include "hpcpat/workload/app_cli.hpp"
#include "hpcpat/base/atomic_file.hpp"
#include "imb_method.hpp"

namespace hpcpat::kernels {
namespace {

constexpr const char *kProgram = "hpcpat-kernels";

std::string rank_problem(const KernelInfo &info, int ranks) {
  const std::string name(info.name);
  switch (info.ranks) {
    case RankRule::exactly_two:
      if (ranks != 2) {
        return "kernel '" + name + "' needs exactly 2 ranks (got " + std::to_string(ranks) +
               "), as OSU's; for n/2 concurrent pairs use " +
               (info.family == Family::latency ? "multi_lat" : "mbw_mr");
      }
      break;
    case RankRule::even:
      if (ranks < 2 || ranks % 2 != 0) {
        return "kernel '" + name +
               "' pairs rank i with i + n/2 and needs an even number of "
               "ranks >= 2 (got " +
               std::to_string(ranks) + ")";
      }
      break;
    case RankRule::at_least_two:
      if (ranks < 2) return "kernel '" + name + "' needs at least 2 ranks (got 1)";
      break;
  }
  return "";
}

std::string size_problem(const KernelInfo &info, const KernelOptions &o, int ranks, int window) {
  const auto &s = o.sweep;
  if (!is_power_of_two(s.min_size)) {
    return "--min-size " + std::to_string(s.min_size) + " is not a power of two >= 1";
  }
  if (!is_power_of_two(s.max_size)) {
    return "--max-size " + std::to_string(s.max_size) + " is not a power of two >= 1";
  }
  if (s.min_size > s.max_size) {
    return "sizes out of order: --min-size " + std::to_string(s.min_size) +
           " is larger than --max-size " + std::to_string(s.max_size);
  }
  if (s.max_size < info.min_element) {
    return "kernel '" + std::string(info.name) +
           "' reduces floats: --max-size must be >= " + std::to_string(info.min_element);
  }
  // Counts and displacements are C ints: the largest buffer must stay below INT_MAX bytes.
  const std::size_t per_call = s.max_size * static_cast<std::size_t>(ranks) *
                               static_cast<std::size_t>(info.per_window ? window : 6);
  if (per_call > static_cast<std::size_t>(INT_MAX)) {
    return "--max-size " + std::to_string(s.max_size) + " is too large for " +
           std::to_string(ranks) + " ranks (buffers must stay below 2 GiB)";
  }
  return "";
}

// Loop timing is how OMB <= 6 and IMB time point-to-point loops; OSU times every collective call
// on its own (a barrier separates them), so collectives keep per-iteration timing.
std::string timing_problem(const KernelInfo &info, const KernelOptions &o) {
  if (o.timing != Timing::loop) return "";
  if (!info.point_to_point) {
    return "--timing loop applies to the point-to-point kernels (latency, multi_lat, bw, bibw, "
           "mbw_mr); '" +
           std::string(info.name) + "' is timed per iteration as OSU does";
  }
  if (o.validate) {
    return "--timing loop would time the --validate fills and checks too; use one or the other";
  }
  return "";
}

// CLI11's PositiveNumber prints the whole double range; say what is expected instead.
const CLI::Validator kAtLeastOne(
    [](std::string &value) -> std::string {
      try {
        std::size_t used = 0;
        const long long v = std::stoll(value, &used);
        if (used == value.size() && v >= 1) return "";
      } catch (const std::exception &) {
      }
      return "expected an integer >= 1, got '" + value + "'";
    },
    "INT>=1");

}  // namespace

CliResult parse_command_line(int argc, char **argv, int ranks) {
  CliResult result;
  KernelOptions &o = result.options;
  std::vector<std::string> names;
  for (const KernelEntry &e : kernel_catalog()) names.emplace_back(e.info.name);

  CLI::App cli{
      "MPI microkernels with the OSU Micro-Benchmarks methodology: an OSU-like table on "
      "stdout, JSON (--json) with the run metadata of hpcpat profiles.",
      kProgram};
  cli.add_option("kernel,-k,--kernel", o.kernel, "kernel to run")
      ->required()
      ->check(CLI::IsMember(names));
  std::size_t min_size = 0, max_size = 0;
  auto *min_opt = cli.add_option("-m,--min-size", min_size,
                                 "smallest message size (power of two; 4K, 1MiB accepted)")
                      ->transform(CLI::AsSizeValue(false));
  auto *max_opt = cli.add_option("-M,--max-size", max_size,
                                 "largest message size (default 4 MiB point-to-point, 1 MiB "
                                 "collectives)")
                      ->transform(CLI::AsSizeValue(false));
  std::uint64_t iters = 0, iters_large = 0, warmup = 0, warmup_large = 0;
  auto *it_opt = cli.add_option("-i,--iterations", iters,
                                "timed iterations per size (both small and large sizes unless "
                                "--iterations-large is given)")
                     ->check(kAtLeastOne);
  auto *itl_opt = cli.add_option("--iterations-large", iters_large,
                                 "timed iterations for sizes above --large-threshold")
                      ->check(kAtLeastOne);
  auto *wu_opt = cli.add_option("-x,--warmup", warmup, "untimed warm-up iterations per size")
                     ->check(CLI::NonNegativeNumber);
  auto *wul_opt = cli.add_option("--warmup-large", warmup_large,
                                 "warm-up iterations for sizes above --large-threshold")
                      ->check(CLI::NonNegativeNumber);
  std::size_t threshold = 8192;
  cli.add_option("--large-threshold", threshold, "sizes above this get the large counts")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  cli.add_option("-W,--window", o.window, "messages in flight per iteration (bandwidth kernels)")
      ->check(CLI::Range(1, 1 << 16))
      ->capture_default_str();
  cli.add_option("--budget", o.budget_s,
                 "seconds per size; stop iterating early when exceeded (0: no budget)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  std::string timing = "iteration";
  cli.add_option("--timing", timing,
                 "iteration: time each iteration (OMB 7; mean and p50/p90/p99); loop: time the "
                 "whole loop (OMB <= 6, IMB; point-to-point kernels, no percentiles)")
      ->check(CLI::IsMember({"iteration", "loop"}))
      ->capture_default_str();
  std::string method = "osu";
  cli.add_option("--method", method,
                 "osu: the OSU Micro-Benchmarks' loop; imb: the Intel MPI Benchmarks' (repetitions "
                 "by volume, t_min/t_avg/t_max over ranks; latency and blocking collectives)")
      ->check(CLI::IsMember({"osu", "imb"}))
      ->capture_default_str();
  cli.add_flag("-c,--validate", o.validate,
               "fill buffers with a rank/iteration/size pattern and check every received byte");
  cli.add_flag("--inject-error-for-test", o.inject_error,
               "test hook: rank 1 alters one received byte before checking it (needs --validate)")
      ->group("");  // hidden from --help
  cli.add_option("--json", o.json_path, "write the results as JSON to this file (rank 0)");
  app::parse_or_exit(cli, argc, argv);

  o.timing = timing == "loop" ? Timing::loop : Timing::iteration;
  o.method = method == "imb" ? Method::imb : Method::osu;
  result.entry = find_kernel(o.kernel);
  const KernelInfo &info = result.entry->info;
  o.sweep = osu_defaults(info.family);
  o.sweep.large_threshold = threshold;
  o.sweep.min_size = *min_opt ? min_size : 1;
  o.sweep.max_size = *max_opt ? max_size : (info.point_to_point ? (4U << 20) : (1U << 20));
  if (*it_opt) o.sweep.small.iterations = o.sweep.large.iterations = iters;
  if (*itl_opt) o.sweep.large.iterations = iters_large;
  if (*wu_opt) o.sweep.small.warmup = o.sweep.large.warmup = warmup;
  if (*wul_opt) o.sweep.large.warmup = warmup_large;

  if (const std::string why = rank_problem(info, ranks); !why.empty()) app::refuse(kProgram, why);
  if (const std::string why = timing_problem(info, o); !why.empty()) app::refuse(kProgram, why);
  if (o.method == Method::imb) {
    const bool counts_given = *it_opt || *itl_opt || *wu_opt || *wul_opt;
    if (const std::string why = imb_problem(info, o, counts_given); !why.empty()) {
      app::refuse(kProgram, why);
    }
  }
  if (info.family != Family::barrier) {
    const std::string why = size_problem(info, o, ranks, o.window);
    if (!why.empty()) app::refuse(kProgram, why);
  }
  // Checked here, on rank 0 only; every rank learns the verdict from the MPI_Allreduce that
  // counts the nodes (main.cpp), so that the check adds no MPI call before the sweep (issue 10).
  if (!o.json_path.empty() && app::world_rank() == 0) {
    if (const std::string why = base::check_writable(o.json_path); !why.empty()) {
      result.json_problem = "--json: " + why;
    }
  }
  return result;
}

}  // namespace hpcpat::kernels
