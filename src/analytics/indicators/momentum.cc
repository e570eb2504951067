#include "analytics/indicators/momentum.h"

#include <vector>

#include "analytics/indicators/detail.h"
#include "analytics/indicators/ema.h"
#include "analytics/indicators/input_guard.h"

namespace streams::analytics {
namespace {

// out[i] = f(in[i], in[i - p]) from row p on.
template <class F>
Result<OutRange> lagged(std::string_view name, std::span<const double> in, int timeperiod, std::span<double> out,
                        F f) {
  if (auto s = detail::check_int(name, "timeperiod", timeperiod, 1, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths(name, {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(timeperiod);
  if (n <= lookback) return OutRange{};
  std::vector<double> copy;
  if (detail::overlaps(in, out)) {
    copy.assign(in.begin(), in.end());
    in = copy;
  }
  const double* x = in.data();
  double* y = out.data();
  for (std::size_t i = lookback; i < n; ++i) y[i] = f(x[i], x[i - lookback]);
  return detail::written(lookback, n);
}

double roc_of(double x, double prev) { return prev != 0.0 ? ((x / prev) - 1.0) * 100.0 : 0.0; }

}  // namespace

int mom_lookback(int timeperiod) { return timeperiod; }
int roc_lookback(int timeperiod) { return timeperiod; }
int rocp_lookback(int timeperiod) { return timeperiod; }
int rocr_lookback(int timeperiod) { return timeperiod; }
int rocr100_lookback(int timeperiod) { return timeperiod; }

Result<OutRange> mom(std::span<const double> in, int timeperiod, std::span<double> out) {
  return lagged("mom", in, timeperiod, out, [](double x, double prev) { return x - prev; });
}
Result<OutRange> roc(std::span<const double> in, int timeperiod, std::span<double> out) {
  return lagged("roc", in, timeperiod, out, roc_of);
}
Result<OutRange> rocp(std::span<const double> in, int timeperiod, std::span<double> out) {
  return lagged("rocp", in, timeperiod, out,
                [](double x, double prev) { return prev != 0.0 ? (x - prev) / prev : 0.0; });
}
Result<OutRange> rocr(std::span<const double> in, int timeperiod, std::span<double> out) {
  return lagged("rocr", in, timeperiod, out, [](double x, double prev) { return prev != 0.0 ? x / prev : 0.0; });
}
Result<OutRange> rocr100(std::span<const double> in, int timeperiod, std::span<double> out) {
  return lagged("rocr100", in, timeperiod, out,
                [](double x, double prev) { return prev != 0.0 ? (x / prev) * 100.0 : 0.0; });
}

int trix_lookback(int timeperiod) { return 3 * (timeperiod - 1) + 1; }

Result<OutRange> trix(std::span<const double> in, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("trix", "timeperiod", timeperiod, 1, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("trix", {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(trix_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  // Three EMAs (k = 2/(p+1), each seeded with the SMA of its first p inputs), each run on the
  // previous one's outputs, then the 1-day ROC.
  const auto lb = static_cast<std::size_t>(timeperiod - 1);
  const double k = 2.0 / (static_cast<double>(timeperiod) + 1.0);
  std::vector<double> a(n, nan);
  std::vector<double> b(n, nan);
  (void)ema_with_k(in, timeperiod, k, a);
  (void)ema_with_k(std::span<const double>(a).subspan(lb), timeperiod, k, std::span<double>(b).subspan(lb));
  (void)ema_with_k(std::span<const double>(b).subspan(2 * lb), timeperiod, k, std::span<double>(a).subspan(2 * lb));
  for (std::size_t i = lookback; i < n; ++i) out[i] = roc_of(a[i], a[i - 1]);
  return detail::written(lookback, n);
}

int bop_lookback() { return 0; }

Result<OutRange> bop(std::span<const double> open, std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, std::span<double> out) {
  if (auto s = detail::check_lengths("bop", {open.size(), high.size(), low.size(), close.size()}, {out.size()}); !s) {
    return s.error();
  }
  const std::size_t n = open.size();
  // Row i reads only row i of each input before writing out[i]: alias-safe.
  for (std::size_t i = 0; i < n; ++i) {
    const double range = high[i] - low[i];
    out[i] = detail::is_zero_or_neg(range) ? 0.0 : (close[i] - open[i]) / range;
  }
  return detail::written(0, n);
}

int imi_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> imi(std::span<const double> open, std::span<const double> close, int timeperiod,
                     std::span<double> out) {
  if (auto s = detail::check_int("imi", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("imi", {open.size(), close.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = open.size();
  const auto lookback = static_cast<std::size_t>(imi_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  detail::InputGuard guard({&open, &close}, {out});
  // Each window summed afresh in row order, as TA-Lib does (no running-sum drift).
  for (std::size_t i = lookback; i < n; ++i) {
    double up = 0.0;
    double down = 0.0;
    for (std::size_t j = i - lookback; j <= i; ++j) {
      if (close[j] > open[j]) up += close[j] - open[j];
      else down += open[j] - close[j];
    }
    out[i] = 100.0 * (up / (up + down));
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
