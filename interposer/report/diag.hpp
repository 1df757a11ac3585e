// One-line diagnostics of the interposer on stderr, prefixed "hpcpat:". The interposer is a guest
// in someone else's program: it reports its own trouble once and carries on, it never aborts.
#pragma once

namespace hpcpat::pmpi::report {

// printf-style; formats into a stack buffer and write(2)s it, so it is usable anywhere except a
// signal handler (vsnprintf is not async-signal-safe).
void warn(const char *fmt, ...) noexcept __attribute__((format(printf, 1, 2)));

// Async-signal-safe: writes "hpcpat: " + msg + "\n" with write(2) only.
void warn_raw(const char *msg) noexcept;

}  // namespace hpcpat::pmpi::report
