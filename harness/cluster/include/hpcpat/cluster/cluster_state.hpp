// What `hpcpat cluster up` made, as one JSON file (default /run/hpcpat/cluster.json,
// HPCPAT_CLUSTER_STATE elsewhere), written atomically after every object it creates: `down` undoes
// exactly the objects listed, in reverse, also after an `up` that failed or was killed halfway.
//
// Names, for a cluster NAME (default "hpcpat") of N nodes on 10.X.Y.0/24:
//   bridge NAME-br0 holding 10.X.Y.1 in the root namespace (where the launcher runs);
//   node K (1..N): network namespace NAME-nodeK, host name nodeK, address 10.X.Y.(10+K) on its
//   eth0, the peer of veth NAME-K enslaved to the bridge. No default route, no NAT: nothing the
//   nodes send can leave the machine.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hpcpat::cluster {

// Every node's interface on the bridge (its veth peer, named so inside its namespace).
inline constexpr const char *kNodeInterface = "eth0";

struct Node {
  std::string host;       // "node1": its host name (UTS namespace) and what launchers are told
  std::string netns;      // "hpcpat-node1"
  std::string link;       // "hpcpat-1": its veth on the bridge (the peer is eth0 inside)
  std::string address;    // "10.213.0.11"
  friend bool operator==(const Node &, const Node &) = default;
};

// One object `up` created and `down` deletes: a network namespace or a link (bridge, veth).
struct Made {
  std::string kind;  // "netns" or "link"
  std::string name;
  friend bool operator==(const Made &, const Made &) = default;
};

struct ClusterState {
  std::string name = "hpcpat";
  std::string network = "10.213.0.0/24";  // always a /24 of 10.0.0.0/8
  std::string bridge;                     // NAME-br0
  std::string bridge_address;             // 10.X.Y.1
  std::string link_rate;                  // tc rate ("1gbit"); empty: not shaped
  std::vector<Node> nodes;
  std::vector<Made> made;                 // in creation order
  bool complete = false;                  // every step of `up` done
};

// What `up --nodes N --name NAME --network CIDR --link-rate RATE` will make. InputError naming
// the flag when a value is out of range (nodes 1..64; NAME 1-10 of [a-z0-9], starting with a
// letter, so that every link name fits the kernel's 15 characters; CIDR 10.X.Y.0/24; RATE a
// number and one of tc's units bit, kbit, mbit, gbit).
ClusterState plan_cluster(int nodes, const std::string &name, const std::string &network,
                          const std::string &link_rate);

// The same cluster, as `up` compares an existing one: names, addresses, rate.
bool same_layout(const ClusterState &a, const ClusterState &b);

// HPCPAT_CLUSTER_STATE when set and not empty, else /run/hpcpat/cluster.json.
std::filesystem::path state_path();

// The state in `path`; nullopt when there is no such file. InputError naming the file and field
// when it does not read as a state file.
std::optional<ClusterState> read_state(const std::filesystem::path &path);

// Atomically (temporary + rename), creating the directory when missing. Throws
// std::runtime_error naming the file when it cannot be written.
void write_state(const std::filesystem::path &path, const ClusterState &state);

// The link rate in bits per second ("200mbit" -> 2e8); InputError naming --link-rate otherwise.
double link_rate_bits(const std::string &rate);

}  // namespace hpcpat::cluster
