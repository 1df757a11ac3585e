// The one-line JSON summary every app prints on stdout (from rank 0) when it ends; the harness
// records it beside the profile, and `--summary FILE` also writes it to FILE. Shape:
// {"app":..., "params":{...}, "figures":{...}, "checks":{"name":{"ok":bool, "value":x,
// "tolerance":t}, ...}, "ok":bool}.
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "hpcpat/base/atomic_file.hpp"

namespace hpcpat::app {

class Summary {
 public:
  explicit Summary(std::string app) { doc_["app"] = std::move(app); }

  template <class T>
  void param(const std::string &name, const T &value) { doc_["params"][name] = value; }

  template <class T>
  void figure(const std::string &name, const T &value) { doc_["figures"][name] = value; }

  // Records a check; the app's exit status follows all_ok().
  bool check(const std::string &name, bool ok, double value, double tolerance) {
    doc_["checks"][name] = {{"ok", ok}, {"value", value}, {"tolerance", tolerance}};
    ok_ = ok_ && ok;
    return ok;
  }

  bool all_ok() const { return ok_; }

  // Prints the line (and, when `path` is not empty, writes it atomically to that file) from
  // rank 0, and returns the exit status: 0 when every check passed, 1 otherwise.
  int emit(int rank, const std::string &path = "") {
    doc_["ok"] = ok_;
    if (rank != 0) return ok_ ? 0 : 1;
    const std::string line = doc_.dump();
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
    if (path.empty()) return ok_ ? 0 : 1;
    if (const std::string why = base::write_file_atomically(path, line + "\n"); !why.empty()) {
      std::fprintf(stderr, "%s: --summary: %s\n", doc_["app"].get<std::string>().c_str(),
                   why.c_str());
      return 1;
    }
    return ok_ ? 0 : 1;
  }

  const nlohmann::json &json() const { return doc_; }

 private:
  nlohmann::json doc_ = nlohmann::json::object();
  bool ok_ = true;
};

}  // namespace hpcpat::app
