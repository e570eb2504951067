#include "app/live_runtime.h"

#include "app/live_feed.h"
#include "app/live_redis.h"
#include "cache/redis/redis_buffer.h"
#include "cache/redis/redis_pubsub.h"
#include "core/errc.h"
#include "core/log.h"

namespace streams::app {

void add_live_options(CLI::App& command, LiveFlags& flags, bool serve) {
  if (serve) {
    command.add_flag("--no-live", flags.disabled, "no live feed and no GET /api/v1/live in this process");
    command.add_flag("--no-live-feed", [&flags](std::int64_t) { flags.feed = false; },
                     "with Redis: run no feed here, only show what `streams stream` workers publish");
  }
  command.add_option("--live-seed", flags.seed, "simulated feed: random seed (default 1)");
  command.add_option("--live-rate", flags.trades_per_second, "simulated feed: trades per second per symbol (default 4)")
      ->check(CLI::Range(0.01, 100000.0));
  command.add_option("--live-speed", flags.replay_speed,
                     "simulated feed: replay speed outside NYSE trading hours (default 10)")
      ->check(CLI::Range(1.0, 1000.0));
  command.add_option("--live-symbols", flags.max_symbols, "simulated feed: at most this many symbols (default 1000)")
      ->check(CLI::Range(1, 100000));
  command.add_option("--live-heartbeat-ms", flags.heartbeat_ms, "live WebSocket heartbeat period (default 5000)")
      ->check(CLI::Range(50, 600000));
  command.add_option("--live-start", flags.start,
                     "simulated feed: run as if started at this ISO instant (e.g. 2024-03-02T12:00:00Z: a replay of "
                     "2024-03-01), for tests and demos");
  command.add_option("--live-anchor", flags.anchor,
                     "simulated feed: the real ISO instant at which the feed was at --live-start (default: now); "
                     "workers given the same seed, start and anchor produce the same trades (hot standbys)");
  command.add_option("--feed", flags.source,
                     "live feed: simulated (default) or polygon (polygon.io's WebSocket; needs POLYGON_API_KEY)")
      ->check(CLI::IsMember({"simulated", "polygon"}))
      ->envname("STREAMS_LIVE_FEED");
  command.add_option("--polygon-ws-url", flags.polygon_ws_url,
                     "polygon feed: WebSocket URL (default wss://socket.polygon.io/stocks)")
      ->envname("STREAMS_POLYGON_WS_URL");
  command.add_option("--polygon-symbols", flags.polygon_symbols,
                     "polygon feed: symbols to subscribe to (default: the stored ones, at most --live-symbols)")
      ->delimiter(',');
  command.add_option("--polygon-channels", flags.polygon_channels,
                     "polygon feed: channels, any of T,Q,A,AM (default T: the trades the bars are built from)");
  command.add_option("--polygon-lateness-ms", flags.polygon_lateness_ms,
                     "polygon feed: how long a bar waits for trades stamped in it after it ends (default 1000)")
      ->check(CLI::Range(0, 60000));
  command.add_flag("--no-live-persist", [&flags](std::int64_t) { flags.persist = false; },
                   "do not store the live minute bars");
}

Result<std::unique_ptr<LiveRuntime>> LiveRuntime::start(store::Store& store, const LiveFlags& flags, bool with_hub,
                                                        std::shared_ptr<cache::RedisConnection> redis) {
  std::unique_ptr<LiveRuntime> runtime(new LiveRuntime());
  live::Bus* bus = &runtime->bus_;
  if (redis) {
    runtime->pubsub_ = std::make_unique<cache::RedisPubSub>(redis, redis->options());
    runtime->transport_ = std::make_unique<PubSubTransport>(*runtime->pubsub_);
    runtime->fanout_ = std::make_unique<live::TransportBus>(*runtime->transport_, LiveRedisKeys::fanout_channel);
    bus = runtime->fanout_.get();
    log::info("live: bus on redis {} (channel {}, minute bars through stream {})", redis->options().url.redacted(),
              LiveRedisKeys::fanout_channel, LiveRedisKeys::minute_stream);
  }
  if (with_hub) {
    live::HubOptions options;
    options.heartbeat = std::chrono::milliseconds(flags.heartbeat_ms);
    runtime->hub_ = std::make_unique<live::Hub>(*bus, options);
  }
  if (redis && !flags.feed) {
    log::info("live: no feed in this process (--no-live-feed): showing what the workers publish");
    return runtime;
  }

  const Timestamp now = live::system_now();
  Timestamp anchor = now;
  if (!flags.anchor.empty()) {
    auto parsed = Timestamp::parse(flags.anchor);
    if (!parsed) return make_error(core::errc::invalid_argument, "--live-anchor: " + parsed.error().message);
    if (parsed->millis() > now.millis()) return make_error(core::errc::invalid_argument, "--live-anchor is in the future");
    anchor = *parsed;
  }
  // Without --live-start the feed starts (in real time) at the anchor: now, or the shared instant.
  Timestamp real_start = anchor;
  if (!flags.start.empty()) {
    auto parsed = Timestamp::parse(flags.start);
    if (!parsed) return make_error(core::errc::invalid_argument, "--live-start: " + parsed.error().message);
    real_start = *parsed;
  }
  // The feed's idea of "now": the real clock, shifted so that it was at real_start at `anchor`.
  const std::int64_t shift = anchor.millis() - real_start.millis();
  std::function<Timestamp()> clock = [shift] { return Timestamp::from_millis(live::system_now().millis() - shift); };
  auto made = make_feed(store, flags, real_start);
  if (!made) return made.error();
  auto feed = std::move(made->feed);
  runtime->feed_failure_ = std::move(made->failure);
  if (redis) {
    const std::string me = process_identity();
    cache::IngestBufferOptions stream;
    stream.stream = LiveRedisKeys::minute_stream;
    stream.group = LiveRedisKeys::minute_group;
    stream.max_wait = std::chrono::seconds(2);  // the pipeline's thread: bars stay in the backlog meanwhile
    runtime->minutes_ = std::make_unique<cache::RedisIngestBuffer>(redis->options(), stream);
    runtime->lease_ = std::make_unique<FeedLease>(redis, LiveRedisKeys::feed_lease, me, std::chrono::seconds(3));
    runtime->publisher_ = std::make_unique<LeaderPublisher>(*runtime->lease_, *runtime->fanout_, *runtime->minutes_);
    bus = runtime->publisher_.get();
    if (flags.persist) runtime->consumer_ = std::make_unique<MinuteStreamConsumer>(*runtime->minutes_, store, me);
    log::info("live: worker {} ({})", me, runtime->lease_->held() ? "holds the feed lease" : "standing by");
  } else if (flags.persist) {
    runtime->writer_ = std::make_unique<live::MinuteBarWriter>(store);
    live::MinuteBarWriter* writer = runtime->writer_.get();
    runtime->writer_subscription_ = runtime->bus_.subscribe([writer](const live::LiveBatch& batch) {
      if (!batch.bars.empty()) writer->add(batch.bars);
    });
  }
  // The feed's status reaches the hub before the server answers a first client (the pipeline's
  // own first status may come a step later on a busy machine).
  live::LiveBatch opening;
  opening.status = feed->status();
  (void)bus->publish(opening);
  runtime->pipeline_ = std::make_unique<live::Pipeline>(
      std::move(feed), *bus, live::PipelineOptions{std::chrono::milliseconds(flags.step_ms), std::move(clock)});
  runtime->pipeline_->start();
  return runtime;
}

LiveRuntime::~LiveRuntime() {
  if (pipeline_) pipeline_->stop();
  pipeline_.reset();
  hub_.reset();
  consumer_.reset();  // commits and acknowledges what it read
  publisher_.reset();
  lease_.reset();     // hands the lease over at once
  writer_subscription_.reset();
  writer_.reset();  // flushes the queued minute bars
}

}  // namespace streams::app
