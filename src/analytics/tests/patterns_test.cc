// TA-Lib's 61 candlestick patterns against golden outputs of the TA-Lib C library (exact integers,
// identical null positions; sources and versions: data/patterns/README.md and
// data/reference/README.md), then the contract's edge cases.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <optional>
#include <string>
#include <vector>

#include "analytics/analyze.h"
#include "analytics/csv_input.h"
#include "analytics/errc.h"
#include "analytics/spec.h"
#include "analytics/indicators/candle_patterns.h"
#include "analytics/indicators/indicator_registry.h"
#include "analytics/tests/reference_data.h"

namespace streams::analytics {
namespace {

namespace fs = std::filesystem;
using testing::CsvColumns;
using testing::load_csv;
using testing::load_reference;
using testing::reference_dir;

struct Ohlc {
  std::vector<double> open, high, low, close;
  [[nodiscard]] std::size_t size() const { return close.size(); }
};

Ohlc read_ohlc(const fs::path& file) {
  CsvColumns csv = load_csv(file);
  return {csv.columns.at("open"), csv.columns.at("high"), csv.columns.at("low"), csv.columns.at("close")};
}

// An op key of the golden files: "cdlxxx" or "cdlxxx(penetration=P)".
struct OpKey {
  std::string name;
  std::optional<double> penetration;
};
OpKey parse_key(const std::string& key) {
  const auto paren = key.find('(');
  if (paren == std::string::npos) return {key, std::nullopt};
  const auto eq = key.find('=', paren);
  return {key.substr(0, paren), std::stod(key.substr(eq + 1, key.size() - eq - 2))};
}

struct PatternRun {
  Result<OutRange> range;
  std::vector<double> values;
};

// Runs a pattern through the registry, as `streams analyze` does: outputs pre-filled with NaN.
PatternRun run_registry(const IndicatorSpec& spec, const Ohlc& in, std::optional<double> penetration) {
  std::vector<double> params;
  for (const auto& p : spec.params) params.push_back(p.default_value);
  if (penetration) params.at(0) = *penetration;
  const std::vector<std::span<const double>> inputs{in.open, in.high, in.low, in.close};
  std::vector<double> values(in.size(), nan);
  const std::vector<std::span<double>> outputs{values};
  auto range = spec.compute(inputs, params, outputs);
  return {std::move(range), std::move(values)};
}

// Exact comparison: same null positions, same integers.
std::string compare_exact(const std::vector<double>& expected, const std::vector<double>& actual) {
  if (expected.size() != actual.size()) {
    return "length " + std::to_string(actual.size()) + " != " + std::to_string(expected.size());
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const bool en = std::isnan(expected[i]);
    const bool an = std::isnan(actual[i]);
    if (en != an || (!en && expected[i] != actual[i])) {
      return "row " + std::to_string(i) + ": expected " + (en ? "null" : std::to_string(expected[i])) + ", got " +
             (an ? "null" : std::to_string(actual[i]));
    }
  }
  return "";
}

fs::path patterns_dir() { return reference_dir().parent_path() / "patterns"; }

// Every golden op of one input: returns the number of ops checked.
int check_golden(const std::string& stem, const std::string& json_name, const fs::path& csv) {
  const Ohlc in = read_ohlc(csv);
  const auto golden = load_reference(json_name);
  int checked = 0;
  for (const auto& [key, outputs] : golden) {
    if (key.rfind("cdl", 0) != 0) continue;
    const OpKey op = parse_key(key);
    const IndicatorSpec* spec = find_indicator(op.name);
    EXPECT_NE(spec, nullptr) << op.name;
    if (spec == nullptr) continue;
    PatternRun run = run_registry(*spec, in, op.penetration);
    EXPECT_TRUE(run.range.ok()) << stem << " " << key;
    if (!run.range.ok()) continue;
    const auto& expected = outputs.at("integer").values;
    EXPECT_EQ(compare_exact(expected, run.values), "") << stem << " " << key;
    // Computed from bar 0, the first written index is the lookback (when anything is written).
    const auto lookback = static_cast<std::size_t>(spec->lookback(std::vector<double>(spec->params.size(), 0.3)));
    if (in.size() > lookback) {
      EXPECT_EQ(run.range->begin, lookback) << stem << " " << key;
      EXPECT_EQ(run.range->count, in.size() - lookback) << stem << " " << key;
    }
    ++checked;
  }
  return checked;
}

TEST(PatternsRegistry, DeclaresAllSixtyOnePatterns) {
  int count = 0;
  for (const auto& spec : indicator_registry()) {
    if (spec.group != "Pattern Recognition") continue;
    ++count;
    EXPECT_EQ(spec.name.substr(0, 3), "cdl");
    ASSERT_EQ(spec.inputs.size(), 4U) << spec.name;
    EXPECT_EQ(spec.inputs[0], "open");
    EXPECT_EQ(spec.inputs[3], "close");
    ASSERT_EQ(spec.outputs.size(), 1U);
    EXPECT_EQ(spec.outputs[0].name, "integer");
    EXPECT_EQ(spec.outputs[0].kind, OutputKind::integer);
    EXPECT_LE(spec.params.size(), 1U);
  }
  EXPECT_EQ(count, 61);
  const IndicatorSpec* mathold = find_indicator("cdlmathold");
  ASSERT_NE(mathold, nullptr);
  ASSERT_EQ(mathold->params.size(), 1U);
  EXPECT_EQ(mathold->params[0].name, "penetration");
  EXPECT_EQ(mathold->params[0].default_value, 0.5);
  EXPECT_EQ(mathold->params[0].max, 3e37);
  EXPECT_EQ(find_indicator("cdlmorningstar")->params[0].default_value, 0.3);
  EXPECT_TRUE(find_indicator("cdldoji")->params.empty());
}

// The six patterns of the shared TA-Lib 0.6.4 references.
TEST(PatternsGolden, SharedTaLibReferences) {
  for (const std::string stem : {"MSFT", "XOM", "JPM"}) {
    EXPECT_EQ(check_golden(stem, stem + ".talib.json", reference_dir() / "inputs" / (stem + ".csv")), 6) << stem;
  }
}

// All 61 patterns (and non-default penetrations) on real and synthetic series.
class PatternsGoldenFile : public ::testing::TestWithParam<std::string> {};

TEST_P(PatternsGoldenFile, EqualsTaLib) {
  const std::string stem = GetParam();
  const int checked =
      check_golden(stem, "../patterns/" + stem + ".patterns.json", patterns_dir() / (stem + ".csv"));
  EXPECT_EQ(checked, 61 + 7 * 3);
}

INSTANTIATE_TEST_SUITE_P(Inputs, PatternsGoldenFile,
                         ::testing::Values("MSFT", "XOM", "JPM", "AAPL.full", "AMD.full", "C.full", "T.full",
                                           "KO.full", "synthetic", "ties", "planted", "MSFT.nan", "constant"),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           for (char& ch : name) {
                             if (ch == '.') ch = '_';
                           }
                           return name;
                         });

// Through the engine of `streams analyze`: the golden keys are SPEC strings (defaults and
// `penetration=` values), parsed, validated and run as the CLI runs them.
TEST(PatternsEngine, SpecStringsGiveTheGoldens) {
  for (const std::string stem : {"MSFT", "planted", "ties"}) {
    std::ifstream file(patterns_dir() / (stem + ".csv"), std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    auto input = parse_csv_input(text.str(), stem, stem + ".csv");
    ASSERT_TRUE(input.ok()) << input.error().message;
    const std::vector<OpInput> inputs{*input};
    for (const auto& [key, outputs] : load_reference("../patterns/" + stem + ".patterns.json")) {
      auto spec = parse_spec(key);
      ASSERT_TRUE(spec.ok()) << key;
      auto result = run_op(*spec, inputs);
      ASSERT_TRUE(result.ok()) << key << ": " << result.error().message;
      ASSERT_EQ(result->outputs.size(), 1U) << key;
      EXPECT_EQ(result->outputs[0].name, "integer");
      const auto* values = std::get_if<std::vector<double>>(&result->outputs[0].data);
      ASSERT_NE(values, nullptr) << key;
      EXPECT_EQ(compare_exact(outputs.at("integer").values, *values), "") << stem << " " << key;
    }
  }
  // Out-of-range penetration is rejected by name.
  auto spec = parse_spec("cdlmorningstar(penetration=-1)");
  ASSERT_TRUE(spec.ok());
  std::ifstream file(reference_dir() / "inputs/MSFT.csv", std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  auto input = parse_csv_input(text.str(), "MSFT", "MSFT.csv");
  ASSERT_TRUE(input.ok());
  auto result = run_op(*spec, std::vector<OpInput>{*input});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, make_error_code(errc::bad_param));
  EXPECT_NE(result.error().message.find("penetration"), std::string::npos) << result.error().message;
}

// ---- Edge cases ----------------------------------------------------------------------------------

TEST(PatternsEdge, EmptyAndShortInputAreEmptySuccess) {
  for (const auto& spec : indicator_registry()) {
    if (spec.group != "Pattern Recognition") continue;
    const std::vector<double> params(spec.params.size(), 0.3);
    const auto lookback = static_cast<std::size_t>(spec.lookback(params));
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, lookback}) {
      Ohlc in{std::vector<double>(n, 10.0), std::vector<double>(n, 11.0), std::vector<double>(n, 9.0),
              std::vector<double>(n, 10.5)};
      PatternRun run = run_registry(spec, in, std::nullopt);
      ASSERT_TRUE(run.range.ok()) << spec.name << " n=" << n;
      EXPECT_EQ(run.range->count, 0U) << spec.name << " n=" << n;
      for (double v : run.values) EXPECT_TRUE(std::isnan(v)) << spec.name << ": nothing may be written";
    }
    // One bar more than the lookback: exactly one output, at index lookback.
    const std::size_t n = lookback + 1;
    Ohlc in{std::vector<double>(n, 10.0), std::vector<double>(n, 11.0), std::vector<double>(n, 9.0),
            std::vector<double>(n, 10.5)};
    PatternRun run = run_registry(spec, in, std::nullopt);
    ASSERT_TRUE(run.range.ok()) << spec.name;
    EXPECT_EQ(run.range->begin, lookback) << spec.name;
    EXPECT_EQ(run.range->count, 1U) << spec.name;
    EXPECT_FALSE(std::isnan(run.values[lookback])) << spec.name;
  }
}

TEST(PatternsEdge, LookbacksMatchTaLib) {
  // TA-Lib 0.6 lookbacks with the default candle settings (TA_CDL*_Lookback).
  EXPECT_EQ(cdldoji_lookback(), 10);
  EXPECT_EQ(cdlengulfing_lookback(), 2);
  EXPECT_EQ(cdl3outside_lookback(), 3);
  EXPECT_EQ(cdlxsidegap3methods_lookback(), 2);
  EXPECT_EQ(cdlhammer_lookback(), 11);
  EXPECT_EQ(cdlmorningstar_lookback(), 12);
  EXPECT_EQ(cdl3blackcrows_lookback(), 13);
  EXPECT_EQ(cdlmathold_lookback(), 14);
  EXPECT_EQ(cdlbreakaway_lookback(), 14);
  EXPECT_EQ(cdlhikkake_lookback(), 5);
  EXPECT_EQ(cdlhikkakemod_lookback(), 10);
  EXPECT_EQ(cdl3linestrike_lookback(), 8);
  EXPECT_EQ(cdlsticksandwich_lookback(), 7);
  EXPECT_EQ(cdlhighwave_lookback(), 10);
}

TEST(PatternsEdge, BadPenetrationIsBadParam) {
  const std::vector<double> v(30, 10.0);
  using Fn = Result<OutRange> (*)(std::span<const double>, std::span<const double>, std::span<const double>,
                                  std::span<const double>, double, std::span<double>);
  for (Fn fn : {Fn{cdlabandonedbaby}, Fn{cdldarkcloudcover}, Fn{cdleveningdojistar}, Fn{cdleveningstar},
                Fn{cdlmathold}, Fn{cdlmorningdojistar}, Fn{cdlmorningstar}}) {
    std::vector<double> out(30, nan);
    for (double bad : {-0.1, 4e37, nan, std::numeric_limits<double>::infinity()}) {
      auto r = fn(v, v, v, v, bad, out);
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, make_error_code(errc::bad_param));
      EXPECT_NE(r.error().message.find("penetration"), std::string::npos);
    }
    for (double x : out) EXPECT_TRUE(std::isnan(x)) << "validated before writing";
    EXPECT_TRUE(fn(v, v, v, v, 0.0, out).ok());
    EXPECT_TRUE(fn(v, v, v, v, 3e37, out).ok());
  }
}

TEST(PatternsEdge, MismatchedLengthsAreRejected) {
  const std::vector<double> a(30, 10.0);
  const std::vector<double> b(29, 10.0);
  std::vector<double> out(30, nan);
  auto r = cdldoji(a, a, b, a, out);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, make_error_code(errc::input_mismatch));
  std::vector<double> short_out(29, nan);
  EXPECT_FALSE(cdlengulfing(a, a, a, a, short_out).ok());
}

TEST(PatternsEdge, ConstantSeriesIsADojiAndNothingElse) {
  // Every range is 0, so every average is 0: body 0 <= 0 makes a doji; strict comparisons fail.
  const std::size_t n = 40;
  const Ohlc in{std::vector<double>(n, 10.0), std::vector<double>(n, 10.0), std::vector<double>(n, 10.0),
                std::vector<double>(n, 10.0)};
  for (const auto& spec : indicator_registry()) {
    if (spec.group != "Pattern Recognition") continue;
    PatternRun run = run_registry(spec, in, std::nullopt);
    ASSERT_TRUE(run.range.ok());
    for (std::size_t i = run.range->begin; i < n; ++i) {
      EXPECT_EQ(run.values[i], spec.name == "cdldoji" ? 100.0 : 0.0) << spec.name << " row " << i;
    }
  }
}

TEST(PatternsEdge, OutputMayAliasAnInput) {
  const Ohlc in = read_ohlc(reference_dir() / "inputs/MSFT.csv");
  for (const auto& spec : indicator_registry()) {
    if (spec.group != "Pattern Recognition") continue;
    PatternRun separate = run_registry(spec, in, std::nullopt);
    ASSERT_TRUE(separate.range.ok());
    Ohlc aliased = in;
    std::vector<double> params;
    for (const auto& p : spec.params) params.push_back(p.default_value);
    const std::vector<std::span<const double>> inputs{aliased.open, aliased.high, aliased.low, aliased.close};
    const std::vector<std::span<double>> outputs{aliased.close};  // written over close
    auto range = spec.compute(inputs, params, outputs);
    ASSERT_TRUE(range.ok());
    for (std::size_t i = range->begin; i < in.size(); ++i) {
      EXPECT_EQ(aliased.close[i], separate.values[i]) << spec.name << " row " << i;
    }
  }
}

TEST(PatternsEdge, SuccessNeverWritesNaNFromCleanInput) {
  const Ohlc in = read_ohlc(reference_dir() / "inputs/XOM.csv");
  for (const auto& spec : indicator_registry()) {
    if (spec.group != "Pattern Recognition") continue;
    PatternRun run = run_registry(spec, in, std::nullopt);
    ASSERT_TRUE(run.range.ok());
    for (std::size_t i = run.range->begin; i < run.range->begin + run.range->count; ++i) {
      const double v = run.values[i];
      EXPECT_TRUE(v == 0 || v == 100 || v == -100 || v == 80 || v == -80 || v == 200 || v == -200)
          << spec.name << " row " << i << " = " << v;
    }
  }
}

}  // namespace
}  // namespace streams::analytics
