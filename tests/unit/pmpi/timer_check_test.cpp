// The TSC's check against CLOCK_MONOTONIC (timer.hpp compare_rates): anchors built by hand, so the
// rate change each case must report is known exactly.
#include <gtest/gtest.h>

#include "timer.hpp"

namespace hpcpat::pmpi {
namespace {

constexpr std::uint64_t kMs = 1'000'000;

// A 3 GHz counter read at `ns`, started at tick 1000.
TimerAnchor at(std::uint64_t ns, double ticks_per_ns = 3.0, std::uint64_t offset = 1000) {
  return TimerAnchor{ns, offset + static_cast<Ticks>(static_cast<double>(ns) * ticks_per_ns)};
}

TEST(TimerCheck, AConstantRateAgrees) {
  const TimerCheck c = compare_rates(at(5 * kMs), at(40 * kMs), at(2000 * kMs));
  EXPECT_TRUE(c.checked);
  EXPECT_TRUE(c.agrees);
  EXPECT_NEAR(c.rate_change, 0.0, 1e-9);
}

TEST(TimerCheck, NtpSlewWithinToleranceAgrees) {
  // CLOCK_MONOTONIC slewed by 400 ppm after the window opened: the TSC did not change.
  const TimerAnchor init = at(0), window = at(50 * kMs);
  const TimerAnchor fin{window.ns + static_cast<std::uint64_t>(1000 * kMs * 1.0004),
                        window.ticks + 3'000'000'000ull};
  const TimerCheck c = compare_rates(init, window, fin);
  EXPECT_TRUE(c.checked);
  EXPECT_TRUE(c.agrees);
  EXPECT_NEAR(c.rate_change, 4e-4, 1e-9);
}

TEST(TimerCheck, ARateChangeOfTwoPercentDisagrees) {
  // The counter slowed to 2.94 GHz after the window opened (a VM moved to another host, say):
  // each tick now stands for 1/0.98 as many ns.
  const TimerAnchor init = at(0), window = at(100 * kMs);
  const TimerAnchor fin{window.ns + 1000 * kMs, window.ticks + 2'940'000'000ull};
  const TimerCheck c = compare_rates(init, window, fin);
  EXPECT_TRUE(c.checked);
  EXPECT_FALSE(c.agrees);
  EXPECT_NEAR(c.rate_change, 1.0 / 0.98 - 1.0, 1e-9);
}

TEST(TimerCheck, ACounterThatWentBackwardsDisagrees) {
  const TimerAnchor init = at(0), window = at(100 * kMs);
  const TimerAnchor fin{window.ns + 500 * kMs, window.ticks - 5};
  const TimerCheck c = compare_rates(init, window, fin);
  EXPECT_TRUE(c.checked);
  EXPECT_FALSE(c.agrees);
}

TEST(TimerCheck, SpansShorterThanTheMinimumAreNotChecked) {
  const std::uint64_t short_span = kMinCheckSpanNs - 1;
  EXPECT_FALSE(compare_rates(at(0), at(short_span), at(short_span + 10 * kMinCheckSpanNs)).checked);
  EXPECT_FALSE(compare_rates(at(0), at(kMinCheckSpanNs), at(kMinCheckSpanNs + short_span)).checked);
  // Unchecked means no verdict against the timer.
  EXPECT_TRUE(compare_rates(at(0), at(short_span), at(2 * short_span)).agrees);
}

TEST(TimerChoice, NamesRoundTrip) {
  for (const TimerRequest r :
       {TimerRequest::automatic, TimerRequest::tsc, TimerRequest::clock_gettime}) {
    TimerRequest back = TimerRequest::automatic;
    ASSERT_TRUE(parse_timer_request(timer_request_name(r), back));
    EXPECT_EQ(back, r);
  }
  TimerRequest out = TimerRequest::tsc;
  EXPECT_FALSE(parse_timer_request("", out));
  EXPECT_EQ(out, TimerRequest::tsc);  // untouched on failure
}

}  // namespace
}  // namespace hpcpat::pmpi
