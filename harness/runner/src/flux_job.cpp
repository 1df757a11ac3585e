#include "flux_job.hpp"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat::runner {
namespace {
namespace fs = std::filesystem;

constexpr double kAttachGraceS = 60;  // past Flux's own limit, before we cancel the job
constexpr double kQueryTimeoutS = 60;

std::string read_text(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string trimmed(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  s.erase(0, first);
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

std::string last_line(const std::string &text) {
  const std::string t = trimmed(text);
  const auto nl = t.rfind('\n');
  return nl == std::string::npos ? t : t.substr(nl + 1);
}

// `flux ARGS...` with its stdout into `out`; true when it succeeded. Its stderr goes beside.
bool flux_query(const std::string &flux, const std::vector<std::string> &args, const fs::path &out,
                std::vector<std::string> &notes) {
  std::vector<std::string> argv = {flux};
  argv.insert(argv.end(), args.begin(), args.end());
  launch::ProcessOptions options;
  options.stdout_path = out;
  options.stderr_path = fs::path(out).concat(".err");
  options.timeout_s = kQueryTimeoutS;
  try {
    const launch::ProcessResult r = launch::run_process(argv, {}, options);
    const std::string err = read_text(*options.stderr_path);
    fs::remove(*options.stderr_path);
    if (r.ok()) return true;
    notes.push_back("flux " + args.front() + " " + args[1] + ": exit status " +
                    std::to_string(r.status_code()) + (err.empty() ? "" : ": " + last_line(err)));
  } catch (const InputError &e) {
    notes.push_back(e.what());
  }
  std::error_code ec;
  fs::remove(out, ec);
  return false;
}

}  // namespace

FluxJobResult run_flux_job(const run::PreparedRun &prepared, const std::string &flux,
                           const fs::path &run_dir, double timeout_s) {
  FluxJobResult job;
  const fs::path records = run_dir / "launcher";
  fs::create_directories(records);
  const fs::path submit_out = records / "submit.out", submit_err = records / "submit.err";
  launch::ProcessOptions submit;
  submit.stdout_path = submit_out;
  submit.stderr_path = submit_err;
  submit.timeout_s = kQueryTimeoutS;
  const launch::ProcessResult s =
      launch::run_process(prepared.command.argv, prepared.command.launcher_env, submit);
  job.job_id = trimmed(read_text(submit_out));
  if (!s.ok() || job.job_id.empty() || job.job_id.find_first_of(" \n") != std::string::npos) {
    job.submit_error = "flux submit: exit status " + std::to_string(s.status_code()) + ": " +
                       last_line(read_text(submit_err));
    job.job_id.clear();
    return job;
  }
  job.records = {"launcher/submit.out", "launcher/submit.err"};

  launch::ProcessOptions attach;
  attach.stdout_path = run_dir / "stdout";
  attach.stderr_path = run_dir / "stderr";
  attach.timeout_s = timeout_s + kAttachGraceS;
  job.attach = launch::run_process({flux, "job", "attach", job.job_id}, {}, attach);
  if (job.attach.timed_out || job.attach.stopped_by) {
    fs::path cancel = records / "cancel.out";
    flux_query(flux, {"cancel", job.job_id}, cancel, job.notes);
    std::error_code ec;
    fs::remove(cancel, ec);
  }

  const std::vector<std::pair<std::string, std::vector<std::string>>> queries = {
      {"jobspec.json", {"job", "info", job.job_id, "jobspec"}},
      {"R.json", {"job", "info", job.job_id, "R"}},
      {"eventlog", {"job", "eventlog", job.job_id}},
      {"jobs.json", {"jobs", "--json", job.job_id}},
  };
  for (const auto &[file, args] : queries) {
    if (flux_query(flux, args, records / file, job.notes)) job.records.push_back("launcher/" + file);
  }
  const nlohmann::json jobs =
      nlohmann::json::parse(read_text(records / "jobs.json"), nullptr, false);
  if (jobs.is_object() && jobs.contains("result") && jobs["result"].is_string()) {
    job.result = jobs["result"].get<std::string>();
  }
  if (jobs.is_object() && jobs.contains("runtime") && jobs["runtime"].is_number()) {
    job.runtime_s = jobs["runtime"].get<double>();
  }
  return job;
}

}  // namespace hpcpat::runner
