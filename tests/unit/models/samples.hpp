// Hand-built RunSamples for the models' tests.
#pragma once

#include <string>

#include "hpcpat/runs/run_sample.hpp"

namespace hpcpat::models::test {

inline runs::RunSample sample(const std::string &case_name, int nodes, double wall_s,
                              int repeat = 0) {
  runs::RunSample s;
  s.study = "t";
  s.case_name = case_name;
  s.app = "stencil";
  s.duration_knob = "iters";
  s.size_knob = "n";
  s.nodes = nodes;
  s.ranks = nodes;
  s.repeat = repeat;
  s.status = "ok";
  s.wall_s = wall_s;
  s.run = case_name + ".n" + std::to_string(nodes) + ".rep" + std::to_string(repeat);
  return s;
}

// A run of the duration model's variables; parameters as the store gives them (strings).
inline runs::RunSample knob_sample(double iters, double n, int nodes, double wall_s,
                                   int repeat = 0) {
  runs::RunSample s = sample("c", nodes, wall_s, repeat);
  s.parameters = {{"iters", std::to_string(static_cast<long long>(iters))},
                  {"n", std::to_string(static_cast<long long>(n))}};
  s.run = "c.iters-" + std::to_string(static_cast<long long>(iters)) + ".n-" +
          std::to_string(static_cast<long long>(n)) + ".n" + std::to_string(nodes) + ".rep" +
          std::to_string(repeat);
  return s;
}

}  // namespace hpcpat::models::test
