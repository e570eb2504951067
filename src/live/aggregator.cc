#include "live/aggregator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace streams::live {

std::string_view channel_name(BarInterval interval) {
  return interval == BarInterval::second ? "bars1s" : "bars1m";
}

BarAggregator::BarAggregator(BarInterval interval) : interval_(interval), width_(interval_millis(interval)) {}

std::int64_t BarAggregator::start_of(Timestamp ts) const {
  const std::int64_t ms = ts.millis();
  const std::int64_t floored = ms >= 0 ? ms / width_ : (ms - width_ + 1) / width_;
  return floored * width_;
}

LiveBar BarAggregator::finish(const Symbol& symbol, OpenBar& state) const {
  LiveBar out{symbol, interval_, state.bar, true};
  out.bar.vwap = state.bar.volume > 0 ? state.price_volume / state.bar.volume : state.bar.close;
  return out;
}

bool BarAggregator::add(const Trade& trade, std::vector<LiveBar>& closed) {
  if (!(trade.price > 0) || !std::isfinite(trade.price) || !(trade.size >= 0) || !std::isfinite(trade.size)) {
    ++late_;  // unusable, counted with the late ones
    return false;
  }
  const std::int64_t start = start_of(trade.ts);
  OpenBar& state = open_[trade.symbol];
  if (start < state.closed_end || (state.open && start < state.bar.ts.millis())) {
    ++late_;
    return false;
  }
  if (state.open && start > state.bar.ts.millis()) {
    closed.push_back(finish(trade.symbol, state));
    state.closed_end = state.bar.ts.millis() + width_;
    state.open = false;
  }
  if (!state.open) {
    state.open = true;
    state.bar = Bar{Timestamp::from_millis(start), trade.price, trade.price, trade.price, trade.price, 0, 0, 0};
    state.price_volume = 0;
  }
  Bar& bar = state.bar;
  bar.high = std::max(bar.high, trade.price);
  bar.low = std::min(bar.low, trade.price);
  bar.close = trade.price;
  bar.volume += trade.size;
  state.price_volume += trade.price * trade.size;
  ++bar.trades;
  return true;
}

void BarAggregator::close_until(Timestamp now, std::vector<LiveBar>& closed) {
  const std::size_t first = closed.size();
  for (auto& [symbol, state] : open_) {
    if (state.open && state.bar.ts.millis() + width_ <= now.millis()) {
      closed.push_back(finish(symbol, state));
      state.closed_end = state.bar.ts.millis() + width_;
      state.open = false;
    }
  }
  std::sort(closed.begin() + static_cast<std::ptrdiff_t>(first), closed.end(),
            [](const LiveBar& a, const LiveBar& b) { return a.symbol < b.symbol; });
}

std::optional<LiveBar> BarAggregator::open_bar(const Symbol& symbol) const {
  auto it = open_.find(symbol);
  if (it == open_.end() || !it->second.open) return std::nullopt;
  OpenBar copy = it->second;
  LiveBar out = finish(symbol, copy);
  out.final = false;
  return out;
}

}  // namespace streams::live
