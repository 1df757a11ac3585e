// The time to read and expand a 10,000-run study (issue 12 goal: < 1 s), from the YAML text in
// memory (parse_study) and from a file (load_study), each followed by expand().
//
// Timer: std::chrono::steady_clock (CLOCK_MONOTONIC through the vDSO), around the whole
// parse + expand of one plan; REPS repetitions, median and min printed. The spec is built here:
// 4 built-in apps and 1 command, each 100 parameter combinations (10 x 10, one case with a zip)
// x 5 node counts x 4 repeats = 2,000 runs per case, 10,000 in all (checked before timing).
//
//   bench/study/study_plan_expand [REPS]        (build: cmake --build B --target study_plan_expand)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "hpcpat/study/plan.hpp"

namespace {

std::string values(int first, int step) {
  std::string s = "[";
  for (int i = 0; i < 10; ++i) s += (i ? ", " : "") + std::to_string(first + i * step);
  return s + "]";
}

std::string spec_text() {
  std::string s =
      "name: bench\nnodes: [1, 2, 4, 8, 16]\nranks_per_node: 4\nrepeats: 4\n"
      "env: {OMP_PROC_BIND: close}\ntags: {purpose: bench}\ncases:\n";
  s += "  - {name: md, app: minimd, parameters: {size: " + values(4, 2) +
       ", steps: " + values(10, 10) + "}}\n";
  s += "  - {name: st, app: stencil, parameters: {n: " + values(32, 8) +
       ", iters: " + values(10, 10) + "}}\n";
  s += "  - {name: cg, app: cg, parameters: {global: " + values(16, 8) +
       ", iters: " + values(10, 10) + ", fixed_iters: true}}\n";
  s += "  - {name: ff, app: fft, parameters: {nx: " + values(16, 16) + ", ny: " + values(16, 16) +
       ", iters: " + values(1, 1) + "}, zip: [[nx, ny]]}\n";
  s += "  - {name: lj, command: [lmp, -in, in.lj, -var, x, \"${x}\", -var, s, \"${s}\"], "
       "parameters: {x: " +
       values(1, 1) + ", s: " + values(100, 100) + "}}\n";
  return s;
}

template <typename F>
std::vector<double> time_reps(int reps, F &&f) {
  std::vector<double> ms;
  for (int i = 0; i < reps; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms;
}

}  // namespace

int main(int argc, char **argv) {
  const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 11;
  const std::string text = spec_text();
  const hpcpat::study::Plan check =
      hpcpat::study::expand(hpcpat::study::parse_study(text, "bench"));
  if (check.runs.size() != 10000) {
    std::fprintf(stderr, "expected 10000 runs, the spec expands to %zu\n", check.runs.size());
    return 1;
  }
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("hpcpat-bench-study-" + std::to_string(getpid()) + ".yaml");
  std::ofstream(file) << text;
  std::size_t sink = 0;
  const auto mem = time_reps(reps, [&] {
    sink += hpcpat::study::expand(hpcpat::study::parse_study(text, "bench")).runs.size();
  });
  const auto disk = time_reps(
      reps, [&] { sink += hpcpat::study::expand(hpcpat::study::load_study(file)).runs.size(); });
  std::filesystem::remove(file);
  std::printf("study plan: 10000 runs, %zu bytes of YAML, %d repetitions, timer steady_clock\n",
              text.size(), reps);
  std::printf("  parse_study + expand: median %.1f ms, min %.1f ms\n", mem[mem.size() / 2],
              mem.front());
  std::printf("  load_study + expand:  median %.1f ms, min %.1f ms\n", disk[disk.size() / 2],
              disk.front());
  std::printf("  goal < 1000 ms: %s\n", disk[disk.size() / 2] < 1000 ? "met" : "NOT met");
  return sink == 0 ? 1 : 0;
}
