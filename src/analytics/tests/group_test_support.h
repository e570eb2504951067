#pragma once
// Generic tests for TA-Lib groups, run over their registry entries (included by momentum_test.cc,
// volume_test.cc, volatility_test.cc and indicator_edge_test.cc, each instantiating GroupTest for
// its groups, and GroupReferenceTest where the golden files cover every function of the group).
// What each check catches:
//  - Reference: any difference from TA-Lib 0.6.4 on the golden files (every key of the group, all
//    outputs, 1e-9 relative, identical null pattern);
//  - Constant: an average of a constant that is not the constant (wrong weights), a negative
//    variance from cancellation not clamped, divisions by a zero range not handled as TA-Lib;
//  - EmptyInput / OneValue / PeriodLongerThanInput: off-by-one lookbacks, reads past the end;
//  - NaNInside: a NaN leaking backwards (rows before it must not change);
//  - OutOfRange: parameters not validated (TA_BAD_PARAM), outputs written before validation;
//  - Aliasing: inputs re-read after an output overwrote them;
//  - SubRange: state carried from outside the window in finite-window indicators;
//  - FirstIndexIsLookback: a lookback function disagreeing with the computation.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/errc.h"
#include "analytics/indicators/indicator_registry.h"
#include "analytics/tests/reference_data.h"

namespace streams::analytics::group_test {

struct Bars {
  std::vector<double> open, high, low, close, volume;
  std::vector<double> bounded;  // inside every Math Transform domain (acos, asin, ln, ...)
  std::vector<double> periods;  // mavp's per-row periods
};

inline Bars make_bars(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> step(0.0, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Bars b;
  double price = 100.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double open = price;
    price = std::max(1.0, price + step(rng));
    b.open.push_back(open);
    b.close.push_back(price);
    b.high.push_back(std::max(open, price) + unit(rng));
    b.low.push_back(std::min(open, price) - unit(rng));
    b.volume.push_back(1e6 * (1.0 + unit(rng)));
    b.bounded.push_back(0.5 + 0.45 * std::sin(0.1 * static_cast<double>(i)));
    b.periods.push_back(2.0 + static_cast<double>(i % 29));
  }
  return b;
}

inline Bars constant_bars(std::size_t n, double c) {
  Bars b;
  b.open = b.high = b.low = b.close = std::vector<double>(n, c);
  b.volume = std::vector<double>(n, 1000.0);
  b.bounded = std::vector<double>(n, 0.5);
  b.periods = std::vector<double>(n, 5.0);
  return b;
}

inline Bars reference_bars(const std::string& stem) {
  const auto csv = testing::load_csv(testing::reference_dir() / "inputs" / (stem + ".csv"));
  const auto& close = csv.columns.at("close");
  return {csv.columns.at("open"), csv.columns.at("high"), csv.columns.at("low"), close,
          csv.columns.at("volume"), close, std::vector<double>(close.size(), 5.0)};
}

inline std::vector<std::vector<double>> inputs_for(const IndicatorSpec& spec, const Bars& b) {
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

inline std::vector<double> defaults(const IndicatorSpec& spec) {
  std::vector<double> params;
  for (const auto& p : spec.params) params.push_back(p.default_value);
  return params;
}

struct Computed {
  Result<OutRange> range = OutRange{};
  std::vector<std::vector<double>> outputs;
};

inline Computed run(const IndicatorSpec& spec, const std::vector<std::vector<double>>& inputs,
                    const std::vector<double>& params) {
  const std::size_t n = inputs.empty() ? 0 : inputs[0].size();
  Computed r;
  r.outputs.assign(spec.outputs.size(), std::vector<double>(n, nan));
  std::vector<std::span<const double>> in(inputs.begin(), inputs.end());
  std::vector<std::span<double>> out;
  for (auto& o : r.outputs) out.emplace_back(o);
  r.range = spec.compute(in, params, out);
  return r;
}

// Outputs depend on every earlier row (recursive averages, SAR's state, index outputs counting from
// the first row): the sub-range invariant does not hold.
inline const std::set<std::string_view> infinite_memory = {
    "rsi",  "cmo",      "adx",  "adxr", "dx",   "plus_di", "minus_di", "plus_dm", "minus_dm", "macdfix",
    "macd", "stochrsi", "trix", "atr",  "natr", "ad",      "adosc",    "obv",     "dema",     "ema",
    "kama", "mavp",     "sar",  "sarext", "t3", "tema",    "maxindex", "minindex", "minmaxindex"};

// Parameter values of a reference key "name(k=v,...)" over the spec's defaults.
inline std::vector<double> params_of_key(const IndicatorSpec& spec, const std::string& key) {
  auto params = defaults(spec);
  const auto open = key.find('(');
  if (open == std::string::npos) return params;
  std::stringstream args(key.substr(open + 1, key.size() - open - 2));
  std::string item;
  while (std::getline(args, item, ',')) {
    const auto eq = item.find('=');
    const std::string name = item.substr(0, eq);
    const double value = std::stod(item.substr(eq + 1));
    bool found = false;
    for (std::size_t i = 0; i < spec.params.size(); ++i) {
      if (spec.params[i].name == name) {
        params[i] = value;
        found = true;
      }
    }
    EXPECT_TRUE(found) << key << ": unknown parameter " << name;
  }
  return params;
}

class GroupTest : public ::testing::TestWithParam<const IndicatorSpec*> {};
class GroupReferenceTest : public ::testing::TestWithParam<const IndicatorSpec*> {};

inline std::vector<const IndicatorSpec*> specs_of(std::set<std::string_view> groups) {
  std::vector<const IndicatorSpec*> specs;
  for (const IndicatorSpec& spec : indicator_registry()) {
    if (groups.count(spec.group) != 0) specs.push_back(&spec);
  }
  return specs;
}

inline std::string spec_name(const ::testing::TestParamInfo<const IndicatorSpec*>& info) {
  return std::string(info.param->name);
}

TEST_P(GroupReferenceTest, MatchesTaLibReferences) {
  const IndicatorSpec& spec = *GetParam();
  int keys = 0;
  for (const std::string stem : {"MSFT", "XOM", "JPM"}) {
    static std::map<std::string, testing::ReferenceFile> cache;
    if (cache.count(stem) == 0) cache.emplace(stem, testing::load_reference(stem + ".talib.json"));
    const auto& golden = cache.at(stem);
    const Bars bars = reference_bars(stem);
    for (const auto& [key, outputs] : golden) {
      if (key.substr(0, key.find('(')) != spec.name) continue;
      ++keys;
      const Computed r = run(spec, inputs_for(spec, bars), params_of_key(spec, key));
      ASSERT_TRUE(r.range) << key << ": " << r.range.error().message;
      ASSERT_EQ(outputs.size(), spec.outputs.size()) << key;
      for (std::size_t k = 0; k < spec.outputs.size(); ++k) {
        const auto it = outputs.find(std::string(spec.outputs[k].name));
        ASSERT_NE(it, outputs.end()) << key << " has no output " << spec.outputs[k].name;
        EXPECT_EQ(testing::compare_series(it->second.values, r.outputs[k]), "")
            << stem << " " << key << "." << spec.outputs[k].name;
      }
    }
  }
  EXPECT_GT(keys, 0) << spec.name << " is in no reference file";
}

TEST_P(GroupTest, EmptyInput) {
  const IndicatorSpec& spec = *GetParam();
  const Computed r = run(spec, inputs_for(spec, make_bars(0, 1)), defaults(spec));
  ASSERT_TRUE(r.range) << r.range.error().message;
  EXPECT_EQ(*r.range, OutRange{});
  for (const auto& o : r.outputs) EXPECT_TRUE(o.empty());
}

TEST_P(GroupTest, OneValue) {
  const IndicatorSpec& spec = *GetParam();
  const auto params = defaults(spec);
  const Computed r = run(spec, inputs_for(spec, make_bars(1, 2)), params);
  ASSERT_TRUE(r.range) << r.range.error().message;
  EXPECT_EQ(r.range->count, spec.lookback(params) == 0 ? 1U : 0U);
}

TEST_P(GroupTest, PeriodLongerThanInput) {
  const IndicatorSpec& spec = *GetParam();
  auto params = defaults(spec);
  bool has_period = false;
  for (std::size_t i = 0; i < spec.params.size(); ++i) {
    if (spec.params[i].type == analytics::ParamType::integer) {
      params[i] = 60;
      has_period = true;
    }
  }
  if (!has_period) GTEST_SKIP() << "no period";
  const Computed r = run(spec, inputs_for(spec, make_bars(40, 3)), params);
  ASSERT_TRUE(r.range) << r.range.error().message;
  EXPECT_EQ(r.range->count, 0U);
  for (const auto& o : r.outputs) {
    for (const double v : o) EXPECT_TRUE(std::isnan(v));
  }
}

// Expected value on a constant series of value c (high == low == close, constant volume), TA-Lib's
// handling of zero ranges: a number, NaN where TA-Lib does not guard 0/0, or nullopt where only
// finiteness is checked (Math Transform and index outputs).
inline std::optional<double> constant_expectation(const IndicatorSpec& spec, std::string_view output, double c,
                                                  const std::vector<double>& params) {
  const std::string_view name = spec.name;
  if (spec.group == "Overlap Studies" || spec.group == "Price Transform") {
    if (name == "sar" || name == "sarext") return std::nullopt;
    return name == "avgdev" ? 0.0 : c;
  }
  if (spec.group == "Math Operators") {
    if (name == "sum") return c * params.at(0);
    if (name == "max" || name == "min" || name == "minmax") return c;
    if (name == "add") return 2 * c;
    if (name == "sub") return 0.0;
    if (name == "mult") return c * c;
    if (name == "div") return 1.0;
    return std::nullopt;
  }
  if (spec.group == "Math Transform") return std::nullopt;
  if (name == "rocr") return 1.0;
  if (name == "rocr100") return 100.0;
  if (name == "obv") return 1000.0;
  if (name == "aroon") return output == "aroonup" || output == "aroondown" ? 100.0 : nan;  // ties: newest row
  if (name == "imi") return nan;  // 0/0: TA-Lib does not guard it
  return 0.0;
}

TEST_P(GroupTest, Constant) {
  const IndicatorSpec& spec = *GetParam();
  const double c = 10.0;
  const auto params = defaults(spec);
  const Computed r = run(spec, inputs_for(spec, constant_bars(300, c)), params);
  ASSERT_TRUE(r.range) << r.range.error().message;
  ASSERT_GT(r.range->count, 0U);
  for (std::size_t k = 0; k < r.outputs.size(); ++k) {
    const auto expected = constant_expectation(spec, spec.outputs[k].name, c, params);
    for (std::size_t i = r.range->begin; i < r.range->begin + r.range->count; ++i) {
      const double v = r.outputs[k][i];
      if (!expected) {
        EXPECT_TRUE(std::isfinite(v)) << spec.name << "." << spec.outputs[k].name << " row " << i;
      } else if (std::isnan(*expected)) {
        EXPECT_TRUE(std::isnan(v)) << spec.name << "." << spec.outputs[k].name << " row " << i;
      } else {
        EXPECT_NEAR(v, *expected, 1e-9 * std::max(1.0, std::fabs(*expected)))
            << spec.name << "." << spec.outputs[k].name << " row " << i;
      }
    }
  }
}

TEST_P(GroupTest, NaNInside) {
  const IndicatorSpec& spec = *GetParam();
  const auto params = defaults(spec);
  auto inputs = inputs_for(spec, make_bars(200, 4));
  const Computed clean = run(spec, inputs, params);
  for (auto& in : inputs) in[100] = nan;
  const Computed dirty = run(spec, inputs, params);
  ASSERT_TRUE(dirty.range) << dirty.range.error().message;
  EXPECT_EQ(*dirty.range, *clean.range);
  for (std::size_t k = 0; k < clean.outputs.size(); ++k) {
    for (std::size_t i = 0; i < 100; ++i) {
      const double a = clean.outputs[k][i];
      const double b = dirty.outputs[k][i];
      EXPECT_TRUE((std::isnan(a) && std::isnan(b)) || a == b) << spec.name << " row " << i;
    }
  }
}

TEST_P(GroupTest, OutOfRangeParametersLeaveOutputsUntouched) {
  const IndicatorSpec& spec = *GetParam();
  if (spec.params.empty()) GTEST_SKIP() << "no parameters";
  const auto inputs = inputs_for(spec, make_bars(50, 5));
  for (std::size_t i = 0; i < spec.params.size(); ++i) {
    const IndicatorParam& p = spec.params[i];
    for (const double bad : {p.min - 1, p.max + 1}) {
      if (std::fabs(bad) > 1e30) continue;  // TA_REAL_MIN/MAX bounds: nothing representable beyond
      auto params = defaults(spec);
      params[i] = bad;
      std::vector<std::vector<double>> outputs(spec.outputs.size(), std::vector<double>(50, 7.0));
      std::vector<std::span<const double>> in(inputs.begin(), inputs.end());
      std::vector<std::span<double>> out(outputs.begin(), outputs.end());
      const auto r = spec.compute(in, params, out);
      ASSERT_FALSE(r) << spec.name << " accepted " << p.name << "=" << bad;
      EXPECT_EQ(r.error().code, make_error_code(errc::bad_param));
      EXPECT_NE(r.error().message.find(std::string(p.name)), std::string::npos) << r.error().message;
      for (const auto& o : outputs) EXPECT_EQ(o, std::vector<double>(50, 7.0)) << spec.name;
    }
  }
}

TEST_P(GroupTest, OutputAliasingInput) {
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
      const auto range = spec.compute(in, params, out);
      ASSERT_TRUE(range);
      EXPECT_EQ(*range, *expected.range);
      for (std::size_t i = range->begin; i < range->begin + range->count; ++i) {
        for (std::size_t m = 0; m < outputs.size(); ++m) {
          ASSERT_EQ(outputs[m][i], expected.outputs[m][i])
              << spec.name << " input " << j << " output " << k << " row " << i;
        }
      }
    }
  }
}

TEST_P(GroupTest, SubRangeEqualsSlice) {
  const IndicatorSpec& spec = *GetParam();
  if (infinite_memory.count(spec.name) != 0) GTEST_SKIP() << "depends on every earlier row";
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
      // Running sums (ultosc, mfi) restart: equal up to rounding.
      EXPECT_NEAR(a, b, 1e-10 * std::max(1.0, std::fabs(a))) << spec.name << " row " << i;
    }
  }
}

TEST_P(GroupTest, PrefixIsCausal) {
  // The first m rows of a computation on n rows equal the computation on those m rows alone.
  const IndicatorSpec& spec = *GetParam();
  const auto params = defaults(spec);
  const auto inputs = inputs_for(spec, make_bars(300, 9));
  const Computed full = run(spec, inputs, params);
  std::vector<std::vector<double>> head;
  for (const auto& in : inputs) head.emplace_back(in.begin(), in.begin() + 150);
  const Computed part = run(spec, head, params);
  ASSERT_TRUE(part.range);
  for (std::size_t k = 0; k < full.outputs.size(); ++k) {
    for (std::size_t i = 0; i < 150; ++i) {
      const double a = full.outputs[k][i];
      const double b = part.outputs[k][i];
      EXPECT_TRUE((std::isnan(a) && std::isnan(b)) || a == b) << spec.name << " row " << i;
    }
  }
}

TEST_P(GroupTest, FirstIndexIsLookback) {
  const IndicatorSpec& spec = *GetParam();
  const auto params = defaults(spec);
  const Computed r = run(spec, inputs_for(spec, make_bars(300, 8)), params);
  ASSERT_TRUE(r.range) << r.range.error().message;
  const auto lb = static_cast<std::size_t>(spec.lookback(params));
  EXPECT_EQ(r.range->begin, lb);
  EXPECT_EQ(r.range->count, 300 - lb);
  for (const auto& o : r.outputs) {
    for (std::size_t i = 0; i < 300; ++i) {
      if (i < lb) {
        EXPECT_TRUE(std::isnan(o[i])) << spec.name << " row " << i;
      } else {
        EXPECT_TRUE(std::isfinite(o[i])) << spec.name << " row " << i;
      }
    }
  }
}

}  // namespace streams::analytics::group_test
