// run.fabric: the libfabric providers on rank 0's node. libfabric is opened here, at the first
// probe (MPI_Init on rank 0, or a kernel's metadata), never linked: its dependencies' constructors
// (PSM's CPU calibration among them) cost every process that loads it about 0.2 s, and the
// interposer is preloaded into every process a launcher shim starts, MPI or not (issue 11, 12).
#include <dlfcn.h>

#include <set>
#include <string>

#include "hpcpat/runinfo/run_facts.hpp"

#ifdef HPCPAT_HAVE_LIBFABRIC
#include <rdma/fabric.h>
#endif

namespace hpcpat::runinfo {

nlohmann::json fabric_providers() {
#ifdef HPCPAT_HAVE_LIBFABRIC
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
