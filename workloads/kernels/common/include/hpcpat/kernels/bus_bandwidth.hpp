// Bus bandwidth with the NCCL-tests convention, so figures compare across collectives and rank
// counts: busbw = algbw * factor, algbw = S / t, where S is the NCCL "size" of the operation.
//
//   allreduce       S = vector bytes                         factor 2(n-1)/n
//   allgather       S = n * per-rank contribution            factor (n-1)/n
//   alltoall        S = n * per-pair block (bytes per rank)  factor (n-1)/n
//   reduce_scatter  S = full vector bytes (before scatter)   factor (n-1)/n
//
// Our tables use OSU's "size" (allgather: per-rank contribution; alltoall: per-pair block;
// reduce_scatter: the full vector), so nccl_size() converts before the factor applies.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace hpcpat::kernels {

enum class BusPattern { allreduce, allgather, alltoall, reduce_scatter };

std::optional<BusPattern> bus_pattern_of(std::string_view kernel);

// The NCCL-tests correction factor for n ranks (n >= 1; 0 when n == 1, as no data crosses).
double bus_factor(BusPattern pattern, int ranks);

// NCCL's S in bytes from OSU's size column.
double nccl_size(BusPattern pattern, std::size_t osu_size, int ranks);

struct Bandwidths {
  double alg_gb_s;  // S / t, in 1e9 bytes per second
  double bus_gb_s;  // alg_gb_s * factor
};

// seconds must be > 0.
Bandwidths bus_bandwidth(BusPattern pattern, std::size_t osu_size, int ranks, double seconds);

}  // namespace hpcpat::kernels
