// compare.v1 (compare_json.hpp): the document the schema describes, field for field.
#include "hpcpat/compare/compare_json.hpp"

#include <cmath>

namespace hpcpat::compare {
namespace {

nlohmann::json number_or_null(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}

nlohmann::json config_json(const Series &s) {
  return {{"key", s.key},
          {"case", s.case_name},
          {"nodes", s.nodes ? nlohmann::json(*s.nodes) : nlohmann::json(nullptr)},
          {"ranks", s.ranks ? nlohmann::json(*s.ranks) : nlohmann::json(nullptr)},
          {"parameters", s.parameters}};
}

nlohmann::json side_json(const Series &s) {
  return {{"n", s.values.size()},
          {"left_out", s.left_out},
          {"values", s.values},
          {"median", s.values.empty() ? nlohmann::json(nullptr) : nlohmann::json(median(s.values))},
          {"mean", s.values.empty() ? nlohmann::json(nullptr) : nlohmann::json(mean(s.values))}};
}

}  // namespace

nlohmann::json compare_json(const Comparison &c, const std::vector<ReferenceCheck> &checks) {
  const CompareOptions &o = c.options;
  nlohmann::json doc = {
      {"schema", kCompareSchema},
      {"base", c.base->source},
      {"new", c.next->source},
      {"metric",
       {{"name", std::string(metric_name(c.next->metric))},
        {"unit", c.next->unit},
        {"better", higher_is_better(c.next->metric) ? "higher" : "lower"}}},
      {"options",
       {{"threshold", o.threshold},
        {"alpha", o.alpha},
        {"min_repeats", o.min_repeats},
        {"test", std::string(test_name(o.test))},
        {"bootstrap", {{"resamples", o.resamples}, {"seed", o.seed}, {"level", 1 - o.alpha}}}}},
      {"pairs", nlohmann::json::array()},
      {"only_base", nlohmann::json::array()},
      {"only_new", nlohmann::json::array()},
      {"references", nlohmann::json::array()}};
  std::size_t regressions = 0, improvements = 0;
  for (const PairResult &r : c.pairs) {
    regressions += r.verdict == Verdict::regression;
    improvements += r.verdict == Verdict::improvement;
    nlohmann::json pair = config_json(*r.next);
    pair["base"] = side_json(*r.base);
    pair["new"] = side_json(*r.next);
    pair["change"] = number_or_null(r.change);
    pair["change_ci"] = r.change_ci.valid
                            ? nlohmann::json{{"low", r.change_ci.low}, {"high", r.change_ci.high}}
                            : nlohmann::json(nullptr);
    pair["mann_whitney"] = {{"u", r.mann_whitney.u},
                            {"p", r.mann_whitney.p},
                            {"method", r.mann_whitney.exact ? "exact" : "normal"}};
    pair["welch"] =
        r.welch.defined
            ? nlohmann::json{{"t", number_or_null(r.welch.t)}, {"df", r.welch.df}, {"p", r.welch.p}}
            : nlohmann::json(nullptr);
    pair["p"] = r.p;
    pair["verdict"] = std::string(verdict_name(r.verdict));
    pair["reason"] = r.reason;
    doc["pairs"].push_back(std::move(pair));
  }
  for (const Series *s : c.only_base) doc["only_base"].push_back(config_json(*s));
  for (const Series *s : c.only_next) doc["only_new"].push_back(config_json(*s));
  std::size_t failed = 0;
  for (const ReferenceCheck &check : checks) {
    const Reference &ref = *check.reference;
    failed += check.status != ReferenceStatus::pass;
    doc["references"].push_back(
        {{"where", ref.where},
         {"case", ref.case_name},
         {"key", check.series ? nlohmann::json(check.series->key) : nlohmann::json(nullptr)},
         {"value", ref.value},
         {"lower", number_or_null(ref.lower)},
         {"upper", number_or_null(ref.upper)},
         {"lowest", number_or_null(ref.lowest())},
         {"highest", number_or_null(ref.highest())},
         {"unit", ref.unit},
         {"measured", number_or_null(check.measured)},
         {"status", std::string(reference_status_name(check.status))}});
  }
  doc["summary"] = {{"pairs", c.pairs.size()},
                    {"regressions", regressions},
                    {"improvements", improvements},
                    {"references_failed", failed},
                    {"failed", regressions > 0 || failed > 0}};
  return doc;
}

}  // namespace hpcpat::compare
