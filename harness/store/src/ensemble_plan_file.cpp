// The ensemble plan a validation study ran (Store::keep_ensemble_plan): kept beside the study's
// spec so that the comparison of predicted and measured can be made again from the store alone
// (hpcpat report). The store keeps the text; its format is synthesis/emit's plan.json.
#include <optional>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/input_file.hpp"
#include "hpcpat/store/store.hpp"
#include "store_files.hpp"
#include "store_names.hpp"

namespace hpcpat::store {

namespace fs = std::filesystem;

namespace {
// plan.json of the ensemble cap (100 000 jobs) stays well under this.
constexpr std::uint64_t kMaxPlanBytes = std::uint64_t{256} << 20;
}  // namespace

void Store::keep_ensemble_plan(const std::string &study, const std::string &plan_text) {
  check_name("study name", study);
  const fs::path study_dir = dir_ / study;
  check_contained(dir_, study_dir);
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(study_dir / kStudySpecFile, ec))) {
    throw InputError("study '" + study + "' was not started in '" + dir_.string() +
                     "'; expected a study to keep the ensemble plan of");
  }
  write_atomically(study_dir / kEnsemblePlanFile, plan_text);
}

std::optional<std::string> Store::ensemble_plan(const std::string &study) const {
  check_name("study name", study);
  const fs::path file = dir_ / study / kEnsemblePlanFile;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) return std::nullopt;
  return InputFile(file, kMaxPlanBytes).read_all();
}

}  // namespace hpcpat::store
