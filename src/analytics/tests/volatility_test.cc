// Volatility Indicators (trange, atr, natr): TA-Lib references, generic edge cases
// (group_test_support.h) and hand-computed values.

#include <gtest/gtest.h>

#include <vector>

#include "analytics/indicators/volatility.h"
#include "analytics/tests/group_test_support.h"

namespace streams::analytics::group_test {
namespace {

INSTANTIATE_TEST_SUITE_P(Volatility, GroupTest, ::testing::ValuesIn(specs_of({"Volatility Indicators"})), spec_name);
INSTANTIATE_TEST_SUITE_P(Volatility, GroupReferenceTest, ::testing::ValuesIn(specs_of({"Volatility Indicators"})), spec_name);

TEST(VolatilityGroup, HasTaLibsThreeFunctions) { EXPECT_EQ(specs_of({"Volatility Indicators"}).size(), 3U); }

const std::vector<double> h{2, 5, 4, 6}, l{1, 4, 3, 5}, c{1.5, 4.5, 3.5, 5.5};  // TR: -, 3.5, 1.5, 2.5

TEST(HandComputed, TrueRangeUsesThePreviousClose) {
  std::vector<double> y(4, nan);
  ASSERT_EQ(*trange(h, l, c, y), (OutRange{1, 3}));
  EXPECT_EQ(y[1], 3.5);
  EXPECT_EQ(y[2], 1.5);
  EXPECT_EQ(y[3], 2.5);
}

TEST(HandComputed, AtrSeedIsTheMeanOfTheFirstTrueRangesThenWilder) {
  std::vector<double> y(4, nan);
  ASSERT_EQ(*atr(h, l, c, 2, y), (OutRange{2, 2}));
  EXPECT_EQ(y[2], 2.5);                  // (3.5 + 1.5) / 2
  EXPECT_EQ(y[3], (2.5 * 1 + 2.5) / 2);  // Wilder
  std::vector<double> n(4, nan);
  ASSERT_TRUE(natr(h, l, c, 2, n));
  EXPECT_EQ(n[2], (2.5 / 3.5) * 100.0);
}

TEST(HandComputed, PeriodOneIsTrueRange) {
  std::vector<double> a(4, nan), t(4, nan), n(4, nan);
  ASSERT_TRUE(trange(h, l, c, t));
  ASSERT_EQ(*atr(h, l, c, 1, a), (OutRange{1, 3}));
  ASSERT_TRUE(natr(h, l, c, 1, n));
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(a[i], t[i]);
    EXPECT_EQ(n[i], t[i]);  // TA-Lib's NATR returns TRANGE unnormalised for period 1
  }
}

}  // namespace
}  // namespace streams::analytics::group_test
