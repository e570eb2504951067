#include "analytics/indicators/rsi.h"

#include "analytics/indicators/detail.h"
#include "analytics/indicators/wilder.h"

namespace streams::analytics {
namespace {

template <class Value>
Result<OutRange> gain_loss_oscillator(std::string_view name, std::span<const double> in, int timeperiod,
                                      std::span<double> out, Value value) {
  if (auto s = detail::check_int(name, "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths(name, {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(timeperiod);
  if (n <= lookback) return OutRange{};
  // in[i] is read before out[i] is written and never again: alias-safe.
  detail::WilderGainLoss state(timeperiod);
  for (std::size_t i = 0; i < lookback; ++i) state.push(in[i]);
  for (std::size_t i = lookback; i < n; ++i) {
    state.push(in[i]);
    out[i] = value(state.gain(), state.loss());
  }
  return detail::written(lookback, n);
}

}  // namespace

int rsi_lookback(int timeperiod) { return timeperiod; }
int cmo_lookback(int timeperiod) { return timeperiod; }

Result<OutRange> rsi(std::span<const double> in, int timeperiod, std::span<double> out) {
  return gain_loss_oscillator("rsi", in, timeperiod, out, detail::rsi_value);
}

Result<OutRange> cmo(std::span<const double> in, int timeperiod, std::span<double> out) {
  return gain_loss_oscillator("cmo", in, timeperiod, out, detail::cmo_value);
}

}  // namespace streams::analytics
