// Records and run folders built by construction for the store's tests: every field set to a
// value the test knows, profiles copied from tests/unit/analysis/data.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "fixture.hpp"
#include "hpcpat/store/run_record.hpp"
#include "hpcpat/store/store.hpp"

namespace hpcpat::test {

inline store::RunRecord make_record(const std::string &study, const std::string &run,
                                    int ranks, int repeat,
                                    store::RunStatus status = store::RunStatus::ok) {
  store::RunRecord r;
  r.study = study;
  r.run = run;
  r.case_name = "ring-" + std::to_string(ranks);
  r.app = "ring";
  r.parameters = {{"bytes", 1024}, {"mode", "eager"}};
  r.nodes = ranks > 4 ? 2 : 1;
  r.ranks = ranks;
  r.ranks_per_node = ranks / r.nodes;
  r.threads = 1;
  r.repeat = repeat;
  r.launcher = "mpirun";
  r.argv = {"mpirun", "-np", std::to_string(ranks), "ring", "$(touch /tmp/x)"};
  r.env = {{"HPCPAT_OUTPUT", "profile.json"}, {"LD_PRELOAD", "/lib/libhpcpat-pmpi.so"}};
  r.status = status;
  if (status == store::RunStatus::ok) {
    r.exit_code = 0;
  } else if (status == store::RunStatus::crashed) {
    r.signal = 9;
    r.cause = "rank 1 killed by signal 9";
  } else {
    r.exit_code = 3;
    r.cause = "exit status 3";
  }
  r.start = store::time_point(1796600000.25 + repeat);
  r.end = store::time_point(1796600002.75 + repeat);
  r.wall_s = 2.5;
  r.hpcpat_version = "0.1.0";
  r.git_sha = "abcdef012345";
  r.tags = {{"purpose", "test"}};
  r.files.stdout_ = "stdout";
  r.files.stderr_ = "stderr";
  return r;
}

// Gives `r` a run folder holding a copy of the fixture profile `profile_fixture` (and a summary
// with figure "rate" = `rate` when rate > 0), as the runner would before finish_run.
inline std::filesystem::path fill_run(store::Store &s, store::RunRecord &r,
                                      const std::string &profile_fixture, double rate = 0) {
  const std::filesystem::path dir = s.run_dir(r.study, r.run);
  std::ofstream(dir / "stdout") << "out\n";
  std::ofstream(dir / "stderr") << "";
  if (!profile_fixture.empty()) {
    std::filesystem::copy_file(data_file(profile_fixture), dir / "profile.json");
    r.files.profile = "profile.json";
  }
  if (rate > 0) {
    std::ofstream(dir / "summary.json")
        << R"({"app":"ring","figures":{"rate":)" << rate << R"(},"ok":true})" << "\n";
    r.files.summary = "summary.json";
    r.figure_of_merit = "rate";
  }
  return dir;
}

}  // namespace hpcpat::test
