// The settings the report needs from the interposer's configuration (src/config.hpp, read
// once at load): whether profiling is on, and the communication-matrix cap.
#pragma once

#include <cstdint>

namespace hpcpat::pmpi::report {

bool profiling_enabled() noexcept;    // false under HPCPAT_DISABLE=1
std::uint32_t matrix_cap() noexcept;  // total entries of the comm matrix (HPCPAT_MATRIX_CAP)
bool overwrite() noexcept;            // existing regular files may be replaced (HPCPAT_OVERWRITE)

}  // namespace hpcpat::pmpi::report
