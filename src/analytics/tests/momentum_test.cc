// Momentum Indicators: every function against the TA-Lib references and the generic edge cases
// (group_test_support.h), plus hand-computed values and invariants that tie functions together.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "analytics/indicators/directional.h"
#include "analytics/indicators/ma.h"
#include "analytics/indicators/macd.h"
#include "analytics/indicators/momentum.h"
#include "analytics/indicators/oscillators.h"
#include "analytics/indicators/rsi.h"
#include "analytics/indicators/stoch.h"
#include "analytics/tests/group_test_support.h"

namespace streams::analytics::group_test {
namespace {

INSTANTIATE_TEST_SUITE_P(Momentum, GroupTest, ::testing::ValuesIn(specs_of({"Momentum Indicators"})), spec_name);
INSTANTIATE_TEST_SUITE_P(Momentum, GroupReferenceTest, ::testing::ValuesIn(specs_of({"Momentum Indicators"})), spec_name);

TEST(MomentumGroup, HasTaLibsThirtyOneFunctions) { EXPECT_EQ(specs_of({"Momentum Indicators"}).size(), 31U); }

std::vector<double> out_of(std::size_t n) { return std::vector<double>(n, nan); }

TEST(HandComputed, MomAndRocFamily) {
  const std::vector<double> x{1, 2, 4, 7, 0, 3};
  auto y = out_of(6);
  ASSERT_EQ(*mom(x, 1, y), (OutRange{1, 5}));
  EXPECT_TRUE(std::isnan(y[0]));
  EXPECT_EQ(y[1], 1.0);
  EXPECT_EQ(y[3], 3.0);
  ASSERT_TRUE(roc(x, 1, y));
  EXPECT_EQ(y[1], 100.0);
  EXPECT_EQ(y[3], 75.0);
  EXPECT_EQ(y[5], 0.0);  // previous value 0: TA-Lib writes 0
  ASSERT_TRUE(rocp(x, 1, y));
  EXPECT_EQ(y[3], 0.75);
  ASSERT_TRUE(rocr(x, 1, y));
  EXPECT_EQ(y[3], 1.75);
  ASSERT_TRUE(rocr100(x, 1, y));
  EXPECT_EQ(y[3], 175.0);
  ASSERT_EQ(*mom(x, 2, y), (OutRange{2, 4}));
  EXPECT_EQ(y[2], 3.0);
}

TEST(HandComputed, RsiAndCmoWilderSeed) {
  const std::vector<double> x{1, 2, 1, 2};
  auto y = out_of(4);
  ASSERT_EQ(*rsi(x, 2, y), (OutRange{2, 2}));
  EXPECT_EQ(y[2], 50.0);  // mean gain 0.5, mean loss 0.5
  EXPECT_EQ(y[3], 75.0);  // gain (0.5 + 1) / 2, loss 0.5 / 2
  ASSERT_TRUE(cmo(x, 2, y));
  EXPECT_EQ(y[2], 0.0);
  EXPECT_EQ(y[3], 50.0);
}

TEST(HandComputed, WillrAndStochf) {
  const std::vector<double> h{3, 4, 5}, l{1, 2, 3}, c{2, 3, 5};
  auto y = out_of(3);
  ASSERT_EQ(*willr(h, l, c, 2, y), (OutRange{1, 2}));
  EXPECT_NEAR(y[1], -100.0 / 3.0, 1e-12);
  EXPECT_EQ(y[2], 0.0);
  auto k = out_of(3), d = out_of(3);
  ASSERT_EQ(*stochf(h, l, c, 2, 1, MaType::sma, k, d), (OutRange{1, 2}));
  EXPECT_NEAR(k[1], 200.0 / 3.0, 1e-12);
  EXPECT_EQ(k[2], 100.0);
  EXPECT_EQ(d[1], k[1]);  // fastd period 1 copies
}

TEST(HandComputed, AroonTiesGoToTheNewestRow) {
  const std::vector<double> h{1, 3, 3, 2}, l{2, 1, 1, 3};
  auto down = out_of(4), up = out_of(4), osc = out_of(4);
  ASSERT_EQ(*aroon(h, l, 2, down, up), (OutRange{2, 2}));
  EXPECT_EQ(up[2], 100.0);    // highest 3 at rows 1 and 2: row 2
  EXPECT_EQ(down[2], 100.0);  // lowest 1 at rows 1 and 2: row 2
  EXPECT_EQ(up[3], 50.0);
  EXPECT_EQ(down[3], 50.0);
  ASSERT_TRUE(aroonosc(h, l, 2, osc));
  EXPECT_EQ(osc[3], up[3] - down[3]);
}

TEST(HandComputed, BopAndImi) {
  const std::vector<double> o{1, 2}, h{4, 2}, l{0, 2}, c{3, 2};
  auto y = out_of(2);
  ASSERT_TRUE(bop(o, h, l, c, y));
  EXPECT_EQ(y[0], 0.5);
  EXPECT_EQ(y[1], 0.0);  // high == low
  const std::vector<double> io{1, 2, 1}, ic{2, 1, 4};
  auto z = out_of(3);
  ASSERT_EQ(*imi(io, ic, 2, z), (OutRange{1, 2}));
  EXPECT_EQ(z[1], 50.0);
  EXPECT_EQ(z[2], 75.0);
}

TEST(Invariants, MacdStartsAllOutputsAtRow33AndSwapsPeriods) {
  EXPECT_EQ(macd_lookback(12, 26, 9), 33);
  const Bars b = make_bars(200, 11);
  auto m1 = out_of(200), s1 = out_of(200), h1 = out_of(200);
  auto m2 = out_of(200), s2 = out_of(200), h2 = out_of(200);
  ASSERT_EQ(*macd(b.close, 12, 26, 9, m1, s1, h1), (OutRange{33, 167}));
  ASSERT_TRUE(macd(b.close, 26, 12, 9, m2, s2, h2));
  for (std::size_t i = 33; i < 200; ++i) EXPECT_EQ(m1[i], m2[i]);
  for (std::size_t i = 33; i < 200; ++i) EXPECT_EQ(h1[i], m1[i] - s1[i]);
  // macdfix uses 0.15/0.075, not 2/13 and 2/27: close to macd but not equal.
  ASSERT_TRUE(macdfix(b.close, 9, m2, s2, h2));
  EXPECT_NE(m1[100], m2[100]);
  EXPECT_NEAR(m1[100], m2[100], 0.05 * std::fabs(m1[100]) + 0.05);
}

TEST(Invariants, StochRsiIsStochfOnRsi) {
  const Bars b = make_bars(300, 12);
  auto r = out_of(300);
  ASSERT_TRUE(rsi(b.close, 14, r));
  const std::vector<double> tail(r.begin() + 14, r.end());
  auto k = out_of(286), d = out_of(286);
  ASSERT_TRUE(stochf(tail, tail, tail, 5, 3, MaType::sma, k, d));
  auto sk = out_of(300), sd = out_of(300);
  ASSERT_EQ(*stochrsi(b.close, 14, 5, 3, MaType::sma, sk, sd), (OutRange{14 + 4 + 2, 300 - 20}));
  for (std::size_t i = 20; i < 300; ++i) {
    EXPECT_EQ(sk[i], k[i - 14]);
    EXPECT_EQ(sd[i], d[i - 14]);
  }
}

TEST(Invariants, ApoIsFastMinusSlowSma) {
  const Bars b = make_bars(100, 13);
  auto fast = out_of(100), slow = out_of(100), y = out_of(100);
  ASSERT_TRUE(ma(b.close, 12, MaType::sma, fast));
  ASSERT_TRUE(ma(b.close, 26, MaType::sma, slow));
  ASSERT_EQ(*apo(b.close, 12, 26, MaType::sma, y), (OutRange{25, 75}));
  for (std::size_t i = 25; i < 100; ++i) EXPECT_EQ(y[i], fast[i] - slow[i]);
  ASSERT_TRUE(ppo(b.close, 12, 26, MaType::sma, y));
  for (std::size_t i = 25; i < 100; ++i) EXPECT_EQ(y[i], ((fast[i] - slow[i]) / slow[i]) * 100.0);
}

TEST(Invariants, UltoscPeriodOrderDoesNotMatter) {
  const Bars b = make_bars(120, 14);
  auto a = out_of(120), c = out_of(120);
  ASSERT_TRUE(ultosc(b.high, b.low, b.close, 7, 14, 28, a));
  ASSERT_TRUE(ultosc(b.high, b.low, b.close, 28, 7, 14, c));
  for (std::size_t i = 28; i < 120; ++i) EXPECT_EQ(a[i], c[i]);
}

TEST(Invariants, DirectionalValuesAreBounded) {
  const Bars b = make_bars(400, 15);
  auto adx_v = out_of(400), dx_v = out_of(400), pdi = out_of(400), mdi = out_of(400), adxr_v = out_of(400);
  ASSERT_TRUE(adx(b.high, b.low, b.close, 14, adx_v));
  ASSERT_TRUE(dx(b.high, b.low, b.close, 14, dx_v));
  ASSERT_TRUE(plus_di(b.high, b.low, b.close, 14, pdi));
  ASSERT_TRUE(minus_di(b.high, b.low, b.close, 14, mdi));
  ASSERT_EQ(*adxr(b.high, b.low, b.close, 14, adxr_v), (OutRange{40, 360}));
  for (std::size_t i = 27; i < 400; ++i) {
    EXPECT_GE(adx_v[i], 0.0);
    EXPECT_LE(adx_v[i], 100.0);
  }
  for (std::size_t i = 14; i < 400; ++i) {
    const double s = pdi[i] + mdi[i];
    EXPECT_NEAR(dx_v[i], 100.0 * std::fabs(pdi[i] - mdi[i]) / s, 1e-9);
  }
  for (std::size_t i = 40; i < 400; ++i) EXPECT_EQ(adxr_v[i], (adx_v[i] + adx_v[i - 13]) / 2.0);
}

TEST(Invariants, PeriodOneDirectionalMovement) {
  const std::vector<double> h{10, 12, 11}, l{9, 10, 8}, c{9.5, 11, 9};
  auto y = out_of(3);
  ASSERT_EQ(*plus_dm(h, l, 1, y), (OutRange{1, 2}));
  EXPECT_EQ(y[1], 2.0);  // high +2, low -1 (a rise): +DM 2
  EXPECT_EQ(y[2], 0.0);
  ASSERT_TRUE(minus_dm(h, l, 1, y));
  EXPECT_EQ(y[1], 0.0);
  EXPECT_EQ(y[2], 2.0);  // low fell 2, high fell 1
}

}  // namespace
}  // namespace streams::analytics::group_test
