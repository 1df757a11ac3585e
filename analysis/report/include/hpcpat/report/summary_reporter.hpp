// The seam between a profile and the ways its summary is shown (Google Benchmark's
// BenchmarkReporter, for profiles): every output format implements SummaryReporter, and commands
// pick one by name instead of formatting anything themselves. Today: text (summary_text.hpp),
// JSON (summary_json.hpp) and Caliper json-split for Hatchet/Thicket (caliper_split.hpp); trace
// exports would plug in here as further reporters. The figures they share: summary_facts.hpp.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "hpcpat/profile/profile.hpp"

namespace hpcpat::report {

struct SummaryOptions {
  std::size_t top_calls = 10;  // rows of the call table; 0 = all
  std::string profile_path;    // where the profile is; reporters may omit it when empty
  // Optional views (summary_views.hpp): the per-rank table, message-size histograms per call,
  // the communication matrix (its heaviest `top_calls` pairs).
  bool ranks = false, histograms = false, matrix = false;
};

class SummaryReporter {
 public:
  virtual ~SummaryReporter() = default;
  // The whole summary as the text to write out; a pure function of its inputs.
  virtual std::string report(const profile::Profile &p, const SummaryOptions &options) const = 0;
};

// A reporter that is one pure render function (text and JSON are): the function stays testable
// on its own, the class only plugs it into the seam.
using RenderSummary = std::string (*)(const profile::Profile &, const SummaryOptions &);

template <RenderSummary Render>
class RenderingReporter final : public SummaryReporter {
 public:
  std::string report(const profile::Profile &p, const SummaryOptions &options) const override {
    return Render(p, options);
  }
};

enum class SummaryFormat { text, json, caliper };

std::unique_ptr<SummaryReporter> make_summary_reporter(SummaryFormat format);

}  // namespace hpcpat::report
