// Support/resistance levels (levels/levels.h) against hand-computed values, and the two ops
// through the engine (SPEC → OpResult), including every parameter error.
#include "analytics/levels/levels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "analytics/analyze.h"
#include "analytics/errc.h"
#include "analytics/ops.h"
#include "analytics/spec.h"
#include "core/time.h"

namespace streams::analytics {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::int32_t day(int y, unsigned m, unsigned d) {
  return Date::from_ymd(y, m, d).days();
}

// Equal as reals (1e-12 relative), NaN equal to NaN; catches a level shifted by one row.
void expect_series(const std::vector<double>& got, const std::vector<double>& want, const char* what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(got[i])) << what << "[" << i << "] = " << got[i] << ", expected null";
    } else {
      EXPECT_NEAR(got[i], want[i], 1e-12 * std::max(1.0, std::abs(want[i]))) << what << "[" << i << "]";
    }
  }
}

// Wed 2020-01-29 … Tue 2020-02-04: January (and the week of Jan 27) then February (week of Feb 3).
const std::vector<std::int32_t> dates{day(2020, 1, 29), day(2020, 1, 30), day(2020, 1, 31), day(2020, 2, 3),
                                      day(2020, 2, 4)};
const std::vector<double> high{10, 12, 11, 13, 14};
const std::vector<double> low{8, 9, 7, 10, 12};
const std::vector<double> close{9, 11, 10, 12, 13};

TEST(PivotPoints, MonthlyFromThePreviousMonthsHighLowClose) {
  auto p = levels::pivot_points(dates, high, low, close, levels::PivotPeriod::month);
  ASSERT_TRUE(p) << p.error().message;
  // January: H = 12, L = 7, C = 10 → PP = 29/3.
  const double pp = 29.0 / 3;
  expect_series(p->pp, {nan, nan, nan, pp, pp}, "pp");
  expect_series(p->r1, {nan, nan, nan, 37.0 / 3, 37.0 / 3}, "r1");  // 2PP - L
  expect_series(p->s1, {nan, nan, nan, 22.0 / 3, 22.0 / 3}, "s1");  // 2PP - H
  expect_series(p->r2, {nan, nan, nan, 44.0 / 3, 44.0 / 3}, "r2");  // PP + (H - L)
  expect_series(p->s2, {nan, nan, nan, 14.0 / 3, 14.0 / 3}, "s2");  // PP - (H - L)
  expect_series(p->r3, {nan, nan, nan, 52.0 / 3, 52.0 / 3}, "r3");  // H + 2(PP - L)
  expect_series(p->s3, {nan, nan, nan, 7.0 / 3, 7.0 / 3}, "s3");    // L - 2(H - PP)
}

TEST(PivotPoints, DailyUsesTheBarBefore) {
  auto p = levels::pivot_points(dates, high, low, close, levels::PivotPeriod::day);
  ASSERT_TRUE(p);
  // Row 1 from row 0 (H 10, L 8, C 9): PP 9, R1 10, S1 8, R2 11, S2 7, R3 12, S3 6.
  // Row 4 from row 3 (H 13, L 10, C 12): PP 35/3.
  expect_series(p->pp, {nan, 9, 32.0 / 3, 28.0 / 3, 35.0 / 3}, "pp");
  EXPECT_DOUBLE_EQ(p->r1[1], 10);
  EXPECT_DOUBLE_EQ(p->s1[1], 8);
  EXPECT_DOUBLE_EQ(p->r2[1], 11);
  EXPECT_DOUBLE_EQ(p->s2[1], 7);
  EXPECT_DOUBLE_EQ(p->r3[1], 12);
  EXPECT_DOUBLE_EQ(p->s3[1], 6);
}

TEST(PivotPoints, WeeksStartOnMonday) {
  // Sun 2020-01-26 belongs to the week of Jan 20; Mon Jan 27 starts a new one.
  EXPECT_EQ(levels::period_key(day(2020, 1, 26), levels::PivotPeriod::week) + 1,
            levels::period_key(day(2020, 1, 27), levels::PivotPeriod::week));
  EXPECT_EQ(levels::period_key(day(2020, 1, 27), levels::PivotPeriod::week),
            levels::period_key(day(2020, 2, 2), levels::PivotPeriod::week));
  EXPECT_EQ(levels::period_key(day(1969, 12, 29), levels::PivotPeriod::week),  // a Monday before the epoch
            levels::period_key(day(1970, 1, 4), levels::PivotPeriod::week));
  EXPECT_NE(levels::period_key(day(1969, 12, 28), levels::PivotPeriod::week),
            levels::period_key(day(1969, 12, 29), levels::PivotPeriod::week));
  auto p = levels::pivot_points(dates, high, low, close, levels::PivotPeriod::week);
  ASSERT_TRUE(p);
  expect_series(p->pp, {nan, nan, nan, 29.0 / 3, 29.0 / 3}, "weekly pp");
}

TEST(PivotPoints, QuarterAndYearKeys) {
  EXPECT_EQ(levels::period_key(day(2020, 3, 31), levels::PivotPeriod::quarter),
            levels::period_key(day(2020, 1, 2), levels::PivotPeriod::quarter));
  EXPECT_EQ(levels::period_key(day(2020, 4, 1), levels::PivotPeriod::quarter),
            levels::period_key(day(2020, 3, 31), levels::PivotPeriod::quarter) + 1);
  EXPECT_EQ(levels::period_key(day(2021, 1, 4), levels::PivotPeriod::year), 2021);
}

TEST(PivotPoints, NanCellsAreSkippedAndAnEmptyPeriodKeepsTheLastLevels) {
  // Day 1 is all NaN: day 2 still pivots from day 0 (the last period holding a bar).
  const std::vector<std::int32_t> d{day(2020, 1, 2), day(2020, 1, 3), day(2020, 1, 6)};
  const std::vector<double> h{10, nan, 11}, l{8, nan, 9}, c{9, nan, 10};
  auto p = levels::pivot_points(d, h, l, c, levels::PivotPeriod::day);
  ASSERT_TRUE(p);
  expect_series(p->pp, {nan, 9, 9}, "pp");
}

TEST(PivotPoints, EmptyInputAndMismatch) {
  auto empty = levels::pivot_points({}, {}, {}, {}, levels::PivotPeriod::month);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->pp.empty());
  auto bad = levels::pivot_points(dates, high, std::vector<double>{1, 2}, close, levels::PivotPeriod::month);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, errc::input_mismatch);
}

TEST(RollingLevels, MinOfLowAndMaxOfHighOverTheLastNBars) {
  auto r = levels::rolling_levels(high, low, 3);
  ASSERT_TRUE(r);
  expect_series(r->support, {nan, nan, 7, 7, 7}, "support");
  expect_series(r->resistance, {nan, nan, 12, 13, 14}, "resistance");
  auto one = levels::rolling_levels(high, low, 1);
  ASSERT_TRUE(one);
  expect_series(one->support, low, "support(1) == low");
  expect_series(one->resistance, high, "resistance(1) == high");
  auto longer = levels::rolling_levels(high, low, 6);  // longer than the input: all NaN
  ASSERT_TRUE(longer);
  expect_series(longer->support, {nan, nan, nan, nan, nan}, "support(6)");
}

TEST(RollingLevels, AWindowHoldingNanIsNan) {
  // pandas: pd.Series([8, nan, 7, 10, 12, 11]).rolling(2).min() → nan nan nan 7 10 11
  const std::vector<double> l{8, nan, 7, 10, 12, 11};
  const std::vector<double> h{9, 9, 9, 9, 9, 9};
  auto r = levels::rolling_levels(h, l, 2);
  ASSERT_TRUE(r);
  expect_series(r->support, {nan, nan, nan, 7, 10, 11}, "support");
  expect_series(r->resistance, {nan, 9, 9, 9, 9, 9}, "resistance");
}

TEST(RollingLevels, DecreasingAndIncreasingRuns) {
  // The monotonic deque must drop the front when it leaves the window.
  const std::vector<double> l{5, 4, 3, 2, 1, 2, 3, 4, 5};
  auto r = levels::rolling_levels(l, l, 3);
  ASSERT_TRUE(r);
  expect_series(r->support, {nan, nan, 3, 2, 1, 1, 1, 2, 3}, "support");
  expect_series(r->resistance, {nan, nan, 5, 4, 3, 2, 3, 4, 5}, "resistance");
}

TEST(RollingLevels, Errors) {
  auto zero = levels::rolling_levels(high, low, 0);
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().code, errc::bad_param);
  EXPECT_NE(zero.error().message.find("timeperiod"), std::string::npos);
  EXPECT_FALSE(levels::rolling_levels(high, std::vector<double>{1}, 2));
}

// ---- through the engine -------------------------------------------------------------------------

std::vector<OpInput> input() {
  OpInput in;
  in.name = "X";
  in.dates = dates;
  in.columns["high"] = high;
  in.columns["low"] = low;
  in.columns["close"] = close;
  return {in};
}

Result<OpResult> run(std::string_view text) {
  auto spec = parse_spec(text);
  if (!spec) return spec.error();
  return run_op(*spec, input());
}

const std::vector<double>& output(const OpResult& r, std::string_view name) {
  for (const OpOutput& o : r.outputs) {
    if (o.name == name) return std::get<std::vector<double>>(o.data);
  }
  throw std::logic_error("no output");
}

TEST(LevelOps, SupportResistanceThroughTheEngine) {
  auto r = run("support_resistance(timeperiod=3)");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->outputs.size(), 2U);
  EXPECT_EQ(r->outputs[0].name, "support");
  EXPECT_EQ(r->outputs[1].name, "resistance");
  expect_series(output(*r, "resistance"), {nan, nan, 12, 13, 14}, "resistance");
  auto d = run("support_resistance");  // default timeperiod 5: only the last row
  ASSERT_TRUE(d);
  expect_series(output(*d, "support"), {nan, nan, nan, nan, 7}, "support(5)");
}

TEST(LevelOps, PivotsThroughTheEngineDefaultMonth) {
  auto r = run("pivots");
  ASSERT_TRUE(r) << r.error().message;
  std::vector<std::string> names;
  for (const auto& o : r->outputs) names.push_back(o.name);
  EXPECT_EQ(names, (std::vector<std::string>{"pp", "r1", "r2", "r3", "s1", "s2", "s3"}));
  expect_series(output(*r, "s3"), {nan, nan, nan, 7.0 / 3, 7.0 / 3}, "s3");
  auto d = run("pivots(period=day)");
  ASSERT_TRUE(d);
  EXPECT_DOUBLE_EQ(output(*d, "pp")[1], 9);
}

TEST(LevelOps, ParameterErrorsNameTheParameter) {
  for (const char* spec : {"support_resistance(timeperiod=0)", "support_resistance(timeperiod=2.5)",
                           "support_resistance(timeperiod=100001)", "support_resistance(period=3)",
                           "pivots(period=hour)", "pivots(timeperiod=3)"}) {
    auto r = run(spec);
    ASSERT_FALSE(r) << spec;
    EXPECT_EQ(r.error().code, errc::bad_param) << spec;
    EXPECT_NE(r.error().message.find("parameter '"), std::string::npos) << spec << ": " << r.error().message;
  }
  OpInput no_high;
  no_high.name = "Y";
  no_high.dates = dates;
  no_high.columns["close"] = close;
  auto spec = parse_spec("pivots");
  ASSERT_TRUE(spec);
  auto missing = run_op(*spec, std::vector<OpInput>{no_high});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, errc::missing_input);
  EXPECT_NE(missing.error().message.find("'high'"), std::string::npos);
}

TEST(LevelOps, RegisteredAsOverlaysWithRanges) {
  const OpSpec* sr = find_op("support_resistance");
  ASSERT_NE(sr, nullptr);
  EXPECT_TRUE(sr->overlay);
  EXPECT_EQ(sr->group, "Support/Resistance");
  ASSERT_EQ(sr->params.size(), 1U);
  EXPECT_EQ(sr->params[0].min, 1);
  EXPECT_EQ(sr->params[0].max, 100000);
  const OpSpec* pv = find_op("pivots");
  ASSERT_NE(pv, nullptr);
  EXPECT_TRUE(pv->overlay);
  EXPECT_FALSE(find_op("acf")->overlay);
}

}  // namespace
}  // namespace streams::analytics
