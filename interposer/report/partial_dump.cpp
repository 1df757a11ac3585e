#include "partial_dump.hpp"

#include <cerrno>
#include <cstring>
#include <initializer_list>

#include "timer.hpp"
#include "diag.hpp"
#include "fixed_json.hpp"
#include "hpcpat/base/atomic_file.hpp"
#include "hpcpat/contract.h"
#include "metadata.hpp"
#include "run_context.hpp"

namespace hpcpat::pmpi::report {

namespace {

// Calls with count > 0, heaviest first (insertion sort on a fixed array: no allocation).
int sorted_calls(const RankWireRecord &rec, int (&order)[kNumCalls]) noexcept {
  int n = 0;
  for (int c = 0; c < kNumCalls; ++c) {
    if (rec.calls[c].count == 0) continue;
    int i = n++;
    while (i > 0 && rec.calls[order[i - 1]].time_s < rec.calls[c].time_s) {
      order[i] = order[i - 1];
      --i;
    }
    order[i] = c;
  }
  return n;
}

void write_run(FixedJson &j, const RunContext &ctx, const RankWireRecord &rec, const ExitInfo &exit) {
  j.key("run");
  j.begin_object();
  j.members(ctx.run_members.c_str());
  j.key("nodes"), j.null();
  j.key("ranks_per_node"), j.null();
  j.key("threads");
  j.begin_object();
  j.key("level"), j.string(thread_level_name(ctx.thread_level));
  j.key("max_per_rank"),
      j.uint(rec.registered_threads > rec.threads ? rec.registered_threads : rec.threads);
  j.end_object();
  j.key("hosts");
  j.begin_array();
  j.begin_object();
  j.key("name"), j.string(rec.host);
  j.key("ranks"), j.begin_array(), j.sint(ctx.rank), j.end_array();
  j.end_object();
  j.end_array();
  j.key("wall_s"), j.number(rec.app_s);
  j.key("exit");
  j.begin_object();
  j.key("status"), j.string(exit.status);
  j.key("code");
  if (exit.has_code)
    j.sint(exit.code);
  else
    j.null();
  j.key("signal");
  if (exit.signal > 0)
    j.sint(exit.signal);
  else
    j.null();
  j.end_object();
  j.end_object();
}

// {"<stat>": value, ..., "<spread>": 0}: over a single rank, every statistic is that rank's value.
void write_one_sample(FixedJson &j, const char *key, std::initializer_list<const char *> stats,
                      const char *spread, double value) noexcept {
  j.key(key);
  j.begin_object();
  for (const char *k : stats) j.key(k), j.number(value);
  j.key(spread), j.number(0.0);
  j.end_object();
}

void write_summary(FixedJson &j, const RankWireRecord &rec) {
  j.key("summary");
  j.begin_object();
  write_one_sample(j, "mpi_fraction", {"min", "median", "mean", "max"}, "stdev", rec.fraction);
  j.key("app_time_s"), j.number(rec.app_s);
  j.key("mpi_time_s"), j.number(rec.mpi_s);
  j.key("categories");
  j.begin_object();
  for (int k = 0; k < kNumCategories; ++k) {
    j.key(category_name(static_cast<Category>(k)));
    j.number(rec.mpi_s > 0 ? rec.category_s[k] / rec.mpi_s : 0.0);
  }
  j.end_object();
  j.key("imbalance"), j.number(1.0);
  j.end_object();
}

void write_calls(FixedJson &j, const RankSnapshot &snap, const RankWireRecord &rec,
                 double seconds_per_tick) {
  int order[kNumCalls];
  const int n = sorted_calls(rec, order);
  j.key("calls");
  j.begin_array();
  for (int i = 0; i < n; ++i) {
    const int c = order[i];
    const CallRow &row = rec.calls[c];
    j.begin_object();
    j.key("name"), j.string(kCalls[c].name);
    j.key("category"), j.string(category_name(kCalls[c].category));
    j.key("count"), j.uint(row.count);
    write_one_sample(j, "time_s", {"sum", "min", "max", "mean"}, "cov", row.time_s);
    j.key("bytes"), j.uint(row.bytes);
    j.key("histogram");
    j.begin_array();
    for (int b = 0; b < kSizeBins; ++b) {
      const SizeBin &bin = snap.calls[c].bins[b];
      if (bin.count == 0) continue;
      j.begin_object();
      j.key("bin"), j.sint(b);
      j.key("lo"), j.uint(bin_lo(b));
      j.key("hi"), j.uint(bin_hi(b));
      j.key("count"), j.uint(bin.count);
      j.key("time_s"), j.number(static_cast<double>(bin.ticks) * seconds_per_tick);
      j.key("bytes"), j.uint(bin.bytes);
      j.end_object();
    }
    j.end_array();
    j.end_object();
  }
  j.end_array();

  j.key("ranks");
  j.begin_array();
  j.begin_object();
  j.key("rank"), j.sint(context().rank);
  j.key("host"), j.string(rec.host);
  j.key("app_time_s"), j.number(rec.app_s);
  j.key("mpi_time_s"), j.number(rec.mpi_s);
  j.key("mpi_fraction"), j.number(rec.fraction);
  j.key("interposer_time_s"), j.number(rec.interposer_s);
  j.key("max_rss_bytes"), j.uint(rec.max_rss_bytes);
  j.key("calls");
  j.begin_object();
  for (int i = 0; i < n; ++i) {
    const CallRow &row = rec.calls[order[i]];
    j.key(kCalls[order[i]].name);
    j.begin_object();
    j.key("count"), j.uint(row.count);
    j.key("time_s"), j.number(row.time_s);
    j.key("bytes"), j.uint(row.bytes);
    j.end_object();
  }
  j.end_object();
  j.end_object();
  j.end_array();
}

void write_matrix_regions_notes(FixedJson &j, const RunContext &ctx, const RankSnapshot &snap,
                                const RankWireRecord &rec) {
  j.key("comm_matrix");
  j.begin_object();
  j.key("entries");
  j.begin_array();
  for (std::uint32_t i = 0; i < snap.num_peers; ++i) {
    j.begin_array();
    j.sint(ctx.rank);
    j.sint(snap.peers[i].world_rank);
    j.uint(snap.peers[i].messages);
    j.uint(snap.peers[i].bytes);
    j.end_array();
  }
  j.end_array();
  j.key("cap"), j.uint(ctx.matrix_cap);
  j.key("truncated"), j.boolean(snap.dropped_messages > 0);
  j.key("dropped_messages"), j.uint(snap.dropped_messages);
  j.key("dropped_bytes"), j.uint(snap.dropped_bytes);
  j.end_object();

  j.key("regions");
  j.begin_array();
  for (std::uint64_t i = 0; i < rec.num_regions; ++i) {
    const RegionRow &r = rec.regions[i];
    j.begin_object();
    j.key("name"), j.string(r.name);
    j.key("ranks"), j.uint(1);
    j.key("count"), j.uint(r.count);
    j.key("time_s"), j.number(r.time_s);
    j.key("mpi_time_s"), j.number(r.mpi_time_s);
    j.end_object();
  }
  j.end_array();

  j.key("notes");
  j.begin_array();
  j.members(ctx.notes_members.c_str());
  j.string(
      "partial dump of one rank: the run ended before MPI_Finalize; calls in flight at that "
      "moment may be missing, regions still open are not counted");
  if (rec.dropped_regions > 0) j.string("region slots were full: some region calls not recorded");
  if (rec.threads_overflowed > 0) {
    j.string("threads beyond HPCPAT_MAX_THREADS shared one table: counted, not told apart");
  }
  if (rec.untracked_requests > 0) {
    j.string("some requests could not be followed (bounded request set full): bytes missing");
  }
  j.end_array();
}

}  // namespace

unsigned long partial_dump_capacity(unsigned long fragments_size,
                                    unsigned long peer_cells) noexcept {
  // Worst cases per item, generous: a call with all bins used, a matrix row, an escaped region.
  const unsigned long per_call = 400 + kSizeBins * 160UL + 160;
  const unsigned long per_peer = 90;
  const unsigned long per_region = kRegionNameMax * 6UL + 160;
  return 8192 + fragments_size + kNumCalls * per_call + peer_cells * per_peer +
         kMaxMergedRegions * per_region + kHostMax * 12UL;
}

bool write_partial_dump(const ExitInfo &exit) noexcept {
  RunContext &ctx = context();
  const Phase p = phase();
  if (p != Phase::running && p != Phase::finalizing) return false;
  if (!ctx.fault_snapshot || !ctx.fault_record || !ctx.fault_buffer) return false;
  if (ctx.fault_dump_taken.exchange(true)) return false;

  RankSnapshot &snap = *ctx.fault_snapshot;
  RankWireRecord &rec = *ctx.fault_record;
  const Ticks end = now();
  take_snapshot(snap);
  // Calibration over the span so far (clock_gettime only; may spin until 20 ms after MPI_Init).
  const double spt = seconds_per_tick();
  const double app_s = static_cast<double>(end - ctx.init_ticks) * spt;
  fill_record(snap, app_s, spt, ctx.host, rec);

  FixedJson j(ctx.fault_buffer.get(), ctx.fault_buffer_size);
  j.begin_object();
  j.key("schema"), j.string(contract::kProfileSchemaId);
  j.key("complete"), j.boolean(false);
  write_run(j, ctx, rec, exit);
  write_summary(j, rec);
  write_calls(j, snap, rec, spt);
  write_matrix_regions_notes(j, ctx, snap, rec);
  j.end_object();
  if (!j.ok()) {
    warn_raw("partial profile did not fit its preallocated buffer; not written");
    return false;
  }
  const base::WriteStatus written = base::write_file_atomically(
      ctx.partial_path.c_str(), j.data(), j.size(), base::Durability::kill_safe, ctx.replace);
  if (!written.ok()) {
    warn_raw(written.error == EEXIST
                 ? "partial profile not written: a file of that name exists (HPCPAT_OVERWRITE=0, "
                   "or it is not a regular file)"
                 : "could not write the partial profile (open/write/rename failed)");
    return false;
  }
  return true;
}

}  // namespace hpcpat::pmpi::report
