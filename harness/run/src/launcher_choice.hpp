// Which launcher runs the ranks and which executable it is: the request's choice, else the
// installation's configured one, else the Debian name of the launcher.
#pragma once

#include <memory>

#include "hpcpat/launch/launcher.hpp"
#include "hpcpat/launch/mpi_flavours.hpp"
#include "hpcpat/run/run_request.hpp"

namespace hpcpat::run {

// The flavour of --mpi, else the installation's; InputError naming --mpi.
launch::MpiFlavour chosen_flavour(const RunRequest &request);

// InputError naming --launcher, --mpi or --mpirun when the choice cannot be honoured.
std::unique_ptr<launch::Launcher> choose_launcher(const RunRequest &request);

}  // namespace hpcpat::run
