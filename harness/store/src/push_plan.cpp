#include "hpcpat/store/push_plan.hpp"

#include <algorithm>

#include "hpcpat/base/input_error.hpp"
#include "store_names.hpp"

namespace hpcpat::store {
namespace fs = std::filesystem;

namespace {

// The studies of a store: its folders that hold a study.json.
std::vector<std::string> studies_in(const fs::path &results) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto &entry : fs::directory_iterator(results, ec)) {
    if (entry.is_directory(ec) && fs::exists(entry.path() / "study.json", ec)) {
      out.push_back(entry.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// [a-z0-9]+ joined by single separators from `seps`, nothing else.
bool separated_words(std::string_view s, std::string_view seps) {
  if (s.empty()) return false;
  bool after_sep = true;
  for (char c : s) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!word && (after_sep || seps.find(c) == std::string_view::npos)) return false;
    after_sep = !word;
  }
  return !after_sep;
}

bool tag(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || (i > 0 && (c == '.' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string reference_problem(std::string_view ref) {
  // registry host[:port], then one or more lower-case path components, then an optional tag (the
  // distribution spec's grammar, less digests: a push names a tag). By hand: no <regex>
  // (core/base/text_scan.hpp says why).
  const std::string expected =
      "an OCI reference REGISTRY/REPOSITORY[:TAG], e.g. ghcr.io/me/results:study1";
  const auto slash = ref.find('/');
  if (ref.size() > 512 || slash == std::string_view::npos) return expected;
  std::string_view host = ref.substr(0, slash), rest = ref.substr(slash + 1);
  if (const auto colon = host.find(':'); colon != std::string_view::npos) {
    const std::string_view port = host.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string_view::npos) {
      return expected;
    }
    host = host.substr(0, colon);
  }
  if (!separated_words(host, ".-")) return expected;
  if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    if (!tag(rest.substr(colon + 1))) return expected;
    rest = rest.substr(0, colon);
  }
  for (;;) {
    const auto next = rest.find('/');
    if (!separated_words(rest.substr(0, next), "._-")) return expected;
    if (next == std::string_view::npos) return "";
    rest = rest.substr(next + 1);
  }
}

PushPlan plan_push(const fs::path &results, const std::optional<std::string> &study,
                   const std::string &ref, const std::string &oras,
                   const std::string &hpcpat_version) {
  if (const std::string problem = reference_problem(ref); !problem.empty()) {
    throw InputError("reference '" + ref + "': expected " + problem);
  }
  std::error_code ec;
  if (!fs::is_directory(results, ec)) {
    throw InputError("results store '" + results.string() + "': expected an existing folder");
  }
  const std::vector<std::string> studies = studies_in(results);
  PushPlan plan;
  std::string member, parent;
  if (study) {
    check_name("study name", *study);
    if (std::find(studies.begin(), studies.end(), *study) == studies.end()) {
      std::string known;
      for (const std::string &s : studies) known += (known.empty() ? "" : ", ") + s;
      throw InputError("study '" + *study + "': not in " + results.string() + " (it holds " +
                       (known.empty() ? std::string("no study") : known) + ")");
    }
    parent = results.string();
    member = *study;
    plan.archive_name = "hpcpat-results-" + *study + ".tar.gz";
  } else {
    if (studies.empty())
      throw InputError(results.string() + ": expected a results store, found no study");
    const fs::path absolute = fs::absolute(results, ec).lexically_normal();
    const fs::path clean = absolute.has_filename() ? absolute : absolute.parent_path();
    parent = clean.parent_path().string();
    member = clean.filename().string();
    plan.archive_name = "hpcpat-results.tar.gz";
  }
  // The index and its WAL files are left out: they may be mid-write, and the folders are the
  // truth. "--" ends the options: the member cannot be read as one.
  plan.tar_argv = {"tar",
                   "--exclude=hpcpat.db",
                   "--exclude=hpcpat.db-*",
                   "-C",
                   parent,
                   "-czf",
                   plan.archive_name,
                   "--",
                   member};
  plan.oras_argv = {oras,
                    "push",
                    "--artifact-type",
                    kResultsArtifactType,
                    "--annotation",
                    "io.hpcpat.version=" + hpcpat_version};
  if (study)
    plan.oras_argv.insert(plan.oras_argv.end(), {"--annotation", "io.hpcpat.study=" + *study});
  plan.oras_argv.insert(plan.oras_argv.end(), {ref, plan.archive_name + ":" + kResultsLayerType});
  return plan;
}

}  // namespace hpcpat::store
