// Command-line handling shared by the proxy apps and kernels: CLI11 for parsing, and the project's
// exit-code convention (2 for bad input) with the message printed once, by rank 0.
#pragma once

#include <mpi.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
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

}  // namespace hpcpat::app
