// The results store: RESULTS/<study>/<run>/ folders (the truth) and RESULTS/hpcpat.db (an SQLite
// index of them, rebuilt by reindex() at any time; deleting it is always safe).
//
//   RESULTS/hpcpat.db                  the index (WAL: hpcpat.db-wal and -shm beside it)
//   RESULTS/<study>/study.yaml         the spec as given
//   RESULTS/<study>/study.json         its SHA-256 and the plan's run names
//   RESULTS/<study>/ensemble-plan.json the ensemble a validation study ran (keep_ensemble_plan)
//   RESULTS/<study>/<run>/record.json  written last: the run is complete (run_record.hpp)
//   RESULTS/<study>/<run>/profile.json, summary.json, stdout, stderr, launcher/
//   RESULTS/<study>/<run>/patterns.json    its pattern labels, once classified (put_patterns)
//
// What the study runner calls, in order:
//   Store store(results_dir);                        // opens or creates
//   store.start_study(name, spec_text, run_names, resume);
//   for each run of the plan:
//     if (resume && store.is_complete(name, run)) continue;
//     std::filesystem::path dir = store.run_dir(name, run);   // before launching
//     ... launch with the profile at dir/"profile.json", stdout/stderr into dir ...
//     for (const std::string &note : store.finish_run(record))  // record.json, then the row
//       print "hpcpat: " + note;                     // the run is kept whatever the notes say
//
// The runner fills the RunRecord (run_record.hpp) except `figures`, which finish_run reads from
// the files the record names; hosts, MPI library and container may be left empty likewise.
//
// Names (study and run) are checked here as well as in the spec: 1-128 bytes of
// [A-Za-z0-9._+=,@-], no leading '.' or '-', no "..", no '/', none of the store's own file names;
// and every folder the store creates must resolve (symlinks followed) to a place under RESULTS.
// A name that fails is an InputError (exit 2), raised before anything is written.
// Every file is written with core/base's atomic writer. Several processes may share one store:
// index writes are transactions, waiting (busy timeout) for each other.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hpcpat/store/index_row.hpp"
#include "hpcpat/store/run_record.hpp"

namespace hpcpat::store {

inline constexpr std::string_view kIndexFile = "hpcpat.db";
inline constexpr std::string_view kStudySpecFile = "study.yaml";
inline constexpr std::string_view kStudyPlanFile = "study.json";
inline constexpr std::string_view kPatternsFile = "patterns.json";
inline constexpr std::string_view kEnsemblePlanFile = "ensemble-plan.json";

// A run folder without record.json (resume redoes it; `hpcpat results` shows it as interrupted).
struct InterruptedRun {
  std::string study, run;
};

struct ReindexReport {
  std::size_t studies = 0, runs = 0, interrupted = 0;
  // One line per file that could not be read, naming the file and the field. A run whose
  // record.json is unreadable is left out of the index; one whose profile or summary is
  // unreadable is indexed without the figures they give.
  std::vector<std::string> problems;
};

class IndexDb;

class Store {
 public:
  enum class Mode {
    create,    // makes the folder (not its parents) when missing
    existing,  // InputError when `dir` is not a folder
    rebuild,   // as existing, and a damaged index is deleted and made anew (for reindex)
  };
  // Opens the store at `dir`. The index is created (or migrated) here; a damaged index throws
  // InputError with the reindex hint (except under Mode::rebuild).
  explicit Store(std::filesystem::path dir, Mode mode = Mode::create);
  ~Store();
  Store(Store &&) noexcept;
  Store &operator=(Store &&) noexcept;

  const std::filesystem::path &dir() const { return dir_; }

  // Makes RESULTS/<study>/ with study.yaml (spec_text verbatim) and study.json (its SHA-256 and
  // run_names), and the studies row. A study of that name already started with a different spec
  // is refused (InputError naming both hashes); with the same spec it is refused unless `resume`.
  // Returns notes (why the index lags), as finish_run does.
  std::vector<std::string> start_study(const std::string &study, std::string_view spec_text,
                   const std::vector<std::string> &run_names, bool resume);

  // Creates RESULTS/<study>/<run>/ and returns it (absolute). A leftover folder of an interrupted
  // run is emptied first; a complete run is refused (std::logic_error: the runner should have
  // asked is_complete). The study must have been started.
  std::filesystem::path run_dir(const std::string &study, const std::string &run);

  // Whether RESULTS/<study>/<run>/record.json exists (a complete run, whatever its status).
  bool is_complete(const std::string &study, const std::string &run) const;

  // Fills hosts, mpi_library and container from the run's profile when the record leaves them
  // empty, writes record.json atomically (the run is now complete), then upserts its index row in
  // one transaction. Throws when record.json cannot be written (InputError for bad names,
  // std::logic_error when run_dir() was not called). Returns notes, one line each: a file the
  // record names that could not be read (the run is indexed without its figures), or why the
  // index lags (the record is kept; reindex mends it). Empty: all well.
  std::vector<std::string> finish_run(const RunRecord &record);

  // Keeps a complete run's pattern classification (`hpcpat patterns STUDY`): writes `patterns`
  // as RESULTS/<study>/<run>/patterns.json atomically, replacing an earlier one, then sets the
  // run's `labels` in the index ("label:confidence,...", by confidence). `patterns` must hold
  // "labels": [{"label": text, "confidence": number}, ...] (InputError otherwise, as for a run
  // that is not complete). Returns notes, as finish_run does: the file is kept when the index lags.
  std::vector<std::string> put_patterns(const std::string &study, const std::string &run,
                                        const nlohmann::json &patterns);

  // Keeps the plan.json of the ensemble a study validates (`hpcpat synth --validate`) as
  // RESULTS/<study>/ensemble-plan.json, atomically, replacing an earlier one; the study must have
  // been started. ensemble_plan reads it back (none: the study validates no ensemble).
  void keep_ensemble_plan(const std::string &study, const std::string &plan_text);
  std::optional<std::string> ensemble_plan(const std::string &study) const;

  // Rebuilds the whole index from the folders in one transaction, holding the write lock from
  // before the scan so that runs finished meanwhile are never lost.
  ReindexReport reindex();

  // Queries for `hpcpat results`.
  std::vector<IndexRow> rows(const Query &query) const;
  // Folders without record.json, found by scanning (none when query.app is set: their app is
  // not known).
  std::vector<InterruptedRun> interrupted(const Query &query) const;
  std::filesystem::path run_path(const std::string &study, const std::string &run) const;

 private:
  std::filesystem::path dir_;
  std::unique_ptr<IndexDb> db_;
};

}  // namespace hpcpat::store
