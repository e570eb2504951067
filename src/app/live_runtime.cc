#include "app/live_runtime.h"

#include "app/live_feed.h"

#include "core/errc.h"
#include "core/log.h"

namespace streams::app {

void add_live_options(CLI::App& command, LiveFlags& flags, bool serve) {
  if (serve) command.add_flag("--no-live", flags.disabled, "do not run the live feed in this process");
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
  command.add_option("--feed", flags.feed,
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

Result<std::unique_ptr<LiveRuntime>> LiveRuntime::start(store::Store& store, const LiveFlags& flags, bool with_hub) {
  Timestamp real_start = live::system_now();
  if (!flags.start.empty()) {
    auto parsed = Timestamp::parse(flags.start);
    if (!parsed) return make_error(core::errc::invalid_argument, "--live-start: " + parsed.error().message);
    real_start = *parsed;
  }
  // The feed's idea of "now": the real clock, shifted so that it started at real_start.
  const std::int64_t shift = live::system_now().millis() - real_start.millis();
  std::function<Timestamp()> clock = [shift] { return Timestamp::from_millis(live::system_now().millis() - shift); };
  std::unique_ptr<LiveRuntime> runtime(new LiveRuntime());
  auto made = make_feed(store, flags, real_start);
  if (!made) return made.error();
  auto feed = std::move(made->feed);
  runtime->feed_failure_ = std::move(made->failure);
  if (flags.persist) {
    runtime->writer_ = std::make_unique<live::MinuteBarWriter>(store);
    live::MinuteBarWriter* writer = runtime->writer_.get();
    runtime->writer_subscription_ = runtime->bus_.subscribe([writer](const live::LiveBatch& batch) {
      if (!batch.bars.empty()) writer->add(batch.bars);
    });
  }
  if (with_hub) {
    live::HubOptions options;
    options.heartbeat = std::chrono::milliseconds(flags.heartbeat_ms);
    runtime->hub_ = std::make_unique<live::Hub>(runtime->bus_, options);
  }
  runtime->pipeline_ = std::make_unique<live::Pipeline>(
      std::move(feed), runtime->bus_, live::PipelineOptions{std::chrono::milliseconds(flags.step_ms), std::move(clock)});
  runtime->pipeline_->start();
  return runtime;
}

LiveRuntime::~LiveRuntime() {
  if (pipeline_) pipeline_->stop();
  hub_.reset();
  writer_subscription_.reset();
  writer_.reset();  // flushes the queued minute bars
}

}  // namespace streams::app
