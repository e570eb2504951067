#include "live/simulated_feed.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/errc.h"
#include "core/log.h"

namespace streams::live {
namespace {

constexpr double session_ms = 23'400'000.0;  // 6.5 h
constexpr std::size_t sigma_window = 250;
constexpr std::size_t volume_window = 20;

// FNV-1a: a generator seed that is the same on every platform.
std::uint64_t fnv1a(std::string_view text, std::uint64_t seed) {
  std::uint64_t hash = 1469598103934665603ULL ^ seed;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

// Uniform in (0, 1) from 53 random bits (std:: distributions differ between libraries).
double uniform_open(std::mt19937_64& rng) {
  return (static_cast<double>(rng() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

double exponential(std::mt19937_64& rng) { return -std::log(uniform_open(rng)); }

// Box–Muller, one value per call (the second is discarded to keep the stream simple).
double standard_normal(std::mt19937_64& rng) {
  const double u1 = uniform_open(rng);
  const double u2 = uniform_open(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

}  // namespace

Result<SymbolCalibration> calibrate_from_bars(const Symbol& symbol, std::span<const Bar> daily) {
  std::vector<double> closes;
  std::vector<double> volumes;
  for (const Bar& bar : daily) {
    if (bar.close > 0 && std::isfinite(bar.close)) {
      closes.push_back(bar.close);
      volumes.push_back(std::isfinite(bar.volume) ? bar.volume : 0.0);
    }
  }
  if (closes.size() < 2) {
    return make_error(core::errc::invalid_argument,
                      fmt::format("{}: fewer than 2 daily closes to calibrate on", symbol.str()));
  }
  const std::size_t first = closes.size() > sigma_window + 1 ? closes.size() - sigma_window - 1 : 0;
  std::vector<double> returns;
  for (std::size_t i = first + 1; i < closes.size(); ++i) returns.push_back(std::log(closes[i] / closes[i - 1]));
  const double mean = std::accumulate(returns.begin(), returns.end(), 0.0) / static_cast<double>(returns.size());
  double ss = 0;
  for (const double r : returns) ss += (r - mean) * (r - mean);
  const double sigma = returns.size() > 1 ? std::sqrt(ss / static_cast<double>(returns.size() - 1)) : 0.0;
  const std::size_t vfirst = volumes.size() > volume_window ? volumes.size() - volume_window : 0;
  const double volume = std::accumulate(volumes.begin() + static_cast<std::ptrdiff_t>(vfirst), volumes.end(), 0.0) /
                        static_cast<double>(volumes.size() - vfirst);
  // A flat history would freeze the price: keep a floor of 0.5 % a day.
  return SymbolCalibration{symbol, closes.back(), std::max(sigma, 0.005), volume};
}

Result<std::vector<SymbolCalibration>> calibrate(store::Store& store, std::size_t max_symbols) {
  auto instruments = store.instruments({});
  if (!instruments) return instruments.error();
  std::vector<SymbolCalibration> out;
  for (const Instrument& instrument : *instruments) {
    if (out.size() >= max_symbols) break;
    if (!instrument.active) continue;
    auto bars = store.bars(instrument.symbol, Timespan::daily(), {});
    if (!bars) return bars.error();
    const std::size_t keep = std::min<std::size_t>(bars->size(), sigma_window + 1);
    auto calibrated = calibrate_from_bars(instrument.symbol, std::span<const Bar>(*bars).last(keep));
    if (calibrated) out.push_back(std::move(*calibrated));
  }
  return out;
}

SimulatedMarket::SimulatedMarket(std::vector<SymbolCalibration> symbols, SimulationOptions options, Timestamp start)
    : symbols_(std::move(symbols)), mean_gap_ms_(1000.0 / std::max(options.trades_per_second, 1e-6)) {
  walkers_.reserve(symbols_.size());
  const double start_ms = static_cast<double>(start.millis());
  const double trades_per_session = session_ms / mean_gap_ms_;
  for (std::size_t i = 0; i < symbols_.size(); ++i) {
    const SymbolCalibration& c = symbols_[i];
    Walker w;
    w.rng.seed(fnv1a(c.symbol.view(), options.seed));
    w.log_price = std::log(c.last_close);
    w.last_ms = start_ms;
    w.next_ms = start_ms + exponential(w.rng) * mean_gap_ms_;
    w.sigma_per_sqrt_ms = c.daily_sigma / std::sqrt(session_ms);
    w.mean_size = std::max(1.0, c.mean_daily_volume / trades_per_session);
    walkers_.push_back(w);
    heap_.push(Next{w.next_ms, i});
  }
}

void SimulatedMarket::advance(Timestamp until, std::vector<Trade>& out) {
  const double limit = static_cast<double>(until.millis()) + 1.0;  // (.., until]: every arrival before until+1 ms
  while (!heap_.empty() && heap_.top().ms < limit) {
    const Next next = heap_.top();
    heap_.pop();
    Walker& w = walkers_[next.index];
    const double dt = std::max(next.ms - w.last_ms, 0.0);
    const double sigma = w.sigma_per_sqrt_ms * std::sqrt(dt);
    w.log_price += -0.5 * sigma * sigma + sigma * standard_normal(w.rng);
    w.last_ms = next.ms;
    const double price = std::max(0.01, std::round(std::exp(w.log_price) * 100.0) / 100.0);
    const double size = std::max(1.0, std::round(w.mean_size * exponential(w.rng)));
    out.push_back(Trade{symbols_[next.index].symbol, Timestamp::from_millis(static_cast<std::int64_t>(std::floor(next.ms))),
                        price, size});
    w.next_ms = next.ms + exponential(w.rng) * mean_gap_ms_;
    heap_.push(Next{w.next_ms, next.index});
  }
}

FeedClock::FeedClock(const calendar::NyseCalendar& calendar, Timestamp real_start, double replay_speed)
    : calendar_(calendar), speed_(std::max(replay_speed, 1.0)), last_real_(real_start) {
  const Date today = exchange_date(real_start);
  if (auto s = calendar_.session(today); s && s->open <= real_start && real_start < s->close) {
    anchors_.push_back(Anchor{-static_cast<double>(real_start.millis() - s->open.millis()), *s});
    live_ = true;
    return;
  }
  // Replay from the open of the most recent session that has begun.
  Date day = today;
  for (int i = 0; i < 15; ++i, day = day - 1) {
    auto s = calendar_.session(day);
    if (s && s->open <= real_start) {
      anchors_.push_back(Anchor{0, *s});
      return;
    }
  }
  anchors_.push_back(Anchor{0, *calendar_.session(calendar_.next_trading_day(today))});
}

ClockReading FeedClock::at(Timestamp real_now) {
  const double elapsed = static_cast<double>(std::max<std::int64_t>(real_now.millis() - last_real_.millis(), 0));
  last_real_ = std::max(last_real_, real_now);
  trading_ms_ += live_ ? elapsed : elapsed * speed_;
  for (;;) {
    const Anchor& current = anchors_.back();
    const double length = static_cast<double>(current.session.close.millis() - current.session.open.millis());
    if (trading_ms_ < current.trading_ms_at_open + length) break;
    // Past the close: trading time continues at the next session's open, replayed.
    live_ = false;
    const Date next = calendar_.next_trading_day(current.session.date + 1);
    anchors_.push_back(Anchor{current.trading_ms_at_open + length, *calendar_.session(next)});
    if (anchors_.size() > 8) anchors_.erase(anchors_.begin());
  }
  return ClockReading{to_feed_time(trading_ms_), trading_ms_, !live_};
}

Timestamp FeedClock::to_feed_time(double trading_ms) const {
  const Anchor* anchor = &anchors_.front();
  for (const Anchor& a : anchors_) {
    if (a.trading_ms_at_open <= trading_ms) anchor = &a;
  }
  const std::int64_t offset = static_cast<std::int64_t>(std::floor(trading_ms - anchor->trading_ms_at_open));
  return Timestamp::from_millis(anchor->session.open.millis() + std::max<std::int64_t>(offset, 0));
}

SimulatedFeed::SimulatedFeed(std::vector<SymbolCalibration> symbols, SimulationOptions options, double replay_speed,
                             Timestamp real_start)
    : clock_(calendar_, real_start, replay_speed) {
  last_ = clock_.at(real_start);
  for (const auto& c : symbols) symbols_.push_back(c.symbol);
  // The market runs on trading time (ms since the clock started); poll() maps it to feed time.
  market_ = std::make_unique<SimulatedMarket>(std::move(symbols), options, Timestamp::from_millis(0));
}

Timestamp SimulatedFeed::poll(Timestamp real_now, std::vector<Trade>& trades) {
  last_ = clock_.at(real_now);
  const std::size_t first = trades.size();
  market_->advance(Timestamp::from_millis(static_cast<std::int64_t>(std::floor(last_.trading_ms))), trades);
  for (std::size_t i = first; i < trades.size(); ++i) {
    trades[i].ts = clock_.to_feed_time(static_cast<double>(trades[i].ts.millis()));
  }
  return last_.time;
}

FeedStatus SimulatedFeed::status() const {
  return FeedStatus{"simulated", last_.replay ? "replay" : "live", last_.time, symbols_};
}

}  // namespace streams::live
