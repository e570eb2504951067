// The simulated feed: calibration by hand, determinism with a seed, the volatility it produces,
// and the trading-hours clock.
#include "live/simulated_feed.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/calendar/trading_calendar.h"

namespace streams::live {
namespace {

Symbol sym(std::string_view s) { return *Symbol::parse(s); }

std::vector<SymbolCalibration> universe() {
  return {SymbolCalibration{sym("AAPL"), 150.0, 0.02, 1e6}, SymbolCalibration{sym("MSFT"), 300.0, 0.015, 5e5},
          SymbolCalibration{sym("KO"), 60.0, 0.01, 2e5}};
}

TEST(CalibrationTest, LastCloseSigmaOfLogReturnsAndMeanVolume) {
  std::vector<Bar> bars;
  const double closes[] = {100, 110, 99, 99};
  for (int i = 0; i < 4; ++i) {
    Bar b;
    b.ts = Date::from_days(19000 + i).key();
    b.close = closes[i];
    b.volume = 1000.0 * (i + 1);
    bars.push_back(b);
  }
  auto c = calibrate_from_bars(sym("X"), bars);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->last_close, 99);
  EXPECT_EQ(c->mean_daily_volume, 2500);
  const double r[] = {std::log(1.1), std::log(0.9), 0.0};
  const double mean = (r[0] + r[1] + r[2]) / 3;
  const double var = ((r[0] - mean) * (r[0] - mean) + (r[1] - mean) * (r[1] - mean) + (r[2] - mean) * (r[2] - mean)) / 2;
  EXPECT_DOUBLE_EQ(c->daily_sigma, std::sqrt(var));

  EXPECT_FALSE(calibrate_from_bars(sym("X"), std::span<const Bar>(bars).first(1)).ok());
}

TEST(SimulatedMarketTest, SameSeedSameTradesWhateverTheStepping) {
  SimulatedMarket one(universe(), SimulationOptions{42, 20.0}, Timestamp::from_millis(0));
  SimulatedMarket many(universe(), SimulationOptions{42, 20.0}, Timestamp::from_millis(0));
  std::vector<Trade> a;
  std::vector<Trade> b;
  one.advance(Timestamp::from_millis(60'000), a);
  for (std::int64_t t = 7; t <= 60'000; t += 7) many.advance(Timestamp::from_millis(t), b);
  many.advance(Timestamp::from_millis(60'000), b);
  ASSERT_GT(a.size(), 3000u);  // 3 symbols × 20/s × 60 s ≈ 3600
  ASSERT_LT(a.size(), 4200u);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].symbol, b[i].symbol);
    EXPECT_EQ(a[i].ts, b[i].ts);
    EXPECT_EQ(a[i].price, b[i].price);
    EXPECT_EQ(a[i].size, b[i].size);
  }
  for (std::size_t i = 1; i < a.size(); ++i) EXPECT_LE(a[i - 1].ts, a[i].ts);

  SimulatedMarket other(universe(), SimulationOptions{43, 20.0}, Timestamp::from_millis(0));
  std::vector<Trade> c;
  other.advance(Timestamp::from_millis(60'000), c);
  EXPECT_NE(c.front().price == a.front().price && c.back().price == a.back().price && c.size() == a.size(), true);
}

TEST(SimulatedMarketTest, DailyVolatilityMatchesTheCalibration) {
  // 400 simulated sessions of one symbol; σ of the session log returns ≈ the calibrated 2 %.
  SimulatedMarket market({SymbolCalibration{sym("AAPL"), 100.0, 0.02, 1e6}}, SimulationOptions{7, 0.05},
                         Timestamp::from_millis(0));
  std::vector<double> returns;
  double previous = 100.0;
  std::vector<Trade> trades;
  for (int day = 1; day <= 400; ++day) {
    trades.clear();
    market.advance(Timestamp::from_millis(static_cast<std::int64_t>(day) * 23'400'000), trades);
    ASSERT_FALSE(trades.empty());
    returns.push_back(std::log(trades.back().price / previous));
    previous = trades.back().price;
  }
  double mean = 0;
  for (double r : returns) mean += r;
  mean /= static_cast<double>(returns.size());
  double ss = 0;
  for (double r : returns) ss += (r - mean) * (r - mean);
  const double sigma = std::sqrt(ss / static_cast<double>(returns.size() - 1));
  EXPECT_NEAR(sigma, 0.02, 0.003);  // ±4 standard errors of a 400-sample σ
}

TEST(FeedClockTest, LiveInsideTheSessionReplayOutside) {
  const calendar::NyseCalendar cal;
  // Friday 2024-03-01 15:00 UTC = 10:00 New York: live, feed time = real time.
  const Timestamp inside = *Timestamp::parse("2024-03-01T15:00:00Z");
  FeedClock live(cal, inside, 10);
  auto r = live.at(Timestamp::from_millis(inside.millis() + 5'000));
  EXPECT_FALSE(r.replay);
  EXPECT_EQ(r.time.millis(), inside.millis() + 5'000);

  // Saturday 2024-03-02 12:00 UTC: replay from Friday's open (14:30 UTC) at 10×.
  const Timestamp weekend = *Timestamp::parse("2024-03-02T12:00:00Z");
  FeedClock replay(cal, weekend, 10);
  r = replay.at(weekend);
  EXPECT_TRUE(r.replay);
  EXPECT_EQ(r.time, *Timestamp::parse("2024-03-01T14:30:00Z"));
  r = replay.at(Timestamp::from_millis(weekend.millis() + 60'000));  // 1 real minute = 10 feed minutes
  EXPECT_EQ(r.time, *Timestamp::parse("2024-03-01T14:40:00Z"));
  // 6.5 h of trading time later (39 real minutes) the replay reaches Monday's open.
  r = replay.at(Timestamp::from_millis(weekend.millis() + 39 * 60'000 + 6'000));
  EXPECT_EQ(r.time, *Timestamp::parse("2024-03-04T14:31:00Z"));
  EXPECT_EQ(replay.to_feed_time(23'400'000.0 - 1), *Timestamp::parse("2024-03-01T20:59:59.999Z"));
}

TEST(SimulatedFeedTest, TradesCarryFeedTimeAndStatusSaysSimulated) {
  const Timestamp weekend = *Timestamp::parse("2024-03-02T12:00:00Z");
  SimulatedFeed feed(universe(), SimulationOptions{1, 10.0}, 10, weekend);
  std::vector<Trade> trades;
  const Timestamp t = feed.poll(Timestamp::from_millis(weekend.millis() + 1'000), trades);
  EXPECT_EQ(t, *Timestamp::parse("2024-03-01T14:30:10Z"));
  ASSERT_FALSE(trades.empty());
  for (const Trade& trade : trades) {
    EXPECT_GE(trade.ts, *Timestamp::parse("2024-03-01T14:30:00Z"));
    EXPECT_LE(trade.ts, t);
  }
  const FeedStatus s = feed.status();
  EXPECT_EQ(s.source, "simulated");
  EXPECT_EQ(s.mode, "replay");
  EXPECT_EQ(s.symbols.size(), 3u);
}

}  // namespace
}  // namespace streams::live
