#pragma once
// The live path as `serve` and `stream` run it: feed (simulated, or polygon.io's WebSocket:
// live_feed.h) → pipeline → bus → minute-bar writer (store) and, in `serve`, the hub. In process by
// default; with Redis the bus, the minute bars and the choice of the publishing worker go through
// Redis (app/live_redis.h), so that any number of `serve` and `stream` processes share one feed.

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "live/bar_writer.h"
#include "live/bus.h"
#include "live/hub.h"
#include "live/pipeline.h"
#include "live/wire.h"
#include "store/store.h"

namespace streams::cache {
class RedisConnection;
class RedisPubSub;
class RedisIngestBuffer;
}  // namespace streams::cache

namespace streams::app {

struct LiveFlags {
  bool disabled = false;         // serve --no-live
  std::uint64_t seed = 1;        // simulated feed: same seed, same prices
  double trades_per_second = 4;  // simulated feed: per symbol, in feed time
  double replay_speed = 10;      // simulated feed outside NYSE hours
  std::size_t max_symbols = 1000;
  int step_ms = 5;               // pipeline step: the batching delay of a tick
  int heartbeat_ms = 5000;
  bool persist = true;           // minute bars to the store
  std::string start;             // --live-start: pretend the feed starts at this instant (tests, demos)
  std::string anchor;            // --live-anchor: the real instant at which the feed is at `start` (default: now)
  bool feed = true;              // serve --no-live-feed (with Redis): only show what the workers publish
  // Which feed (app/live_feed.h): --feed simulated|polygon (STREAMS_LIVE_FEED), polygon's options.
  std::string source = "simulated";
  std::string polygon_ws_url = "wss://socket.polygon.io/stocks";  // --polygon-ws-url, STREAMS_POLYGON_WS_URL
  std::vector<std::string> polygon_symbols;                       // --polygon-symbols; default: the stored ones
  std::string polygon_channels = "T";                             // --polygon-channels T,Q,A,AM
  int polygon_lateness_ms = 1000;                                 // --polygon-lateness-ms
  std::string polygon_api_key;                                    // from Config (with_config), never logged
  std::filesystem::path ca_file;                                  // from Config: [sources] ca_file
};

// Adds --live-seed, --live-rate, --live-speed, --live-symbols, --live-start, --live-anchor,
// --no-live-persist (and, for serve, --no-live and --no-live-feed) to a subcommand.
void add_live_options(CLI::App& command, LiveFlags& flags, bool serve);

class FeedLease;
class LeaderPublisher;
class MinuteStreamConsumer;
class PubSubTransport;

class LiveRuntime {
 public:
  // Calibrates the simulated feed on `store`, starts the writer (when persisting), the hub (when
  // `with_hub`) and the pipeline. With `redis`: the hub listens to the Redis bus, and the feed
  // (unless flags.feed is off) runs as a worker competing for the feed lease, its minute bars
  // going through the Redis stream that every worker writes to the store.
  static Result<std::unique_ptr<LiveRuntime>> start(store::Store& store, const LiveFlags& flags, bool with_hub,
                                                    std::shared_ptr<cache::RedisConnection> redis = nullptr);
  ~LiveRuntime();

  [[nodiscard]] live::Hub* hub() { return hub_.get(); }
  [[nodiscard]] const live::Pipeline* pipeline() const { return pipeline_.get(); }
  [[nodiscard]] const live::MinuteBarWriter* writer() const { return writer_.get(); }
  // Why the feed gave up for good (polygon: auth_failed, max_connections); "" otherwise.
  [[nodiscard]] std::string feed_failure() const { return feed_failure_ ? feed_failure_() : std::string(); }
  // With Redis (null otherwise).
  [[nodiscard]] const LeaderPublisher* publisher() const { return publisher_.get(); }
  [[nodiscard]] const MinuteStreamConsumer* consumer() const { return consumer_.get(); }

 private:
  LiveRuntime() = default;
  live::InProcessBus bus_;
  // With Redis: the fan-out over pub/sub, the minute stream, the lease, the consumer.
  std::unique_ptr<cache::RedisPubSub> pubsub_;
  std::unique_ptr<PubSubTransport> transport_;
  std::unique_ptr<live::TransportBus> fanout_;
  std::unique_ptr<cache::RedisIngestBuffer> minutes_;
  std::unique_ptr<FeedLease> lease_;
  std::unique_ptr<LeaderPublisher> publisher_;
  std::unique_ptr<MinuteStreamConsumer> consumer_;
  std::unique_ptr<live::MinuteBarWriter> writer_;
  std::unique_ptr<live::BusSubscription> writer_subscription_;
  std::unique_ptr<live::Hub> hub_;
  std::unique_ptr<live::Pipeline> pipeline_;
  std::function<std::string()> feed_failure_;
};

}  // namespace streams::app
