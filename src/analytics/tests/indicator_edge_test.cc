// Edge cases and invariants of the Overlap Studies, Price Transform, Math Transform and Math
// Operators groups (STYLE.md example 5), run generically over their registry entries, plus
// hand-computed values for the simplest cases. Tolerances: exact unless stated.
//
// What each check catches:
//  - EmptyInput / OneValue / PeriodLongerThanInput: off-by-one lookbacks, reads past the end;
//  - Constant: wrong weights or normalisation (an average of a constant must be the constant),
//    a negative variance from cancellation not clamped to 0 in bbands;
//  - NaNInside: a NaN leaking backwards (rows before it must not change);
//  - OutOfRange: parameters not validated by the function itself (TA_BAD_PARAM);
//  - Aliasing: running sums that re-read inputs already overwritten by outputs;
//  - SubRange: state carried from outside the window in finite-window indicators;
//  - FirstIndexIsLookback: a lookback function disagreeing with the computation.

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "analytics/errc.h"
#include "analytics/indicators/bbands.h"
#include "analytics/indicators/ema.h"
#include "analytics/indicators/indicator_registry.h"
#include "analytics/indicators/ma.h"
#include "analytics/indicators/math_ops.h"
#include "analytics/indicators/min_max.h"
#include "analytics/indicators/price_transform.h"
#include "analytics/indicators/sma.h"
#include "analytics/indicators/trima.h"
#include "analytics/indicators/wma.h"

namespace streams::analytics {
namespace {

const std::set<std::string_view> my_groups = {"Overlap Studies", "Price Transform", "Math Transform", "Math Operators"};
// Outputs depend on rows before the window (recursive averages, SAR's state, index outputs that
// count from the first row): the sub-range invariant does not apply.
const std::set<std::string_view> infinite_memory = {"dema", "ema",   "kama",     "mavp",     "sar",        "sarext",
                                                    "t3",   "tema",  "maxindex", "minindex", "minmaxindex"};

std::vector<const IndicatorSpec*> my_specs() {
  std::vector<const IndicatorSpec*> specs;
  for (const IndicatorSpec& spec : indicator_registry()) {
    if (my_groups.count(spec.group) != 0 && spec.name != "mama" && spec.name != "ht_trendline") specs.push_back(&spec);
  }
  return specs;
}

struct Bars {
  std::vector<double> open, high, low, close, volume, bounded, periods;
};

Bars make_bars(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> step(0.0, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Bars b;
  double price = 100.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double open = price;
    price = std::max(1.0, price + step(rng));
    const double close = price;
    b.open.push_back(open);
    b.close.push_back(close);
    b.high.push_back(std::max(open, close) + unit(rng));
    b.low.push_back(std::min(open, close) - unit(rng));
    b.volume.push_back(1e6 * (1.0 + unit(rng)));
    b.bounded.push_back(0.5 + 0.45 * std::sin(0.1 * static_cast<double>(i)));  // inside every Math Transform domain
    b.periods.push_back(2.0 + static_cast<double>(i % 29));
  }
  return b;
}

Bars constant_bars(std::size_t n, double c) {
  Bars b;
  b.open = b.high = b.low = b.close = std::vector<double>(n, c);
  b.volume = std::vector<double>(n, 1000.0);
  b.bounded = std::vector<double>(n, 0.5);
  b.periods = std::vector<double>(n, 5.0);
  return b;
}

std::vector<std::vector<double>> inputs_for(const IndicatorSpec& spec, const Bars& b) {
  std::vector<std::vector<double>> inputs;
  for (const auto name : spec.inputs) {
    if (name == "open") inputs.push_back(b.open);
    else if (name == "high" || name == "real0") inputs.push_back(b.high);
    else if (name == "low" || name == "real1") inputs.push_back(b.low);
    else if (name == "volume") inputs.push_back(b.volume);
    else if (name == "periods") inputs.push_back(b.periods);
    else if (spec.group == "Math Transform") inputs.push_back(b.bounded);
    else inputs.push_back(b.close);
  }
  return inputs;
}

std::vector<double> defaults(const IndicatorSpec& spec) {
  std::vector<double> params;
  for (const auto& p : spec.params) params.push_back(p.default_value);
  return params;
}

struct Computed {
  Result<OutRange> range = OutRange{};
  std::vector<std::vector<double>> outputs;
};

Computed run(const IndicatorSpec& spec, const std::vector<std::vector<double>>& inputs, const std::vector<double>& params) {
  const std::size_t n = inputs.empty() ? 0 : inputs[0].size();
  Computed r;
  r.outputs.assign(spec.outputs.size(), std::vector<double>(n, nan));
  std::vector<std::span<const double>> in(inputs.begin(), inputs.end());
  std::vector<std::span<double>> out;
  for (auto& o : r.outputs) out.emplace_back(o);
  r.range = spec.compute(in, params, out);
  return r;
}

int lookback(const IndicatorSpec& spec, const std::vector<double>& params) { return spec.lookback(params); }

class GroupEdgeTest : public ::testing::TestWithParam<const IndicatorSpec*> {};

TEST_P(GroupEdgeTest, EmptyInput) {
  const IndicatorSpec& spec = *GetParam();
  const Computed r = run(spec, inputs_for(spec, make_bars(0, 1)), defaults(spec));
  ASSERT_TRUE(r.range) << r.range.error().message;
  EXPECT_EQ(r.range->count, 0U);
}

TEST_P(GroupEdgeTest, OneValue) {
  const IndicatorSpec& spec = *GetParam();
  const auto params = defaults(spec);
  const Computed r = run(spec, inputs_for(spec, make_bars(1, 2)), params);
  ASSERT_TRUE(r.range) << r.range.error().message;
  EXPECT_EQ(r.range->count, lookback(spec, params) == 0 ? 1U : 0U);
}

TEST_P(GroupEdgeTest, PeriodLongerThanInput) {
  const IndicatorSpec& spec = *GetParam();
  auto params = defaults(spec);
  bool has_period = false;
  for (std::size_t i = 0; i < spec.params.size(); ++i) {
    if (spec.params[i].name == "timeperiod" || spec.params[i].name == "maxperiod") {
      params[i] = 50;
      has_period = true;
    }
  }
  if (!has_period) GTEST_SKIP() << "no period";
  const Computed r = run(spec, inputs_for(spec, make_bars(10, 3)), params);
  ASSERT_TRUE(r.range) << r.range.error().message;
  EXPECT_EQ(r.range->count, 0U);
  for (const auto& o : r.outputs) {
    for (const double v : o) EXPECT_TRUE(std::isnan(v));
  }
}

TEST_P(GroupEdgeTest, Constant) {
  const IndicatorSpec& spec = *GetParam();
  const double c = 10.0;
  const auto params = defaults(spec);
  const Computed r = run(spec, inputs_for(spec, constant_bars(300, c)), params);
  ASSERT_TRUE(r.range) << r.range.error().message;
  ASSERT_GT(r.range->count, 0U);
  const bool is_average = (spec.group == "Overlap Studies" || spec.group == "Price Transform") &&
                          spec.name != "sar" && spec.name != "sarext" && spec.name != "avgdev";
  for (std::size_t k = 0; k < r.outputs.size(); ++k) {
    for (std::size_t i = r.range->begin; i < r.range->begin + r.range->count; ++i) {
      const double v = r.outputs[k][i];
      ASSERT_TRUE(std::isfinite(v)) << spec.name << " row " << i;
      if (is_average) {
        EXPECT_NEAR(v, c, 1e-12 * c) << spec.name << "." << spec.outputs[k].name << " row " << i;
      }
      if (spec.name == "avgdev") {
        EXPECT_EQ(v, 0.0);
      }
      if (spec.name == "sum") {
        EXPECT_NEAR(v, c * params[0], 1e-12 * c * params[0]);
      }
      if (spec.name == "max" || spec.name == "min" || spec.name == "minmax") {
        EXPECT_EQ(v, c);
      }
    }
  }
}

TEST_P(GroupEdgeTest, NaNInside) {
  const IndicatorSpec& spec = *GetParam();
  const auto params = defaults(spec);
  const Bars bars = make_bars(200, 4);
  auto inputs = inputs_for(spec, bars);
  const Computed clean = run(spec, inputs, params);
  for (auto& in : inputs) in[100] = nan;
  const Computed dirty = run(spec, inputs, params);
  ASSERT_TRUE(dirty.range) << dirty.range.error().message;
  for (std::size_t k = 0; k < clean.outputs.size(); ++k) {
    for (std::size_t i = 0; i < 100; ++i) {
      const double a = clean.outputs[k][i];
      const double b = dirty.outputs[k][i];
      EXPECT_TRUE((std::isnan(a) && std::isnan(b)) || a == b) << spec.name << " row " << i;
    }
  }
}

TEST_P(GroupEdgeTest, OutOfRangeParameters) {
  const IndicatorSpec& spec = *GetParam();
  const auto inputs = inputs_for(spec, make_bars(50, 5));
  if (spec.params.empty()) GTEST_SKIP() << "no parameters";
  for (std::size_t i = 0; i < spec.params.size(); ++i) {
    const IndicatorParam& p = spec.params[i];
    for (const double bad : {p.min - 1, p.max + 1}) {
      if (std::fabs(bad) > 1e30) continue;  // TA_REAL_MIN/MAX bounds: nothing representable beyond
      auto params = defaults(spec);
      params[i] = bad;
      const Computed r = run(spec, inputs, params);
      ASSERT_FALSE(r.range) << spec.name << " accepted " << p.name << "=" << bad;
      EXPECT_EQ(r.range.error().code, make_error_code(errc::bad_param));
      EXPECT_NE(r.range.error().message.find(std::string(p.name)), std::string::npos) << r.range.error().message;
    }
  }
}

TEST_P(GroupEdgeTest, OutputAliasingInput) {
  const IndicatorSpec& spec = *GetParam();
  const auto params = defaults(spec);
  const auto inputs = inputs_for(spec, make_bars(120, 6));
  const Computed expected = run(spec, inputs, params);
  ASSERT_TRUE(expected.range);
  for (std::size_t j = 0; j < inputs.size(); ++j) {
    for (std::size_t k = 0; k < spec.outputs.size(); ++k) {
      std::vector<std::vector<double>> outputs(spec.outputs.size(), std::vector<double>(120, nan));
      outputs[k] = inputs[j];  // output k is written over input j
      std::vector<std::span<const double>> in(inputs.begin(), inputs.end());
      in[j] = outputs[k];
      std::vector<std::span<double>> out(outputs.begin(), outputs.end());
      auto range = spec.compute(in, params, out);
      ASSERT_TRUE(range);
      EXPECT_EQ(*range, *expected.range);
      for (std::size_t i = range->begin; i < range->begin + range->count; ++i) {
        for (std::size_t m = 0; m < outputs.size(); ++m) {
          ASSERT_EQ(outputs[m][i], expected.outputs[m][i]) << spec.name << " input " << j << " output " << k
                                                            << " row " << i;
        }
      }
    }
  }
}

TEST_P(GroupEdgeTest, SubRangeEqualsSlice) {
  const IndicatorSpec& spec = *GetParam();
  if (infinite_memory.count(spec.name) != 0) GTEST_SKIP() << "depends on rows before the window";
  const auto params = defaults(spec);
  const auto inputs = inputs_for(spec, make_bars(300, 7));
  const Computed full = run(spec, inputs, params);
  constexpr std::size_t skip = 37;
  std::vector<std::vector<double>> tail;
  for (const auto& in : inputs) tail.emplace_back(in.begin() + skip, in.end());
  const Computed part = run(spec, tail, params);
  ASSERT_TRUE(part.range);
  ASSERT_GT(part.range->count, 0U);
  for (std::size_t k = 0; k < full.outputs.size(); ++k) {
    for (std::size_t i = part.range->begin; i < tail[0].size(); ++i) {
      const double a = full.outputs[k][i + skip];
      const double b = part.outputs[k][i];
      EXPECT_NEAR(a, b, 1e-12 * std::max(1.0, std::fabs(a))) << spec.name << " row " << i;  // running sums restart
    }
  }
}

TEST_P(GroupEdgeTest, FirstIndexIsLookback) {
  const IndicatorSpec& spec = *GetParam();
  const auto params = defaults(spec);
  const Computed r = run(spec, inputs_for(spec, make_bars(300, 8)), params);
  ASSERT_TRUE(r.range) << r.range.error().message;
  const auto lb = static_cast<std::size_t>(lookback(spec, params));
  EXPECT_EQ(r.range->begin, lb);
  EXPECT_EQ(r.range->count, 300 - lb);
  for (const auto& o : r.outputs) {
    for (std::size_t i = 0; i < 300; ++i) {
      if (i < lb) {
        EXPECT_TRUE(std::isnan(o[i])) << spec.name << " row " << i;
      }
      else EXPECT_TRUE(std::isfinite(o[i])) << spec.name << " row " << i;
    }
  }
}

std::string spec_name(const ::testing::TestParamInfo<const IndicatorSpec*>& info) { return std::string(info.param->name); }

INSTANTIATE_TEST_SUITE_P(Registry, GroupEdgeTest, ::testing::ValuesIn(my_specs()), spec_name);

TEST(GroupEdge, EveryFunctionOfTheFourGroupsIsCovered) {
  // 16 Overlap Studies (without mama, ht_trendline), 5 Price Transform, 15 Math Transform, 11 Math Operators.
  EXPECT_EQ(my_specs().size(), 16U + 5U + 15U + 11U);
}

// ---- Hand-computed values ------------------------------------------------------------------

std::vector<double> out_of(std::size_t n) { return std::vector<double>(n, nan); }

TEST(HandComputed, Sma) {
  const std::vector<double> x{1, 2, 3, 4, 5};
  auto y = out_of(5);
  auto r = sma(x, 3, y);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (OutRange{2, 3}));
  EXPECT_TRUE(std::isnan(y[1]));
  EXPECT_EQ(y[2], 2.0);
  EXPECT_EQ(y[3], 3.0);
  EXPECT_EQ(y[4], 4.0);
}

TEST(HandComputed, EmaSeededWithSma) {
  const std::vector<double> x{1, 2, 3, 4, 5};  // k = 0.5; seed mean(1,2,3) = 2
  auto y = out_of(5);
  ASSERT_TRUE(ema(x, 3, y));
  EXPECT_EQ(y[2], 2.0);
  EXPECT_EQ(y[3], 3.0);  // (4 - 2) * 0.5 + 2
  EXPECT_EQ(y[4], 4.0);
}

TEST(HandComputed, WmaWeightsNewestHeaviest) {
  const std::vector<double> x{1, 2, 3, 4};
  auto y = out_of(4);
  ASSERT_TRUE(wma(x, 3, y));
  EXPECT_DOUBLE_EQ(y[2], (1 * 1 + 2 * 2 + 3 * 3) / 6.0);
  EXPECT_DOUBLE_EQ(y[3], (2 * 1 + 3 * 2 + 4 * 3) / 6.0);
}

TEST(HandComputed, TrimaEvenAndOdd) {
  const std::vector<double> x{1, 2, 3, 4, 5, 6};
  auto y = out_of(6);
  ASSERT_TRUE(trima(x, 4, y));                  // weights 1 2 2 1 / 6
  EXPECT_DOUBLE_EQ(y[3], (1 + 4 + 6 + 4) / 6.0);
  ASSERT_TRUE(trima(x, 5, y));                  // weights 1 2 3 2 1 / 9
  EXPECT_DOUBLE_EQ(y[4], (1 + 4 + 9 + 8 + 5) / 9.0);
}

TEST(HandComputed, BbandsPopulationDeviation) {
  const std::vector<double> x{1, 2, 3};
  auto up = out_of(3), mid = out_of(3), lo = out_of(3);
  ASSERT_TRUE(bbands(x, 3, 2.0, 1.0, MaType::sma, up, mid, lo));
  EXPECT_DOUBLE_EQ(mid[2], 2.0);
  EXPECT_DOUBLE_EQ(up[2], 2.0 + 2.0 * std::sqrt(2.0 / 3.0));
  EXPECT_DOUBLE_EQ(lo[2], 2.0 - std::sqrt(2.0 / 3.0));
}

TEST(HandComputed, IndexTiesFollowTaLib) {
  const std::vector<double> x{1, 3, 3, 2};
  auto y = out_of(4);
  ASSERT_TRUE(maxindex(x, 2, y));
  EXPECT_EQ(y[1], 1.0);
  EXPECT_EQ(y[2], 2.0);  // a new row equal to the maximum takes over
  EXPECT_EQ(y[3], 2.0);
  const std::vector<double> z{5, 1, 1, 1, 2};
  auto w = out_of(5);
  ASSERT_TRUE(minindex(z, 3, w));
  EXPECT_EQ(w[2], 1.0);  // a rescan keeps the earliest of equal minima
  EXPECT_EQ(w[3], 3.0);  // a new row equal to the minimum takes over
  EXPECT_EQ(w[4], 3.0);
}

TEST(HandComputed, AvgdevAndPrices) {
  const std::vector<double> x{1, 2, 3};
  auto y = out_of(3);
  ASSERT_TRUE(avgdev(x, 3, y));
  EXPECT_DOUBLE_EQ(y[2], 2.0 / 3.0);
  const std::vector<double> h{4}, l{2}, c{3}, o{1};
  auto one = out_of(1);
  ASSERT_TRUE(wclprice(h, l, c, one));
  EXPECT_EQ(one[0], 3.0);
  ASSERT_TRUE(avgprice(o, h, l, c, one));
  EXPECT_EQ(one[0], 2.5);
}

TEST(HandComputed, MathOperatorsAndTransforms) {
  const std::vector<double> a{6, 1}, b{3, 0};
  auto y = out_of(2);
  ASSERT_TRUE(math_operator(MathOperator::div, a, b, y));
  EXPECT_EQ(y[0], 2.0);
  EXPECT_TRUE(std::isinf(y[1]));  // as TA-Lib: no check, the renderer writes null
  ASSERT_TRUE(math_transform(MathTransform::ln, std::vector<double>{1.0, -1.0}, y));
  EXPECT_EQ(y[0], 0.0);
  EXPECT_TRUE(std::isnan(y[1]));
}

TEST(HandComputed, MaPeriodOneCopiesAndMamaIsReachable) {
  const std::vector<double> x{1, 2, 3};
  auto y = out_of(3);
  auto r = ma(x, 1, MaType::kama, y);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (OutRange{0, 3}));
  EXPECT_EQ(y, x);
  // MAMA ignores the period: lookback 32, and a constant series stays constant.
  std::vector<double> long_input(100, 1.0);
  std::vector<double> out(100, nan);
  auto m = ma(long_input, 30, MaType::mama, out);
  ASSERT_TRUE(m);
  EXPECT_EQ(*m, (OutRange{32, 68}));
  EXPECT_DOUBLE_EQ(out[99], 1.0);
}

}  // namespace
}  // namespace streams::analytics
