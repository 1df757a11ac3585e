// Writes an ensemble from a plan given as JSON (the fields of hpcpat/emit/ensemble_plan.hpp), so
// the emitters are tested on plans the test script writes: write_ensemble_tool PLAN.json DIR.
// Exit 0 written, 2 refused (the message on stderr).
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/emit/emit.hpp"

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fputs("usage: write_ensemble_tool PLAN.json DIR\n", stderr);
    return 2;
  }
  try {
    const nlohmann::json in = nlohmann::json::parse(std::ifstream(argv[1]));
    hpcpat::emit::EnsemblePlan plan;
    plan.name = in.at("name");
    plan.seed = in.value("seed", 0);
    plan.cluster_nodes = in.at("cluster_nodes");
    plan.image = in.value("image", "");
    plan.workdir = in.value("workdir", "");
    plan.generated_by = "hpcpat tests";
    for (const auto &j : in.at("jobs")) {
      hpcpat::emit::PlannedJob job;
      job.name = j.at("name");
      job.app = j.value("app", "");
      job.argv = j.at("argv").get<std::vector<std::string>>();
      job.nodes = j.value("nodes", 1);
      job.tasks_per_node = j.value("tasks_per_node", 1);
      job.predicted_s = j.value("predicted_s", 1.0);
      job.time_limit_s = j.value("time_limit_s", 0.0);
      job.pattern = j.value("pattern", "");
      job.phase = j.value("phase", 1);
      job.submit_s = j.value("submit_s", 0.0);
      job.env = j.value("env", std::map<std::string, std::string>{});
      plan.jobs.push_back(std::move(job));
    }
    for (const std::string &f : hpcpat::emit::write_ensemble(plan, argv[2])) {
      std::printf("%s\n", f.c_str());
    }
  } catch (const hpcpat::InputError &e) {
    std::fprintf(stderr, "hpcpat: %s\n", e.what());
    return 2;
  } catch (const nlohmann::json::exception &e) {
    std::fprintf(stderr, "write_ensemble_tool: bad plan: %s\n", e.what());
    return 2;
  }
  return 0;
}
