// hpcpat-rsh HOST CMD...: the rsh agent of `hpcpat cluster`'s nodes as a program of its own,
// because MPICH's hydra takes its -launcher-exec as one executable without arguments. It is
// `hpcpat cluster rsh HOST CMD...`; on success it never returns (the remote shell replaces it).
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "exit_codes.hpp"
#include "hpcpat/base/input_error.hpp"
#include "subcommands.hpp"

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "hpcpat-rsh: usage: hpcpat-rsh HOST COMMAND...\n");
    return hpcpat::cli::kExitBadInput;
  }
  try {
    return hpcpat::cli::run_cluster_rsh(argv[1], std::vector<std::string>(argv + 2, argv + argc));
  } catch (const hpcpat::InputError &e) {
    std::fprintf(stderr, "hpcpat: %s\n", e.what());
    return hpcpat::cli::kExitBadInput;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "hpcpat: internal error: %s\n", e.what());
    return hpcpat::cli::kExitRunFailed;
  }
}
