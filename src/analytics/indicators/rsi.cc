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
  double prev = in[lookback];  // read before out[lookback] may overwrite it
  state.push(prev);            // the seed
  out[lookback] = value(state.gain(), state.loss());
  // The smoothing of WilderGainLoss::smooth, on locals so nothing round-trips through memory.
  const double keep = state.keep();
  const double weight = state.weight();
  double gain = state.gain();
  double loss = state.loss();
  const double* x = in.data();
  double* y = out.data();
  for (std::size_t i = lookback + 1; i < n; ++i) {
    const double diff = x[i] - prev;
    prev = x[i];
    using Wilder = detail::WilderGainLoss;
    loss = Wilder::step(loss, Wilder::down(diff), keep, weight);
    gain = Wilder::step(gain, Wilder::up(diff), keep, weight);
    y[i] = value(gain, loss);
  }
  return detail::written(lookback, n);
}

}  // namespace

int rsi_lookback(int timeperiod) { return timeperiod; }
int cmo_lookback(int timeperiod) { return timeperiod; }

Result<OutRange> rsi(std::span<const double> in, int timeperiod, std::span<double> out) {
  return gain_loss_oscillator("rsi", in, timeperiod, out, [](double g, double l) { return detail::rsi_value(g, l); });
}

Result<OutRange> cmo(std::span<const double> in, int timeperiod, std::span<double> out) {
  return gain_loss_oscillator("cmo", in, timeperiod, out, [](double g, double l) { return detail::cmo_value(g, l); });
}

}  // namespace streams::analytics
