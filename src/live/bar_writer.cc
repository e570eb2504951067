#include "live/bar_writer.h"

#include <algorithm>
#include <map>

#include "core/log.h"

namespace streams::live {

store::WriteBatch minute_bars_batch(std::span<const LiveBar> bars) {
  std::map<Symbol, std::map<std::int64_t, Bar>> by_symbol;  // ascending, unique ts per symbol
  for (const LiveBar& b : bars) {
    if (b.final && b.interval == BarInterval::minute) by_symbol[b.symbol][b.bar.ts.millis()] = b.bar;
  }
  store::WriteBatch batch;
  for (auto& [symbol, by_ts] : by_symbol) {
    store::BarSeries series{symbol, Timespan::minutes(1), {}};
    series.bars.reserve(by_ts.size());
    for (auto& [ts, bar] : by_ts) series.bars.push_back(bar);
    batch.bars.push_back(std::move(series));
  }
  return batch;
}

MinuteBarWriter::MinuteBarWriter(store::Store& store, BarWriterOptions options)
    : store_(store), options_(options), thread_([this] { run(); }) {}

MinuteBarWriter::~MinuteBarWriter() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void MinuteBarWriter::add(std::span<const LiveBar> bars) {
  bool full = false;
  {
    const std::lock_guard lock(mutex_);
    for (const LiveBar& bar : bars) {
      if (!bar.final || bar.interval != BarInterval::minute) continue;
      if (pending_.size() >= options_.max_pending) {
        pending_.pop_front();
        if (stats_.dropped++ % 10'000 == 0) log::warn("live: minute-bar queue full; dropping the oldest bars");
      }
      pending_.push_back(bar);
    }
    full = pending_.size() >= options_.max_batch;
  }
  if (full) wake_.notify_one();
}

void MinuteBarWriter::flush() {
  std::unique_lock lock(mutex_);
  const std::uint64_t ticket = ++flush_requests_;
  wake_.notify_one();
  flushed_.wait(lock, [&] { return flushes_done_ >= ticket || stopping_; });
}

BarWriterStats MinuteBarWriter::stats() const {
  const std::lock_guard lock(mutex_);
  return stats_;
}

// Writes up to max_batch bars; the lock is released during the store write. True on success.
bool MinuteBarWriter::write_some(std::unique_lock<std::mutex>& lock) {
  const std::size_t count = std::min(pending_.size(), options_.max_batch);
  const std::vector<LiveBar> some(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(count));
  const store::WriteBatch batch = minute_bars_batch(some);
  lock.unlock();
  auto written = store_.write(batch);
  lock.lock();
  if (!written) {
    ++stats_.failures;
    log::warn("live: writing {} minute bars failed (will retry): {}", count, written.error().message);
    return false;
  }
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(std::min(count, pending_.size())));
  stats_.written += count;
  ++stats_.batches;
  return true;
}

void MinuteBarWriter::run() {
  std::unique_lock lock(mutex_);
  auto backoff = std::chrono::milliseconds(100);
  for (;;) {
    wake_.wait_for(lock, options_.flush_interval, [&] {
      return stopping_ || pending_.size() >= options_.max_batch || flush_requests_ > flushes_done_;
    });
    const std::uint64_t requested = flush_requests_;
    bool ok = true;
    while (!pending_.empty() && ok) ok = write_some(lock);
    if (!ok && !stopping_) {
      wake_.wait_for(lock, backoff, [&] { return stopping_; });
      backoff = std::min(backoff * 2, std::chrono::milliseconds(10'000));
    } else {
      backoff = std::chrono::milliseconds(100);
    }
    flushes_done_ = requested;
    flushed_.notify_all();
    if (stopping_) return;
  }
}

}  // namespace streams::live
