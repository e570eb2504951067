// Golden-value tests of the Hilbert-transform family against TA-Lib 0.6.4 (reference/README.md).
#include <gtest/gtest.h>

#include <vector>

#include "analytics/indicators/hilbert_cycle.h"
#include "analytics/tests/reference_data.h"

namespace streams::analytics {
namespace {

using testing::compare_series;
using testing::load_csv;
using testing::load_reference;
using testing::reference_dir;

class CycleReference : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    const std::string stem = GetParam();
    input_ = load_csv(reference_dir() / "inputs" / (stem + ".csv"));
    reference_ = load_reference(stem + ".talib.json");
    close_ = input_.columns.at("close");
  }
  std::vector<double> blank() const { return std::vector<double>(close_.size(), nan); }
  const std::vector<double>& expected(const std::string& op, const std::string& output) {
    return reference_.at(op).at(output).values;
  }

  testing::CsvColumns input_;
  testing::ReferenceFile reference_;
  std::vector<double> close_;
};

TEST_P(CycleReference, HtDcPeriod) {
  auto out = blank();
  auto range = ht_dcperiod(close_, out);
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->begin, 32u);
  EXPECT_EQ(compare_series(expected("ht_dcperiod", "real"), out), "");
}

TEST_P(CycleReference, HtDcPhase) {
  auto out = blank();
  ASSERT_TRUE(ht_dcphase(close_, out).ok());
  EXPECT_EQ(compare_series(expected("ht_dcphase", "real"), out), "");
}

TEST_P(CycleReference, HtPhasor) {
  auto inphase = blank();
  auto quadrature = blank();
  ASSERT_TRUE(ht_phasor(close_, inphase, quadrature).ok());
  EXPECT_EQ(compare_series(expected("ht_phasor", "inphase"), inphase), "");
  EXPECT_EQ(compare_series(expected("ht_phasor", "quadrature"), quadrature), "");
}

TEST_P(CycleReference, HtSine) {
  auto sine = blank();
  auto leadsine = blank();
  ASSERT_TRUE(ht_sine(close_, sine, leadsine).ok());
  EXPECT_EQ(compare_series(expected("ht_sine", "sine"), sine), "");
  EXPECT_EQ(compare_series(expected("ht_sine", "leadsine"), leadsine), "");
}

TEST_P(CycleReference, HtTrendMode) {
  auto out = blank();
  ASSERT_TRUE(ht_trendmode(close_, out).ok());
  EXPECT_EQ(compare_series(expected("ht_trendmode", "integer"), out, 0, 0), "");
}

TEST_P(CycleReference, HtTrendline) {
  auto out = blank();
  ASSERT_TRUE(ht_trendline(close_, out).ok());
  EXPECT_EQ(compare_series(expected("ht_trendline", "real"), out), "");
}

TEST_P(CycleReference, Mama) {
  for (const auto& [op, fast, slow] : {std::tuple{"mama", 0.5, 0.05}, std::tuple{"mama(fastlimit=0.5,slowlimit=0.05)", 0.5, 0.05}}) {
    auto m = blank();
    auto f = blank();
    ASSERT_TRUE(mama(close_, fast, slow, m, f).ok());
    EXPECT_EQ(compare_series(expected(op, "mama"), m), "") << op;
    EXPECT_EQ(compare_series(expected(op, "fama"), f), "") << op;
  }
}

INSTANTIATE_TEST_SUITE_P(Reference, CycleReference, ::testing::Values("MSFT", "XOM", "JPM"));

TEST(CycleEdges, ShortInputIsEmptySuccess) {
  std::vector<double> in(63, 10.0);
  std::vector<double> out(in.size(), nan);
  auto r = ht_dcphase(in, out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->count, 0u);
  for (double v : out) EXPECT_TRUE(std::isnan(v));
  auto e = ht_dcperiod(std::span<const double>{}, std::span<double>{});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->count, 0u);
}

TEST(CycleEdges, MamaRejectsOutOfRangeLimitsWithoutWriting) {
  std::vector<double> in(100, 10.0);
  std::vector<double> m(in.size(), nan);
  std::vector<double> f(in.size(), nan);
  EXPECT_FALSE(mama(in, 1.5, 0.05, m, f).ok());
  EXPECT_FALSE(mama(in, 0.5, 0.0, m, f).ok());
  for (double v : m) EXPECT_TRUE(std::isnan(v));
}

TEST(CycleEdges, FirstOutputAtLookback) {
  std::vector<double> in(200);
  for (std::size_t i = 0; i < in.size(); ++i) in[i] = 100 + 10 * std::sin(0.3 * static_cast<double>(i));
  std::vector<double> out(in.size(), nan);
  auto r = ht_trendline(in, out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->begin, static_cast<std::size_t>(ht_trendline_lookback()));
  EXPECT_TRUE(std::isnan(out[62]));
  EXPECT_FALSE(std::isnan(out[63]));
}

}  // namespace
}  // namespace streams::analytics

namespace streams::analytics {
namespace {

TEST(CycleEdges, OutputMayAliasInput) {
  std::vector<double> in(300);
  for (std::size_t i = 0; i < in.size(); ++i) in[i] = 100 + 10 * std::sin(0.21 * static_cast<double>(i)) + 0.05 * static_cast<double>(i);
  std::vector<double> separate(in.size(), nan);
  ASSERT_TRUE(ht_trendline(in, separate).ok());
  std::vector<double> aliased = in;
  ASSERT_TRUE(ht_trendline(aliased, aliased).ok());
  for (std::size_t i = 63; i < in.size(); ++i) EXPECT_EQ(aliased[i], separate[i]) << i;
  std::vector<double> m(in.size(), nan);
  std::vector<double> f(in.size(), nan);
  ASSERT_TRUE(mama(in, 0.5, 0.05, m, f).ok());
  aliased = in;
  std::vector<double> f2(in.size(), nan);
  ASSERT_TRUE(mama(aliased, 0.5, 0.05, aliased, f2).ok());
  for (std::size_t i = 32; i < in.size(); ++i) EXPECT_EQ(aliased[i], m[i]) << i;
}

}  // namespace
}  // namespace streams::analytics
