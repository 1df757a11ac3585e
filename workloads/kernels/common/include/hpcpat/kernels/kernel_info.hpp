// What the reporting code needs to know about a kernel: its family (which figures it has and how
// the table looks), how ranks take part, and the OSU defaults of its iteration plan.
#pragma once

#include <string_view>

#include "hpcpat/kernels/sweep.hpp"

namespace hpcpat::kernels {

enum class Family {
  latency,        // ping-pong between 2 ranks: one-way latency
  multi_latency,  // ping-pong between n/2 pairs at once
  bandwidth,      // window of nonblocking sends, 2 ranks (uni- or bidirectional)
  message_rate,   // window of nonblocking sends between n/2 pairs: MB/s and messages/s
  collective,     // one collective per iteration, barrier between iterations
  barrier,        // MPI_Barrier alone: no message size
  halo,           // 3D halo exchange, 6 faces
  overlap,        // nonblocking collective overlapped with compute
};

enum class RankRule {
  exactly_two,   // OSU's osu_latency/osu_bw/osu_bibw: "exactly two processes"
  even,          // OSU's osu_multi_lat/osu_mbw_mr: pairs (i, i + n/2)
  at_least_two,  // collectives, halo, overlap
};

struct KernelInfo {
  std::string_view name;
  Family family;
  RankRule ranks;
  std::string_view description;  // title of the OSU-like table
  std::size_t min_element = 1;   // smallest size that forms one element (4 for float reductions)
  bool point_to_point = false;   // default sizes up to 4 MiB instead of 1 MiB
  // Bytes a reporting rank sends per timed iteration, in units of the message size (times the
  // window when per_window): bandwidth figures divide this by the iteration time.
  double sent_per_iteration = 0;
  bool per_window = false;
};

// OSU Micro-Benchmarks defaults (osu_util.h: LAT_/BW_/COLL_ LOOP and SKIP, SMALL and LARGE):
// iterations and warm-up for sizes <= 8 KiB (LARGE_MESSAGE_SIZE) and above.
inline SweepConfig osu_defaults(Family family) {
  SweepConfig c;
  switch (family) {
    case Family::latency:
    case Family::multi_latency:
      c.small = {100, 10000};
      c.large = {10, 1000};
      break;
    case Family::bandwidth:
    case Family::message_rate:
      c.small = {10, 100};
      c.large = {2, 20};
      break;
    case Family::collective:
    case Family::barrier:
    case Family::halo:
    case Family::overlap:
      c.small = {100, 1000};
      c.large = {10, 100};
      break;
  }
  return c;
}

}  // namespace hpcpat::kernels
