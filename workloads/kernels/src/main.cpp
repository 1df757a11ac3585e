// hpcpat-kernels: runs one MPI microkernel over its size sweep, prints an OSU-like table, and
// (with --json) writes the results with the run metadata of hpcpat profiles.
//
// Exit status: 0 ok; 1 --validate found a wrong byte, or the JSON could not be written;
// 2 bad arguments (including a rank count the kernel cannot use).
#include <mpi.h>

#include <cstdio>
#include <string>
#include <vector>

#include "hpcpat/base/atomic_file.hpp"
#include "hpcpat/workload/app_cli.hpp"
#include "hpcpat/regions.h"
#include "hpcpat/runinfo/run_facts.hpp"
#include "kernel_catalog.hpp"
#include "kernel_cli.hpp"
#include "imb_method.hpp"
#include "hpcpat/kernels/clock.hpp"
#include "hpcpat/kernels/figures.hpp"
#include "hpcpat/kernels/json_report.hpp"
#include "hpcpat/kernels/placement.hpp"
#include "hpcpat/kernels/rank_report.hpp"
#include "hpcpat/kernels/run_metadata.hpp"
#include "hpcpat/kernels/summarize.hpp"
#include "hpcpat/kernels/table.hpp"

namespace hpcpat::kernels {
namespace {

// Distinct hosts, for the table header: one rank per node-local communicator counts itself. The
// same MPI_Allreduce tells every rank whether rank 0 found the --json path unwritable, so that the
// check costs no MPI call of its own: one MPI_Bcast more before the sweep left Open MPI's
// shared-memory path in a state where an 8-byte allreduce took 0.64-0.70 us instead of
// 0.49-0.54 us for the whole first size (issue 10; docs/kernels.md).
int count_nodes(MPI_Comm comm, CallLedger &ledger, const std::string &json_problem) {
  MPI_Comm local = MPI_COMM_NULL;
  MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &local);
  int local_rank = 0;
  MPI_Comm_rank(local, &local_rank);
  MPI_Comm_free(&local);
  const int mine[2] = {local_rank == 0 ? 1 : 0, json_problem.empty() ? 0 : 1};
  int sum[2] = {0, 0};
  MPI_Allreduce(mine, sum, 2, MPI_INT, MPI_SUM, comm);
  ledger.add(Routine::allreduce, 1, sizeof mine);
  if (sum[1] != 0) app::refuse("hpcpat-kernels", json_problem);  // printed by rank 0, who knows
  return sum[0];
}

void report_mismatch(const std::vector<RankReport> &records) {
  std::uint64_t total = 0;
  for (const RankReport &r : records) total += r.mismatches;
  for (std::size_t rank = 0; rank < records.size(); ++rank) {
    const RankReport &r = records[rank];
    if (r.mismatches == 0) continue;
    std::fprintf(stderr,
                 "hpcpat-kernels: validation failed: %llu wrong received byte(s) or element(s) in "
                 "total; first on rank %zu: size %lld, iteration %lld, data from rank %lld, "
                 "offset %lld: expected %lld, got %lld\n",
                 static_cast<unsigned long long>(total), rank, static_cast<long long>(r.first.size),
                 static_cast<long long>(r.first.iteration), static_cast<long long>(r.first.src),
                 static_cast<long long>(r.first.offset), static_cast<long long>(r.first.expected),
                 static_cast<long long>(r.first.got));
    return;
  }
}

int run(int argc, char **argv) {
  const double t_init = now_s();
  const std::string started_at = utc_now_iso();
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);

  CallLedger ledger;
  const CliResult cli = parse_command_line(argc, argv, ranks);
  const KernelOptions &options = cli.options;
  const KernelInfo &info = cli.entry->info;
  Validator validator(options.validate);
  if (options.inject_error && rank == 1) validator.inject_error_once();
  KernelContext ctx{MPI_COMM_WORLD, rank, ranks, options, ledger, validator};

  TableSetup setup{runinfo::mpi_library_version(),
                   ranks,
                   count_nodes(ctx.comm, ledger, cli.json_problem),
                   options.window,
                   options.validate,
                   options.budget_s,
                   options.timing == Timing::loop};
  if (rank == 0) print_table_header(stdout, info, setup);

  std::vector<SizeSummary> rows;
  const Emit emit = [&](const SizeMeasurement &m) {
    SizeSummary row = summarize(ctx, m);
    if (rank != 0) return;
    print_table_row(stdout, info, row, figures_for(info, row, ranks, options.window));
    rows.push_back(std::move(row));
  };
  {
    const std::string region = "kernel." + std::string(info.name);
    hpcpat::Region r(region.c_str());
    if (options.method == Method::imb) {
      run_imb(ctx, info, emit);
    } else {
      cli.entry->run(ctx, info, emit);
    }
  }

  const Placement placement = probe_placement();
  const std::vector<RankReport> records = exchange_rank_reports(ctx, placement, now_s() - t_init);
  std::uint64_t mismatches = 0;
  double wall = 0;
  for (const RankReport &r : records) {
    mismatches += r.mismatches;
    wall = std::max(wall, r.wall_s);
  }
  const int status = mismatches > 0 ? 1 : 0;
  if (rank != 0) return status;
  if (status != 0) report_mismatch(records);
  if (options.json_path.empty()) return status;

  RunFacts facts;
  facts.argv.assign(argv, argv + argc);
  facts.started_at = started_at;
  facts.wall_s = wall;
  for (const RankReport &r : records) facts.rank_hosts.emplace_back(r.host);
  facts.exit_code = status;
  const auto doc = json_report(info, options, run_metadata(facts), rows, records);
  if (const std::string why = base::write_file_atomically(options.json_path, doc.dump(2) + "\n");
      !why.empty()) {
    std::fprintf(stderr, "hpcpat-kernels: --json: %s\n", why.c_str());
    return 1;
  }
  return status;
}

}  // namespace
}  // namespace hpcpat::kernels

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  const int status = hpcpat::kernels::run(argc, argv);
  MPI_Finalize();
  return status;
}
