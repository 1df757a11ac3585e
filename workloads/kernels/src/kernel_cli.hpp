// Command line of hpcpat-kernels: CLI11 options, then the checks that need the catalog or the
// rank count. Every problem ends the run with one message and exit status 2 (workloads/common).
#pragma once

#include <string>

#include "kernel_catalog.hpp"
#include "hpcpat/kernels/kernel_context.hpp"

namespace hpcpat::kernels {

struct CliResult {
  KernelOptions options;
  const KernelEntry *entry = nullptr;
  std::string json_problem;  // rank 0: why --json cannot be written (empty: it can); see main.cpp
};

// Every rank parses the same argv and reaches the same verdict, so no MPI call is needed; the
// --json check is made by rank 0 alone and shared by the caller. Returns only when the run can go
// ahead (apart from json_problem).
CliResult parse_command_line(int argc, char **argv, int ranks);

}  // namespace hpcpat::kernels
