#include "hpcpat/kernels/rank_report.hpp"

#include <cstring>
#include <type_traits>

namespace hpcpat::kernels {
namespace {

template <std::size_t N>
void copy_text(char (&dst)[N], const std::string &src) {
  const std::size_t n = std::min(src.size(), N - 1);
  std::memcpy(dst, src.data(), n);
  dst[n] = '\0';
}

}  // namespace

std::vector<RankReport> exchange_rank_reports(KernelContext &ctx, const Placement &placement,
                                              double wall_s) {
  static_assert(std::is_trivially_copyable_v<RankReport>);
  // Counted before it happens: the record must already include the call that carries it.
  ctx.ledger.add(Routine::allgather, 1, sizeof(RankReport));

  RankReport mine{};
  copy_text(mine.host, placement.host);
  copy_text(mine.cpuset, placement.cpuset);
  mine.last_cpu = placement.last_cpu;
  mine.bound = placement.bound ? 1 : 0;
  mine.wall_s = wall_s;
  mine.bytes_checked = ctx.validator.bytes_checked();
  mine.mismatches = ctx.validator.mismatches();
  mine.first = ctx.validator.first();
  for (int i = 0; i < kNumRoutines; ++i) {
    mine.calls[i] = ctx.ledger.at(i).calls;
    mine.bytes[i] = ctx.ledger.at(i).bytes;
  }
  std::vector<RankReport> all(static_cast<std::size_t>(ctx.ranks));
  MPI_Allgather(&mine, sizeof(RankReport), MPI_BYTE, all.data(), sizeof(RankReport), MPI_BYTE,
                ctx.comm);
  return all;
}

}  // namespace hpcpat::kernels
