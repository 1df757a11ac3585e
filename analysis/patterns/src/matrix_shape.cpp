// The communication matrix as a shape: partners, density, distance from the diagonal, wrap-around.
// One pass over the entries once sorted (a profile's are, by (src, dst)), and a binary search per
// pair: a dense matrix of 4096 ranks has 16.7 million entries, and a std::map of pairs spent 18 s
// on them.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "hpcpat/patterns/features.hpp"

namespace hpcpat::patterns {
namespace {

struct Pair {  // an ordered pair's traffic, off the diagonal
  int src, dst;
  double weight;
};

bool before(const Pair &a, const Pair &b) {
  return a.src != b.src ? a.src < b.src : a.dst < b.dst;
}

// Sorted by (src, dst), one per pair: a pair written twice (profiles merged by hand) sums.
std::vector<Pair> unique_pairs(std::vector<Pair> pairs) {
  if (!std::is_sorted(pairs.begin(), pairs.end(), before)) {
    std::sort(pairs.begin(), pairs.end(), before);
  }
  std::size_t out = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (out > 0 && pairs[out - 1].src == pairs[i].src && pairs[out - 1].dst == pairs[i].dst) {
      pairs[out - 1].weight += pairs[i].weight;
    } else {
      pairs[out++] = pairs[i];
    }
  }
  pairs.resize(out);
  return pairs;
}

// Sum over ordered pairs of min(a→b, b→a). Walking the pairs in (a, b) order, the reverse pair
// (b, a) is looked for in row b, and row b is asked for increasing a: one cursor per row, which
// only moves forward, finds every reverse pair in one pass over the rows.
double returned_traffic(const std::vector<Pair> &pairs) {
  struct Row {
    int src;
    std::size_t cursor, end;
  };
  std::vector<Row> rows;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (rows.empty() || rows.back().src != pairs[i].src) rows.push_back({pairs[i].src, i, i});
    rows.back().end = i + 1;
  }
  auto row_of = [&rows](int src) -> Row * {
    const auto it = std::lower_bound(rows.begin(), rows.end(), src,
                                     [](const Row &r, int s) { return r.src < s; });
    return it != rows.end() && it->src == src ? &*it : nullptr;
  };
  double returned = 0;
  for (const Pair &p : pairs) {
    Row *back = row_of(p.dst);
    if (back == nullptr) continue;
    while (back->cursor < back->end && pairs[back->cursor].dst < p.src) ++back->cursor;
    if (back->cursor < back->end && pairs[back->cursor].dst == p.src) {
      returned += std::min(p.weight, pairs[back->cursor].weight);
    }
  }
  return returned;
}

}  // namespace

MatrixShape matrix_shape(const profile::CommMatrix &matrix, int ranks) {
  MatrixShape s;
  s.truncated = matrix.truncated;
  if (ranks <= 1) return s;
  for (const profile::CommEntry &e : matrix.entries) {
    if (e.src == e.dst || e.messages == 0) continue;
    s.messages += e.messages;
    s.bytes += e.bytes;
  }
  // Bytes weigh each pair when any were moved; zero-byte messages (pure synchronisation) by count.
  const bool by_bytes = s.bytes > 0;
  std::vector<Pair> traffic;
  traffic.reserve(matrix.entries.size());
  double weight_sum = 0, distance_sum = 0, wrap_sum = 0;
  int reach = 0, wrap_reach = -1;  // the largest distance of plain pairs; cyclic of wrapping ones
  for (const profile::CommEntry &e : matrix.entries) {
    if (e.src == e.dst || e.messages == 0) continue;
    const double w = by_bytes ? double(e.bytes) : double(e.messages);
    traffic.push_back({e.src, e.dst, w});
    const int d = std::abs(e.src - e.dst);
    weight_sum += w;
    distance_sum += w * d;
    if (2 * d > ranks) {
      wrap_sum += w;
      wrap_reach = std::max(wrap_reach, ranks - d);
    } else {
      reach = std::max(reach, d);
    }
  }
  const std::vector<Pair> pairs = unique_pairs(std::move(traffic));
  std::vector<int> partners(static_cast<std::size_t>(ranks), 0);
  for (const Pair &p : pairs) {
    if (p.src >= 0 && p.src < ranks) ++partners[static_cast<std::size_t>(p.src)];
  }
  s.partners_max = *std::max_element(partners.begin(), partners.end());
  s.partners_mean = double(pairs.size()) / ranks;
  s.density = double(pairs.size()) / (double(ranks) * double(ranks - 1));
  s.periodic = wrap_reach >= 0 && wrap_reach <= reach && 2 * reach < ranks;
  if (weight_sum > 0) {
    s.mean_distance = distance_sum / weight_sum;
    s.wrap_share = wrap_sum / weight_sum;
    s.reciprocity = returned_traffic(pairs) / weight_sum;
  }
  return s;
}

}  // namespace hpcpat::patterns
