// Rebuilding the index from the folders (Store::reindex) and the folder scan behind
// Store::interrupted. One transaction holds the write lock from before the scan to the commit:
// a run finished meanwhile by another process writes its record.json and then waits for the
// lock, so its row is either seen by the scan or upserted after the commit; never lost.
#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <system_error>
#include <thread>

#include "hpcpat/base/display_command.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/store/store.hpp"
#include "index_db.hpp"
#include "patterns_file.hpp"
#include "row_facts.hpp"
#include "store_files.hpp"
#include "store_names.hpp"

namespace hpcpat::store {

namespace fs = std::filesystem;

namespace {

// The sub-folders of `dir` in name order; entries that are not plain folders (files, symbolic
// links) are skipped, and folders whose name no study or run could have are reported.
std::vector<std::string> folders(const fs::path &dir, std::vector<std::string> *problems) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory(ec) || it->is_symlink(ec)) continue;
    std::string name = it->path().filename().string();
    if (std::string why = name_problem(name); !why.empty()) {
      if (problems) {
        problems->push_back(printable(it->path().string()) + ": not a study or run folder (" +
                            why + "); skipped");
      }
      continue;
    }
    names.push_back(std::move(name));
  }
  if (ec && problems) problems->push_back(dir.string() + ": cannot list: " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

bool has_record(const fs::path &run_dir) {
  std::error_code ec;
  return fs::is_regular_file(fs::symlink_status(run_dir / kRecordFile, ec));
}

// One complete run's row, or why its record cannot be used.
struct RunRead {
  std::string study, run;
  std::optional<IndexRow> row;
  std::string problem;
};

void read_run(const fs::path &results, RunRead &job) {
  const fs::path file = results / job.study / job.run / kRecordFile;
  try {
    const RunRecord record = read_record(file);
    if (record.study != job.study || record.run != job.run) {
      const bool study = record.study != job.study;
      throw InputError(file.string() + ": field '" + (study ? "study" : "run") + "': expected '" +
                       (study ? job.study : job.run) + "' (the folder's name), found '" +
                       (study ? record.study : record.run) + "'");
    }
    job.row = index_row(record);
  } catch (const std::exception &e) {
    job.problem = e.what();
    return;
  }
  try {  // a damaged patterns.json leaves the run indexed without labels, and says so
    job.row->labels = read_labels(results / job.study / job.run);
  } catch (const std::exception &e) {
    job.problem = e.what();
  }
}

// Reads the records on a few threads (parsing JSON is most of a reindex's time); the rows then
// go into the index in folder order, on this thread.
void read_runs(const fs::path &results, std::vector<RunRead> &jobs) {
  const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < jobs.size(); i = next++) read_run(results, jobs[i]);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && jobs.size() > 64; ++t) pool.emplace_back(work);
  work();
  for (std::thread &t : pool) t.join();
}

}  // namespace

ReindexReport Store::reindex() {
  ReindexReport report;
  try {
    Transaction t(db_->handle());
    db_->clear();
    std::vector<RunRead> jobs;
    for (const std::string &study : folders(dir_, &report.problems)) {
      const fs::path study_dir = dir_ / study;
      ++report.studies;
      StudyRow row{study, "", "", 0};
      try {
        row = read_study_plan(study_dir / kStudyPlanFile, study);
      } catch (const InputError &e) {
        report.problems.push_back(e.what());
      }
      db_->put_study(row);
      for (std::string &run : folders(study_dir, &report.problems)) {
        if (has_record(study_dir / run)) {
          jobs.push_back({study, std::move(run), std::nullopt, {}});
        } else {
          ++report.interrupted;
        }
      }
    }
    read_runs(dir_, jobs);
    for (const RunRead &job : jobs) {
      if (job.row) {
        db_->put_run(*job.row);
        ++report.runs;
      }
      if (!job.problem.empty()) report.problems.push_back(job.problem);
    }
    t.commit();
  } catch (const IndexError &e) {
    throw InputError(index_problem(dir_ / kIndexFile, e.what()));
  }
  return report;
}

std::vector<InterruptedRun> Store::interrupted(const Query &query) const {
  std::vector<InterruptedRun> out;
  if (!query.app.empty()) return out;
  for (const std::string &study : folders(dir_, nullptr)) {
    if (!query.study.empty() && study != query.study) continue;
    for (const std::string &run : folders(dir_ / study, nullptr)) {
      if (!has_record(dir_ / study / run)) out.push_back({study, run});
    }
  }
  return out;
}

}  // namespace hpcpat::store
