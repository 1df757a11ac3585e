#include <system_error>

#include "hpcpat/base/atomic_file.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/emit/emit.hpp"

namespace hpcpat::emit {
namespace {

namespace fs = std::filesystem;

void write_new(const fs::path &dir, const std::string &name, const std::string &text,
               std::vector<std::string> &written) {
  const std::string error =
      base::write_file_atomically((dir / name).string(), text, base::Durability::crash_safe,
                                  base::Replace::never);
  if (!error.empty()) throw InputError(error + " (files already there are never replaced)");
  written.push_back(name);
}

}  // namespace

std::vector<std::string> write_ensemble(const EnsemblePlan &plan, const fs::path &dir) {
  check_plan(plan);
  std::error_code ec;
  fs::create_directories(dir / "jobspecs", ec);
  if (ec || !fs::is_directory(dir / "jobspecs", ec)) {
    throw InputError("'" + dir.string() + "': cannot make the ensemble's folder: " +
                     (ec ? ec.message() : "not a folder"));
  }
  std::vector<std::string> written;
  // Job names were checked (no '/', no ".."): each jobspec stays inside jobspecs/.
  for (const PlannedJob &job : plan.jobs) {
    write_new(dir, "jobspecs/" + job.name + ".json", flux_jobspec(plan, job).dump(2) + "\n",
              written);
  }
  write_new(dir, "submit.sh", flux_batch_script(plan), written);
  fs::permissions(dir / "submit.sh", fs::perms::owner_exec | fs::perms::group_exec |
                                         fs::perms::others_exec, fs::perm_options::add, ec);
  write_new(dir, "ensemble.yaml", ensemble_python_yaml(plan), written);
  write_new(dir, "minicluster.yaml", minicluster_yaml(plan), written);
  write_new(dir, "ensemble-crd.yaml", ensemble_crd_yaml(plan), written);
  write_new(dir, "ensemble.swf", standard_workload_format(plan), written);
  write_new(dir, "plan.json", plan_json(plan).dump(2) + "\n", written);
  return written;
}

}  // namespace hpcpat::emit
