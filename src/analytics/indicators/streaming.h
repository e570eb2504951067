#pragma once
// Streaming forms of the indicators a live chart uses: incremental states fed one bar at a time,
// O(1) amortised per bar, whose outputs equal the batch functions' outputs over the same bars
// (tested over whole real series in tests/streaming_test.cc).
//
// A StreamingIndicator is owned by one consumer (e.g. one live chart subscription) and is not
// thread-safe; create one per series with make_streaming().

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "core/result.h"

namespace streams::analytics {

struct StreamBar {
  std::int32_t session = 0;  // the exchange-local session date (days since epoch); VWAP resets on change
  double open = 0;
  double high = 0;
  double low = 0;
  double close = 0;
  double volume = 0;
};

class StreamingIndicator {
 public:
  virtual ~StreamingIndicator() = default;
  // Feeds the next bar and returns the outputs at that bar, one per output of the indicator's
  // registry spec, NaN while warming up: the values the batch function writes at the same index.
  // The span stays valid until the next call.
  virtual std::span<const double> update(const StreamBar& bar) = 0;
};

// Names make_streaming() accepts: registry names, plus "vwap" (session VWAP).
std::span<const std::string_view> streaming_indicator_names();

// The streaming state of `name` with `params` in the order and units of its registry spec
// (defaults filled in); single-series indicators read `close`. Errors name the parameter, or say
// that the indicator has no streaming form.
Result<std::unique_ptr<StreamingIndicator>> make_streaming(std::string_view name, std::span<const double> params);

// Batch session VWAP: Σ typical·volume / Σ volume since the session began (typical price when a
// session has no volume yet). `sessions` holds each bar's session date.
Status session_vwap(std::span<const std::int32_t> sessions, std::span<const double> high, std::span<const double> low,
                    std::span<const double> close, std::span<const double> volume, std::span<double> out);

}  // namespace streams::analytics
