// on_init / on_finalize / on_abort (src/lifecycle.hpp): the report's three moments. Nothing
// escapes: every exception is caught here and turned into one "hpcpat:" line on stderr.
#include "lifecycle.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>

#include "booking.hpp"
#include "callsite_report.hpp"
#include "callsites.hpp"
#include "timer.hpp"
#include "diag.hpp"
#include "env_settings.hpp"
#include "fault_signals.hpp"
#include "gather.hpp"
#include "hpcpat/base/atomic_file.hpp"
#include "hpcpat/base/run_id.hpp"
#include "hpcpat/contract.h"
#include "hpcpat/runinfo/run_env.hpp"
#include "hpcpat/runinfo/run_facts.hpp"
#include "hpcpat/runinfo/run_object.hpp"
#include "metadata.hpp"
#include "partial_dump.hpp"
#include "profile_builder.hpp"
#include "report_config.hpp"
#include "run_context.hpp"

namespace hpcpat::pmpi {

namespace {

using report::context;
using report::Phase;
using report::RunContext;
using report::set_phase;

// What rank 0 decides for everyone at MPI_Init, so that all ranks agree on file names.
struct SharedAtInit {
  char run_id[160];
  long long started_epoch_s;
};

std::string without_braces(const nlohmann::json &object) {
  const std::string s = object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return s.size() >= 2 ? s.substr(1, s.size() - 2) : std::string();
}

// Rank 0's node facts: loading a topology or probing fabrics takes tens of milliseconds, so rank 0
// does it before the broadcast that every rank waits in (all ranks then leave MPI_Init together,
// and no rank's first MPI call waits for our setup). Other ranks' partial dumps say null.
struct NodeFacts {
  nlohmann::json topology = nullptr;
  nlohmann::json fabric = nullptr;
};

void build_static_metadata(RunContext &ctx, const SharedAtInit &shared, NodeFacts facts) {
  std::vector<std::string> &problems = ctx.notes;
  runinfo::RunCommon common;
  common.id = shared.run_id;
  common.command = runinfo::command_line();
  common.ranks = ctx.size;
  common.started_at = runinfo::utc_iso8601(static_cast<std::time_t>(shared.started_epoch_s));
  common.topology = std::move(facts.topology);
  common.fabric = std::move(facts.fabric);
  const std::string app = runinfo::app_name(common.command);
  const char *output_env = std::getenv(contract::kEnvOutput);
  ctx.output_path = report::choose_output_path(output_env, app, common.id);
  ctx.partial_path = report::partial_path(ctx.output_path, ctx.rank);
  ctx.replace = report::overwrite() ? base::Replace::regular_file : base::Replace::never;
  // Checked once, by the rank that writes the profile (a probe file per rank would load a shared
  // file system at scale).
  if (ctx.rank == 0) {
    std::string problem =
        report::output_problem(output_env, ctx.output_path, ctx.size, report::overwrite());
    if (!problem.empty()) problems.push_back(std::move(problem));
  }
  common.tags = runinfo::parse_tags(std::getenv(contract::kEnvTags), problems);
  // The same environment reaches every rank: rank 0 speaks for all of them.
  if (ctx.rank == 0) {
    for (const std::string &p : problems) report::warn("%s", p.c_str());
  }
  nlohmann::json run = runinfo::common_run(std::move(common));
  run["hpcpat"]["features"] = {{"libfabric", report::built_with_libfabric()},
                               {"papi", report::built_with_papi()}};
  run["timer"] = {{"source", timer_source()},
                  {"requested", timer_requested()},
                  {"ns_per_read", ns_per_read()},
                  {"ns_unbooked_per_call", ns_unbooked_per_call()},
                  {"ns_added_per_call", ns_added_per_call()}};
  if (const char *why = timer_fallback_reason(); why != nullptr) ctx.notes.emplace_back(why);
  ctx.run_members = without_braces(run);
  ctx.run_static = std::move(run);
  const nlohmann::json notes = ctx.notes;
  const std::string n = notes.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  ctx.notes_members = n.substr(1, n.size() - 2);
}

void allocate_fault_storage(RunContext &ctx) {
  ctx.fault_snapshot = std::make_unique<report::RankSnapshot>();
  // Default-initialised (no zeroing): these pages stay untouched, so not resident, until a dump.
  ctx.fault_peers.reset(new report::MergedPeer[ctx.matrix_cap]);
  ctx.fault_snapshot->peers = ctx.fault_peers.get();
  ctx.fault_snapshot->peer_capacity = ctx.matrix_cap;
  ctx.fault_record = std::make_unique<report::RankWireRecord>();
  ctx.fault_buffer_size = report::partial_dump_capacity(
      ctx.run_members.size() + ctx.notes_members.size(), ctx.matrix_cap);
  ctx.fault_buffer.reset(new char[ctx.fault_buffer_size]);
}

// Rank 0 picks the run id and start time; errors there must not skip the broadcast (the other
// ranks would wait forever), so they fall back to a plain id.
SharedAtInit decide_on_rank0(RunContext &ctx) noexcept {
  SharedAtInit shared{};
  shared.started_epoch_s = static_cast<long long>(std::time(nullptr));
  try {
    std::vector<std::string> problems;
    const std::string id = runinfo::choose_run_id(std::getenv(contract::kEnvRunId), ctx.host,
                                                  shared.started_epoch_s, ::getpid(),
                                                  base::run_nonce(), problems);
    std::strncpy(shared.run_id, id.c_str(), sizeof shared.run_id - 1);
    ctx.notes.insert(ctx.notes.end(), problems.begin(), problems.end());
  } catch (...) {
    std::strncpy(shared.run_id, "run", sizeof shared.run_id - 1);
  }
  return shared;
}

// A process that leaves without MPI_Finalize (exit() after MPI_Init, or main returning without
// it) still leaves this rank's partial profile, as the fault paths do. glibc's on_exit gives the
// exit status; the hook is a no-op once MPI_Finalize (or a fault dump) has run.
void dump_at_exit(int status, void *) {
  if (report::phase() != Phase::running) return;
  RunContext &ctx = context();
  if (report::write_partial_dump(report::ExitInfo{"exited", true, status, 0})) {
    report::warn("rank %d exited (status %d) without MPI_Finalize: partial profile written to %s",
                 ctx.rank, status, ctx.partial_path.c_str());
  }
  set_phase(Phase::done);
}

void register_exit_hook() noexcept {
  static bool registered = false;
  if (!registered) registered = ::on_exit(dump_at_exit, nullptr) == 0;
}

}  // namespace

void on_init(int provided) noexcept {
  RunContext &ctx = context();
  if (report::phase() != Phase::off || ctx.comm != MPI_COMM_NULL) return;  // Init twice
  if (!report::profiling_enabled()) return;
  try {
    ctx.thread_level = provided;
    ctx.matrix_cap = report::matrix_cap();
    if (PMPI_Comm_dup(MPI_COMM_WORLD, &ctx.comm) != MPI_SUCCESS) {
      ctx.comm = MPI_COMM_NULL;
      report::warn("PMPI_Comm_dup(MPI_COMM_WORLD) failed: no profile for this run");
      return;
    }
    // Our collectives must never take the application down: errors come back as codes.
    PMPI_Comm_set_errhandler(ctx.comm, MPI_ERRORS_RETURN);
    PMPI_Comm_rank(ctx.comm, &ctx.rank);
    PMPI_Comm_size(ctx.comm, &ctx.size);
    int len = 0;
    if (PMPI_Get_processor_name(ctx.host, &len) != MPI_SUCCESS) std::strcpy(ctx.host, "unknown");
    SharedAtInit shared{};
    NodeFacts facts;
    if (ctx.rank == 0) {
      shared = decide_on_rank0(ctx);
      try {
        facts.topology = runinfo::node_topology();
        facts.fabric = runinfo::fabric_providers();
      } catch (...) {  // the broadcast below must happen whatever failed here
      }
    }
    if (PMPI_Bcast(&shared, sizeof shared, MPI_BYTE, 0, ctx.comm) != MPI_SUCCESS) {
      report::warn("PMPI_Bcast on the private communicator failed: no profile for this run");
      return;
    }
    if (ctx.rank != 0) ctx.notes.clear();  // rank 0's run-id notes travel in its profile only
    build_static_metadata(ctx, shared, std::move(facts));
    allocate_fault_storage(ctx);
    report::install_fault_handlers();
    register_exit_hook();
    // Last: the app window starts when MPI_Init returns, not before our own setup. Our setup
    // takes each rank a different time; the barrier lets them all leave MPI_Init together, as
    // they would without us, so that no rank's first synchronising call books our skew.
    PMPI_Barrier(ctx.comm);
    ctx.init_ticks = now();
    timer_mark_window_open();
    set_phase(Phase::running);
  } catch (const std::exception &e) {
    report::warn("profiling disabled for this run: %s", e.what());
  } catch (...) {
    report::warn("profiling disabled for this run: unknown error at MPI_Init");
  }
}

void on_finalize() noexcept {
  const Ticks end = now();  // first: the app window closes when MPI_Finalize is entered
  RunContext &ctx = context();
  if (ctx.comm == MPI_COMM_NULL) return;
  int active = report::phase() == Phase::running ? 1 : 0;
  set_phase(Phase::finalizing);
  std::unique_ptr<report::RankSnapshot> snap;
  std::unique_ptr<report::MergedPeer[]> peers;
  std::unique_ptr<report::RankWireRecord> rec;
  try {
    snap = std::make_unique<report::RankSnapshot>();
    peers = std::make_unique<report::MergedPeer[]>(ctx.matrix_cap);
    rec = std::make_unique<report::RankWireRecord>();
  } catch (...) {
    active = 0;
  }
  // Every rank learns whether all ranks can take part before the first gather (no hang when one
  // rank failed at MPI_Init or cannot allocate).
  int all_active = 0;
  if (PMPI_Allreduce(&active, &all_active, 1, MPI_INT, MPI_MIN, ctx.comm) != MPI_SUCCESS) {
    all_active = 0;
  }
  if (all_active == 1) {
    snap->peers = peers.get();
    snap->peer_capacity = ctx.matrix_cap;
    report::take_snapshot(*snap);
    // The hot path froze the calibration (timer_finalize) just before calling us.
    ctx.seconds_per_tick = seconds_per_tick();
    const double app_s = static_cast<double>(end - ctx.init_ticks) * ctx.seconds_per_tick;
    report::fill_record(*snap, app_s, ctx.seconds_per_tick, ctx.host, *rec);
    report::GatheredRun gathered;
    const std::string failure =
        report::gather_run(ctx.comm, ctx.matrix_cap, *snap, *rec, ctx.seconds_per_tick, gathered);
    // Call sites (HPCPAT_CALLSITES, the same on every rank): a collective of their own.
    nlohmann::json callsites;
    if (failure.empty() && callsites_on()) {
      const double mpi_s = static_cast<double>(report::mpi_ticks(*snap)) * ctx.seconds_per_tick;
      const std::string why =
          report::gather_callsites(ctx.comm, ctx.seconds_per_tick, mpi_s, callsites, ctx.notes);
      if (!why.empty()) ctx.notes.push_back("call sites left out: " + why);
    }
    if (!failure.empty()) {
      report::warn("aggregation at MPI_Finalize failed (%s): no profile written", failure.c_str());
    } else if (ctx.rank == 0) {
      try {
        const report::BuildInput in{ctx.run_static, ctx.notes, ctx.thread_level, ctx.matrix_cap};
        nlohmann::json doc = report::build_profile(in, gathered);
        if (!callsites.is_null()) doc["callsites"] = std::move(callsites);
        const std::string text =
            doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
        const std::string why = base::write_file_atomically(
            ctx.output_path, text, base::Durability::crash_safe, ctx.replace);
        if (!why.empty()) {
          report::warn("no profile written: %s", why.c_str());
        } else {
          report::warn("profile written to %s", ctx.output_path.c_str());
        }
      } catch (const std::exception &e) {
        report::warn("cannot build the profile: %s", e.what());
      }
    }
  } else if (ctx.rank == 0) {
    report::warn("a rank could not take part in aggregation: no profile written");
  }
  report::remove_fault_handlers();
  PMPI_Comm_free(&ctx.comm);
  ctx.comm = MPI_COMM_NULL;
  set_phase(Phase::done);
}

void on_abort(MPI_Comm /*comm*/, int errorcode) noexcept {
  RunContext &ctx = context();
  if (report::write_partial_dump(report::ExitInfo{"aborted", true, errorcode, 0})) {
    report::warn("MPI_Abort(errorcode %d) on rank %d: partial profile written to %s", errorcode,
                 ctx.rank, ctx.partial_path.c_str());
  }
  set_phase(Phase::done);
}

}  // namespace hpcpat::pmpi
