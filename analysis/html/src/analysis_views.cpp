#include "analysis_views.hpp"

#include <cstdio>

namespace hpcpat::html {
namespace {

using nlohmann::json;

// A number or "" for null/missing, with `digits` decimals.
std::string number(const json &value, int digits) {
  if (!value.is_number()) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, value.get<double>());
  return buf;
}

std::string text(const json &object, const char *key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

json array_at(const json &object, const char *key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : json::array();
}

// "case=stencil app=stencil rpn=2 threads=1 n=64" -> "stencil n=64": the key without the parts
// every series of a study shares.
std::string series(const json &entry) {
  std::string key = text(entry, "key");
  std::string out = text(entry, "case");
  std::size_t at = 0;
  while ((at = key.find(' ', at)) != std::string::npos) {
    const std::size_t next = key.find(' ', at + 1);
    const std::string word = key.substr(at + 1, next == std::string::npos ? next : next - at - 1);
    const bool shared = word.rfind("case=", 0) == 0 || word.rfind("app=", 0) == 0 ||
                        word.rfind("rpn=", 0) == 0 || word.rfind("threads=", 0) == 0;
    if (!shared) out += " " + word;
    at = next == std::string::npos ? key.size() : next;
  }
  return out;
}

}  // namespace

json scaling_rows(const json &scaling) {
  json rows = json::array();
  for (const json &c : array_at(scaling, "cases")) {
    const std::string name = series(c);
    for (const json &p : array_at(c, "points")) {
      json row = {{"series", name}};
      for (const char *key : {"nodes", "speedup", "ideal_speedup", "efficiency", "wall_s",
                              "amdahl_wall_s", "mpi_fraction"}) {
        if (p.contains(key) && !p[key].is_null()) row[key] = p[key];
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

json model_rows(const json &model) {
  json rows = json::array();
  for (const json &m : array_at(model, "models")) {
    const std::string name = series(m);
    for (const json &p : array_at(m, "points")) {
      json row = {{"series", name}};
      for (const char *key : {"duration", "size", "nodes", "wall_s", "fitted_s", "residual_s",
                              "loo_predicted_s"}) {
        if (p.contains(key) && !p[key].is_null()) row[key] = p[key];
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<std::vector<std::string>> scaling_table(const json &scaling) {
  std::vector<std::vector<std::string>> rows;
  for (const json &c : array_at(scaling, "cases")) {
    const json amdahl = c.value("amdahl", json());
    const json below = c.value("efficiency_below_threshold_at", json());
    rows.push_back({series(c), number(c.value("baseline_nodes", json()), 0),
                    amdahl.is_object() ? number(amdahl.value("serial_fraction", json()), 4) : "",
                    amdahl.is_object() ? number(amdahl.value("serial_fraction_ci95", json()), 4)
                                       : "",
                    amdahl.is_object() ? number(amdahl.value("r2", json()), 3) : "",
                    below.is_number() ? number(below, 0) : "not below"});
  }
  return rows;
}

std::vector<std::vector<std::string>> model_table(const json &model) {
  std::vector<std::vector<std::string>> rows;
  for (const json &m : array_at(model, "models")) {
    const json loo = m.value("loo", json());
    // "0.21 + 3.1e-05·d·s^2.97·n^-0.98" (seconds), as docs/models.md writes the family.
    const auto law = [](const json &part) -> std::string {
      if (!part.is_object() || !part.value("a_s", json()).is_number()) return "";
      char buf[160];
      std::snprintf(buf, sizeof buf, "%.3g + %.3g*d*s^%.2f*n^-%.2f",
                    part.value("a_s", 0.0), part.value("b_s", 0.0),
                    part.value("size_exponent", 0.0), part.value("node_exponent", 0.0));
      return buf;
    };
    rows.push_back({series(m), law(m.value("compute", json())), law(m.value("mpi", json())),
                    number(m.value("r2", json()), 3),
                    loo.is_object() ? number(loo.value("median_relative_error", json()), 3) : "",
                    loo.is_object() ? number(loo.value("max_relative_error", json()), 3) : ""});
  }
  return rows;
}

std::vector<std::vector<std::string>> pattern_table(const json &patterns) {
  std::vector<std::vector<std::string>> rows;
  for (const json &r : array_at(patterns, "runs")) {
    std::string labels;
    for (const json &l : array_at(r, "labels")) {
      labels += (labels.empty() ? "" : ", ") + text(l, "label") + " " +
                number(l.value("confidence", json()), 2);
    }
    const json f = r.value("features", json::object());
    const json matrix = f.value("matrix", json::object());
    rows.push_back({text(r, "name"), text(r, "case"), number(r.value("nodes", json()), 0),
                    number(r.value("ranks", json()), 0), labels.empty() ? "-" : labels,
                    number(f.value("mpi_fraction_median", json()), 2),
                    number(f.value("p2p_share", json()), 2),
                    number(f.value("allreduce_share", json()), 2),
                    number(f.value("alltoall_share", json()), 2),
                    number(matrix.value("partners_max", json()), 0)});
  }
  return rows;
}

json compare_rows(const json &compare) {
  json rows = json::array();
  for (const json &p : array_at(compare, "pairs")) {
    if (!p.value("change", json()).is_number()) continue;
    json row = {{"key", text(p, "key")}, {"case", text(p, "case")},
                {"change", p["change"]},  {"verdict", text(p, "verdict")}};
    const json ci = p.value("change_ci", json());
    if (ci.is_object() && ci.value("low", json()).is_number()) {
      row["low"] = ci["low"];
      row["high"] = ci["high"];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::vector<std::string>> compare_table(const json &compare) {
  std::vector<std::vector<std::string>> rows;
  for (const json &p : array_at(compare, "pairs")) {
    const json base = p.value("base", json::object()), now = p.value("new", json::object());
    rows.push_back({text(p, "key"), number(base.value("median", json()), 4),
                    number(now.value("median", json()), 4), number(p.value("change", json()), 3),
                    number(p.value("p", json()), 4), text(p, "verdict")});
  }
  return rows;
}

json validation_rows(const json &validation) {
  json rows = json::array();
  for (const json &j : array_at(validation, "jobs")) {
    if (!j.value("predicted_s", json()).is_number() || !j.value("actual_s", json()).is_number())
      continue;
    rows.push_back({{"job", text(j, "job")},
                    {"predicted_s", j["predicted_s"]},
                    {"actual_s", j["actual_s"]},
                    {"error_pct", j.value("abs_percentage_error", json())},
                    {"intended", text(j, "intended_pattern")},
                    {"as_intended", text(j, "intended_pattern").empty()   ? "-"
                                    : j.value("pattern_ok", false) ? "yes"
                                                                   : "no"}});
  }
  return rows;
}

std::vector<std::vector<std::string>> validation_table(const json &validation) {
  std::vector<std::vector<std::string>> rows;
  for (const json &j : array_at(validation, "jobs")) {
    std::string labels;
    for (const json &l : array_at(j, "measured_labels"))
      labels += (labels.empty() ? "" : ", ") + (l.is_string() ? l.get<std::string>() : "");
    rows.push_back({text(j, "job"), number(j.value("predicted_s", json()), 2),
                    number(j.value("actual_s", json()), 2),
                    number(j.value("abs_percentage_error", json()), 1), text(j, "intended_pattern"),
                    labels.empty() ? "-" : labels,
                    text(j, "intended_pattern").empty() ? "-"
                    : j.value("pattern_ok", false)      ? "yes"
                                                        : "no"});
  }
  for (const json &m : array_at(validation, "missing"))
    rows.push_back({m.is_string() ? m.get<std::string>() : "", "", "", "", "", "no ok run", "no"});
  return rows;
}

}  // namespace hpcpat::html
