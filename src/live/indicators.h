#pragma once
// Streaming indicators for live bars, from a SPEC of the analyze grammar ("rsi(timeperiod=14)"):
// TA-Lib's parameter names, defaults and ranges come from the indicator registry; the state is
// the analytics module's streaming form — make_streaming() (overlap studies, vwap) or the typed
// states of streaming_indicators.h (rsi, stoch, stochf, stochrsi, macd, atr, natr, trange, adx,
// cci, willr, mfi, obv, ad, adosc, roc, mom). Outputs are named as the registry names them.
//
// A LiveIndicator is owned by one series of the hub; not thread-safe.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace streams::live {

struct IndicatorBar {
  std::int32_t session = 0;  // exchange-local session date (days since epoch): VWAP resets on change
  double open = 0;
  double high = 0;
  double low = 0;
  double close = 0;
  double volume = 0;
};

class LiveIndicator {
 public:
  virtual ~LiveIndicator() = default;
  // The outputs at this bar (NaN during the warm-up); valid until the next call.
  virtual std::span<const double> update(const IndicatorBar& bar) = 0;
};

struct IndicatorInstance {
  std::vector<std::string> outputs;
  std::unique_ptr<LiveIndicator> state;
};

Result<IndicatorInstance> make_live_indicator(std::string_view spec);

namespace detail {
// The typed states of streaming_indicators.h (indicators_typed.cc); errc::bad_indicator when
// `name` is not one of them. `params` in registry order, validated.
Result<std::unique_ptr<LiveIndicator>> make_typed_indicator(std::string_view name, std::span<const double> params);
}  // namespace detail

}  // namespace streams::live
