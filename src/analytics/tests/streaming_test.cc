// Streaming equals batch: every streaming indicator, fed the whole real reference series bar by
// bar, reproduces the batch function's outputs (registry compute) at every index — same nulls,
// values within 1e-12 relative (in practice bit-identical: the states repeat the batch arithmetic).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "analytics/indicators/indicator_registry.h"
#include "analytics/indicators/streaming.h"
#include "analytics/tests/reference_data.h"

namespace streams::analytics {
namespace {

using testing::CsvColumns;
using testing::load_csv;
using testing::reference_dir;

struct Case {
  std::string name;
  std::vector<double> params;  // empty: the registry's defaults
};

std::vector<double> defaults(const IndicatorSpec& spec) {
  std::vector<double> out;
  for (const auto& p : spec.params) out.push_back(p.default_value);
  return out;
}

const std::vector<double>& column_for(const CsvColumns& csv, std::string_view input) {
  if (input == "real") return csv.columns.at("close");
  if (input == "real0") return csv.columns.at("high");
  if (input == "real1") return csv.columns.at("low");
  return csv.columns.at(std::string(input));
}

std::string check(const CsvColumns& csv, const Case& c) {
  const IndicatorSpec* spec = find_indicator(c.name);
  const std::vector<double> params = c.params.empty() ? defaults(*spec) : c.params;
  const std::size_t n = csv.columns.at("close").size();

  std::vector<std::span<const double>> inputs;
  for (const auto input : spec->inputs) inputs.emplace_back(column_for(csv, input));
  std::vector<std::vector<double>> batch(spec->outputs.size(), std::vector<double>(n, nan));
  std::vector<std::span<double>> outputs(batch.begin(), batch.end());
  if (auto r = spec->compute(inputs, params, outputs); !r) return "batch failed: " + r.error().message;

  auto stream = make_streaming(c.name, params);
  if (!stream) return "no streaming form: " + stream.error().message;
  for (std::size_t i = 0; i < n; ++i) {
    StreamBar bar{static_cast<std::int32_t>(i), csv.columns.at("open")[i], csv.columns.at("high")[i],
                  csv.columns.at("low")[i], csv.columns.at("close")[i], csv.columns.at("volume")[i]};
    const auto values = (*stream)->update(bar);
    if (values.size() != batch.size()) return "output count differs";
    for (std::size_t k = 0; k < values.size(); ++k) {
      const double want = batch[k][i];
      const double got = values[k];
      if (std::isnan(want) != std::isnan(got)) return fmt::format("{}[{}]: null pattern differs ({} vs {})", spec->outputs[k].name, i, want, got);
      if (!std::isnan(want) && std::abs(want - got) > 1e-12 * std::abs(want)) {
        return fmt::format("{}[{}]: batch {:.17g}, streaming {:.17g}", spec->outputs[k].name, i, want, got);
      }
    }
  }
  return "";
}

class StreamingEqualsBatch : public ::testing::TestWithParam<const char*> {};

TEST_P(StreamingEqualsBatch, OnTheWholeReferenceSeries) {
  const CsvColumns csv = load_csv(reference_dir() / "inputs" / (std::string(GetParam()) + ".csv"));
  const std::vector<Case> cases = {
      {"sma", {}},    {"sma", {200}},  {"ema", {}},     {"ema", {12}},   {"wma", {}},     {"wma", {10}},
      {"dema", {}},   {"tema", {}},    {"trima", {}},   {"trima", {20}}, {"trima", {21}}, {"kama", {}},
      {"kama", {10}}, {"stddev", {}},  {"stddev", {20, 2}}, {"min", {}}, {"max", {}},     {"min", {20}},
      {"max", {20}},  {"sar", {}},     {"sar", {0.01, 0.1}}, {"bbands", {}}, {"bbands", {20, 2, 2, 0}},
      {"bbands", {20, 2.5, 1.5, 1}},  {"bbands", {20, 2, 2, 2}}, {"bbands", {20, 2, 2, 3}}, {"bbands", {20, 2, 2, 4}},
      {"bbands", {20, 2, 2, 5}},      {"bbands", {20, 2, 2, 6}},
  };
  for (const auto& c : cases) {
    if (find_indicator(c.name) == nullptr) {
      ADD_FAILURE() << c.name << " is not in the registry of this build";
      continue;
    }
    EXPECT_EQ(check(csv, c), "") << c.name << " " << fmt::format("{}", fmt::join(c.params, ","));
  }
}

INSTANTIATE_TEST_SUITE_P(Reference, StreamingEqualsBatch, ::testing::Values("MSFT", "XOM", "JPM"));

TEST(StreamingTest, EveryNameBuildsWithItsDefaults) {
  for (const auto name : streaming_indicator_names()) {
    const IndicatorSpec* spec = find_indicator(name);
    const std::vector<double> params = spec != nullptr ? defaults(*spec) : std::vector<double>{};
    EXPECT_TRUE(make_streaming(name, params).ok()) << name;
  }
}

TEST(StreamingTest, BadParametersAndUnknownNamesAreErrors) {
  EXPECT_FALSE(make_streaming("sma", std::vector<double>{1}).ok());
  EXPECT_FALSE(make_streaming("sma", std::vector<double>{}).ok());
  EXPECT_FALSE(make_streaming("bbands", std::vector<double>{20, 2, 2, 9}).ok());
  EXPECT_FALSE(make_streaming("bbands", std::vector<double>{20, 2, 2, 8}).ok());  // T3 middle band
  auto unknown = make_streaming("cdldoji", std::vector<double>{});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("no streaming form"), std::string::npos);
}

TEST(StreamingTest, SessionVwapResetsEachSession) {
  // Two sessions of two bars: VWAP = Σ typical·volume / Σ volume within each.
  const std::vector<std::int32_t> sessions{1, 1, 2, 2};
  const std::vector<double> high{11, 13, 21, 23};
  const std::vector<double> low{9, 11, 19, 21};
  const std::vector<double> close{10, 12, 20, 22};
  const std::vector<double> volume{100, 300, 0, 50};
  std::vector<double> out(4, nan);
  ASSERT_TRUE(session_vwap(sessions, high, low, close, volume, out).ok());
  EXPECT_DOUBLE_EQ(out[0], 10.0);
  EXPECT_DOUBLE_EQ(out[1], (10.0 * 100 + 12.0 * 300) / 400);
  EXPECT_DOUBLE_EQ(out[2], 20.0);  // no volume yet: the typical price
  EXPECT_DOUBLE_EQ(out[3], 22.0);
  auto stream = make_streaming("vwap", std::vector<double>{});
  ASSERT_TRUE(stream.ok());
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ((*stream)->update({sessions[i], 0, high[i], low[i], close[i], volume[i]})[0], out[i]) << i;
  }
}

}  // namespace
}  // namespace streams::analytics
