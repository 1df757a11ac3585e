#include "value_shapes.hpp"

#include <algorithm>

namespace hpcpat::containers {
namespace {

bool lower_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool alnum(char c) {
  return lower_or_digit(c) || (c >= 'A' && c <= 'Z');
}
bool hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}
bool in(char c, std::string_view set) {
  return set.find(c) != std::string_view::npos;
}

// `s` is one character of `first` then up to max_rest of `rest`.
template <typename First, typename Rest>
bool run_of(std::string_view s, First first, Rest rest, std::size_t max_rest) {
  if (s.empty() || s.size() > max_rest + 1 || !first(s[0])) return false;
  for (char c : s.substr(1)) {
    if (!rest(c)) return false;
  }
  return true;
}

bool axis_value(std::string_view s) {
  return run_of(
      s, [](char c) { return c >= 'a' && c <= 'z'; }, lower_or_digit, 31);
}
bool package(std::string_view s) {
  return run_of(
      s, alnum, [](char c) { return alnum(c) || in(c, "+._-"); }, 127);
}
bool url(std::string_view s) {
  constexpr std::string_view kScheme = "https://";
  if (s.substr(0, kScheme.size()) != kScheme) return false;
  const std::string_view rest = s.substr(kScheme.size());
  return !rest.empty() && rest.size() <= 512 &&
         std::all_of(rest.begin(), rest.end(), [](char c) { return alnum(c) || in(c, "._~/%+-"); });
}
bool version(std::string_view s) {
  return run_of(
      s, [](char c) { return c >= '0' && c <= '9'; },
      [](char c) { return alnum(c) || in(c, ".+_-"); }, 63);
}
bool sha256(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), hex);
}
bool image(std::string_view s) {
  if (const auto at = s.find('@'); at != std::string_view::npos) {
    if (s.substr(at, 8) != "@sha256:" || !sha256(s.substr(at + 8))) return false;
    s = s.substr(0, at);
  }
  // A ':' after the last '/' starts the tag; one before it is a registry's port.
  const auto slash = s.rfind('/');
  const auto colon = s.find(':', slash == std::string_view::npos ? 0 : slash);
  if (colon != std::string_view::npos) {
    if (!run_of(
            s.substr(colon + 1), [](char c) { return alnum(c) || in(c, "._-"); },
            [](char c) { return alnum(c) || in(c, "._-"); }, 127)) {
      return false;
    }
    s = s.substr(0, colon);
  }
  return run_of(
      s, lower_or_digit, [](char c) { return lower_or_digit(c) || in(c, "._/-:"); }, 255);
}
bool registry(std::string_view s) {
  const auto slash = s.find('/');
  if (!run_of(
          s.substr(0, slash), lower_or_digit,
          [](char c) { return lower_or_digit(c) || in(c, ".:-"); }, 127)) {
    return false;
  }
  if (slash == std::string_view::npos) return true;
  std::size_t parts = 0;
  for (std::string_view rest = s.substr(slash + 1);; ++parts) {
    const auto next = rest.find('/');
    const std::string_view part = rest.substr(0, next);
    if (part.empty() || part.size() > 128 || parts >= 8 ||
        !std::all_of(part.begin(), part.end(),
                     [](char c) { return lower_or_digit(c) || in(c, "._-"); })) {
      return false;
    }
    if (next == std::string_view::npos) return true;
    rest = rest.substr(next + 1);
  }
}
bool path(std::string_view s) {
  return s.size() >= 2 && s.size() <= 256 && s[0] == '/' &&
         std::all_of(s.begin(), s.end(), [](char c) { return alnum(c) || in(c, "._/-"); });
}
bool schema_id(std::string_view s) {
  return s == "hpcpat.containers.v1";
}
bool arch(std::string_view s) {
  return s == "amd64" || s == "arm64";
}

bool commit(std::string_view s) {
  return s.size() == 40 && std::all_of(s.begin(), s.end(), hex);
}
// A path inside a checkout: no leading '/', no '..' part.
bool relative_path(std::string_view s) {
  if (s.empty() || s.size() > 256 || s[0] == '/' ||
      !std::all_of(s.begin(), s.end(), [](char c) { return alnum(c) || in(c, "._/-+"); })) {
    return false;
  }
  for (std::size_t at = 0; at <= s.size();) {
    const std::size_t next = std::min(s.find('/', at), s.size());
    if (s.substr(at, next - at) == "..") return false;
    at = next + 1;
  }
  return true;
}
// One word of a build command, rendered single-quoted: no quote, no control character.
bool word(std::string_view s) {
  return !s.empty() && s.size() <= 512 && std::all_of(s.begin(), s.end(), [](char c) {
    return c != '\'' && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
  });
}

}  // namespace

const Shape kAxisValue{axis_value,
                       "a lower-case name of letters and digits (at most 32), e.g. ubuntu2204"};
const Shape kPackage{package, "a package name"};
const Shape kUrl{url, "an https URL of letters, digits and ._~/%+- (no query)"};
const Shape kVersion{version, "a version such as 4.1.6"};
const Shape kSha256{sha256, "a SHA-256 checksum (64 lower-case hex digits)"};
const Shape kImage{image, "an image reference such as ubuntu:22.04"};
const Shape kRegistry{registry, "a registry and namespace such as ghcr.io/hpcpat"};
const Shape kPath{path, "an absolute path"};
const Shape kSchema{schema_id, "hpcpat.containers.v1"};
const Shape kArch{arch, "amd64 or arm64"};
const Shape kCommit{commit, "a git commit (40 lower-case hex digits)"};
const Shape kRelativePath{
    relative_path, "a path inside the checkout (letters, digits, ._/-+; no leading / or ..)"};
const Shape kWord{word, "a command word without a single quote or a control character"};

}  // namespace hpcpat::containers
