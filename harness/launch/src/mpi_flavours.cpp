#include "hpcpat/launch/mpi_flavours.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "hpcpat/base/input_error.hpp"
#include "mpi_flavours_json.hpp"  // kMpiFlavoursJson: mpi_flavours.json, embedded at configure time

namespace hpcpat::launch {
namespace {

FlavourFlags read_flavour(const nlohmann::json &table, std::string_view name) {
  const nlohmann::json &f = table.at(std::string(name));
  auto list = [&](const char *key) { return f.at(key).get<std::vector<std::string>>(); };
  return {f.at("launcher").get<std::string>(), list("as_root"),  list("oversubscribe"),
          list("ranks"),                       list("per_node"), list("rank_env"),
          list("keep_ranks_after_a_death"),    list("keep_user_environment"),
          list("hosts"),                       list("rsh_agent"),
          list("remote_network")};
}

}  // namespace

std::string_view flavour_name(MpiFlavour f) {
  return f == MpiFlavour::openmpi ? "openmpi" : "mpich";
}

MpiFlavour parse_flavour(std::string_view text, std::string_view flag) {
  if (text == "openmpi") return MpiFlavour::openmpi;
  if (text == "mpich") return MpiFlavour::mpich;
  throw InputError(std::string(flag) + ": expected openmpi or mpich, got '" + std::string(text) +
                   "'");
}

const FlavourFlags &flavour_flags(MpiFlavour f) {
  // The embedded table is part of the build (tests/unit/cli checks every field): a malformed one
  // fails the first launch of every build, never a user's run alone.
  static const auto flags = [] {
    const nlohmann::json table = nlohmann::json::parse(kMpiFlavoursJson);
    return std::pair{read_flavour(table, "openmpi"), read_flavour(table, "mpich")};
  }();
  return f == MpiFlavour::openmpi ? flags.first : flags.second;
}

std::vector<std::string> expand(const std::vector<std::string> &templ,
                                const std::map<std::string, std::string> &values) {
  // One pass from left to right: a value is never searched again, so a user's string that
  // happens to hold "{value}" stays as it is.
  std::vector<std::string> out;
  for (const std::string &arg : templ) {
    std::string done;
    std::size_t at = 0;
    while (at < arg.size()) {
      const std::size_t open = arg.find('{', at);
      const std::size_t close = open == std::string::npos ? open : arg.find('}', open);
      if (close == std::string::npos) break;
      const auto value = values.find(arg.substr(open + 1, close - open - 1));
      done += arg.substr(at, open - at);
      done += value != values.end() ? value->second : arg.substr(open, close - open + 1);
      at = close + 1;
    }
    out.push_back(done + arg.substr(std::min(at, arg.size())));
  }
  return out;
}

}  // namespace hpcpat::launch
