#pragma once
// The values that flow through the live path: trades and quotes from a feed, bars aggregated
// from trades (1-second and 1-minute, like polygon.io's A and AM events), the feed's status, and
// the batch the bus carries (live/bus.h).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bar.h"
#include "core/symbol.h"
#include "core/time.h"

namespace streams::live {

struct Trade {
  Symbol symbol;
  Timestamp ts;  // exchange time of the trade, UTC
  double price = 0;
  double size = 0;
};

struct Quote {
  Symbol symbol;
  Timestamp ts;
  double bid_price = 0;
  double bid_size = 0;
  double ask_price = 0;
  double ask_size = 0;
};

enum class BarInterval : std::uint8_t { second = 0, minute = 1 };
inline constexpr std::int64_t interval_millis(BarInterval interval) {
  return interval == BarInterval::second ? 1'000 : 60'000;
}
// The channel name clients subscribe to: "bars1s", "bars1m".
std::string_view channel_name(BarInterval interval);

// A bar of one symbol: `final` once its interval is over; a partial (final = false) bar is the
// interval so far and is replaced by later ones with the same ts.
struct LiveBar {
  Symbol symbol;
  BarInterval interval = BarInterval::second;
  Bar bar;
  bool final = true;
};

// What the feed says about itself; sent on the bus about once a second.
struct FeedStatus {
  std::string source;    // "simulated" or "polygon"
  std::string mode;      // "live" (real clock), "replay" (simulated, accelerated), "disconnected"
  Timestamp feed_time;   // the feed's clock (replay time when replaying)
  std::vector<Symbol> symbols;  // the symbols it streams
};

// One publication on the bus: everything a pipeline step produced, in time order per kind.
struct LiveBatch {
  std::vector<Trade> trades;
  std::vector<Quote> quotes;
  std::vector<LiveBar> bars;
  std::optional<FeedStatus> status;
  [[nodiscard]] bool empty() const { return trades.empty() && quotes.empty() && bars.empty() && !status; }
};

}  // namespace streams::live
