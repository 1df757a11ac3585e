// The index row of one run: the record's facts and the figures its profile and summary give.
#include "row_facts.hpp"

#include <algorithm>
#include <exception>

#include "hpcpat/base/text_file.hpp"
#include "hpcpat/json/json_node.hpp"
#include "hpcpat/profile/profile_reader.hpp"
#include "hpcpat/profile/rank_totals.hpp"

namespace hpcpat::store {
namespace {

constexpr std::uint64_t kMaxSummaryBytes = std::uint64_t{16} << 20;

// The median of the ranks' MPI fractions (the mean of the middle two for an even count).
double median_fraction(const profile::Profile &p) {
  std::vector<double> f;
  f.reserve(p.ranks.size());
  for (const profile::RankEntry &r : p.ranks) f.push_back(r.mpi_fraction);
  std::sort(f.begin(), f.end());
  const std::size_t n = f.size();
  return n % 2 == 1 ? f[n / 2] : (f[n / 2 - 1] + f[n / 2]) / 2;
}

void read_profile_facts(const std::filesystem::path &file, RunRecord &record) {
  const profile::Profile p = profile::read_profile(file);
  record.figures.mpi_fraction_median = median_fraction(p);
  record.figures.mpi_fraction_max = profile::rank_totals(p).worst->mpi_fraction;
  if (!p.calls.empty()) record.figures.top_call = p.calls.front().name;  // by time, descending
  if (record.hosts.empty()) {
    for (const profile::HostEntry &h : p.run.hosts) record.hosts.push_back(h.name);
  }
  if (record.mpi_library.empty()) record.mpi_library = p.run.mpi_library;
  if (record.container_image.empty() && p.run.container) {
    record.container_image = p.run.container->image;
    record.container_variant = p.run.container->variant.value_or("");
  }
}

double read_figure(const std::filesystem::path &file, const std::string &figure) {
  const std::string text = read_text_file(file, kMaxSummaryBytes);
  const nlohmann::json doc = parse_json_text(text, file.string());
  return JsonNode(doc, file.string()).member("figures").member(figure).number();
}

}  // namespace

std::vector<std::string> derive_from_files(RunRecord &record,
                                           const std::filesystem::path &run_dir) {
  std::vector<std::string> problems;
  record.figures = {};
  const auto collect = [&problems](const auto &read) {
    try {
      read();
    } catch (const std::exception &e) {  // InputError names file and field; others the file
      problems.push_back(e.what());
    }
  };
  if (!record.files.profile.empty()) {
    collect([&] { read_profile_facts(run_dir / record.files.profile, record); });
  }
  // A run that failed, crashed or timed out often leaves no summary: only an ok run must.
  if (!record.figure_of_merit.empty() && !record.files.summary.empty()) {
    collect([&] {
      record.figures.figure_of_merit =
          read_figure(run_dir / record.files.summary, record.figure_of_merit);
    });
  } else if (!record.figure_of_merit.empty() && record.status == RunStatus::ok) {
    problems.push_back((run_dir / kRecordFile).string() + ": field 'figure_of_merit' names '" +
                       record.figure_of_merit +
                       "' but field 'files.summary' is null; expected a summary file");
  }
  return problems;
}

IndexRow index_row(const RunRecord &r) {
  IndexRow row;
  row.study = r.study;
  row.run = r.run;
  row.case_name = r.case_name;
  row.app = r.app;
  row.parameters = r.parameters.is_object() ? r.parameters.dump() : "{}";
  row.nodes = r.nodes;
  row.ranks = r.ranks;
  row.ranks_per_node = r.ranks_per_node;
  row.threads = r.threads;
  row.repeat = r.repeat;
  row.launcher = r.launcher;
  row.status = status_name(r.status);
  row.cause = r.cause;
  row.exit_code = r.exit_code;
  if (r.signal) row.signal = *r.signal;
  row.wall_s = r.wall_s;
  row.mpi_fraction_median = r.figures.mpi_fraction_median;
  row.mpi_fraction_max = r.figures.mpi_fraction_max;
  row.top_call = r.figures.top_call;
  row.fom_name = r.figure_of_merit;
  row.fom_value = r.figures.figure_of_merit;
  for (const std::string &h : r.hosts) row.hosts += (row.hosts.empty() ? "" : ",") + h;
  row.mpi_library = r.mpi_library;
  row.container = r.container_image.empty()
                      ? ""
                      : r.container_image +
                            (r.container_variant.empty() ? "" : " (" + r.container_variant + ")");
  row.hpcpat_version = r.hpcpat_version;
  row.git_sha = r.git_sha;
  row.started_at = r.start.utc;
  row.started_epoch_s = r.start.epoch_s;
  row.ended_at = r.end.utc;
  row.ended_epoch_s = r.end.epoch_s;
  return row;
}

}  // namespace hpcpat::store
