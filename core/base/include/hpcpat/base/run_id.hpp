// The generated run id, "<host>-<UTC yyyymmddThhmmss>-<pid>-<8 hex digits>", one form for every
// process that names a run: hpcpat profile (which passes it to the ranks as HPCPAT_RUN_ID), the
// interposer used without hpcpat, and the kernels. The random suffix makes it unique per run even
// where host, second and pid repeat: two runs started in the same second from containers that
// share a host name (pid namespaces give both the same small pid), or a pid reused under a
// launcher. Profiles are named after it, so a repeated id would put two runs in one file.
#pragma once

#include <cstdint>
#include <string>

namespace hpcpat::base {

// 32 fresh random bits: getrandom() (never blocking), else the nanosecond clocks mixed with the
// pid. Never fails.
std::uint32_t run_nonce() noexcept;

// The id from its parts; the host is cut at its first '.', and replaced by "host" unless made of
// [A-Za-z0-9_-] (the id becomes part of a file name).
std::string generated_run_id(const std::string &host, long long epoch_s, long pid,
                             std::uint32_t nonce);

// generated_run_id for this process, now, on this host (gethostname).
std::string fresh_run_id();

}  // namespace hpcpat::base
