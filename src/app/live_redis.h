#pragma once
// The live path across processes, over Redis (BRIEF §2 "Redis", issue 7 items 4 and 7):
//
//   `streams stream` workers (any number)            `streams serve` instances (any number)
//   feed → pipeline → LeaderPublisher ─┬─ PUBLISH streams:live ──► TransportBus ──► Hub ──► clients
//                                      └─ XADD streams:live:minute (final minute bars)
//   MinuteStreamConsumer (every worker): XREADGROUP → store write → XACK; XAUTOCLAIM what a dead
//   worker read and never acknowledged.
//
// One worker publishes at a time: the holder of a lease in Redis (FeedLease). The others run the
// same deterministic simulated feed (same seed, start and anchor) as hot standbys, so that the
// one which takes the lease over holds the minute in progress; the final minute bars they saw
// while standing by are kept a few minutes and go to the stream when they take over (store
// writes are upserts: a bar written twice is one bar).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "cache/pubsub.h"
#include "cache/redis/connection.h"
#include "cache/redis/redis_buffer.h"
#include "live/bus.h"
#include "live/wire.h"
#include "store/store.h"

namespace streams::app {

// live::MessageTransport over the cache module's pub/sub.
class PubSubTransport final : public live::MessageTransport {
 public:
  explicit PubSubTransport(cache::PubSub& pubsub) : pubsub_(pubsub) {}
  Status publish(std::string_view channel, std::string_view message) override;
  std::shared_ptr<void> subscribe(std::string channel, std::function<void(std::string_view)> callback) override;

 private:
  cache::PubSub& pubsub_;
};

// A lease in Redis: SET key id NX PX ttl to take it, a compare-and-PEXPIRE script to keep it. A
// thread renews it every ttl/3; held() is true only while the last renewal is less than ttl/2 old,
// so a holder cut off from Redis stops publishing before another worker can take over.
class FeedLease {
 public:
  FeedLease(std::shared_ptr<cache::RedisConnection> connection, std::string key, std::string holder,
            std::chrono::milliseconds ttl);
  ~FeedLease();
  FeedLease(const FeedLease&) = delete;
  FeedLease& operator=(const FeedLease&) = delete;

  [[nodiscard]] bool held() const;
  [[nodiscard]] const std::string& holder() const { return holder_; }

 private:
  void run();
  bool try_hold();

  std::shared_ptr<cache::RedisConnection> connection_;
  std::string key_;
  std::string holder_;
  std::chrono::milliseconds ttl_;
  std::atomic<std::int64_t> held_until_ms_{0};  // steady clock
  bool was_held_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

struct PublisherStats {
  std::uint64_t batches = 0;         // published (as the lease holder)
  std::uint64_t minute_entries = 0;  // stream entries appended
  std::uint64_t standby_batches = 0;
};

// The pipeline's bus in a worker: while the lease is held, every batch goes to the fan-out bus
// and its final minute bars to the minute stream; otherwise nothing leaves the process but the
// final minute bars are remembered (`backlog`) and appended once the lease is taken.
class LeaderPublisher final : public live::Bus {
 public:
  LeaderPublisher(FeedLease& lease, live::Bus& fanout, cache::IngestBuffer& minutes,
                  std::chrono::minutes backlog = std::chrono::minutes(5));
  Status publish(const live::LiveBatch& batch) override;
  // Subscribers see what this worker publishes as the holder (not what it computes standing by).
  std::unique_ptr<live::BusSubscription> subscribe(live::BusHandler handler) override;
  [[nodiscard]] PublisherStats stats() const;

 private:
  Status append(std::vector<live::LiveBar> bars);

  FeedLease& lease_;
  live::Bus& fanout_;
  cache::IngestBuffer& minutes_;
  std::chrono::minutes backlog_span_;
  mutable std::mutex mutex_;
  std::deque<live::LiveBar> backlog_;
  PublisherStats stats_;
};

struct ConsumerStats {
  std::uint64_t entries = 0;    // acknowledged
  std::uint64_t bars = 0;       // written
  std::uint64_t reclaimed = 0;  // taken over from other consumers
  std::uint64_t failures = 0;
};

// Every worker: reads the minute stream as `consumer` of the group, writes the bars to the store
// every `flush` (one transaction), acknowledges after the commit; every few seconds claims
// entries left pending longer than `min_idle` by a consumer that stopped.
class MinuteStreamConsumer {
 public:
  MinuteStreamConsumer(cache::IngestBuffer& minutes, store::Store& store, std::string consumer,
                       std::chrono::milliseconds flush = std::chrono::milliseconds(1000),
                       std::chrono::milliseconds min_idle = std::chrono::milliseconds(5000));
  ~MinuteStreamConsumer();  // writes and acknowledges what it holds, then stops
  MinuteStreamConsumer(const MinuteStreamConsumer&) = delete;
  MinuteStreamConsumer& operator=(const MinuteStreamConsumer&) = delete;
  [[nodiscard]] ConsumerStats stats() const;

 private:
  void run();
  bool write(std::vector<cache::BufferEntry>& held);

  cache::IngestBuffer& minutes_;
  store::Store& store_;
  std::string consumer_;
  std::chrono::milliseconds flush_;
  std::chrono::milliseconds min_idle_;
  mutable std::mutex mutex_;
  ConsumerStats stats_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// The Redis names of the live path.
struct LiveRedisKeys {
  static constexpr const char* fanout_channel = "streams:live";
  static constexpr const char* minute_stream = "streams:live:minute";
  static constexpr const char* minute_group = "minute-writers";
  static constexpr const char* feed_lease = "streams:live:feed-lease";
};

// "host:pid": a consumer / lease holder name unique to this process.
std::string process_identity();

}  // namespace streams::app
