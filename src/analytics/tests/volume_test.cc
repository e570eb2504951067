// Volume Indicators (ad, adosc, obv): TA-Lib references, generic edge cases
// (group_test_support.h) and hand-computed values.

#include <gtest/gtest.h>

#include <vector>

#include "analytics/indicators/volume.h"
#include "analytics/tests/group_test_support.h"

namespace streams::analytics::group_test {
namespace {

INSTANTIATE_TEST_SUITE_P(Volume, GroupTest, ::testing::ValuesIn(specs_of({"Volume Indicators"})), spec_name);
INSTANTIATE_TEST_SUITE_P(Volume, GroupReferenceTest, ::testing::ValuesIn(specs_of({"Volume Indicators"})), spec_name);

TEST(VolumeGroup, HasTaLibsThreeFunctions) { EXPECT_EQ(specs_of({"Volume Indicators"}).size(), 3U); }

TEST(HandComputed, AdSkipsZeroRanges) {
  const std::vector<double> h{4, 5, 6}, l{0, 5, 2}, c{3, 5, 2}, v{10, 100, 8};
  std::vector<double> y(3, nan);
  ASSERT_EQ(*ad(h, l, c, v, y), (OutRange{0, 3}));
  EXPECT_EQ(y[0], 5.0);   // ((3-0) - (4-3)) / 4 * 10
  EXPECT_EQ(y[1], 5.0);   // high == low: unchanged
  EXPECT_EQ(y[2], -3.0);  // ((2-2) - (6-2)) / 4 * 8
}

TEST(HandComputed, ObvStartsAtTheFirstVolume) {
  const std::vector<double> c{1, 2, 2, 1}, v{10, 20, 30, 40};
  std::vector<double> y(4, nan);
  ASSERT_EQ(*obv(c, v, y), (OutRange{0, 4}));
  EXPECT_EQ(y, (std::vector<double>{10, 30, 30, -10}));
}

TEST(HandComputed, AdoscEmasStartFromTheFirstAdValue) {
  const std::vector<double> h{4, 5, 6}, l{0, 5, 2}, c{3, 5, 2}, v{10, 100, 8};  // AD 5, 5, -3
  std::vector<double> y(3, nan);
  ASSERT_EQ(*adosc(h, l, c, v, 2, 3, y), (OutRange{2, 1}));
  const double fk = 2.0 / 3.0, sk = 0.5;
  double fast = 5.0, slow = 5.0;
  fast = fk * 5.0 + (1 - fk) * fast;
  slow = sk * 5.0 + (1 - sk) * slow;
  fast = fk * -3.0 + (1 - fk) * fast;
  slow = sk * -3.0 + (1 - sk) * slow;
  EXPECT_NEAR(y[2], fast - slow, 1e-12);
  ASSERT_TRUE(adosc(h, l, c, v, 3, 3, y));
  EXPECT_EQ(y[2], 0.0);  // equal periods: the two EMAs coincide
}

}  // namespace
}  // namespace streams::analytics::group_test
