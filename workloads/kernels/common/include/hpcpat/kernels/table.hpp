// The human table on stdout, laid out like the OSU Micro-Benchmarks' (header lines starting with
// '#', one row per message size, fixed-width columns), printed by rank 0 as each size finishes.
// A value wider than its column widens it: at least one space always separates two columns.
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

// `text` right-aligned in `width` characters, or with one leading space when it is that wide or
// wider; the number form prints `value` with `precision` decimals.
std::string table_cell(const std::string &text, int width);
std::string table_cell(double value, int width, int precision);

void print_table_header(std::FILE *out, const KernelInfo &info, const TableSetup &setup);
void print_table_row(std::FILE *out, const KernelInfo &info, const SizeSummary &row,
                     const RowFigures &figures);

}  // namespace hpcpat::kernels
