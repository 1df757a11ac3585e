// The store's runner calls, one per invocation, so that a script can play the study runner
// around real launches (check_results.py):
//   store_tool begin RESULTS STUDY SPEC_FILE RUN...   start_study (resume), the plan's run names
//   store_tool dir RESULTS STUDY RUN                  run_dir; prints the folder
//   store_tool finish RESULTS RECORD_FILE             finish_run of a record read from a file;
//                                                     prints each note on stderr
// Exit 0, or 2 with one message on stderr.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "hpcpat/base/text_file.hpp"
#include "hpcpat/store/store.hpp"

int main(int argc, char **argv) {
  using namespace hpcpat::store;
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() >= 4 && args[0] == "begin") {
      Store s(args[1]);
      const std::vector<std::string> runs(args.begin() + 4, args.end());
      for (const std::string &note :
           s.start_study(args[2], hpcpat::read_text_file(args[3]), runs, true)) {
        std::fprintf(stderr, "%s\n", note.c_str());
      }
      return 0;
    }
    if (args.size() == 4 && args[0] == "dir") {
      Store s(args[1], Store::Mode::existing);
      std::printf("%s\n", s.run_dir(args[2], args[3]).c_str());
      return 0;
    }
    if (args.size() == 3 && args[0] == "finish") {
      Store s(args[1], Store::Mode::existing);
      const RunRecord record = read_record(args[2]);
      for (const std::string &note : s.finish_run(record)) std::fprintf(stderr, "%s\n", note.c_str());
      return 0;
    }
  } catch (const std::exception &e) {
    std::fprintf(stderr, "store_tool: %s\n", e.what());
    return 2;
  }
  std::fprintf(stderr, "usage: store_tool begin|dir|finish ... (see store_tool.cpp)\n");
  return 2;
}
