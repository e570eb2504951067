#pragma once
// BarAggregator: trades → bars of one width (1 s or 1 min), per symbol, like polygon.io's A / AM
// aggregates: open/high/low/close of the trade prices, volume = Σ size, vwap = Σ price·size / Σ size,
// trades = count. Bars are keyed by the start of their interval, aligned on UTC epoch multiples
// of the width, and only exist for intervals that had a trade.
//
// A bar closes when a trade of its symbol falls in a later interval, or when close_until() is
// called with a time at or after the end of its interval. A trade older than its symbol's open
// bar (or than a bar already closed) is late: dropped and counted.
//
// Not thread-safe: owned by one pipeline thread.

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "live/tick.h"

namespace streams::live {

class BarAggregator {
 public:
  explicit BarAggregator(BarInterval interval);

  // Adds a trade; bars of its symbol that it closes are appended to `closed`. False when late.
  bool add(const Trade& trade, std::vector<LiveBar>& closed);
  // Closes every open bar whose interval ends at or before `now`, appending them to `closed`
  // ordered by symbol.
  void close_until(Timestamp now, std::vector<LiveBar>& closed);
  // The open (partial) bar of `symbol`, if any.
  [[nodiscard]] std::optional<LiveBar> open_bar(const Symbol& symbol) const;

  [[nodiscard]] BarInterval interval() const { return interval_; }
  [[nodiscard]] std::uint64_t late_trades() const { return late_; }

 private:
  struct OpenBar {
    Bar bar;
    double price_volume = 0;  // Σ price·size
    bool open = false;
    std::int64_t closed_end = INT64_MIN;  // end of the last closed bar (ms)
  };
  [[nodiscard]] std::int64_t start_of(Timestamp ts) const;
  LiveBar finish(const Symbol& symbol, OpenBar& state) const;

  BarInterval interval_;
  std::int64_t width_;
  std::unordered_map<Symbol, OpenBar> open_;
  std::uint64_t late_ = 0;
};

}  // namespace streams::live
