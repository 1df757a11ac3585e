// Exit codes of hpcpat (docs/architecture.md): 0 ok, 1 a run or a check failed, 2 bad input/usage.
#pragma once

namespace hpcpat::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRunFailed = 1;
inline constexpr int kExitBadInput = 2;

}  // namespace hpcpat::cli
