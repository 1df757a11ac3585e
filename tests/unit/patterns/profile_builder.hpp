// Profiles built by hand for the pattern tests, every figure known by construction: P ranks with
// given MPI and app times, calls with their time, category and size bins, and a matrix. The
// summary is filled the way the interposer defines it (shares of the summed MPI time).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "hpcpat/profile/profile.hpp"

namespace hpcpat::patterns::test {

struct Bin {
  int bin;
  std::uint64_t count, bytes;
};

class ProfileBuilder {
 public:
  // P ranks, each `app_s` long with `mpi_s` in MPI (the calls' time is spread over ranks).
  ProfileBuilder(int ranks, double app_s, double mpi_s) {
    p_.run.ranks = ranks;
    p_.run.nodes = 1;
    for (int r = 0; r < ranks; ++r) {
      profile::RankEntry e;
      e.rank = r;
      e.app_time_s = app_s;
      e.mpi_time_s = mpi_s;
      e.mpi_fraction = mpi_s / app_s;
      p_.ranks.push_back(e);
    }
  }
  // Per-rank MPI times (imbalance tests); the app time stays.
  ProfileBuilder &mpi_times(const std::vector<double> &t) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      p_.ranks[i].mpi_time_s = t[i];
      p_.ranks[i].mpi_fraction = t[i] / p_.ranks[i].app_time_s;
    }
    return *this;
  }
  // A call whose time summed over ranks is `time_s`.
  ProfileBuilder &call(const std::string &name, MpiCategory category, double time_s,
                       std::vector<Bin> bins = {}) {
    profile::CallAggregate c;
    c.name = name;
    c.category = category;
    c.time_s.sum = time_s;
    for (const Bin &b : bins) {
      c.count += b.count;
      c.bytes += b.bytes;
      c.histogram.push_back({b.bin, 0, 0, b.count, 0, b.bytes});
    }
    if (bins.empty()) c.count = 1;
    p_.calls.push_back(c);
    return *this;
  }
  ProfileBuilder &send(int src, int dst, std::uint64_t messages, std::uint64_t bytes) {
    p_.comm_matrix.entries.push_back({src, dst, messages, bytes});
    return *this;
  }
  // Sends between i and i±1 for every rank (mod P when `periodic`): a ring or a chain.
  ProfileBuilder &neighbours(bool periodic, std::uint64_t messages, std::uint64_t bytes) {
    const int n = p_.run.ranks;
    for (int r = 0; r < n; ++r) {
      for (int d : {-1, 1}) {
        const int to = r + d;
        if (!periodic && (to < 0 || to >= n)) continue;
        send(r, (to + n) % n, messages, bytes);
      }
    }
    return *this;
  }
  profile::Profile build(double imbalance = 1.0) {
    profile::Profile p = p_;
    std::sort(p.calls.begin(), p.calls.end(), [](const auto &a, const auto &b) {
      return a.time_s.sum > b.time_s.sum;
    });
    double mpi = 0, app = 0;
    std::vector<double> fractions;
    for (const profile::RankEntry &r : p.ranks) {
      mpi += r.mpi_time_s;
      app += r.app_time_s;
      fractions.push_back(r.mpi_fraction);
    }
    std::sort(fractions.begin(), fractions.end());
    const std::size_t n = fractions.size();
    p.summary.mpi_fraction.min = fractions.front();
    p.summary.mpi_fraction.max = fractions.back();
    p.summary.mpi_fraction.median =
        n % 2 ? fractions[n / 2] : (fractions[n / 2 - 1] + fractions[n / 2]) / 2;
    p.summary.app_time_s = app / double(n);
    p.summary.mpi_time_s = mpi / double(n);
    for (const profile::CallAggregate &c : p.calls) {
      p.summary.categories[static_cast<std::size_t>(c.category)] += c.time_s.sum / mpi;
    }
    p.summary.imbalance = imbalance;
    return p;
  }

 private:
  profile::Profile p_;
};

}  // namespace hpcpat::patterns::test
