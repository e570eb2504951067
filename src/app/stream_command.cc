// `streams stream`: the live ingestion worker on its own — feed → bus → minute bars into the
// store — until SIGINT/SIGTERM, --duration, or the feed failing for good (polygon's auth_failed or
// max_connections: exit status 1). With Redis configured its bus is shared with the
// `streams serve` instances and the other workers (one publishes, the others stand by; every
// worker writes the minute stream to the store: app/live_redis.h); without, it persists the
// minute bars itself.

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

#include "app/commands.h"
#include "app/live_feed.h"
#include "app/live_redis.h"
#include "app/live_runtime.h"
#include "app/redis_factory.h"
#include "app/store_factory.h"
#include "core/log.h"

namespace streams::app {
namespace {

std::atomic<bool> stop_requested{false};
extern "C" void on_stop_signal(int) { stop_requested.store(true); }

struct StreamFlags {
  LiveFlags live;
  double duration_s = 0;  // 0 = until signalled
};

int run_stream(const Config& config, const StreamFlags& flags) {
  log::info("streams stream: store {}", describe_store(config));
  auto opened = open_store(config);
  if (!opened) {
    log::error("cannot open the store: {}", opened.error().message);
    return 1;
  }
  auto redis = open_redis(config);
  if (!redis) {
    log::error("{}", redis.error().message);
    return 1;
  }
  auto runtime = LiveRuntime::start(**opened, with_config(flags.live, config), false, *redis);
  if (!runtime) {
    log::error("live feed: {}", runtime.error().message);
    return 1;
  }
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  const auto report = [&runtime] {
    const auto s = (*runtime)->pipeline()->stats();
    if (const auto* publisher = (*runtime)->publisher()) {
      const auto p = publisher->stats();
      const auto c = (*runtime)->consumer() ? (*runtime)->consumer()->stats() : ConsumerStats{};
      log::info("stream: {} trades, {} bars computed; {} batches published, {} standing by; {} minute bars stored, "
                "{} entries re-claimed",
                s.trades, s.bars, p.batches, p.standby_batches, c.bars, c.reclaimed);
    } else {
      const auto w = (*runtime)->writer() ? (*runtime)->writer()->stats() : live::BarWriterStats{};
      log::info("stream: {} trades, {} bars published; {} minute bars stored", s.trades, s.bars, w.written);
    }
  };
  const auto start = std::chrono::steady_clock::now();
  auto next_report = start + std::chrono::seconds(10);
  while (!stop_requested.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto now = std::chrono::steady_clock::now();
    if (flags.duration_s > 0 && now - start >= std::chrono::duration<double>(flags.duration_s)) break;
    if (const std::string failure = (*runtime)->feed_failure(); !failure.empty()) {
      runtime->reset();  // stores what arrived before the failure
      log::error("live feed failed for good: {}", failure);
      return 1;
    }
    if (now >= next_report) {
      next_report += std::chrono::seconds(10);
      report();
    }
  }
  report();
  const auto s = (*runtime)->pipeline()->stats();
  runtime->reset();  // stops the pipeline, flushes the writer / the consumer, hands the lease over
  log::info("streams stream stopped after {} trades and {} bars", s.trades, s.bars);
  return 0;
}

}  // namespace

void add_stream_command(CLI::App& app, Config& config) {
  auto flags = std::make_shared<StreamFlags>();
  CLI::App* stream = app.add_subcommand("stream", "live ingestion worker: feed → bus → store (minute bars)");
  add_store_options(*stream, config);
  add_live_options(*stream, flags->live, false);
  stream->add_option("--duration", flags->duration_s, "stop after this many seconds (default: until SIGINT/SIGTERM)")
      ->check(CLI::Range(0.0, 1e9));
  stream->callback([&config, flags] {
    const int code = run_stream(config, *flags);
    if (code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace streams::app
