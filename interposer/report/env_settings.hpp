// Where the report's files go. The contract with hpcpat (and with anyone who sets HPCPAT_OUTPUT
// by hand): the profile is written at $HPCPAT_OUTPUT, or at hpcpat-<app>-<run id>.json in the
// current directory when it is unset, and NOWHERE ELSE: a path that cannot be used is reported at
// MPI_Init (rank 0, one line, so that the user learns at the start of the run) and again when the
// write fails at MPI_Finalize; the interposer never falls back to another place, which a script or
// hpcpat waiting for the file would not look in. HPCPAT_TAGS and HPCPAT_RUN_ID, which the kernels
// read too, are parsed by hpcpat/runinfo/run_env.hpp.
#pragma once

#include <string>

namespace hpcpat::pmpi::report {

// $HPCPAT_OUTPUT when set, else "hpcpat-<app>-<run id>.json" (contract::default_profile_name).
std::string choose_output_path(const char *env_value, const std::string &app,
                               const std::string &run_id);

// "" when the profile can be written at `path` (base::output_target_problem with the partial dumps
// of `ranks` ranks, the running program protected, existing regular files replaced only when
// `overwrite`); else one message naming HPCPAT_OUTPUT (or the default path) and what was expected.
std::string output_problem(const char *env_value, const std::string &path, int ranks,
                           bool overwrite);

// "<dir>/name.json" -> "<dir>/name.rank<N>.partial.json" (contract::partial_name).
std::string partial_path(const std::string &final_path, int rank);

}  // namespace hpcpat::pmpi::report
