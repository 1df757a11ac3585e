// Turns a return address of this process into what a reader needs: the module (executable or
// shared library) and the offset in it -- the same on every rank whatever the load address (PIE,
// ASLR) -- plus, when the module has DWARF line tables, the function, file and line.
//
// Only at MPI_Finalize, and only with call sites on: elfutils' libdw (Debian's libdw1, usually
// installed with the toolchain) is loaded then with dlopen, so the interposer has no link-time
// dependency on it. Without it, frames carry module+offset and the dynamic symbol dladdr finds,
// and `why_no_lines()` says so for the profile's notes.
#pragma once

#include <cstdint>
#include <string>

namespace hpcpat::pmpi::report {

struct ResolvedFrame {
  std::string module;    // path of the executable or library; "" when unknown
  std::uint64_t offset = 0;  // pc - module load base
  std::string function;  // demangled; "" when unknown
  std::string file;      // source file; "" without line tables
  int line = 0;          // 0 without line tables
};

class SiteResolver {
 public:
  SiteResolver() noexcept;
  ~SiteResolver();
  SiteResolver(const SiteResolver &) = delete;
  SiteResolver &operator=(const SiteResolver &) = delete;

  // `pc` is a return address: the call instruction lies just before it, so lines are looked up
  // at pc - 1 (the line of the call, not of the statement after it).
  ResolvedFrame resolve(const void *pc) const;

  const char *resolver() const noexcept;    // "libdw" or "dladdr"
  const std::string &why_no_lines() const noexcept { return why_; }

 private:
  struct Dw;
  Dw *dw_ = nullptr;  // null: libdw unavailable
  std::string why_;
};

}  // namespace hpcpat::pmpi::report
