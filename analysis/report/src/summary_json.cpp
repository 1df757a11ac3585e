#include "hpcpat/report/summary_json.hpp"

#include <nlohmann/json.hpp>

#include "hpcpat/profile/profile_merge.hpp"
#include "hpcpat/report/summary_facts.hpp"
#include "summary_views.hpp"

namespace hpcpat::report {
namespace {

using nlohmann::ordered_json;  // keys in the order a reader expects them, as in the text
using namespace hpcpat::profile;

template <typename T>
ordered_json or_null(const std::optional<T> &v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

ordered_json run_json(const Profile &p) {
  const RunInfo &r = p.run;
  const RankEntry *cause = exit_rank(p);  // the rank whose end is the run's (partial dumps)
  return {{"app", r.app},
          {"id", r.id},
          {"launcher", r.launcher},
          {"ranks", r.ranks},
          {"nodes", or_null(r.nodes)},
          {"ranks_per_node", or_null(r.ranks_per_node)},
          {"wall_s", r.wall_s},
          {"started_at", r.started_at},
          {"exit", exit_kind_name(r.exit.status)},
          {"exit_code", or_null(r.exit.code)},
          {"exit_signal", or_null(r.exit.signal)},
          {"exit_rank", cause != nullptr ? ordered_json(cause->rank) : ordered_json(nullptr)},
          {"ranks_read", p.ranks.size()}};
}

ordered_json measurement_json(const Profile &p, const SummaryFacts &facts) {
  const TimerInfo &t = p.run.timer;
  ordered_json check = nullptr;
  if (t.check) {
    check = {{"checked_ranks", t.check->checked_ranks},
             {"disagreeing_ranks", t.check->disagreeing_ranks},
             {"max_rate_change", t.check->max_rate_change}};
  }
  ordered_json rss = nullptr;
  if (facts.max_rss != nullptr) {
    rss = {{"rank", facts.max_rss->rank}, {"bytes", *facts.max_rss->max_rss_bytes}};
  }
  return {{"timer", t.source},
          {"timer_requested", t.requested.empty() ? ordered_json(nullptr) : ordered_json(t.requested)},
          {"ns_per_read", t.ns_per_read},
          {"timer_check", check},
          {"interposer_time_s", facts.interposer_time_s},
          {"interposer_percent_mpi", facts.interposer_percent_mpi},
          {"max_rss", rss}};
}

ordered_json calls_json(const Profile &p, const SummaryFacts &facts) {
  ordered_json top = ordered_json::array();
  for (const CallFigures &row : facts.top_calls) {
    const CallAggregate &c = *row.call;
    top.push_back({{"name", c.name},
                   {"category", category_name(c.category)},
                   {"count", c.count},
                   {"time_s", c.time_s.sum},
                   {"percent_mpi", row.percent_mpi},
                   {"percent_app", row.percent_app},
                   {"mean_bytes", or_null(row.mean_bytes)}});
  }
  return {{"called", p.calls.size()}, {"top", top}};
}

ordered_json regions_json(const SummaryFacts &facts) {
  ordered_json out = ordered_json::array();
  for (const RegionFigures &row : facts.regions) {
    const RegionRecord &r = *row.region;
    out.push_back({{"name", r.name},
                   {"ranks", r.ranks},
                   {"count", r.count},
                   {"time_s", r.time_s},
                   {"mpi_time_s", r.mpi_time_s},
                   {"percent_mpi", row.percent_mpi}});
  }
  return out;
}

// Absent (null) unless the run recorded call sites.
ordered_json callsites_json(const Profile &p, const SummaryFacts &facts) {
  if (!p.callsites.present) return nullptr;
  ordered_json top = ordered_json::array();
  for (const Callsite *c : facts.top_sites) {
    const CallsiteFrame f = c->frames.empty() ? CallsiteFrame{} : c->frames.front();
    top.push_back({{"call", c->call},
                   {"site", site_label(*c)},
                   {"function", f.function},
                   {"file", f.file},
                   {"line", f.line},
                   {"module", f.module},
                   {"offset", f.offset},
                   {"ranks", c->ranks},
                   {"count", c->count},
                   {"time_s", c->time_s},
                   {"percent_mpi", 100 * c->share_of_mpi},
                   {"bytes", c->bytes}});
  }
  const Callsite &o = p.callsites.other;
  return {{"depth", p.callsites.depth},
          {"resolver", p.callsites.resolver},
          {"sites", p.callsites.sites.size()},
          {"top", top},
          {"other", {{"count", o.count}, {"time_s", o.time_s}, {"percent_mpi", 100 * o.share_of_mpi},
                     {"bytes", o.bytes}}}};
}

}  // namespace

std::string render_summary_json(const Profile &p, const SummaryOptions &options) {
  SummaryFacts facts = summary_facts(p, options.top_calls);
  const Summary &s = p.summary;
  const FractionStats &f = s.mpi_fraction;
  ordered_json categories = ordered_json::object();
  for (Category c : kCategories) categories[std::string(category_name(c))] = s.share(c);

  ordered_json doc = {
      {"schema", "hpcpat.summary.v1"},
      {"profile",
       options.profile_path.empty() ? ordered_json(nullptr) : ordered_json(options.profile_path)},
      {"partial", !p.complete},
      {"run", run_json(p)},
      {"per_rank",
       {{"app_time_s", s.app_time_s},
        {"mpi_time_s", s.mpi_time_s},
        {"percent_mpi", facts.per_rank_percent_mpi},
        {"imbalance", s.imbalance}}},
      {"mpi_fraction",
       {{"min", f.min},
        {"median", f.median},
        {"mean", f.mean},
        {"max", f.max},
        {"stdev", f.stdev}}},
      {"measurement", measurement_json(p, facts)},
      {"worst_rank",
       {{"rank", facts.totals.worst->rank},
        {"host", facts.totals.worst->host},
        {"mpi_fraction", facts.totals.worst->mpi_fraction}}},
      {"calls", calls_json(p, facts)},
      {"categories", categories},
      {"regions", regions_json(facts)},
      {"callsites", callsites_json(p, facts)},
      {"comm_matrix",
       {{"truncated", p.comm_matrix.truncated},
        {"cap", p.comm_matrix.cap},
        {"dropped_messages", p.comm_matrix.dropped_messages},
        {"dropped_bytes", p.comm_matrix.dropped_bytes}}},
      {"notes", p.notes}};
  add_views_json(doc, p, options);
  return doc.dump(2) + "\n";
}

}  // namespace hpcpat::report
