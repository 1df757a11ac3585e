// The communication matrix as a shape: partners, density, distance from the diagonal, wrap-around.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <utility>
#include <vector>

#include "hpcpat/patterns/features.hpp"

namespace hpcpat::patterns {

MatrixShape matrix_shape(const profile::CommMatrix &matrix, int ranks) {
  MatrixShape s;
  s.truncated = matrix.truncated;
  if (ranks <= 1) return s;
  // The reader keeps one entry per pair, but a pair seen twice must still count once as a partner.
  std::vector<std::pair<int, int>> pairs;
  pairs.reserve(matrix.entries.size());
  double weight_sum = 0, distance_sum = 0, wrap_sum = 0;
  int reach = 0, wrap_reach = -1;  // the largest distance of plain pairs; cyclic of wrapping ones
  for (const profile::CommEntry &e : matrix.entries) {
    if (e.src == e.dst || e.messages == 0) continue;
    s.messages += e.messages;
    s.bytes += e.bytes;
    pairs.emplace_back(e.src, e.dst);
  }
  // Bytes weigh each pair when any were moved; zero-byte messages (pure synchronisation) by count.
  const bool by_bytes = s.bytes > 0;
  std::map<std::pair<int, int>, double> weight;  // ordered pair -> its traffic
  for (const profile::CommEntry &e : matrix.entries) {
    if (e.src == e.dst || e.messages == 0) continue;
    const double w = by_bytes ? double(e.bytes) : double(e.messages);
    weight[{e.src, e.dst}] += w;
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
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<int> partners(static_cast<std::size_t>(ranks), 0);
  for (const auto &[src, dst] : pairs) {
    if (src >= 0 && src < ranks) ++partners[static_cast<std::size_t>(src)];
  }
  s.partners_max = *std::max_element(partners.begin(), partners.end());
  s.partners_mean = double(pairs.size()) / ranks;
  s.density = double(pairs.size()) / (double(ranks) * double(ranks - 1));
  s.periodic = wrap_reach >= 0 && wrap_reach <= reach && 2 * reach < ranks;
  if (weight_sum > 0) {
    s.mean_distance = distance_sum / weight_sum;
    s.wrap_share = wrap_sum / weight_sum;
    double returned = 0;
    for (const auto &[pair, w] : weight) {
      const auto back = weight.find({pair.second, pair.first});
      if (back != weight.end()) returned += std::min(w, back->second);
    }
    s.reciprocity = returned / weight_sum;
  }
  return s;
}

}  // namespace hpcpat::patterns
