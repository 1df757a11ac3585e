// Command-line handling shared by the proxy apps and kernels: CLI11 for parsing, and the project's
// exit-code convention (2 for bad input) with the message printed once, by rank 0.
#pragma once

#include <mpi.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>

namespace hpcpat::app {

inline int world_rank() {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

// Parses argv after MPI_Init. On --help prints usage and finalizes with status 0; on a bad
// argument prints "<program>: <message>" and exits 2 on every rank. Returns only on success.
inline void parse_or_exit(CLI::App &cli, int argc, char **argv) {
  try {
    cli.parse(argc, argv);
  } catch (const CLI::Success &) {
    if (world_rank() == 0) std::fputs(cli.help().c_str(), stdout);
    MPI_Finalize();
    std::exit(0);
  } catch (const CLI::ParseError &e) {
    if (world_rank() == 0) std::fprintf(stderr, "%s: %s\n", cli.get_name().c_str(), e.what());
    MPI_Finalize();
    std::exit(2);
  }
}

// A problem the arguments describe but the rank count cannot run (e.g. a grid that does not
// divide). Every rank calls it with the same decision, so no rank is left waiting.
[[noreturn]] inline void refuse(const std::string &program, const std::string &why) {
  if (world_rank() == 0) std::fprintf(stderr, "%s: %s\n", program.c_str(), why.c_str());
  MPI_Finalize();
  std::exit(2);
}

// The apps' main(): runs `body` (which calls MPI_Init) and turns std::bad_alloc escaping it into
// one message and exit status 2, rather than std::terminate's abort (134). The memory estimate
// (memory_budget.hpp) refuses most such problems before they allocate; this catches the rest
// (another tenant took the memory meanwhile, an estimate too low). The other ranks may be
// waiting in a collective, so the job ends with MPI_Abort(2).
template <class Body>
int guarded_main(const char *program, Body body, int argc, char **argv) {
  try {
    return body(argc, argv);
  } catch (const std::bad_alloc &) {
    int initialized = 0, rank = 0;
    MPI_Initialized(&initialized);
    if (initialized) MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    std::fprintf(stderr,
                 "%s: out of memory on rank %d (std::bad_alloc): the problem does not fit; use "
                 "a smaller one or more nodes\n",
                 program, rank);
    if (initialized) MPI_Abort(MPI_COMM_WORLD, 2);
    return 2;
  }
}

}  // namespace hpcpat::app
