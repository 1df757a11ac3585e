#include "report_config.hpp"

#include "config.hpp"

namespace hpcpat::pmpi::report {

// The hot path parses and reports the variables (src/config.cpp); the report only reads them.
bool profiling_enabled() noexcept {
  return !config().disable;
}

std::uint32_t matrix_cap() noexcept {
  return config().matrix_cap;
}

bool overwrite() noexcept {
  return config().overwrite;
}

}  // namespace hpcpat::pmpi::report
