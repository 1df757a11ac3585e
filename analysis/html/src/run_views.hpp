// The rows the report's plots draw, taken from a study's runs, their profiles and the kernels'
// summaries: plain JSON objects, one per point, which the Vega-Lite specs aggregate and facet.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "hpcpat/profile/profile.hpp"
#include "hpcpat/runs/run_sample.hpp"

namespace hpcpat::html {

struct ProfiledRun {
  const runs::RunSample *run = nullptr;
  profile::Profile profile;
};

// The profiles of the ok runs that have one; an unreadable profile becomes a note.
std::vector<ProfiledRun> read_profiles(const std::vector<runs::RunSample> &runs,
                                       std::vector<std::string> &notes);

// Per case, the run the per-run views show: the most ranks, then the first repeat.
std::vector<const ProfiledRun *> representative_runs(const std::vector<ProfiledRun> &profiled);

// {case, nodes, ranks, repeat, run, status, wall_s}: every run.
nlohmann::json wall_rows(const std::vector<runs::RunSample> &runs);
// {case, nodes, run, category, fraction}: each run's share of its time in each MPI category
// (the mean rank's MPI time over its time, split by the categories' shares).
nlohmann::json category_rows(const std::vector<ProfiledRun> &profiled);
// {case, run, rank, host, mpi_fraction}.
nlohmann::json rank_rows(const std::vector<const ProfiledRun *> &shown);
// {case, run, call, bin, sizes, count, bytes}: the message-size histograms of every call.
nlohmann::json size_rows(const std::vector<const ProfiledRun *> &shown);
// {case, run, src, dst, messages, bytes}: the communication matrices.
nlohmann::json matrix_rows(const std::vector<const ProfiledRun *> &shown);
// {kernel, case, nodes, ranks, size, time_us, bandwidth_mb_s?}: the kernels' results per
// message size, from their summaries (schema hpcpat.kernels.v1); unreadable ones become notes.
nlohmann::json kernel_rows(const std::vector<runs::RunSample> &runs,
                           std::vector<std::string> &notes);

}  // namespace hpcpat::html
