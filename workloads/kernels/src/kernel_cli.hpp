// Command line of hpcpat-kernels: CLI11 options, then the checks that need the catalog or the
// rank count. Every problem ends the run with one message and exit status 2 (workloads/common).
#pragma once

#include "kernel_catalog.hpp"
#include "hpcpat/kernels/kernel_context.hpp"

namespace hpcpat::kernels {

struct CliResult {
  KernelOptions options;
  const KernelEntry *entry = nullptr;
};

// Collective over MPI_COMM_WORLD (every rank parses the same argv and reaches the same verdict;
// the --json check is made by rank 0 and broadcast). Returns only when the run can go ahead.
CliResult parse_command_line(int argc, char **argv, int ranks, CallLedger &ledger);

}  // namespace hpcpat::kernels
