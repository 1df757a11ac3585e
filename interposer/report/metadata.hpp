// Facts about the run that only the interposer knows: the thread level the application asked for,
// and the optional libraries this build was compiled with. The facts it shares with the kernels
// (MPI library, topology, fabric, container, launcher...) live in hpcpat/runinfo.
#pragma once

namespace hpcpat::pmpi::report {

const char *thread_level_name(int level) noexcept;
// Optional libraries this build was compiled with (recorded as run.hpcpat.features).
bool built_with_libfabric() noexcept;
bool built_with_papi() noexcept;

}  // namespace hpcpat::pmpi::report
