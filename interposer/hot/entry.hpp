// Each exported MPI_X is a two-instruction trampoline in front of our C++ wrapper. When the host
// runs another MPI flavour (host_mpi.hpp), the trampoline jumps straight to the host's PMPI_X with
// every argument register and the stack untouched. A C++ pass-through cannot promise that: an
// MPICH build declares handles as 32-bit int, and forwarding Open MPI's 64-bit handle pointers
// through that signature truncated them (segfault in PMPI_Allreduce, measured). MPI_Init and
// MPI_Init_thread take only pointers and an int, so they stay plain C++ and say that we stepped
// aside. Other architectures keep the plain exported wrappers (they are not supported hosts yet).
#pragma once

extern "C" {
// 1 when the host's MPI is not the one we were built for; set by a constructor before main.
extern unsigned char hpcpat_step_aside;
}

#if defined(__x86_64__) && defined(__ELF__)
#define HPCPAT_IMPL(name) hpcpat_impl_##name
#define HPCPAT_ENTRY(name)                                                              \
  asm(".text\n"                                                                         \
      ".globl " #name "\n"                                                              \
      ".type " #name ", @function\n" #name ":\n"                                        \
      "  cmpb $0, hpcpat_step_aside(%rip)\n"                                            \
      "  jne P" #name "@PLT\n"                                                          \
      "  jmp hpcpat_impl_" #name "\n"                                                   \
      ".size " #name ", .-" #name "\n");
#define HPCPAT_IMPL_EXPORT
#else
#define HPCPAT_IMPL(name) name
#define HPCPAT_ENTRY(name)
#define HPCPAT_IMPL_EXPORT HPCPAT_EXPORT
#endif
