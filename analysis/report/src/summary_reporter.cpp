#include "hpcpat/report/summary_reporter.hpp"

#include "hpcpat/report/caliper_split.hpp"
#include "hpcpat/report/summary_json.hpp"
#include "hpcpat/report/summary_text.hpp"

namespace hpcpat::report {

std::unique_ptr<SummaryReporter> make_summary_reporter(SummaryFormat format) {
  switch (format) {
    case SummaryFormat::json:
      return std::make_unique<JsonReporter>();
    case SummaryFormat::caliper:
      return std::make_unique<CaliperReporter>();
    case SummaryFormat::text:
      break;
  }
  return std::make_unique<TextReporter>();
}

}  // namespace hpcpat::report
