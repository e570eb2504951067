// Live indicators equal the batch engine (the one behind /api/v1/analyze) bar for bar.
#include "live/indicators.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analytics/analyze.h"
#include "analytics/spec.h"

namespace streams::live {
namespace {

TEST(LiveIndicatorsTest, EqualTheBatchEngineOnARandomWalk) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> step(0.0, 0.01);
  std::uniform_real_distribution<double> spread(0.0, 0.01);
  analytics::OpInput input;
  input.name = "X";
  double close = 100;
  for (int i = 0; i < 300; ++i) {
    const double open = close;
    close *= std::exp(step(rng));
    input.dates.push_back(19000 + i);
    input.columns["open"].push_back(open);
    input.columns["close"].push_back(close);
    input.columns["high"].push_back(std::max(open, close) * (1 + spread(rng)));
    input.columns["low"].push_back(std::min(open, close) * (1 - spread(rng)));
    input.columns["volume"].push_back(1000 + 1000 * spread(rng) * 100);
  }
  const char* specs[] = {"rsi(timeperiod=14)", "macd", "stoch", "stochrsi", "atr", "adx", "cci", "willr", "mfi",
                         "obv", "adosc", "roc", "mom", "sma(timeperiod=20)", "ema", "bbands(timeperiod=20)", "kama"};
  for (const char* text : specs) {
    auto spec = analytics::parse_spec(text);
    ASSERT_TRUE(spec.ok()) << text;
    auto batch = analytics::run_op(*spec, std::span(&input, 1));
    ASSERT_TRUE(batch.ok()) << text << ": " << batch.error().message;
    auto live = make_live_indicator(text);
    ASSERT_TRUE(live.ok()) << text << ": " << live.error().message;
    ASSERT_EQ(live->outputs.size(), batch->outputs.size()) << text;
    for (std::size_t row = 0; row < input.size(); ++row) {
      const auto values = live->state->update(IndicatorBar{input.dates[row], input.columns["open"][row],
                                                           input.columns["high"][row], input.columns["low"][row],
                                                           input.columns["close"][row], input.columns["volume"][row]});
      for (std::size_t k = 0; k < values.size(); ++k) {
        EXPECT_EQ(live->outputs[k], batch->outputs[k].name) << text;
        const double expected = std::get<std::vector<double>>(batch->outputs[k].data)[row];
        if (std::isnan(expected)) {
          EXPECT_TRUE(std::isnan(values[k])) << text << " row " << row;
        } else {
          EXPECT_DOUBLE_EQ(values[k], expected) << text << " " << live->outputs[k] << " row " << row;
        }
      }
    }
  }
}

TEST(LiveIndicatorsTest, MalformedSpecsAreErrors) {
  for (const char* text : {"", "rsi(", "rsi(timeperiod=1)", "rsi(period=14)", "cdldoji", "nope", "vwap(x=1)",
                           "stoch(slowk_matype=7)"}) {
    EXPECT_FALSE(make_live_indicator(text).ok()) << text;
  }
  auto vwap = make_live_indicator("vwap");
  ASSERT_TRUE(vwap.ok());
  EXPECT_EQ(vwap->outputs, std::vector<std::string>{"real"});
}

}  // namespace
}  // namespace streams::live
