// The one exception type for bad input (a flag, an argument, a file, a field). Its message is
// complete and meant for the user as is: it names the file/flag/field and what was expected. The
// command boundary (hpcpat's main) prints it once and exits with status 2.
#pragma once

#include <stdexcept>
#include <string>

namespace hpcpat {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string &message) : std::runtime_error(message) {}
};

}  // namespace hpcpat
