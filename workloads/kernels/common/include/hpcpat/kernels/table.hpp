// The human table on stdout, laid out like the OSU Micro-Benchmarks' (header lines starting with
// '#', one row per message size, fixed-width columns), printed by rank 0 as each size finishes.
#pragma once

#include <cstdio>
#include <string>

#include "hpcpat/kernels/figures.hpp"
#include "hpcpat/kernels/kernel_info.hpp"
#include "hpcpat/kernels/measurement.hpp"

namespace hpcpat::kernels {

struct TableSetup {
  std::string mpi_library;
  int ranks = 0;
  int nodes = 0;
  int window = 64;
  bool validate = false;
  double budget_s = 0;
  bool loop_timing = false;
};

void print_table_header(std::FILE *out, const KernelInfo &info, const TableSetup &setup);
void print_table_row(std::FILE *out, const KernelInfo &info, const SizeSummary &row,
                     const RowFigures &figures);

}  // namespace hpcpat::kernels
