#include "flavour_check.hpp"

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/launch/process.hpp"
#include "hpcpat/launch/program_flavour.hpp"

namespace hpcpat::run {
namespace {

std::string told_by(const launch::LinkedMpi &m) {
  return m.library + (m.via.empty() ? std::string() : ", via " + m.via);
}

}  // namespace

std::vector<std::string> check_mpi_flavours(const RunRequest &request, launch::MpiFlavour chosen,
                                            const std::filesystem::path &interposer) {
  using launch::flavour_display_name;
  using Kind = launch::LinkedMpi::Kind;
  const std::string &name = request.program.front();
  const auto program = launch::find_executable(name);
  if (!program) return {};  // choose_launcher has already refused it
  const launch::LinkedMpi linked = launch::linked_mpi(*program);
  if (linked.kind == Kind::script) {
    return {"'" + program->string() + "' is a script: its MPI flavour is known only at run time, "
            "not checked against " + flavour_display_name(chosen)};
  }
  if (linked.kind != Kind::mpi) return {};  // no MPI library to compare (static, or not ELF)
  const launch::MpiFlavour has = *linked.flavour;
  const std::string what = "program '" + program->string() + "' is linked with " +
                           flavour_display_name(has) + " (" + told_by(linked) + ")";
  if (has != chosen) {
    throw InputError(what + " but --mpi " + std::string(launch::flavour_name(chosen)) +
                     " launches " + flavour_display_name(chosen) + "; expected --mpi " +
                     std::string(launch::flavour_name(has)) + " (its ranks would start as " +
                     "separate one-rank jobs)");
  }
  const launch::LinkedMpi guest = launch::linked_mpi(interposer);
  if (guest.kind == Kind::mpi && *guest.flavour != has) {
    throw InputError(what + " but the interposer '" + interposer.string() + "' is built for " +
                     flavour_display_name(*guest.flavour) + " (" + guest.library +
                     "); expected an hpcpat built with -DHPCPAT_MPI=" +
                     std::string(launch::flavour_name(has)) + " (or HPCPAT_PMPI_LIB naming its " +
                     "libhpcpat-pmpi.so)");
  }
  return {};
}

}  // namespace hpcpat::run
