// Helpers of the generated Fortran wrappers (wrappers_f.cpp, Open MPI only; FortranScope and, on
// Open MPI, FApi serve the `use mpi_f08` wrappers too: fortran_f08.hpp).
//
// Open MPI's Fortran bindings (libmpi_mpifh: mpi_send_ -> PMPI_Send) bypass the C wrappers, so we
// define the Fortran entry points ourselves and time the Fortran PMPI entry point (pmpi_send_),
// which converts the handles and statuses as Open MPI does. Sizes and partners are computed from
// the same arguments converted with MPI_Type_f2c / MPI_Comm_f2c. FortranScope makes any C wrapper
// reached from inside pass through, so no call is ever counted twice (MPICH's Fortran layer calls
// the C MPI_ functions instead, so no Fortran wrappers are built for MPICH: the C ones count).
#pragma once

#include <mpi.h>

#include <cstdint>

#include "bytes.hpp"
#include "completion.hpp"
#include "thread_state.hpp"

static_assert(sizeof(MPI_Fint) == sizeof(int), "Fortran INTEGER arrays are read as int arrays");

// Open MPI's Fortran sentinels (common blocks defined in libmpi); weak: absent elsewhere.
extern "C" char mpi_fortran_in_place_ __attribute__((weak));
extern "C" char mpi_fortran_in_place __attribute__((weak));
extern "C" char mpi_fortran_in_place__ __attribute__((weak));
extern "C" char MPI_FORTRAN_IN_PLACE __attribute__((weak));

namespace hpcpat::pmpi {

// MPI_STATUS_SIZE: a Fortran status is an INTEGER array as large as the C struct.
inline constexpr int kFStatusInts =
    static_cast<int>((sizeof(MPI_Status) + sizeof(MPI_Fint) - 1) / sizeof(MPI_Fint));

struct FStatusStorage {
  MPI_Fint v[kFStatusInts];
};

// Maps Fortran's MPI_IN_PLACE to C's, for the byte rules (the PMPI call gets the original).
inline const void *f_buf(const void *p) noexcept {
  if (p != nullptr && (p == &mpi_fortran_in_place_ || p == &mpi_fortran_in_place ||
                       p == &mpi_fortran_in_place__ || p == &MPI_FORTRAN_IN_PLACE)) {
    return MPI_IN_PLACE;
  }
  return p;
}

class FortranScope {
 public:
  FortranScope() noexcept { ++tls_slot.fortran_depth; }
  ~FortranScope() { --tls_slot.fortran_depth; }
  FortranScope(const FortranScope &) = delete;
  FortranScope &operator=(const FortranScope &) = delete;
};

struct FApi {
  using Req = MPI_Fint;
  using Status = MPI_Fint;
  static constexpr int kStride = kFStatusInts;
  using StatusStorage = FStatusStorage;  // a status for a caller that passed MPI_STATUS_IGNORE
  static MPI_Request req(Req r) noexcept { return PMPI_Request_f2c(r); }
  static bool ignored_one(const Status *s) noexcept { return s == MPI_F_STATUS_IGNORE; }
  static bool ignored_all(const Status *s) noexcept { return s == MPI_F_STATUSES_IGNORE; }
  static std::uint64_t bytes(const Status *s) noexcept {
    MPI_Status c;
    if (PMPI_Status_f2c(s, &c) != MPI_SUCCESS) return 0;
    return status_bytes(&c);
  }
  static int value(const MPI_Fint *v) noexcept { return static_cast<int>(*v); }
  static int index(int i) noexcept { return i == MPI_UNDEFINED ? i : i - 1; }  // 1-based
};

}  // namespace hpcpat::pmpi
