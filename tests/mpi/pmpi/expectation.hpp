// What a test program expects the profile to say about its own rank: per call the count, bytes
// and log2 size bins, and per partner (world rank) the messages and bytes it sent. The program
// derives every value from its own script (sizes, partners it computed), writes them to
// <prefix>.rank<N>.json, and check_profile.py compares them EXACTLY with the profile.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>

namespace hpcpat::test {

// Profile v1's bins: 0 for zero bytes, b >= 1 for [2^(b-1), 2^b - 1].
inline int size_bin(std::uint64_t bytes) {
  return bytes == 0 ? 0 : 64 - __builtin_clzll(bytes);
}

class Expectation {
 public:
  // One call of `name` that moved `bytes` (as the interposer's rules count them).
  void call(const std::string &name, std::uint64_t bytes = 0) {
    std::lock_guard<std::mutex> lock(mu_);
    Call &c = calls_[name];
    ++c.count;
    c.bytes += bytes;
    Bin &b = c.bins[size_bin(bytes)];
    ++b.count;
    b.bytes += bytes;
  }
  // One message of `bytes` sent to world rank `to` (point-to-point, persistent start or RMA).
  void sent(int to, std::uint64_t bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    Peer &p = peers_[to];
    ++p.messages;
    p.bytes += bytes;
  }
  // One closed region `name` (hpcpat_region_* or MPI_Pcontrol levels >= 2).
  void region(const std::string &name) {
    std::lock_guard<std::mutex> lock(mu_);
    ++regions_[name];
  }
  void write(const std::string &prefix, int rank) const {
    const std::string path = prefix + ".rank" + std::to_string(rank) + ".json";
    const std::string tmp = path + ".tmp";
    std::FILE *f = std::fopen(tmp.c_str(), "w");
    if (f == nullptr) {
      std::perror(tmp.c_str());
      return;
    }
    std::fprintf(f, "{\"rank\": %d, \"calls\": {", rank);
    const char *sep = "";
    for (const auto &[name, c] : calls_) {
      std::fprintf(f, "%s\"%s\": {\"count\": %llu, \"bytes\": %llu, \"bins\": {", sep, name.c_str(),
                   static_cast<unsigned long long>(c.count),
                   static_cast<unsigned long long>(c.bytes));
      const char *bsep = "";
      for (const auto &[bin, b] : c.bins) {
        std::fprintf(f, "%s\"%d\": [%llu, %llu]", bsep, bin,
                     static_cast<unsigned long long>(b.count),
                     static_cast<unsigned long long>(b.bytes));
        bsep = ", ";
      }
      std::fprintf(f, "}}");
      sep = ", ";
    }
    std::fprintf(f, "}, \"sent\": {");
    sep = "";
    for (const auto &[to, p] : peers_) {
      std::fprintf(f, "%s\"%d\": [%llu, %llu]", sep, to,
                   static_cast<unsigned long long>(p.messages),
                   static_cast<unsigned long long>(p.bytes));
      sep = ", ";
    }
    std::fprintf(f, "}, \"regions\": {");
    sep = "";
    for (const auto &[name, count] : regions_) {
      std::fprintf(f, "%s\"%s\": %llu", sep, name.c_str(), static_cast<unsigned long long>(count));
      sep = ", ";
    }
    std::fprintf(f, "}}\n");
    std::fclose(f);
    std::rename(tmp.c_str(), path.c_str());
  }

 private:
  struct Bin {
    std::uint64_t count = 0, bytes = 0;
  };
  struct Call {
    std::uint64_t count = 0, bytes = 0;
    std::map<int, Bin> bins;
  };
  struct Peer {
    std::uint64_t messages = 0, bytes = 0;
  };
  std::mutex mu_;
  std::map<std::string, Call> calls_;
  std::map<int, Peer> peers_;
  std::map<std::string, std::uint64_t> regions_;
};

}  // namespace hpcpat::test
