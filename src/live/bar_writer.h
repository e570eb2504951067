#pragma once
// MinuteBarWriter: persists final 1-minute bars to the store as timespan=minute, in batches (one
// store::Store::write per flush, every `flush_interval` or `max_batch` bars, whichever first).
// A failed write keeps the bars and retries with back-off; the queue is bounded (`max_pending`,
// oldest dropped with a warning). Writes are idempotent upserts, so a retried batch never
// duplicates.
//
// Life cycle: construct (starts its thread), add() from any thread, destroy (flushes what is
// queued, then joins).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <span>
#include <thread>

#include "live/tick.h"
#include "store/store.h"

namespace streams::live {

struct BarWriterOptions {
  std::size_t max_batch = 5'000;
  std::chrono::milliseconds flush_interval{2'000};
  std::size_t max_pending = 500'000;
};

struct BarWriterStats {
  std::uint64_t written = 0;  // bars in committed batches
  std::uint64_t batches = 0;
  std::uint64_t failures = 0;
  std::uint64_t dropped = 0;
};

// The store batch for some minute bars: one series per symbol, ascending, one bar per minute (the
// last given wins). Non-final and 1-second bars are skipped.
store::WriteBatch minute_bars_batch(std::span<const LiveBar> bars);

class MinuteBarWriter {
 public:
  MinuteBarWriter(store::Store& store, BarWriterOptions options = {});
  ~MinuteBarWriter();
  MinuteBarWriter(const MinuteBarWriter&) = delete;
  MinuteBarWriter& operator=(const MinuteBarWriter&) = delete;

  // Queues the final minute bars among `bars` (others are ignored).
  void add(std::span<const LiveBar> bars);
  // Writes everything queued now; returns when it is committed (or failed once).
  void flush();
  [[nodiscard]] BarWriterStats stats() const;

 private:
  void run();
  bool write_some(std::unique_lock<std::mutex>& lock);

  store::Store& store_;
  BarWriterOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable flushed_;
  std::deque<LiveBar> pending_;
  BarWriterStats stats_;
  std::uint64_t flush_requests_ = 0;
  std::uint64_t flushes_done_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace streams::live
