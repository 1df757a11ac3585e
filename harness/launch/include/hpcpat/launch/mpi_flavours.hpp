// How each MPI flavour's launcher is told the rank count, the ranks per node, the ranks'
// environment, that root or oversubscription is intended, and to keep ranks alive after one dies.
// The statement itself is data, harness/launch/mpi_flavours.json, shared with the test helpers and
// scripts; this is its C++ reader (the file is compiled in, so an installed hpcpat needs nothing).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpat::launch {

enum class MpiFlavour { openmpi, mpich };

std::string_view flavour_name(MpiFlavour f);
// "openmpi" or "mpich"; InputError naming `flag` otherwise.
MpiFlavour parse_flavour(std::string_view text, std::string_view flag);

// Argument templates: each element may hold {ranks}, {per_node}, {name}, {value}, {hosts},
// {agent}, {network} or {launcher_address}.
struct FlavourFlags {
  std::string launcher;  // Debian's name of the flavour's launcher ("mpirun.openmpi")
  std::vector<std::string> as_root, oversubscribe, ranks, per_node, rank_env,
      keep_ranks_after_a_death, keep_user_environment;
  // Nodes reached through an rsh agent (LaunchRequest::remote).
  std::vector<std::string> hosts, rsh_agent, remote_network;
};

const FlavourFlags &flavour_flags(MpiFlavour f);

// The template with every {key} replaced by its value (keys not in `values` are left as they are).
std::vector<std::string> expand(const std::vector<std::string> &templ,
                                const std::map<std::string, std::string> &values);

}  // namespace hpcpat::launch
