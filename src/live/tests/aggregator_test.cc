// BarAggregator: bars computed by hand from a few trades (polygon's A/AM fields).
#include "live/aggregator.h"

#include <gtest/gtest.h>

#include <cmath>

namespace streams::live {
namespace {

Symbol sym(std::string_view s) { return *Symbol::parse(s); }
// 2024-03-01 14:30:00 UTC (09:30 New York), in ms.
constexpr std::int64_t t0 = 1'709'303'400'000;
Trade trade(std::string_view s, std::int64_t ms, double price, double size) {
  return Trade{sym(s), Timestamp::from_millis(t0 + ms), price, size};
}

TEST(BarAggregatorTest, OneSecondBarsByHand) {
  BarAggregator agg(BarInterval::second);
  std::vector<LiveBar> closed;
  EXPECT_TRUE(agg.add(trade("AAPL", 100, 10.0, 100), closed));
  EXPECT_TRUE(agg.add(trade("AAPL", 400, 10.5, 50), closed));
  EXPECT_TRUE(agg.add(trade("AAPL", 700, 9.5, 200), closed));
  EXPECT_TRUE(agg.add(trade("AAPL", 999, 10.2, 150), closed));
  EXPECT_TRUE(closed.empty());
  // The next second's first trade closes the bar.
  EXPECT_TRUE(agg.add(trade("AAPL", 1'000, 10.4, 10), closed));
  ASSERT_EQ(closed.size(), 1u);
  const LiveBar& b = closed[0];
  EXPECT_EQ(b.symbol.str(), "AAPL");
  EXPECT_TRUE(b.final);
  EXPECT_EQ(b.bar.ts.millis(), t0);
  EXPECT_EQ(b.bar.open, 10.0);
  EXPECT_EQ(b.bar.high, 10.5);
  EXPECT_EQ(b.bar.low, 9.5);
  EXPECT_EQ(b.bar.close, 10.2);
  EXPECT_EQ(b.bar.volume, 500);
  EXPECT_EQ(b.bar.trades, 4);
  // (10·100 + 10.5·50 + 9.5·200 + 10.2·150) / 500 = (1000 + 525 + 1900 + 1530) / 500 = 4955 / 500
  EXPECT_DOUBLE_EQ(b.bar.vwap, 9.91);

  // The partial bar of the next second.
  auto partial = agg.open_bar(sym("AAPL"));
  ASSERT_TRUE(partial);
  EXPECT_FALSE(partial->final);
  EXPECT_EQ(partial->bar.ts.millis(), t0 + 1'000);
  EXPECT_EQ(partial->bar.close, 10.4);
  EXPECT_EQ(partial->bar.trades, 1);
}

TEST(BarAggregatorTest, MinuteBarsAlignOnUtcMinutesAndCloseByTheClock) {
  BarAggregator agg(BarInterval::minute);
  std::vector<LiveBar> closed;
  ASSERT_TRUE(agg.add(trade("MSFT", 59'999, 300.0, 10), closed));   // 14:30:59.999 → 14:30 bar
  ASSERT_TRUE(agg.add(trade("MSFT", 60'000, 301.0, 20), closed));   // 14:31:00.000 → closes 14:30
  ASSERT_TRUE(agg.add(trade("IBM", 61'000, 150.0, 5), closed));
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].bar.ts.millis(), t0);
  EXPECT_EQ(closed[0].bar.volume, 10);
  closed.clear();
  agg.close_until(Timestamp::from_millis(t0 + 119'999), closed);  // the 14:31 bars are not over yet
  EXPECT_TRUE(closed.empty());
  agg.close_until(Timestamp::from_millis(t0 + 120'000), closed);
  ASSERT_EQ(closed.size(), 2u);  // ordered by symbol
  EXPECT_EQ(closed[0].symbol.str(), "IBM");
  EXPECT_EQ(closed[1].symbol.str(), "MSFT");
  EXPECT_EQ(closed[1].bar.ts.millis(), t0 + 60'000);
  EXPECT_EQ(closed[1].bar.open, 301.0);
  EXPECT_DOUBLE_EQ(closed[1].bar.vwap, 301.0);
}

TEST(BarAggregatorTest, LateAndInvalidTradesAreDroppedAndCounted) {
  BarAggregator agg(BarInterval::second);
  std::vector<LiveBar> closed;
  ASSERT_TRUE(agg.add(trade("AAPL", 2'500, 10, 1), closed));
  EXPECT_FALSE(agg.add(trade("AAPL", 1'500, 11, 1), closed));  // before the open bar
  agg.close_until(Timestamp::from_millis(t0 + 3'000), closed);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_FALSE(agg.add(trade("AAPL", 2'900, 11, 1), closed));  // in the closed second
  EXPECT_FALSE(agg.add(trade("AAPL", 3'100, -1, 1), closed));  // negative price
  EXPECT_FALSE(agg.add(trade("AAPL", 3'100, std::nan(""), 1), closed));
  EXPECT_EQ(agg.late_trades(), 4u);
  EXPECT_TRUE(agg.add(trade("AAPL", 3'100, 12, 1), closed));
  EXPECT_EQ(closed.size(), 1u);
}

TEST(BarAggregatorTest, ZeroVolumeBarHasCloseAsVwap) {
  BarAggregator agg(BarInterval::second);
  std::vector<LiveBar> closed;
  ASSERT_TRUE(agg.add(trade("AAPL", 0, 10, 0), closed));
  agg.close_until(Timestamp::from_millis(t0 + 1'000), closed);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].bar.vwap, 10);
  EXPECT_EQ(closed[0].bar.volume, 0);
}

}  // namespace
}  // namespace streams::live
