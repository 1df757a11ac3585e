// SIGTERM and SIGINT (how launchers and batch systems end a run that overstays its time) write
// this rank's partial profile, then hand the signal on:
//  - if the application had installed its own handler before MPI_Init, that handler runs next
//    and decides what happens (we do not change the program's behaviour);
//  - otherwise the default action is restored and the signal re-raised, so the process dies of
//    the signal as it would have without us (exit status and core dump rules unchanged).
// A signal the application ignores (SIG_IGN) is left alone: no handler is installed for it.
#pragma once

namespace hpcpat::pmpi::report {

void install_fault_handlers() noexcept;
void remove_fault_handlers() noexcept;  // at MPI_Finalize: restore what the app had

}  // namespace hpcpat::pmpi::report
