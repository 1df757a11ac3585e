// Helpers of the generated `use mpi_f08` wrappers (wrappers_f08.cpp, both MPIs).
//
// An f08 program calls mpi_send_f08_ (Open MPI: -> ompi_send_f -> PMPI_Send) or, for a routine
// without a choice buffer on MPICH, mpi_barrier_f08_ (-> PMPI_Barrier): neither reaches a C
// wrapper, and mpi_init_f08_ calls PMPI_Init, so without these wrappers the window never opens.
// We define the same symbols and call the next definition (the MPI's own), found once by
// dlsym(RTLD_NEXT): MPICH has no pmpi_x_f08_ entry points to link against. MPICH's routines with
// a choice buffer are mpi_send_f08ts_ and call the C MPI_Send, which the C wrappers count.
//
// TYPE(MPI_Comm) etc. are one INTEGER (MPI_VAL): passed by reference they are MPI_Fint *, as in
// the legacy bindings. TYPE(MPI_Status) is Open MPI's Fortran status array (FApi) but MPICH's
// MPI_F08_status (its own layout, converted with MPI_Status_f082c, which MPICH defines in its
// Fortran library).
#pragma once

#include <mpi.h>

#include <cstdint>
#include <cstring>

#include "fortran.hpp"

namespace hpcpat::pmpi {

// The MPI's own definition of an f08 entry point we also define; nullptr (and one hpcpat: line)
// if there is none after us in the lookup order.
void *f08_next_symbol(const char *name) noexcept;

// A symbol of the MPI's Fortran library, which we do not link (it would pull the Fortran runtime
// into every C program); loaded whenever an f08 wrapper runs. nullptr if absent.
void *f08_library_symbol(const char *name) noexcept;

template <class Fn>
Fn function_from(void *p) noexcept {
  Fn fn;
  static_assert(sizeof fn == sizeof p);
  std::memcpy(&fn, &p, sizeof fn);  // object to function pointer, without a cast GCC may flag
  return fn;
}

template <class Fn>
Fn f08_next(const char *name) noexcept {
  return function_from<Fn>(f08_next_symbol(name));
}

#if defined(OPEN_MPI)
using F08Api = FApi;  // the f08 layer hands its TYPE(MPI_Status) to ompi_x_f as a status array
#else
inline constexpr int kF08StatusInts =
    static_cast<int>((sizeof(MPI_F08_status) + sizeof(MPI_Fint) - 1) / sizeof(MPI_Fint));

struct F08StatusStorage {
  MPI_Fint v[kF08StatusInts];
};

struct F08Api {
  using Req = MPI_Fint;
  using Status = MPI_Fint;
  static constexpr int kStride = kF08StatusInts;
  using StatusStorage = F08StatusStorage;
  static MPI_Request req(Req r) noexcept { return PMPI_Request_f2c(r); }
  static bool ignored_one(const Status *s) noexcept {
    return static_cast<const void *>(s) == MPI_F08_STATUS_IGNORE;
  }
  static bool ignored_all(const Status *s) noexcept {
    return static_cast<const void *>(s) == MPI_F08_STATUSES_IGNORE;
  }
  static std::uint64_t bytes(const Status *s) noexcept {
    MPI_F08_status f;
    std::memcpy(&f, s, sizeof f);
    using Convert = int (*)(const MPI_F08_status *, MPI_Status *);
    static const Convert f082c = function_from<Convert>(f08_library_symbol("PMPI_Status_f082c"));
    MPI_Status c;
    if (f082c == nullptr || f082c(&f, &c) != MPI_SUCCESS) return 0;
    return status_bytes(&c);
  }
  static int value(const MPI_Fint *v) noexcept { return static_cast<int>(*v); }
  static int index(int i) noexcept { return i == MPI_UNDEFINED ? i : i - 1; }  // 1-based
};
#endif

}  // namespace hpcpat::pmpi
