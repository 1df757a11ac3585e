#include <cmath>

#include "hpcpat/emit/emit.hpp"

namespace hpcpat::emit {

// RFC 25 version 1: the resources are node > slot > core (a slot per task, so that `count.per_slot
// = 1` gives exactly nodes x tasks_per_node tasks); system attributes as flux submit writes them.
nlohmann::json flux_jobspec(const EnsemblePlan &plan, const PlannedJob &job) {
  using nlohmann::json;
  json system = {{"duration", job.time_limit_s}, {"job", {{"name", job.name}}}};
  if (!plan.workdir.empty()) system["cwd"] = plan.workdir;
  if (!job.env.empty()) system["environment"] = job.env;
  return {
      {"version", 1},
      {"resources",
       json::array({{{"type", "node"},
                     {"count", job.nodes},
                     {"with", json::array({{{"type", "slot"},
                                            {"count", job.tasks_per_node},
                                            {"label", "task"},
                                            {"with", json::array({{{"type", "core"},
                                                                   {"count", job.cores_per_task}}})}}})}}})},
      {"tasks", json::array({{{"command", job.argv},
                              {"slot", "task"},
                              {"count", {{"per_slot", 1}}}}})},
      {"attributes",
       {{"system", std::move(system)},
        {"user",
         {{"ensemble", plan.name},
          {"job", job.name},
          {"pattern", job.pattern},
          {"phase", job.phase},
          {"predicted_s", job.predicted_s}}}}},
  };
}

}  // namespace hpcpat::emit
