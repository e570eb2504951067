#pragma once
// The live bus (BRIEF §2 data flow: sources → bus → store writer and live hub). A pipeline
// publishes LiveBatches; subscribers (the minute-bar writer, the live hub of each server) receive
// every batch published after they subscribed, in publication order.
//
// Implementations: InProcessBus (here, the embedded default: callbacks run synchronously on the
// publisher's thread) and, with Redis configured, a Redis Streams / pub-sub bus (later, in
// live/redis/, over the cache module's connection) with the same contract.
//
// This interface lives in `live` (not `cache`) because what it carries — trades, bars, feed
// status — are live's types; a Redis implementation serialises them.
//
// Thread safety: publish() and subscribe() may be called from any thread. A subscription's
// destructor waits for a callback in progress; after it returns the callback is never called
// again (so never destroy a subscription from inside its own callback).

#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "core/result.h"
#include "live/tick.h"

namespace streams::live {

class BusSubscription {
 public:
  virtual ~BusSubscription() = default;
  BusSubscription() = default;
  BusSubscription(const BusSubscription&) = delete;
  BusSubscription& operator=(const BusSubscription&) = delete;
};

using BusHandler = std::function<void(const LiveBatch& batch)>;

class Bus {
 public:
  virtual ~Bus() = default;
  Bus() = default;
  Bus(const Bus&) = delete;
  Bus& operator=(const Bus&) = delete;

  virtual Status publish(const LiveBatch& batch) = 0;
  virtual std::unique_ptr<BusSubscription> subscribe(BusHandler handler) = 0;
};

class InProcessBus final : public Bus {
 public:
  Status publish(const LiveBatch& batch) override;
  std::unique_ptr<BusSubscription> subscribe(BusHandler handler) override;

 private:
  class Sub;
  std::shared_mutex mutex_;
  std::unordered_map<std::uint64_t, BusHandler> handlers_;
  std::uint64_t next_id_ = 1;
};

}  // namespace streams::live
