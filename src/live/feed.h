#pragma once
// Feed: a source of live trades polled by the pipeline (live/pipeline.h). Implementations: the
// simulated feed (simulated_feed.h) and polygon.io's WebSocket (polygon/polygon_feed.h).
//
// Owned and called by one pipeline thread.

#include <vector>

#include "live/tick.h"

namespace streams::live {

class Feed {
 public:
  virtual ~Feed() = default;
  Feed() = default;
  Feed(const Feed&) = delete;
  Feed& operator=(const Feed&) = delete;

  // Appends the trades that arrived up to real time `real_now` and returns the feed's time
  // (bars of intervals ending at or before it may be closed).
  virtual Timestamp poll(Timestamp real_now, std::vector<Trade>& trades) = 0;
  [[nodiscard]] virtual FeedStatus status() const = 0;
};

}  // namespace streams::live
