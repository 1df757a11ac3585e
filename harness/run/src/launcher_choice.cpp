#include "launcher_choice.hpp"

#include <cstdlib>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/launch/flux_launcher.hpp"
#include "hpcpat/launch/host_facts.hpp"
#include "hpcpat/launch/mpirun_launcher.hpp"
#include "hpcpat/launch/process.hpp"
#include "hpcpat/launch/srun_launcher.hpp"

namespace hpcpat::run {
namespace {

// The executable: the request's, else for mpirun the configured one of the configured flavour or
// the Debian name of the other flavour's launcher, else the launcher's own name.
std::string launcher_executable(const RunRequest &r, launch::MpiFlavour flavour) {
  std::string wanted = r.launcher_executable;
  if (wanted.empty() && r.launcher != "mpirun") wanted = r.launcher;
  if (wanted.empty()) {
    const Installation &inst = r.installation;
    if (flavour_name(flavour) == inst.mpi_flavour && !inst.mpiexec.empty()) {
      wanted = inst.mpiexec;
    } else {
      wanted = launch::flavour_flags(flavour).launcher;  // mpi_flavours.json
    }
  }
  auto found = launch::find_executable(wanted);
  if (!found && r.launcher != "mpirun" && r.launcher_executable.empty()) {
    throw InputError("--launcher " + r.launcher + ": '" + wanted +
                     "' not found in PATH; expected " +
                     (r.launcher == "flux" ? "flux-core installed (or a Flux instance's shell)"
                                           : "Slurm's srun (inside an allocation)"));
  }
  if (!found) {
    throw InputError((r.launcher_executable.empty() ? r.launcher : std::string("--mpirun")) + " '" +
                     wanted +
                     "': not found or not executable; expected an MPI launcher (--mpirun PATH)");
  }
  return found->string();
}

}  // namespace

launch::MpiFlavour chosen_flavour(const RunRequest &request) {
  return launch::parse_flavour(
      request.mpi_flavour.empty() ? request.installation.mpi_flavour : request.mpi_flavour,
      "--mpi");
}

std::string resolved_launcher(const std::string &launcher) {
  if (launcher != "auto") return launcher;
  const char *flux_uri = std::getenv("FLUX_URI");
  if (flux_uri != nullptr && *flux_uri != '\0') return "flux";
  const char *slurm_job = std::getenv("SLURM_JOB_ID");
  if (slurm_job != nullptr && *slurm_job != '\0') return "srun";
  return "mpirun";
}

std::unique_ptr<launch::Launcher> choose_launcher(const RunRequest &original) {
  RunRequest request = original;
  request.launcher = resolved_launcher(original.launcher);
  if (request.launcher != "mpirun" && request.launcher != "flux" && request.launcher != "srun") {
    throw InputError("--launcher '" + request.launcher + "': expected mpirun, flux, srun or auto");
  }
  const launch::MpiFlavour flavour = chosen_flavour(request);
  // The program is checked before the launcher, as a user reads the command line.
  const std::string &program = request.program.empty() ? std::string() : request.program.front();
  if (!launch::find_executable(program)) {
    throw InputError(
        "cannot find program '" + program + "'" +
        (program.find('/') == std::string::npos ? " in PATH" : " (no such executable file)") +
        "; expected an MPI program after '--'");
  }
  std::string executable = launcher_executable(request, flavour);
  if (request.launcher == "flux") {
    launch::FluxOptions flux = request.flux;
    flux.executable = executable;
    return std::make_unique<launch::FluxLauncher>(std::move(flux));
  }
  if (request.launcher == "srun") return std::make_unique<launch::SrunLauncher>(executable);
  return std::make_unique<launch::MpirunLauncher>(flavour, std::move(executable),
                                                  launch::HostFacts::detect());
}

}  // namespace hpcpat::run
