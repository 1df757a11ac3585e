#include "hpcpat/store/push_plan.hpp"

#include <algorithm>
#include <regex>

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

}  // namespace

std::string reference_problem(std::string_view ref) {
  // registry host[:port], then one or more lower-case path components, then an optional tag
  // (the distribution spec's grammar, less digests: a push names a tag).
  static const std::regex kRef(
      "[a-z0-9]+([.-][a-z0-9]+)*(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)+"
      "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?");
  if (ref.size() > 512 || !std::regex_match(ref.begin(), ref.end(), kRef)) {
    return "an OCI reference REGISTRY/REPOSITORY[:TAG], e.g. ghcr.io/me/results:study1";
  }
  return "";
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
