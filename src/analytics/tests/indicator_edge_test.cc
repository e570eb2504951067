// Edge cases and invariants of the Overlap Studies, Price Transform, Math Transform and Math
// Operators groups (STYLE.md example 5): the generic suite of group_test_support.h (what each
// check catches is listed there) over their registry entries, plus hand-computed values for the
// simplest cases. Tolerances: exact unless stated.

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
#include "analytics/tests/group_test_support.h"

namespace streams::analytics {
namespace {

const std::set<std::string_view> my_groups = {"Overlap Studies", "Price Transform", "Math Transform", "Math Operators"};
using group_test::GroupTest;
using group_test::spec_name;

std::vector<const IndicatorSpec*> my_specs() {
  // mama and ht_trendline are the Hilbert engine's (cycle_test.cc).
  std::vector<const IndicatorSpec*> specs;
  for (const IndicatorSpec* spec : group_test::specs_of(my_groups)) {
    if (spec->name != "mama" && spec->name != "ht_trendline") specs.push_back(spec);
  }
  return specs;
}

// The golden files do not cover every function of these groups (math operators and transforms are
// checked against the TA-Lib oracle elsewhere): the generic invariants only.
INSTANTIATE_TEST_SUITE_P(Registry, GroupTest, ::testing::ValuesIn(my_specs()), spec_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GroupReferenceTest);

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
