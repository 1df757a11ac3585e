// Turns what rank 0 gathered into the profile v1 document (schemas/profile.v1.schema.json,
// docs/profile-format.md). Pure: no MPI, no I/O, so a unit test can feed it records.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gather.hpp"

namespace hpcpat::pmpi::report {

struct BuildInput {
  const nlohmann::json &run_static;  // run.* known at MPI_Init
  const std::vector<std::string> &notes;
  int thread_level;
  std::uint32_t matrix_cap;
};

nlohmann::json build_profile(const BuildInput &in, const GatheredRun &g);

}  // namespace hpcpat::pmpi::report
