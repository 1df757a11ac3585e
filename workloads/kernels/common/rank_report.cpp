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

std::vector<RankRecord> exchange_rank_records(KernelContext &ctx, const Placement &placement,
                                              double wall_s) {
  static_assert(std::is_trivially_copyable_v<RankRecord>);
  // Counted before it happens: the record must already include the call that carries it.
  ctx.ledger.add(Routine::allgather, 1, sizeof(RankRecord));

  RankRecord mine{};
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
  std::vector<RankRecord> all(static_cast<std::size_t>(ctx.ranks));
  MPI_Allgather(&mine, sizeof(RankRecord), MPI_BYTE, all.data(), sizeof(RankRecord), MPI_BYTE,
                ctx.comm);
  return all;
}

}  // namespace hpcpat::kernels
