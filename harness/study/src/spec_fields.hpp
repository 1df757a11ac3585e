// The study-wide fields of a spec, each read and checked from its node (yaml_reader.hpp wording):
// counts, node lists, durations, the launcher, the ranks' environment, tags, the container. The
// document and its cases are read in study_spec.cpp.
#pragma once

#include <string>
#include <vector>

#include "hpcpat/study/study_spec.hpp"
#include "hpcpat/yaml/yaml_reader.hpp"

namespace hpcpat::study {

// The strict YAML reader every spec shares (core/yaml).
using yaml::at;
using yaml::dot;
using yaml::shown;
using yaml::YamlReader;

// An integer from 1 to max.
int count_field(const YamlReader &y, const YAML::Node &n, const std::string &path, int max);
// 1 to kMaxNodeCounts distinct node counts, each 1 to kMaxNodes.
std::vector<int> read_nodes(const YamlReader &y, const YAML::Node &n, const std::string &path);
// Seconds, 1 to kMaxTimeoutSeconds: 90, "90s", "10m", "1h".
int read_timeout(const YamlReader &y, const YAML::Node &n, const std::string &path);
// A launcher name, or a map of the name and each launcher's options.
LauncherSpec read_launcher(const YamlReader &y, const YAML::Node &n, const std::string &path);
// Variables for the ranks: valid names, none that hpcpat owns (why_reserved_env).
std::vector<NameValue> read_env(const YamlReader &y, const YAML::Node &n, const std::string &path);
// Tags in the HPCPAT_TAGS grammar, none of hpcpat's own keys (study, case, run).
std::vector<NameValue> read_tags(const YamlReader &y, const YAML::Node &n, const std::string &path);
ContainerSpec read_container(const YamlReader &y, const YAML::Node &n, const std::string &path);

}  // namespace hpcpat::study
