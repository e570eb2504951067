// The typed streaming states (analytics/indicators/streaming_indicators.h) behind LiveIndicator.
// Kept apart from indicators.cc: streaming.h's class and streaming_state.h's concept share the
// name StreamingIndicator, so one translation unit cannot include both.
#include <array>
#include <cmath>
#include <limits>

#include "analytics/indicators/streaming_indicators.h"
#include "live/errc.h"
#include "live/indicators.h"

namespace streams::live::detail {
namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

void write(const double& v, std::array<double, 3>& out) { out[0] = v; }
void write(const analytics::StochOutput& v, std::array<double, 3>& out) {
  out[0] = v.k;
  out[1] = v.d;
}
void write(const analytics::detail::MacdValues& v, std::array<double, 3>& out) {
  out[0] = v.macd;
  out[1] = v.signal;
  out[2] = v.hist;
}

template <class S, std::size_t N>
class TypedIndicator final : public LiveIndicator {
 public:
  explicit TypedIndicator(S state) : state_(std::move(state)) {}
  std::span<const double> update(const IndicatorBar& b) override {
    auto value = state_.update(analytics::BarInput{b.open, b.high, b.low, b.close, b.volume});
    if (value) {
      write(*value, out_);
    } else {
      out_.fill(nan_value);
    }
    return std::span<const double>(out_.data(), N);
  }

 private:
  S state_;
  std::array<double, 3> out_{};
};

template <std::size_t N, class S>
Result<std::unique_ptr<LiveIndicator>> wrap(Result<S> state) {
  if (!state) return make_error(errc::bad_indicator, state.error().message);
  return std::unique_ptr<LiveIndicator>(std::make_unique<TypedIndicator<S, N>>(std::move(*state)));
}

int as_int(double v) { return static_cast<int>(v); }
analytics::MaType as_ma(double v) { return static_cast<analytics::MaType>(static_cast<int>(v)); }

}  // namespace

Result<std::unique_ptr<LiveIndicator>> make_typed_indicator(std::string_view name, std::span<const double> p) {
  using namespace analytics;
  const auto at = [&](std::size_t i) { return i < p.size() ? p[i] : 0.0; };
  if (name == "rsi") return wrap<1>(RsiState::create(as_int(at(0))));
  if (name == "stoch") {
    return wrap<2>(StochState::create(as_int(at(0)), as_int(at(1)), as_ma(at(2)), as_int(at(3)), as_ma(at(4))));
  }
  if (name == "stochf") return wrap<2>(StochfState::create(as_int(at(0)), as_int(at(1)), as_ma(at(2))));
  if (name == "stochrsi") {
    return wrap<2>(StochRsiState::create(as_int(at(0)), as_int(at(1)), as_int(at(2)), as_ma(at(3))));
  }
  if (name == "macd") return wrap<3>(MacdState::create(as_int(at(0)), as_int(at(1)), as_int(at(2))));
  if (name == "atr") return wrap<1>(AtrState::create(as_int(at(0))));
  if (name == "natr") return wrap<1>(NatrState::create(as_int(at(0))));
  if (name == "trange") return wrap<1>(TrangeState::create());
  if (name == "adx") return wrap<1>(AdxState::create(as_int(at(0))));
  if (name == "cci") return wrap<1>(CciState::create(as_int(at(0))));
  if (name == "willr") return wrap<1>(WillrState::create(as_int(at(0))));
  if (name == "mfi") return wrap<1>(MfiState::create(as_int(at(0))));
  if (name == "obv") return wrap<1>(ObvState::create());
  if (name == "ad") return wrap<1>(AdState::create());
  if (name == "adosc") return wrap<1>(AdoscState::create(as_int(at(0)), as_int(at(1))));
  if (name == "roc") return wrap<1>(RocState::create(as_int(at(0))));
  if (name == "mom") return wrap<1>(MomState::create(as_int(at(0))));
  return make_error(errc::bad_indicator, "'" + std::string(name) + "' has no streaming form");
}

}  // namespace streams::live::detail
