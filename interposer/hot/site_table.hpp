// Call-site tables (mpiP's callsite statistics): the contract between the hot path, which books
// each timed call to the place it was called from (callsites.hpp), and the report, which merges
// and resolves the sites at MPI_Finalize (report/callsites.cpp).
//
// A site is a call (CallId) plus up to HPCPAT_CALLSITES return addresses: pc[0] is the wrapper's
// own return address (the instruction after the application's call), pc[1..] the frames above.
// Each thread owns one fixed-capacity open-addressing table, allocated when the thread registers
// (never on a later call), so the hot path takes no lock and memory is bounded: pairs beyond
// HPCPAT_CALLSITE_CAP go to the table's "other" bucket, never to a new allocation.
#pragma once

#include <cstdint>

namespace hpcpat::pmpi {

inline constexpr int kMaxSiteDepth = 8;  // the CALLSITES maximum in settings.def
inline constexpr std::uint16_t kNoSite = 0xffff;

struct SiteEntry {
  const void *pc[kMaxSiteDepth] = {};  // unused frames stay null
  std::uint16_t call = kNoSite;        // CallId; kNoSite marks an empty slot
  std::uint64_t count = 0;
  std::uint64_t bytes = 0;
  std::uint64_t ticks = 0;             // the same booked time as the call tables
};

struct SiteTable {
  SiteEntry *entries = nullptr;  // capacity slots; null: sites off, or out of memory
  std::uint32_t capacity = 0;    // a power of two >= 2 * limit: probes stay short and end
  std::uint32_t used = 0;
  std::uint32_t limit = 0;       // HPCPAT_CALLSITE_CAP
  // Calls that found no slot (table full, no table, or a thread beyond HPCPAT_MAX_THREADS).
  std::uint64_t other_count = 0;
  std::uint64_t other_bytes = 0;
  std::uint64_t other_ticks = 0;
};

}  // namespace hpcpat::pmpi
