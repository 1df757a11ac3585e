#include "run_context.hpp"

namespace hpcpat::pmpi::report {

RunContext &context() noexcept {
  // Constructed on first use and never destroyed: fault handlers and late MPI_Finalize calls may
  // run while static destructors are running.
  static RunContext *ctx = new RunContext();
  return *ctx;
}

}  // namespace hpcpat::pmpi::report
