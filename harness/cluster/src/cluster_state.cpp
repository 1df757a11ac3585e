#include "hpcpat/cluster/cluster_state.hpp"

#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <stdexcept>

#include "hpcpat/base/atomic_file.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/text_scan.hpp"
#include "hpcpat/base/text_file.hpp"
#include "hpcpat/contract.h"
#include "hpcpat/json/json_node.hpp"

namespace hpcpat::cluster {
namespace {
namespace fs = std::filesystem;

constexpr int kMaxNodes = 64;  // addresses .11 to .74; a 2-core machine runs far fewer
constexpr const char *kSchema = "hpcpat.cluster.v1";

// An octet at the front of `s` (1-3 digits, at most 255), consumed. Hand-parsed (text_scan.hpp).
std::optional<int> take_octet(std::string_view &s) {
  const std::string_view digits = consume_digits(s, 3);
  if (digits.empty()) return std::nullopt;
  const int v = std::stoi(std::string(digits));
  return v <= 255 ? std::optional(v) : std::nullopt;
}

// "10.X.Y." from "10.X.Y.0/24"; InputError naming --network otherwise.
std::string network_prefix(const std::string &network) {
  std::string_view s = network;
  std::optional<int> x, y;
  const bool ok = consume_prefix(s, "10.") && (x = take_octet(s)) && consume_prefix(s, ".") &&
                  (y = take_octet(s)) && consume_prefix(s, ".0/24") && s.empty();
  if (!ok) {
    throw InputError("--network '" + network +
                     "': expected a /24 of the private range 10.0.0.0/8, as 10.X.Y.0/24");
  }
  return "10." + std::to_string(*x) + "." + std::to_string(*y) + ".";
}

}  // namespace

double link_rate_bits(const std::string &rate) {
  // A number ([0-9]+, optionally .[0-9]+) and one of tc's units.
  const std::size_t unit_at = rate.find_first_not_of("0123456789.");
  const std::string number = rate.substr(0, unit_at);
  const std::string unit = unit_at == std::string::npos ? "" : rate.substr(unit_at);
  const std::size_t dot = number.find('.');
  const bool number_ok = !number.empty() && number.front() != '.' && number.back() != '.' &&
                         (dot == std::string::npos || number.find('.', dot + 1) == std::string::npos);
  if (number_ok && (unit == "bit" || unit == "kbit" || unit == "mbit" || unit == "gbit")) {
    const double scale = unit == "bit" ? 1 : unit == "kbit" ? 1e3 : unit == "mbit" ? 1e6 : 1e9;
    const double bits = std::stod(number) * scale;
    if (bits >= 8000 && bits <= 100e9) return bits;
  }
  throw InputError("--link-rate '" + rate +
                   "': expected a rate from 8kbit to 100gbit as a number and one of bit, kbit, "
                   "mbit, gbit (tc's units), e.g. 1gbit");
}

ClusterState plan_cluster(int nodes, const std::string &name, const std::string &network,
                          const std::string &link_rate) {
  if (nodes < 1 || nodes > kMaxNodes) {
    throw InputError("--nodes " + std::to_string(nodes) + ": expected an integer in [1, " +
                     std::to_string(kMaxNodes) + "]");
  }
  const bool name_ok = !name.empty() && name.size() <= 10 && name.front() >= 'a' &&
                       name.front() <= 'z' &&
                       name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789") ==
                           std::string::npos;
  if (!name_ok) {
    throw InputError("--name '" + name +
                     "': expected 1-10 characters of [a-z0-9] starting with a letter (link "
                     "names are made from it and the kernel allows 15 characters)");
  }
  if (!link_rate.empty()) link_rate_bits(link_rate);
  const std::string prefix = network_prefix(network);
  ClusterState s;
  s.name = name;
  s.network = network;
  s.bridge = name + "-br0";
  s.bridge_address = prefix + "1";
  s.link_rate = link_rate;
  for (int k = 1; k <= nodes; ++k) {
    const std::string id = std::to_string(k);
    s.nodes.push_back({"node" + id, name + "-node" + id, name + "-" + id,
                       prefix + std::to_string(10 + k)});
  }
  return s;
}

bool same_layout(const ClusterState &a, const ClusterState &b) {
  return a.name == b.name && a.network == b.network && a.bridge == b.bridge &&
         a.bridge_address == b.bridge_address && a.link_rate == b.link_rate && a.nodes == b.nodes;
}

fs::path state_path() {
  const char *env = std::getenv(contract::kEnvClusterState);
  return env != nullptr && *env != '\0' ? fs::path(env) : fs::path("/run/hpcpat/cluster.json");
}

std::optional<ClusterState> read_state(const fs::path &path) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return std::nullopt;
  const std::string text = read_text_file(path, 1 << 20);
  const nlohmann::json doc = parse_json_text(text, path.string());
  const JsonNode root(doc, path.string());
  static constexpr std::string_view kSchemas[] = {kSchema};
  root.member("schema").one_of(kSchemas);
  ClusterState s;
  s.name = root.member("name").nonempty_string();
  s.network = root.member("network").nonempty_string();
  s.bridge = root.member("bridge").nonempty_string();
  s.bridge_address = root.member("bridge_address").nonempty_string();
  s.link_rate = root.member("link_rate").string();
  s.complete = root.member("complete").boolean();
  const JsonNode nodes = root.member("nodes");
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const JsonNode n = nodes.element(i);
    s.nodes.push_back({n.member("host").nonempty_string(), n.member("netns").nonempty_string(),
                       n.member("link").nonempty_string(),
                       n.member("address").nonempty_string()});
  }
  const JsonNode made = root.member("made");
  for (std::size_t i = 0; i < made.size(); ++i) {
    const JsonNode m = made.element(i);
    static constexpr std::string_view kKinds[] = {"netns", "link"};
    s.made.push_back({m.member("kind").one_of(kKinds), m.member("name").nonempty_string()});
  }
  return s;
}

void write_state(const fs::path &path, const ClusterState &s) {
  nlohmann::json doc = {{"schema", kSchema},          {"name", s.name},
                        {"network", s.network},       {"bridge", s.bridge},
                        {"bridge_address", s.bridge_address}, {"link_rate", s.link_rate},
                        {"complete", s.complete},     {"nodes", nlohmann::json::array()},
                        {"made", nlohmann::json::array()}};
  for (const Node &n : s.nodes) {
    doc["nodes"].push_back(
        {{"host", n.host}, {"netns", n.netns}, {"link", n.link}, {"address", n.address}});
  }
  for (const Made &m : s.made) doc["made"].push_back({{"kind", m.kind}, {"name", m.name}});
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (const std::string problem = base::write_file_atomically(path.string(), doc.dump(2) + "\n");
      !problem.empty()) {
    throw std::runtime_error("the cluster state: " + problem);
  }
}

}  // namespace hpcpat::cluster
