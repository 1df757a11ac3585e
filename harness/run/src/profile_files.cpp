#include "hpcpat/run/profile_files.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/contract.h"

namespace hpcpat::run {
namespace fs = std::filesystem;

fs::path default_profile_path(const std::string &program, const std::string &run_id,
                              const fs::path &dir) {
  std::string base = fs::path(program).filename().string();
  if (base.empty()) base = "app";
  fs::path candidate = dir / contract::default_profile_name(base, run_id);
  std::error_code ec;
  for (int n = 2; fs::exists(fs::symlink_status(candidate, ec)); ++n) {
    candidate = dir / contract::default_profile_name(base, run_id + "-" + std::to_string(n));
  }
  return candidate;
}

std::string tags_env_value(const std::vector<std::string> &tags) {
  std::string out;
  std::set<std::string> keys;
  for (const std::string &tag : tags) {
    const std::string key = tag.substr(0, tag.find(contract::kTagAssign));
    if (!contract::valid_tag(tag)) {
      throw InputError("--tag '" + tag +
                       "': expected KEY=VALUE with KEY made of letters, digits, '_', '-', '.' "
                       "and no ',' anywhere");
    }
    if (!keys.insert(key).second) {
      throw InputError("--tag '" + tag + "': key '" + key + "' given twice; expected unique keys");
    }
    if (!out.empty()) out += contract::kTagSeparator;
    out += tag;
  }
  return out;
}

FileStamp stamp_file(const fs::path &path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return {};
  return FileStamp{true, static_cast<std::uint64_t>(st.st_ino),
                   static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

std::vector<fs::path> partial_profiles(const fs::path &profile) {
  const std::string profile_name = profile.filename().string();
  std::vector<std::pair<long, fs::path>> found;
  std::error_code ec;
  fs::path dir = profile.parent_path().empty() ? fs::path(".") : profile.parent_path();
  for (const fs::directory_entry &e : fs::directory_iterator(dir, ec)) {
    if (auto rank = contract::partial_rank(profile_name, e.path().filename().string())) {
      found.emplace_back(*rank, e.path());
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<fs::path> out;
  for (auto &[rank, path] : found) out.push_back(std::move(path));
  return out;
}

}  // namespace hpcpat::run
