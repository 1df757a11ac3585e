#include "profile_output.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <set>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat::cli {
namespace fs = std::filesystem;

fs::path default_profile_path(const std::string &program, std::chrono::system_clock::time_point now,
                              const fs::path &dir) {
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  std::string base = fs::path(program).filename().string();
  if (base.empty()) base = "app";
  std::string stem = "hpcpat-" + base + "-" + stamp;
  fs::path candidate = dir / (stem + ".json");
  std::error_code ec;
  for (int n = 2; fs::exists(candidate, ec); ++n) {
    candidate = dir / (stem + "-" + std::to_string(n) + ".json");
  }
  return candidate;
}

std::string tags_env_value(const std::vector<std::string> &tags) {
  std::string out;
  std::set<std::string> keys;
  for (const std::string &tag : tags) {
    auto eq = tag.find('=');
    std::string key = tag.substr(0, eq);
    bool key_ok =
        eq != std::string::npos && !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
        });
    if (!key_ok || tag.find(',') != std::string::npos) {
      throw InputError("--tag '" + tag +
                       "': expected KEY=VALUE with KEY made of letters, digits, '_', '-', '.' "
                       "and no ',' anywhere");
    }
    if (!keys.insert(key).second) {
      throw InputError("--tag '" + tag + "': key '" + key + "' given twice; expected unique keys");
    }
    out += (out.empty() ? "" : ",") + tag;
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
  const std::string stem = profile.stem().string() + ".rank";
  const std::string suffix = ".partial.json";
  std::vector<std::pair<long, fs::path>> found;
  std::error_code ec;
  fs::path dir = profile.parent_path().empty() ? fs::path(".") : profile.parent_path();
  for (const fs::directory_entry &e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.size() <= stem.size() + suffix.size() || name.rfind(stem, 0) != 0 ||
        !name.ends_with(suffix)) {
      continue;
    }
    std::string digits = name.substr(stem.size(), name.size() - stem.size() - suffix.size());
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), ::isdigit))
      continue;
    found.emplace_back(std::stol(digits), e.path());
  }
  std::sort(found.begin(), found.end());
  std::vector<fs::path> out;
  for (auto &[rank, path] : found) out.push_back(std::move(path));
  return out;
}

}  // namespace hpcpat::cli
