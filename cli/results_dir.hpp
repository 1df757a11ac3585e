// Where the results store is, for every command that reads or writes it (run, scale, results):
// --results, else $HPCPAT_RESULTS, else ./hpcpat-results (settings.def); nothing is created here.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "hpcpat/contract.h"

namespace hpcpat::cli {

struct ResultsFolder {
  std::filesystem::path dir;  // absolute
  std::string source;         // where the choice came from, for messages
};

inline ResultsFolder results_folder(const std::string &flag) {
  std::filesystem::path dir;
  std::string source;
  const char *env = contract::env_name(contract::Setting::RESULTS);
  if (!flag.empty()) {
    dir = flag;
    source = "--results";
  } else if (const char *value = std::getenv(env); value != nullptr && *value != '\0') {
    dir = value;
    source = env;
  } else {
    dir = contract::setting(contract::Setting::RESULTS).default_text;
    source = std::string("the default; give --results DIR or set ") + env;
  }
  std::error_code ec;
  return {std::filesystem::absolute(dir, ec).lexically_normal(), source};
}

inline std::string results_flag_help() {
  return std::string("The results store (default: $") +
         contract::env_name(contract::Setting::RESULTS) + ", else ./hpcpat-results)";
}

}  // namespace hpcpat::cli
