#include "callsite_report.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "callsites.hpp"
#include "config.hpp"
#include "tables.hpp"
#include "site_resolver.hpp"

namespace hpcpat::pmpi::report {

namespace {

using nlohmann::json;

struct LocalSite {
  std::uint16_t call;
  const void *pc[kMaxSiteDepth];
  std::uint64_t count, bytes, ticks;
};

struct Other {
  std::uint64_t count = 0, bytes = 0, ticks = 0;
};

// This rank's sites, merged over its threads (the same site called from two threads is one).
std::vector<LocalSite> merge_threads(int depth, Other &other) {
  std::map<std::vector<std::uintptr_t>, LocalSite> merged;
  for (const ThreadTables *t = first_thread_tables(); t != nullptr; t = t->next) {
    const SiteTable &s = t->sites;
    other.count += s.other_count;
    other.bytes += s.other_bytes;
    other.ticks += s.other_ticks;
    for (std::uint32_t i = 0; i < s.capacity; ++i) {
      const SiteEntry &e = s.entries[i];
      if (e.call == kNoSite || e.count == 0) continue;
      std::vector<std::uintptr_t> key{e.call};
      for (int k = 0; k < depth; ++k) key.push_back(reinterpret_cast<std::uintptr_t>(e.pc[k]));
      auto [it, fresh] = merged.try_emplace(std::move(key), LocalSite{e.call, {}, 0, 0, 0});
      if (fresh) std::copy(e.pc, e.pc + kMaxSiteDepth, it->second.pc);
      it->second.count += e.count;
      it->second.bytes += e.bytes;
      it->second.ticks += e.ticks;
    }
  }
  std::vector<LocalSite> out;
  out.reserve(merged.size());
  for (auto &kv : merged) out.push_back(kv.second);
  std::sort(out.begin(), out.end(),
            [](const LocalSite &a, const LocalSite &b) { return a.ticks > b.ticks; });
  return out;
}

json frame_json(const ResolvedFrame &f) {
  return {{"function", f.function}, {"file", f.file}, {"line", f.line},
          {"module", f.module}, {"offset", f.offset}};
}

// This rank's part, as JSON text for the gather.
std::string local_part(int rank, double spt, double mpi_s) {
  const int depth = callsite_detail::depth;
  Other other;
  std::vector<LocalSite> sites = merge_threads(depth, other);
  if (sites.size() > kMaxSitesPerRank) {
    for (std::size_t i = kMaxSitesPerRank; i < sites.size(); ++i) {
      other.count += sites[i].count;
      other.bytes += sites[i].bytes;
      other.ticks += sites[i].ticks;
    }
    sites.resize(kMaxSitesPerRank);
  }
  const SiteResolver resolver;
  json list = json::array();
  for (const LocalSite &s : sites) {
    json frames = json::array();
    for (int k = 0; k < depth && s.pc[k] != nullptr; ++k) {
      frames.push_back(frame_json(resolver.resolve(s.pc[k])));
    }
    list.push_back({{"call", call_info(static_cast<CallId>(s.call)).name},
                    {"count", s.count},
                    {"bytes", s.bytes},
                    {"time_s", static_cast<double>(s.ticks) * spt},
                    {"frames", std::move(frames)}});
  }
  json part = {{"rank", rank},
               {"mpi_time_s", mpi_s},
               {"resolver", resolver.resolver()},
               {"why_no_lines", resolver.why_no_lines()},
               {"sites", std::move(list)},
               {"other", {{"count", other.count},
                          {"bytes", other.bytes},
                          {"time_s", static_cast<double>(other.ticks) * spt}}}};
  return part.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The identity of a site over ranks: its call and each frame's module+offset (the same code in
// every rank's copy of a module, whatever address the module was loaded at).
std::string site_key(const json &s) {
  std::string key = s["call"].get<std::string>();
  for (const json &f : s["frames"]) {
    key += '|' + f["module"].get<std::string>() + '+' + std::to_string(f["offset"].get<std::uint64_t>());
  }
  return key;
}

json merge_ranks(const std::vector<json> &parts, std::vector<std::string> &notes) {
  std::map<std::string, json> by_key;
  double total_mpi = 0;
  Other other;
  double other_s = 0;
  std::string resolver = "libdw", why;
  for (const json &p : parts) {
    total_mpi += p["mpi_time_s"].get<double>();
    const json &o = p["other"];
    other.count += o["count"].get<std::uint64_t>();
    other.bytes += o["bytes"].get<std::uint64_t>();
    other_s += o["time_s"].get<double>();
    if (p["resolver"] != "libdw") {
      resolver = p["resolver"].get<std::string>();
      why = p["why_no_lines"].get<std::string>();
    }
    for (const json &s : p["sites"]) {
      json &m = by_key[site_key(s)];
      if (m.is_null()) {
        m = {{"call", s["call"]}, {"frames", s["frames"]}, {"count", 0}, {"bytes", 0},
             {"time_s", 0.0}, {"ranks", json::array()}};
      }
      m["count"] = m["count"].get<std::uint64_t>() + s["count"].get<std::uint64_t>();
      m["bytes"] = m["bytes"].get<std::uint64_t>() + s["bytes"].get<std::uint64_t>();
      m["time_s"] = m["time_s"].get<double>() + s["time_s"].get<double>();
      m["ranks"].push_back({{"rank", p["rank"]}, {"count", s["count"]}, {"bytes", s["bytes"]},
                            {"time_s", s["time_s"]}});
    }
  }
  std::vector<json> sites;
  for (auto &kv : by_key) {
    const double share = total_mpi > 0 ? kv.second["time_s"].get<double>() / total_mpi : 0.0;
    kv.second["share_of_mpi"] = std::min(share, 1.0);  // a share, whatever the rounding
    sites.push_back(std::move(kv.second));
  }
  std::stable_sort(sites.begin(), sites.end(), [](const json &a, const json &b) {
    return a["time_s"].get<double>() > b["time_s"].get<double>();
  });
  if (!why.empty()) notes.push_back(why);
  if (other.count > 0) {
    notes.push_back("call sites: " + std::to_string(other.count) +
                    " calls beyond HPCPAT_CALLSITE_CAP distinct sites per thread (or from threads "
                    "beyond HPCPAT_MAX_THREADS) are booked to callsites.other");
  }
  return {{"depth", callsite_detail::depth},
          {"cap_per_thread", config().callsite_cap},
          {"resolver", resolver},
          {"mpi_time_s", total_mpi},
          {"sites", std::move(sites)},
          {"other", {{"count", other.count},
                     {"bytes", other.bytes},
                     {"time_s", other_s},
                     {"share_of_mpi", total_mpi > 0 ? std::min(other_s / total_mpi, 1.0) : 0.0}}}};
}

}  // namespace

std::string gather_callsites(MPI_Comm comm, double spt, double mpi_s, json &section,
                             std::vector<std::string> &notes) noexcept {
  int rank = 0, size = 1;
  PMPI_Comm_rank(comm, &rank);
  PMPI_Comm_size(comm, &size);
  std::string text;
  try {
    text = local_part(rank, spt, mpi_s);
  } catch (...) {
    text.clear();  // still takes part in the collectives: rank 0 skips an empty part
  }
  int len = static_cast<int>(text.size());
  std::vector<int> lens, displs;
  std::vector<char> all;
  try {
    if (rank == 0) lens.resize(static_cast<std::size_t>(size));
  } catch (...) {
    return "out of memory";
  }
  if (PMPI_Gather(&len, 1, MPI_INT, lens.data(), 1, MPI_INT, 0, comm) != MPI_SUCCESS) {
    return "PMPI_Gather of call-site sizes failed";
  }
  int ok = 1;
  try {
    if (rank == 0) {
      displs.resize(static_cast<std::size_t>(size));
      int at = 0;
      for (int r = 0; r < size; ++r) {
        displs[static_cast<std::size_t>(r)] = at;
        at += lens[static_cast<std::size_t>(r)];
      }
      all.resize(static_cast<std::size_t>(at) + 1);
    }
  } catch (...) {
    ok = 0;
  }
  // Every rank learns whether rank 0 can receive before anyone enters the Gatherv (no hang).
  if (PMPI_Bcast(&ok, 1, MPI_INT, 0, comm) != MPI_SUCCESS || ok == 0) {
    return "rank 0 could not receive the call sites";
  }
  if (PMPI_Gatherv(text.data(), len, MPI_CHAR, all.data(), lens.data(), displs.data(), MPI_CHAR, 0,
                   comm) != MPI_SUCCESS) {
    return "PMPI_Gatherv of call sites failed";
  }
  if (rank != 0) return {};
  try {
    std::vector<json> parts;
    int missing = 0;
    for (int r = 0; r < size; ++r) {
      const std::size_t n = static_cast<std::size_t>(lens[static_cast<std::size_t>(r)]);
      if (n == 0) {
        ++missing;
        continue;
      }
      parts.push_back(json::parse(all.begin() + displs[static_cast<std::size_t>(r)],
                                  all.begin() + displs[static_cast<std::size_t>(r)] +
                                      static_cast<std::ptrdiff_t>(n)));
    }
    section = merge_ranks(parts, notes);
    if (missing > 0) {
      notes.push_back("call sites: " + std::to_string(missing) +
                      " ranks could not report theirs (out of memory at MPI_Finalize)");
    }
  } catch (const std::exception &e) {
    return std::string("cannot merge call sites: ") + e.what();
  }
  return {};
}

}  // namespace hpcpat::pmpi::report
