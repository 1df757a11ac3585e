// The one-line JSON summary every app prints on stdout (from rank 0) when it ends; the harness
// records it beside the profile, and `--summary FILE` also writes it to FILE. Shape:
// {"app":..., "params":{...}, "figures":{...}, "checks":{"name":{"ok":bool, "value":x,
// "tolerance":t}, ...}, "ok":bool}.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

namespace hpcpat::app {

// Unique temporary file in the same directory, then rename: a reader never sees a half-written
// file, and two writers never share a temporary.
inline bool write_atomically(const std::string &path, const std::string &text) {
  std::string tmp = path + ".tmp.XXXXXX";
  const int fd = mkstemp(tmp.data());
  if (fd < 0) return false;
  fchmod(fd, 0644);  // mkstemp's 0600 would hide the result from the other users of a shared run
  bool ok = true;
  for (std::size_t done = 0; ok && done < text.size();) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = close(fd) == 0 && ok;
  if (ok && std::rename(tmp.c_str(), path.c_str()) == 0) return true;
  unlink(tmp.c_str());
  return false;
}

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
    if (!path.empty() && !write_atomically(path, line + "\n")) {
      std::fprintf(stderr, "%s: cannot write summary file '%s'\n",
                   doc_["app"].get<std::string>().c_str(), path.c_str());
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
