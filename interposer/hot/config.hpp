// Hot-path knobs, read from the environment once (in MPI_Init, before PMPI_Init):
//   HPCPAT_DISABLE=1        pure pass-through: no tables touched, no profile written
//   HPCPAT_MATRIX_CAP=N     distinct partners per rank in the communication matrix
//   HPCPAT_MAX_THREADS=N    threads with their own tables per rank; later threads share one
//   HPCPAT_TIMER=auto|tsc|clock_gettime   the clock (timer.hpp)
//   HPCPAT_OVERWRITE=1      the profile and partial dumps may replace existing regular files
//   HPCPAT_CALLSITES=D      call sites: 0 off, D frames per site (callsites.hpp)
//   HPCPAT_CALLSITE_CAP=N   distinct (call, site) pairs per thread
// Names, defaults and limits come from the settings table (hpcpat/settings.def via contract.h).
// A bad value gets ONE message on stderr (from world rank 0, naming the variable and what was
// expected) and the default: a guest never aborts its host.
#pragma once

#include <cstdint>

#include "hpcpat/contract.h"
#include "timer.hpp"

namespace hpcpat::pmpi {

struct Config {
  bool disable = contract::default_uint(contract::Setting::DISABLE) != 0;
  bool overwrite = contract::default_uint(contract::Setting::OVERWRITE) != 0;
  std::uint32_t matrix_cap = contract::default_uint(contract::Setting::MATRIX_CAP);
  std::uint32_t max_threads = contract::default_uint(contract::Setting::MAX_THREADS);
  TimerRequest timer = TimerRequest::automatic;  // parse_config sets settings.def's default
  std::uint32_t callsites = contract::default_uint(contract::Setting::CALLSITES);
  std::uint32_t callsite_cap = contract::default_uint(contract::Setting::CALLSITE_CAP);

  static constexpr std::uint32_t kMaxMatrixCap =
      contract::setting(contract::Setting::MATRIX_CAP).max;
  static constexpr std::uint32_t kMaxMaxThreads =
      contract::setting(contract::Setting::MAX_THREADS).max;
  static constexpr int kMaxMessages = 7;  // every variable parse_config reads
  static constexpr int kMessageLen = 256;
  char messages[kMaxMessages][kMessageLen] = {};  // one per bad variable
  int num_messages = 0;
};

// Parses the knobs through `lookup` (getenv, or a fake in unit tests). Pure: no output.
Config parse_config(const char *(*lookup)(const char *name)) noexcept;

// The process's configuration: parsed from the environment on first use, then fixed.
const Config &config() noexcept;

// Prints the configuration messages on stderr (the caller decides which rank prints).
void print_config_messages(const Config &c) noexcept;

}  // namespace hpcpat::pmpi
