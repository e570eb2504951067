#include "app/live_feed.h"

#include "core/errc.h"
#include "core/log.h"
#include "live/polygon/polygon_feed.h"
#include "live/simulated_feed.h"

namespace streams::app {

LiveFlags with_config(LiveFlags flags, const Config& config) {
  flags.polygon_api_key = config.polygon.api_key;
  flags.ca_file = config.ca_file;
  return flags;
}

namespace {

Result<MadeFeed> make_polygon_feed(store::Store& store, const LiveFlags& flags) {
  if (!flags.start.empty()) {
    return make_error(core::errc::invalid_argument, "--live-start is for the simulated feed, not polygon's real time");
  }
  live::PolygonFeedOptions options;
  options.url = flags.polygon_ws_url;
  options.api_key = flags.polygon_api_key;
  options.ca_file = flags.ca_file;
  options.lateness = std::chrono::milliseconds(flags.polygon_lateness_ms);
  auto channels = live::parse_polygon_channels(flags.polygon_channels);
  if (!channels) return make_error(core::errc::invalid_argument, "--polygon-channels: " + channels.error().message);
  options.channels = std::move(*channels);
  for (const std::string& text : flags.polygon_symbols) {
    auto symbol = Symbol::parse(text);
    if (!symbol) return make_error(core::errc::invalid_argument, "--polygon-symbols: " + symbol.error().message);
    options.symbols.push_back(*symbol);
  }
  if (options.symbols.empty()) {  // the stored symbols
    auto calibration = live::calibrate(store, flags.max_symbols);
    if (!calibration) return calibration.error();
    for (const auto& c : *calibration) options.symbols.push_back(c.symbol);
  }
  auto feed = live::PolygonFeed::start(std::move(options));
  if (!feed) return feed.error();
  live::PolygonFeed* raw = feed->get();
  return MadeFeed{std::move(*feed), [raw] { return raw->failure(); }};
}

}  // namespace

Result<MadeFeed> make_feed(store::Store& store, const LiveFlags& flags, Timestamp real_start) {
  if (flags.source == "polygon") return make_polygon_feed(store, flags);
  if (flags.source != "simulated") {
    return make_error(core::errc::invalid_argument, "--feed: expected simulated or polygon, not '" + flags.source + "'");
  }
  if (!flags.polygon_api_key.empty()) {
    log::info(
        "live: a polygon.io key is configured; pass --feed polygon (or STREAMS_LIVE_FEED=polygon) for its "
        "real-time WebSocket");
  }
  auto calibration = live::calibrate(store, flags.max_symbols);
  if (!calibration) return calibration.error();
  if (calibration->empty()) {
    return make_error(core::errc::not_found, "no symbols with daily bars in the store to simulate");
  }
  const std::size_t symbols = calibration->size();
  auto feed = std::make_unique<live::SimulatedFeed>(std::move(*calibration),
                                                    live::SimulationOptions{flags.seed, flags.trades_per_second},
                                                    flags.replay_speed, real_start);
  log::info("live: simulated feed, {} symbols, {} mode ({}× outside NYSE hours), seed {}", symbols, feed->status().mode,
            flags.replay_speed, flags.seed);
  return MadeFeed{std::move(feed), [] { return std::string(); }};
}

}  // namespace streams::app
