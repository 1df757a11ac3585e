// run.fabric: the libfabric providers on rank 0's node. libfabric is opened here, at the first
// probe (MPI_Init on rank 0, or a kernel's metadata), never linked: its dependencies' constructors
// (PSM's CPU calibration among them) cost every process that loads it about 0.2 s, and the
// interposer is preloaded into every process a launcher shim starts, MPI or not (issue 11, 12).
// Opened this late, those constructors run after the application set its signal handlers, and
// PSM's replace them (SIGTERM among them, with one that exits 1): the probe puts back every
// disposition it found.
#include <dlfcn.h>
#include <signal.h>

#include <array>
#include <set>
#include <string>

#include "hpcpat/runinfo/run_facts.hpp"

#ifdef HPCPAT_HAVE_LIBFABRIC
#include <rdma/fabric.h>
#endif

namespace hpcpat::runinfo {

namespace {

// Every signal's disposition while it lives, put back as found when it dies. Signals that cannot
// be caught, and those the C library keeps for itself, refuse sigaction and are left alone.
class SignalDispositionsKept {
 public:
  SignalDispositionsKept() noexcept {
    for (int sig = 1; sig < NSIG; ++sig) saved_[sig] = ::sigaction(sig, nullptr, &actions_[sig]) == 0;
  }
  ~SignalDispositionsKept() {
    for (int sig = 1; sig < NSIG; ++sig) {
      if (saved_[sig]) ::sigaction(sig, &actions_[sig], nullptr);
    }
  }
  SignalDispositionsKept(const SignalDispositionsKept &) = delete;
  SignalDispositionsKept &operator=(const SignalDispositionsKept &) = delete;

 private:
  std::array<struct sigaction, NSIG> actions_{};
  std::array<bool, NSIG> saved_{};
};

}  // namespace

nlohmann::json fabric_providers() {
#ifdef HPCPAT_HAVE_LIBFABRIC
  const SignalDispositionsKept kept;  // the providers' constructors and fi_getinfo may set some
  // Kept open: unloading a library whose providers started threads is not safe, and a process
  // probes once.
  void *lib = ::dlopen("libfabric.so.1", RTLD_LAZY | RTLD_LOCAL);
  if (lib == nullptr) return nullptr;  // built with it, not installed here: unknown, as without
  using GetInfo = int (*)(std::uint32_t, const char *, const char *, std::uint64_t,
                          const fi_info *, fi_info **);
  using FreeInfo = void (*)(fi_info *);
  auto get_info = reinterpret_cast<GetInfo>(::dlsym(lib, "fi_getinfo"));
  auto free_info = reinterpret_cast<FreeInfo>(::dlsym(lib, "fi_freeinfo"));
  if (get_info == nullptr || free_info == nullptr) return nullptr;
  fi_info *info = nullptr;
  if (get_info(FI_VERSION(1, 5), nullptr, nullptr, 0, nullptr, &info) != 0) {
    return {{"providers", nlohmann::json::array()}};
  }
  std::set<std::string> names;  // distinct, sorted: one provider lists many endpoints
  for (const fi_info *i = info; i != nullptr; i = i->next) {
    if (i->fabric_attr != nullptr && i->fabric_attr->prov_name != nullptr) {
      names.insert(i->fabric_attr->prov_name);
    }
  }
  free_info(info);
  return {{"providers", names}};
#else
  return nullptr;
#endif
}

}  // namespace hpcpat::runinfo
