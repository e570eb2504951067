#pragma once
// The live feed `serve` and `stream` run: the simulated one (the default) or polygon.io's
// real-time WebSocket (`--feed polygon`, which needs POLYGON_API_KEY or [polygon] api_key).
// A key alone does not switch feeds: it is also what `streams ingest polygon` uses, and polygon's
// real-time WebSocket needs a plan of its own — the log says how to switch when a key is set.

#include <functional>
#include <memory>
#include <string>

#include "app/config.h"
#include "app/live_runtime.h"
#include "core/result.h"
#include "live/feed.h"
#include "store/store.h"

namespace streams::app {

// The flags with what the configuration adds (the polygon key and the extra CA file).
LiveFlags with_config(LiveFlags flags, const Config& config);

struct MadeFeed {
  std::unique_ptr<live::Feed> feed;
  // Why the feed gave up for good ("" while it runs or retries); callable from any thread.
  std::function<std::string()> failure;
};

// `--feed simulated`: calibrated on the store's daily bars, started at `real_start` (--live-start).
// `--feed polygon`: the symbols of --polygon-symbols, or the stored ones (at most --live-symbols).
Result<MadeFeed> make_feed(store::Store& store, const LiveFlags& flags, Timestamp real_start);

}  // namespace streams::app
