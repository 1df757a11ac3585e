// The host's MPI flavour, told from the library our PMPI_Init resolves to (host_mpi.hpp).
#include "host_mpi.hpp"

#include "entry.hpp"

#include <dlfcn.h>
#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

// Hidden (the default here): read by the trampolines in hot/entry.hpp, never exported.
unsigned char hpcpat_step_aside = 0;

namespace hpcpat::pmpi {
namespace {

enum class Flavour { unknown, openmpi, mpich };

#if defined(OMPI_MAJOR_VERSION)
constexpr Flavour kBuilt = Flavour::openmpi;
#elif defined(MPICH_VERSION)
constexpr Flavour kBuilt = Flavour::mpich;
#else
constexpr Flavour kBuilt = Flavour::unknown;
#endif

const char *name_of(Flavour f) noexcept {
  switch (f) {
    case Flavour::openmpi:
      return "Open MPI";
    case Flavour::mpich:
      return "MPICH";
    default:
      return "an unknown MPI";
  }
}

// A symbol only that flavour's library defines, looked up in that one object (a dlopen handle
// searches the object and its own dependencies, which never include the other flavour).
Flavour flavour_of_object(const char *path) noexcept {
  void *h = ::dlopen(path, RTLD_LAZY | RTLD_NOLOAD);
  if (h == nullptr) return Flavour::unknown;
  Flavour f = Flavour::unknown;
  if (::dlsym(h, "ompi_mpi_comm_world") != nullptr) {
    f = Flavour::openmpi;
  } else if (::dlsym(h, "MPII_Version_string") != nullptr ||
             ::dlsym(h, "MPIR_Version_string") != nullptr) {
    f = Flavour::mpich;  // MPICH 4 names it MPII_, MPICH 3 MPIR_ (and so do its ABI derivatives)
  }
  ::dlclose(h);  // NOLOAD took a reference only
  return f;
}

struct HostMpi {
  Flavour flavour = Flavour::unknown;
  char path[256] = {};
};

HostMpi detect() noexcept {
  HostMpi host;
  Dl_info info{};
  // &PMPI_Init is the canonical address the dynamic linker gives our references: the definer our
  // calls reach.
  if (::dladdr(reinterpret_cast<void *>(&PMPI_Init), &info) == 0 || info.dli_fname == nullptr) {
    return host;
  }
  std::strncpy(host.path, info.dli_fname, sizeof host.path - 1);
  host.flavour = flavour_of_object(info.dli_fname);
  return host;
}

const HostMpi &host() noexcept {
  static const HostMpi h = detect();
  return h;
}

// World rank 0 by the launcher's variables, before MPI can be asked: one line per job, not per rank.
bool speaks_for_job() noexcept {
  for (const char *var : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK", "SLURM_PROCID",
                          "FLUX_TASK_RANK"}) {
    if (const char *v = std::getenv(var); v != nullptr && *v != '\0') return std::strcmp(v, "0") == 0;
  }
  return true;
}

// Before main, so that even calls made before MPI_Init (MPI_Initialized, MPI_Get_version) take
// the trampolines' direct path. By now every object is mapped and relocated: the host's libmpi is
// there to be asked.
__attribute__((constructor)) void decide_at_load() {
  if (!host_mpi_matches()) hpcpat_step_aside = 1;
}

}  // namespace

const char *built_flavour() noexcept {
  return name_of(kBuilt);
}

bool host_mpi_matches() noexcept {
  const HostMpi &h = host();
  return h.flavour == Flavour::unknown || kBuilt == Flavour::unknown || h.flavour == kBuilt;
}

void say_host_mismatch() noexcept {
  if (!speaks_for_job()) return;
  std::fprintf(stderr,
               "hpcpat: this libhpcpat-pmpi is built for %s but the program runs %s (%s): "
               "profiling off, MPI calls passed through; use an hpcpat built for %s\n",
               name_of(kBuilt), name_of(host().flavour), host().path, name_of(host().flavour));
}

}  // namespace hpcpat::pmpi
