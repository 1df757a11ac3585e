/* hpcpat region API: mark phases of an application so that profiles show where MPI time falls.
 *
 *   hpcpat_region_begin("force"); ... hpcpat_region_end("force");
 *   C++: { hpcpat::Region r("force"); ... }
 *
 * The symbols are declared weak: a program built with this header runs unchanged without the
 * interposer (the calls are no-ops), and records regions when libhpcpat-pmpi.so is preloaded or
 * linked. Regions nest; begin/end must pair by name on the same thread. Names are copied, so a
 * temporary string is fine. MPI_Pcontrol(level) is the portable alternative for codes that must
 * not include this header (see docs/profile-format.md).
 */
#ifndef HPCPAT_REGIONS_H
#define HPCPAT_REGIONS_H

#ifdef __cplusplus
extern "C" {
#endif

void hpcpat_region_begin(const char *name) __attribute__((weak));
void hpcpat_region_end(const char *name) __attribute__((weak));

static inline void hpcpat_begin(const char *name) {
  if (hpcpat_region_begin) hpcpat_region_begin(name);
}
static inline void hpcpat_end(const char *name) {
  if (hpcpat_region_end) hpcpat_region_end(name);
}

#ifdef __cplusplus
} /* extern "C" */

namespace hpcpat {
/* Scoped region: begins on construction, ends when the scope closes. */
class Region {
 public:
  explicit Region(const char *name) : name_(name) { hpcpat_begin(name_); }
  ~Region() { hpcpat_end(name_); }
  Region(const Region &) = delete;
  Region &operator=(const Region &) = delete;

 private:
  const char *name_;
};
}  // namespace hpcpat
#endif

#endif /* HPCPAT_REGIONS_H */
