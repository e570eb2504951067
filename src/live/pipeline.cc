#include "live/pipeline.h"

#include <algorithm>
#include <unordered_set>

#include "core/log.h"

namespace streams::live {

Timestamp system_now() {
  return Timestamp::from_millis(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

Pipeline::Pipeline(std::unique_ptr<Feed> feed, Bus& bus, PipelineOptions options)
    : feed_(std::move(feed)), bus_(bus), options_(std::move(options)) {
  if (!options_.clock) options_.clock = system_now;
}

Pipeline::~Pipeline() { stop(); }

void Pipeline::start() {
  if (running_.exchange(true)) return;
  thread_ = std::thread([this] { run(); });
}

void Pipeline::stop() {
  running_.store(false);
  if (thread_.joinable()) thread_.join();
}

PipelineStats Pipeline::stats() const {
  return PipelineStats{trade_count_.load(), bar_count_.load(), batch_count_.load(),
                       seconds_.late_trades()};
}

void Pipeline::step(Timestamp real_now) {
  LiveBatch batch;
  trades_.clear();
  const Timestamp feed_now = feed_->poll(real_now, trades_);
  std::unordered_set<Symbol> traded;
  for (const Trade& trade : trades_) {
    if (seconds_.add(trade, batch.bars)) {
      minutes_.add(trade, batch.bars);
    }
  }
  // Bars closed by the trades themselves come first, then those closed by the clock.
  seconds_.close_until(feed_now, batch.bars);
  minutes_.close_until(feed_now, batch.bars);
  // A partial minute bar for every symbol whose second closed: the minute chart moves each second.
  for (const LiveBar& bar : batch.bars) {
    if (bar.interval == BarInterval::second) traded.insert(bar.symbol);
  }
  std::vector<Symbol> sorted(traded.begin(), traded.end());
  std::sort(sorted.begin(), sorted.end());
  for (const Symbol& symbol : sorted) {
    if (auto partial = minutes_.open_bar(symbol)) batch.bars.push_back(std::move(*partial));
  }
  if (feed_now.millis() / 1000 != last_status_ms_ / 1000 || last_status_ms_ == INT64_MIN) {
    batch.status = feed_->status();
    last_status_ms_ = feed_now.millis();
  }
  batch.trades = std::move(trades_);
  trades_ = {};
  if (batch.empty()) return;
  trade_count_.fetch_add(batch.trades.size(), std::memory_order_relaxed);
  bar_count_.fetch_add(batch.bars.size(), std::memory_order_relaxed);
  batch_count_.fetch_add(1, std::memory_order_relaxed);
  if (auto s = bus_.publish(batch); !s) log::warn("live: publishing on the bus failed: {}", s.error().message);
}

void Pipeline::run() {
  auto next = std::chrono::steady_clock::now();
  while (running_.load(std::memory_order_relaxed)) {
    step(options_.clock());
    next += options_.step;
    const auto now = std::chrono::steady_clock::now();
    if (next < now) next = now;  // fell behind: do not try to catch up in a burst
    std::this_thread::sleep_until(next);
  }
}

}  // namespace streams::live
