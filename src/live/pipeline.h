#pragma once
// Pipeline: the live ingestion loop. On its own thread, every `step`: poll the feed for trades,
// aggregate them into 1-second and 1-minute bars (closing those whose interval ended by the
// feed's clock), and publish one LiveBatch on the bus — trades, final 1 s and 1 min bars, the
// partial 1 min bar of every symbol that traded in the last second, and once a second the feed's
// status. Store writers and hubs are bus subscribers.
//
// Life cycle: construct, start(), stop() (or destroy). stats() from any thread.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>

#include "live/aggregator.h"
#include "live/bus.h"
#include "live/feed.h"

namespace streams::live {

struct PipelineOptions {
  std::chrono::milliseconds step{10};
  // Real clock (tests and benchmarks pass a fake one).
  std::function<Timestamp()> clock;
};

struct PipelineStats {
  std::uint64_t trades = 0;
  std::uint64_t bars = 0;
  std::uint64_t batches = 0;
  std::uint64_t late = 0;
};

class Pipeline {
 public:
  Pipeline(std::unique_ptr<Feed> feed, Bus& bus, PipelineOptions options = {});
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  void start();
  void stop();
  // One step, on the caller's thread (tests; not while started).
  void step(Timestamp real_now);
  [[nodiscard]] PipelineStats stats() const;

 private:
  void run();

  std::unique_ptr<Feed> feed_;
  Bus& bus_;
  PipelineOptions options_;
  BarAggregator seconds_{BarInterval::second};
  BarAggregator minutes_{BarInterval::minute};
  std::int64_t last_status_ms_ = INT64_MIN;
  std::vector<Trade> trades_;
  std::atomic<std::uint64_t> trade_count_{0};
  std::atomic<std::uint64_t> bar_count_{0};
  std::atomic<std::uint64_t> batch_count_{0};
  std::atomic<bool> running_{false};
  std::thread thread_;
};

// The real clock as a Timestamp.
Timestamp system_now();

}  // namespace streams::live
