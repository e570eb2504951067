// Golden-value tests of TA-Lib's Statistic Functions group against TA-Lib 0.6.4
// (reference/README.md: beta/correl read high and low by default; var ignores nbdev).
#include <gtest/gtest.h>

#include <vector>

#include "analytics/indicators/statistic_functions.h"
#include "analytics/tests/reference_data.h"

namespace streams::analytics {
namespace {

using testing::compare_series;
using testing::load_csv;
using testing::load_reference;
using testing::reference_dir;

class StatisticReference : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    const std::string stem = GetParam();
    input_ = load_csv(reference_dir() / "inputs" / (stem + ".csv"));
    reference_ = load_reference(stem + ".talib.json");
  }
  const std::vector<double>& col(const char* name) { return input_.columns.at(name); }
  std::vector<double> blank() { return std::vector<double>(col("close").size(), nan); }
  const std::vector<double>& expected(const std::string& op) { return reference_.at(op).at("real").values; }

  testing::CsvColumns input_;
  testing::ReferenceFile reference_;
};

TEST_P(StatisticReference, Beta) {
  for (const auto& [op, period] : {std::pair{"beta", 5}, std::pair{"beta(timeperiod=20)", 20}}) {
    auto out = blank();
    auto r = beta(col("high"), col("low"), period, out);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->begin, static_cast<std::size_t>(beta_lookback(period)));
    EXPECT_EQ(compare_series(expected(op), out), "") << op;
  }
}

TEST_P(StatisticReference, Correl) {
  for (const auto& [op, period] : {std::pair{"correl", 30}, std::pair{"correl(timeperiod=20)", 20}}) {
    auto out = blank();
    ASSERT_TRUE(correl(col("high"), col("low"), period, out).ok());
    EXPECT_EQ(compare_series(expected(op), out), "") << op;
  }
}

TEST_P(StatisticReference, LinearRegressionFamily) {
  const std::pair<const char*, LinearRegOutput> cases[] = {
      {"linearreg", LinearRegOutput::value},           {"linearreg_slope", LinearRegOutput::slope},
      {"linearreg_intercept", LinearRegOutput::intercept}, {"linearreg_angle", LinearRegOutput::angle},
      {"tsf", LinearRegOutput::forecast}};
  for (const auto& [op, what] : cases) {
    auto out = blank();
    ASSERT_TRUE(linearreg(col("close"), 14, what, out).ok());
    EXPECT_EQ(compare_series(expected(op), out), "") << op;
  }
  auto out = blank();
  ASSERT_TRUE(linearreg(col("close"), 20, LinearRegOutput::value, out).ok());
  EXPECT_EQ(compare_series(expected("linearreg(timeperiod=20)"), out), "");
  out = blank();
  ASSERT_TRUE(linearreg(col("close"), 20, LinearRegOutput::forecast, out).ok());
  EXPECT_EQ(compare_series(expected("tsf(timeperiod=20)"), out), "");
}

TEST_P(StatisticReference, VarianceAndStandardDeviation) {
  auto out = blank();
  ASSERT_TRUE(var(col("close"), 5, out).ok());
  EXPECT_EQ(compare_series(expected("var"), out), "");
  out = blank();
  ASSERT_TRUE(var(col("close"), 20, out).ok());
  EXPECT_EQ(compare_series(expected("var(timeperiod=20,nbdev=1)"), out), "");
  out = blank();
  ASSERT_TRUE(stddev(col("close"), 5, 1.0, out).ok());
  EXPECT_EQ(compare_series(expected("stddev"), out), "");
  out = blank();
  ASSERT_TRUE(stddev(col("close"), 20, 1.0, out).ok());
  EXPECT_EQ(compare_series(expected("stddev(timeperiod=20,nbdev=1)"), out), "");
}

INSTANTIATE_TEST_SUITE_P(Reference, StatisticReference, ::testing::Values("MSFT", "XOM", "JPM"));

TEST(StatisticEdges, OutOfRangePeriodsAreBadParamsAndWriteNothing) {
  std::vector<double> in(50, 1.0);
  std::vector<double> out(in.size(), nan);
  EXPECT_FALSE(linearreg(in, 1, LinearRegOutput::value, out).ok());
  EXPECT_FALSE(stddev(in, 1, 1.0, out).ok());
  EXPECT_FALSE(var(in, 0, out).ok());
  EXPECT_FALSE(beta(in, in, 100001, out).ok());
  EXPECT_FALSE(correl(in, in, 0, out).ok());
  for (double v : out) EXPECT_TRUE(std::isnan(v));
}

TEST(StatisticEdges, ShortInputIsEmptySuccess) {
  std::vector<double> in(4, 1.0);
  std::vector<double> out(in.size(), nan);
  auto r = linearreg(in, 5, LinearRegOutput::value, out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->count, 0u);
  auto b = beta(in, in, 4, out);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->count, 0u);
}

TEST(StatisticEdges, ConstantSeries) {
  std::vector<double> in(30, 42.0);
  std::vector<double> out(in.size(), nan);
  ASSERT_TRUE(stddev(in, 5, 2.0, out).ok());
  EXPECT_EQ(out[10], 0.0);
  ASSERT_TRUE(correl(in, in, 10, out).ok());
  EXPECT_EQ(out[10], 0.0);  // zero variance → TA-Lib answers 0
  ASSERT_TRUE(linearreg(in, 10, LinearRegOutput::slope, out).ok());
  EXPECT_EQ(out[10], 0.0);
}

TEST(StatisticEdges, OutputMayAliasInput) {
  std::vector<double> in(100);
  for (std::size_t i = 0; i < in.size(); ++i) in[i] = 50 + std::sin(0.2 * static_cast<double>(i)) * 5 + 0.1 * static_cast<double>(i);
  for (const auto what : {LinearRegOutput::value, LinearRegOutput::slope}) {
    std::vector<double> separate(in.size(), nan);
    ASSERT_TRUE(linearreg(in, 14, what, separate).ok());
    std::vector<double> aliased = in;
    ASSERT_TRUE(linearreg(aliased, 14, what, aliased).ok());
    for (std::size_t i = 13; i < in.size(); ++i) EXPECT_EQ(aliased[i], separate[i]) << i;
  }
  std::vector<double> separate(in.size(), nan);
  ASSERT_TRUE(var(in, 10, separate).ok());
  std::vector<double> aliased = in;
  ASSERT_TRUE(var(aliased, 10, aliased).ok());
  for (std::size_t i = 9; i < in.size(); ++i) EXPECT_EQ(aliased[i], separate[i]) << i;
}

TEST(StatisticEdges, SubRangeEqualsSliceOfFullRun) {
  std::vector<double> in(120);
  for (std::size_t i = 0; i < in.size(); ++i) in[i] = 20 + std::cos(0.1 * static_cast<double>(i)) * 3;
  std::vector<double> full(in.size(), nan);
  ASSERT_TRUE(var(in, 7, full).ok());
  std::vector<double> tail(in.begin() + 40, in.end());
  std::vector<double> part(tail.size(), nan);
  ASSERT_TRUE(var(tail, 7, part).ok());
  for (std::size_t i = 6; i < tail.size(); ++i) EXPECT_NEAR(part[i], full[i + 40], 1e-9 * std::abs(full[i + 40]) + 1e-12);
}

}  // namespace
}  // namespace streams::analytics
