#pragma once
// The simulated feed (the default without POLYGON_API_KEY): trades for the stored symbols,
// calibrated on each symbol's daily history, on a trading-hours clock.
//
//  - calibrate(): per symbol, the last close, the daily volatility σ_d of log returns (last 250
//    sessions) and the mean daily volume (last 20 sessions).
//  - SimulatedMarket: per symbol, Poisson trade arrivals (rate λ per second) and a geometric
//    Brownian motion of the log price: each trade moves it by N(-σ²/2, σ²) with
//    σ = σ_d · sqrt(Δt / 23,400 s), Δt the time since the symbol's previous trade — so a simulated
//    session has the symbol's historical daily volatility. Sizes are exponential around
//    daily volume / trades per session, in whole shares; prices are rounded to cents.
//    Every symbol has its own random generator seeded from (seed, symbol), so the trades are a
//    function of the seed and the symbols alone: advancing in one step or a thousand gives the
//    same trades (tests/live_test.cc).
//  - FeedClock: maps the real clock to feed time. Inside an NYSE session (core/calendar) feed time
//    is the real time ("live"); outside, the feed replays trading time from the most recent
//    session's open at `replay_speed` × real time ("replay"), session after session, so the demo
//    always moves. Feed time never goes backwards.
//
// Not thread-safe: owned by one pipeline thread.

#include <cstdint>
#include <memory>
#include <queue>
#include <random>
#include <span>
#include <vector>

#include "core/calendar/trading_calendar.h"
#include "live/feed.h"
#include "live/tick.h"
#include "store/store.h"

namespace streams::live {

struct SymbolCalibration {
  Symbol symbol;
  double last_close = 0;
  double daily_sigma = 0;       // of log returns
  double mean_daily_volume = 0;
};

// From one symbol's daily bars (ascending). Errors when there are fewer than 2 positive closes.
Result<SymbolCalibration> calibrate_from_bars(const Symbol& symbol, std::span<const Bar> daily);
// Every active instrument in the store with daily bars (at most `max_symbols`, by symbol order).
Result<std::vector<SymbolCalibration>> calibrate(store::Store& store, std::size_t max_symbols);

struct SimulationOptions {
  std::uint64_t seed = 1;
  double trades_per_second = 5.0;  // per symbol, in feed time
};

class SimulatedMarket {
 public:
  SimulatedMarket(std::vector<SymbolCalibration> symbols, SimulationOptions options, Timestamp start);

  // Appends every trade in (previous `until`, until], in time order (ties: by symbol order). The
  // market's time axis is continuous trading time: no jumps over nights.
  void advance(Timestamp until, std::vector<Trade>& out);
  [[nodiscard]] const std::vector<SymbolCalibration>& symbols() const { return symbols_; }

 private:
  struct Walker {
    std::mt19937_64 rng;
    double log_price = 0;
    double next_ms = 0;  // next arrival, feed time
    double last_ms = 0;  // previous trade (or start)
    double sigma_per_sqrt_ms = 0;
    double mean_size = 1;
  };
  struct Next {
    double ms;
    std::size_t index;
    bool operator>(const Next& o) const { return ms != o.ms ? ms > o.ms : index > o.index; }
  };
  std::vector<SymbolCalibration> symbols_;
  std::vector<Walker> walkers_;
  std::priority_queue<Next, std::vector<Next>, std::greater<>> heap_;
  double mean_gap_ms_;
};

struct ClockReading {
  Timestamp time;            // feed time (wall clock of the exchange, UTC)
  double trading_ms = 0;     // trading time elapsed since the clock started (no nights, weekends, holidays)
  bool replay = false;
};

class FeedClock {
 public:
  // `real_start` is the real time at construction; replay_speed ≥ 1.
  FeedClock(const calendar::NyseCalendar& calendar, Timestamp real_start, double replay_speed);
  // Feed time at real time `real_now` (non-decreasing calls).
  ClockReading at(Timestamp real_now);
  // The feed time of a trading-time instant no older than the previous few sessions.
  [[nodiscard]] Timestamp to_feed_time(double trading_ms) const;

 private:
  struct Anchor {
    double trading_ms_at_open;
    calendar::Session session;
  };
  const calendar::NyseCalendar& calendar_;
  double speed_;
  Timestamp last_real_;
  std::vector<Anchor> anchors_;  // the current session last
  double trading_ms_ = 0;
  bool live_ = false;
};
// The simulated feed: a SimulatedMarket on a FeedClock.
class SimulatedFeed final : public Feed {
 public:
  SimulatedFeed(std::vector<SymbolCalibration> symbols, SimulationOptions options, double replay_speed,
                Timestamp real_start);
  Timestamp poll(Timestamp real_now, std::vector<Trade>& trades) override;
  [[nodiscard]] FeedStatus status() const override;

 private:
  calendar::NyseCalendar calendar_;
  FeedClock clock_;
  std::unique_ptr<SimulatedMarket> market_;
  ClockReading last_{};
  std::vector<Symbol> symbols_;
};

}  // namespace streams::live
