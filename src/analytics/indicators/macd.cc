#include "analytics/indicators/macd.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "analytics/indicators/detail.h"
#include "analytics/indicators/ma.h"
#include "analytics/indicators/macd_core.h"

namespace streams::analytics {
namespace {

double per_to_k(int period) { return 2.0 / (static_cast<double>(period) + 1.0); }

Result<OutRange> run_macd(std::string_view name, std::span<const double> in, int fast, double fast_k, int slow,
                          double slow_k, int signal, std::span<double> macd_out, std::span<double> signal_out,
                          std::span<double> hist_out) {
  if (auto s = detail::check_lengths(name, {in.size()}, {macd_out.size(), signal_out.size(), hist_out.size()}); !s) {
    return s.error();
  }
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>((slow - 1) + (signal - 1));
  if (n <= lookback) return OutRange{};
  // in[i] is read before any output at i is written, and never again: alias-safe.
  detail::MacdCore core(fast, fast_k, slow, slow_k, signal);
  detail::MacdValues v;
  for (std::size_t i = 0; i < n; ++i) {
    if (!core.push(in[i], v)) continue;
    macd_out[i] = v.macd;
    signal_out[i] = v.signal;
    hist_out[i] = v.hist;
  }
  return detail::written(lookback, n);
}

Status check_fast_slow(std::string_view name, int fast, int slow) {
  if (auto s = detail::check_int(name, "fastperiod", fast, 2, detail::max_period); !s) return s;
  return detail::check_int(name, "slowperiod", slow, 2, detail::max_period);
}

// The MA of `period`/`type` whose first output lands on row `first` (TA-Lib's TA_MA started at
// startIdx = first: computed as if the data began lookback rows before it).
Status ma_from(std::span<const double> in, int period, MaType type, std::size_t first, std::span<double> out) {
  const auto lb = static_cast<std::size_t>(ma_lookback(period, type));
  const std::size_t offset = first - lb;
  auto r = ma(in.subspan(offset), period, type, out.subspan(offset));
  if (!r) return r.error();
  return {};
}

}  // namespace

int macd_lookback(int fastperiod, int slowperiod, int signalperiod) {
  return (std::max(fastperiod, slowperiod) - 1) + (signalperiod - 1);
}

Result<OutRange> macd(std::span<const double> in, int fastperiod, int slowperiod, int signalperiod,
                      std::span<double> macd_out, std::span<double> signal_out, std::span<double> hist_out) {
  if (auto s = check_fast_slow("macd", fastperiod, slowperiod); !s) return s.error();
  if (auto s = detail::check_int("macd", "signalperiod", signalperiod, 1, detail::max_period); !s) return s.error();
  if (slowperiod < fastperiod) std::swap(slowperiod, fastperiod);
  return run_macd("macd", in, fastperiod, per_to_k(fastperiod), slowperiod, per_to_k(slowperiod), signalperiod,
                  macd_out, signal_out, hist_out);
}

int macdfix_lookback(int signalperiod) { return macd_lookback(12, 26, signalperiod); }

Result<OutRange> macdfix(std::span<const double> in, int signalperiod, std::span<double> macd_out,
                         std::span<double> signal_out, std::span<double> hist_out) {
  if (auto s = detail::check_int("macdfix", "signalperiod", signalperiod, 1, detail::max_period); !s) {
    return s.error();
  }
  return run_macd("macdfix", in, 12, 0.15, 26, 0.075, signalperiod, macd_out, signal_out, hist_out);
}

int macdext_lookback(int fastperiod, MaType fastmatype, int slowperiod, MaType slowmatype, int signalperiod,
                     MaType signalmatype) {
  return std::max(ma_lookback(fastperiod, fastmatype), ma_lookback(slowperiod, slowmatype)) +
         ma_lookback(signalperiod, signalmatype);
}

Result<OutRange> macdext(std::span<const double> in, int fastperiod, MaType fastmatype, int slowperiod,
                         MaType slowmatype, int signalperiod, MaType signalmatype, std::span<double> macd_out,
                         std::span<double> signal_out, std::span<double> hist_out) {
  if (auto s = check_fast_slow("macdext", fastperiod, slowperiod); !s) return s.error();
  if (auto s = detail::check_int("macdext", "signalperiod", signalperiod, 1, detail::max_period); !s) {
    return s.error();
  }
  for (const auto& [param, type] : {std::pair{"fastmatype", fastmatype}, std::pair{"slowmatype", slowmatype},
                                    std::pair{"signalmatype", signalmatype}}) {
    if (auto s = detail::check_int("macdext", param, static_cast<int>(type), 0, 8); !s) return s.error();
  }
  if (auto s = detail::check_lengths("macdext", {in.size()}, {macd_out.size(), signal_out.size(), hist_out.size()});
      !s) {
    return s.error();
  }
  if (slowperiod < fastperiod) {
    std::swap(slowperiod, fastperiod);
    std::swap(slowmatype, fastmatype);
  }
  const std::size_t n = in.size();
  const auto largest = static_cast<std::size_t>(
      std::max(ma_lookback(fastperiod, fastmatype), ma_lookback(slowperiod, slowmatype)));
  const auto lookback = largest + static_cast<std::size_t>(ma_lookback(signalperiod, signalmatype));
  if (n <= lookback) return OutRange{};
  std::vector<double> fast(n, nan);
  std::vector<double> line(n, nan);
  if (auto s = ma_from(in, fastperiod, fastmatype, largest, fast); !s) return s.error();
  if (auto s = ma_from(in, slowperiod, slowmatype, largest, line); !s) return s.error();
  for (std::size_t i = largest; i < n; ++i) line[i] = fast[i] - line[i];
  std::vector<double>& signal = fast;  // reused
  std::fill(signal.begin(), signal.end(), nan);
  if (auto s = ma_from(line, signalperiod, signalmatype, lookback, signal); !s) return s.error();
  for (std::size_t i = lookback; i < n; ++i) {
    macd_out[i] = line[i];
    signal_out[i] = signal[i];
    hist_out[i] = line[i] - signal[i];
  }
  return detail::written(lookback, n);
}

namespace {

enum class Po { absolute, percentage };

Result<OutRange> price_oscillator(std::string_view name, Po kind, std::span<const double> in, int fastperiod,
                                  int slowperiod, MaType matype, std::span<double> out) {
  if (auto s = check_fast_slow(name, fastperiod, slowperiod); !s) return s.error();
  if (auto s = detail::check_int(name, "matype", static_cast<int>(matype), 0, 8); !s) return s.error();
  if (auto s = detail::check_lengths(name, {in.size()}, {out.size()}); !s) return s.error();
  if (slowperiod < fastperiod) std::swap(slowperiod, fastperiod);
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(ma_lookback(slowperiod, matype));
  if (n <= lookback) return OutRange{};
  std::vector<double> fast(n, nan);
  std::vector<double> slow(n, nan);
  // Unlike MACD, both averages run from row 0 (TA-Lib calls TA_MA from the caller's start, so
  // the fast EMA is seeded on the first fastperiod rows, not realigned on the slow one).
  if (auto r = ma(in, fastperiod, matype, fast); !r) return r.error();
  if (auto r = ma(in, slowperiod, matype, slow); !r) return r.error();
  for (std::size_t i = lookback; i < n; ++i) {
    if (kind == Po::absolute) {
      out[i] = fast[i] - slow[i];
    } else {
      out[i] = detail::is_zero(slow[i]) ? 0.0 : ((fast[i] - slow[i]) / slow[i]) * 100.0;
    }
  }
  return detail::written(lookback, n);
}

}  // namespace

int apo_lookback(int fastperiod, int slowperiod, MaType matype) {
  return ma_lookback(std::max(fastperiod, slowperiod), matype);
}
int ppo_lookback(int fastperiod, int slowperiod, MaType matype) { return apo_lookback(fastperiod, slowperiod, matype); }

Result<OutRange> apo(std::span<const double> in, int fastperiod, int slowperiod, MaType matype,
                     std::span<double> out) {
  return price_oscillator("apo", Po::absolute, in, fastperiod, slowperiod, matype, out);
}

Result<OutRange> ppo(std::span<const double> in, int fastperiod, int slowperiod, MaType matype,
                     std::span<double> out) {
  return price_oscillator("ppo", Po::percentage, in, fastperiod, slowperiod, matype, out);
}

}  // namespace streams::analytics
