// A tiny Google Benchmark program whose work is known by construction, for check_gbench.py:
// BM_Spin/N does N × --work=K rounds of a dependent integer recurrence per iteration, so a file
// made with --work=10 takes about ten times as long per benchmark as one made with --work=1.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace {

long work_factor = 1;

void BM_Spin(benchmark::State &state) {
  const std::int64_t rounds = state.range(0) * work_factor;
  std::uint64_t x = 1;
  for (auto _ : state) {
    for (std::int64_t i = 0; i < rounds; ++i)
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    benchmark::DoNotOptimize(x);
  }
  // Items are the nominal rounds (range(0)): more work per item lowers the rate.
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Spin)->Arg(20000)->Arg(40000);

}  // namespace

int main(int argc, char **argv) {
  // Our one flag, taken out before Google Benchmark reads the rest.
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--work=", 7) == 0) {
      work_factor = std::strtol(argv[i] + 7, nullptr, 10);
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
