// SiteResolver: dladdr for module+offset, libdw (dlopen'ed) for function, file and line.
#include "site_resolver.hpp"

#include <cxxabi.h>
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <new>

namespace hpcpat::pmpi::report {

namespace {

// The few elfutils entry points we use, declared from their stable C ABI (libdw.so.1, elfutils
// >= 0.153) so that building needs no libdw-dev: <elfutils/libdwfl.h> declares the same.
struct Dwfl;
struct Dwfl_Module;
struct Dwfl_Line;
using Dwarf_Addr = std::uint64_t;
struct DwflCallbacks {
  void *find_elf;         // dwfl_linux_proc_find_elf
  void *find_debuginfo;   // dwfl_standard_find_debuginfo
  void *section_address;  // unused for a live process
  char **debuginfo_path;
};

std::string demangled(const char *name) {
  if (name == nullptr) return {};
  int status = 0;
  char *d = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  if (d == nullptr || status != 0) return name;
  std::string out = d;
  std::free(d);
  return out;
}

}  // namespace

struct SiteResolver::Dw {
  void *lib = nullptr;
  Dwfl *dwfl = nullptr;
  DwflCallbacks callbacks{};
  char *debuginfo_path = nullptr;
  void (*end)(Dwfl *) = nullptr;
  Dwfl_Module *(*addrmodule)(Dwfl *, Dwarf_Addr) = nullptr;
  const char *(*addrname)(Dwfl_Module *, Dwarf_Addr) = nullptr;
  Dwfl_Line *(*getsrc)(Dwfl_Module *, Dwarf_Addr) = nullptr;
  const char *(*lineinfo)(Dwfl_Line *, Dwarf_Addr *, int *, int *, std::uint64_t *,
                          std::uint64_t *) = nullptr;
};

template <class F>
static bool bind(void *lib, const char *name, F &f) {
  f = reinterpret_cast<F>(dlsym(lib, name));
  return f != nullptr;
}

SiteResolver::SiteResolver() noexcept {
  void *lib = dlopen("libdw.so.1", RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) {
    why_ = "libdw.so.1 (elfutils, Debian package libdw1) not found: call sites give module+offset "
           "and dynamic symbols only, no file:line";
    return;
  }
  auto *d = new (std::nothrow) Dw();
  if (d == nullptr) {
    dlclose(lib);
    why_ = "out of memory loading libdw";
    return;
  }
  d->lib = lib;
  Dwfl *(*begin)(const DwflCallbacks *) = nullptr;
  void (*report_begin)(Dwfl *) = nullptr;
  int (*proc_report)(Dwfl *, pid_t) = nullptr;
  int (*report_end)(Dwfl *, void *, void *) = nullptr;
  const bool ok = bind(lib, "dwfl_begin", begin) && bind(lib, "dwfl_report_begin", report_begin) &&
                  bind(lib, "dwfl_linux_proc_report", proc_report) &&
                  bind(lib, "dwfl_report_end", report_end) && bind(lib, "dwfl_end", d->end) &&
                  bind(lib, "dwfl_addrmodule", d->addrmodule) &&
                  bind(lib, "dwfl_module_addrname", d->addrname) &&
                  bind(lib, "dwfl_module_getsrc", d->getsrc) &&
                  bind(lib, "dwfl_lineinfo", d->lineinfo) &&
                  (d->callbacks.find_elf = dlsym(lib, "dwfl_linux_proc_find_elf")) != nullptr &&
                  (d->callbacks.find_debuginfo = dlsym(lib, "dwfl_standard_find_debuginfo")) !=
                      nullptr;
  d->callbacks.debuginfo_path = &d->debuginfo_path;
  if (ok) d->dwfl = begin(&d->callbacks);
  if (d->dwfl != nullptr) {
    report_begin(d->dwfl);
    // This process's own maps: every module at the address it was loaded at.
    if (proc_report(d->dwfl, ::getpid()) == 0 && report_end(d->dwfl, nullptr, nullptr) == 0) {
      dw_ = d;
      return;
    }
    d->end(d->dwfl);
  }
  dlclose(lib);
  delete d;
  why_ = "libdw.so.1 found but could not read this process's modules: call sites give "
         "module+offset and dynamic symbols only, no file:line";
}

SiteResolver::~SiteResolver() {
  if (dw_ == nullptr) return;
  dw_->end(dw_->dwfl);
  dlclose(dw_->lib);
  delete dw_;
}

const char *SiteResolver::resolver() const noexcept {
  return dw_ != nullptr ? "libdw" : "dladdr";
}

ResolvedFrame SiteResolver::resolve(const void *pc) const {
  ResolvedFrame f;
  if (pc == nullptr) return f;
  const auto addr = reinterpret_cast<std::uintptr_t>(pc);
  Dl_info info{};
  if (dladdr(pc, &info) != 0) {
    if (info.dli_fname != nullptr) f.module = info.dli_fname;
    f.offset = addr - reinterpret_cast<std::uintptr_t>(info.dli_fbase);
    if (info.dli_sname != nullptr) f.function = demangled(info.dli_sname);
  }
  if (dw_ == nullptr) return f;
  const Dwarf_Addr at = addr - 1;  // inside the call instruction
  Dwfl_Module *m = dw_->addrmodule(dw_->dwfl, at);
  if (m == nullptr) return f;
  if (const char *name = dw_->addrname(m, at); name != nullptr) f.function = demangled(name);
  if (Dwfl_Line *l = dw_->getsrc(m, at); l != nullptr) {
    int line = 0;
    if (const char *file = dw_->lineinfo(l, nullptr, &line, nullptr, nullptr, nullptr);
        file != nullptr) {
      f.file = file;
      f.line = line;
    }
  }
  return f;
}

}  // namespace hpcpat::pmpi::report
