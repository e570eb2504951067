#include "analytics/indicators/ma.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "analytics/indicators/detail.h"
#include "analytics/indicators/ema.h"
#include "analytics/indicators/hilbert_cycle.h"
#include "analytics/indicators/kama.h"
#include "analytics/indicators/sma.h"
#include "analytics/indicators/t3.h"
#include "analytics/indicators/trima.h"
#include "analytics/indicators/wma.h"

namespace streams::analytics {
namespace {

constexpr double mama_fastlimit = 0.5;
constexpr double mama_slowlimit = 0.05;
constexpr double t3_vfactor = 0.7;

Result<OutRange> run_mama(std::span<const double> in, std::span<double> out) {
  std::vector<double> fama(in.size(), nan);
  return mama(in, mama_fastlimit, mama_slowlimit, out, fama);
}

}  // namespace

bool to_ma_type(int value, MaType& type) {
  if (value < 0 || value > 8) return false;
  type = static_cast<MaType>(value);
  return true;
}

int ma_lookback(int period, MaType type) {
  if (period <= 1) return 0;
  switch (type) {
    case MaType::sma: return sma_lookback(period);
    case MaType::ema: return ema_lookback(period);
    case MaType::wma: return wma_lookback(period);
    case MaType::dema: return dema_lookback(period);
    case MaType::tema: return tema_lookback(period);
    case MaType::trima: return trima_lookback(period);
    case MaType::kama: return kama_lookback(period);
    case MaType::mama: return mama_lookback(mama_fastlimit, mama_slowlimit);
    case MaType::t3: return t3_lookback(period);
  }
  return 0;
}

Result<OutRange> ma(std::span<const double> in, int period, MaType type, std::span<double> out) {
  if (auto s = detail::check_int("ma", "timeperiod", period, 1, detail::max_period); !s) return s.error();
  if (static_cast<int>(type) < 0 || static_cast<int>(type) > 8) {
    return detail::bad_param("ma", "matype", "is out of range [0, 8]");
  }
  if (auto s = detail::check_lengths("ma", {in.size()}, {out.size()}); !s) return s.error();
  if (period == 1) {
    if (!in.empty() && in.data() != out.data()) std::memmove(out.data(), in.data(), in.size() * sizeof(double));
    return detail::written(0, in.size());
  }
  switch (type) {
    case MaType::sma: return sma(in, period, out);
    case MaType::ema: return ema(in, period, out);
    case MaType::wma: return wma(in, period, out);
    case MaType::dema: return dema(in, period, out);
    case MaType::tema: return tema(in, period, out);
    case MaType::trima: return trima(in, period, out);
    case MaType::kama: return kama(in, period, out);
    case MaType::mama: return run_mama(in, out);
    case MaType::t3: return t3(in, period, t3_vfactor, out);
  }
  return detail::bad_param("ma", "matype", "is out of range [0, 8]");
}

int mavp_lookback(int /*minperiod*/, int maxperiod, MaType type) { return ma_lookback(maxperiod, type); }

Result<OutRange> mavp(std::span<const double> in, std::span<const double> periods, int minperiod, int maxperiod,
                      MaType type, std::span<double> out) {
  if (auto s = detail::check_int("mavp", "minperiod", minperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_int("mavp", "maxperiod", maxperiod, 2, detail::max_period); !s) return s.error();
  if (static_cast<int>(type) < 0 || static_cast<int>(type) > 8) {
    return detail::bad_param("mavp", "matype", "is out of range [0, 8]");
  }
  if (auto s = detail::check_lengths("mavp", {in.size(), periods.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(mavp_lookback(minperiod, maxperiod, type));
  if (n <= lookback) return OutRange{};
  // The period of each output row, clamped as TA-Lib does (truncation toward zero).
  std::vector<int> row_period(n - lookback);
  for (std::size_t i = lookback; i < n; ++i) {
    const double p = periods[i];
    int value = std::isnan(p) ? minperiod : static_cast<int>(p);
    value = std::clamp(value, minperiod, maxperiod);
    row_period[i - lookback] = value;
  }
  // One average per distinct period, each computed over rows [lookback - its lookback, n) so that
  // its first output lands on row `lookback`, as TA-Lib's call MA(startIdx=lookback, ...) does.
  std::vector<double> result(n - lookback, nan);
  std::vector<double> buffer(n);
  std::vector<bool> done(n - lookback, false);
  for (std::size_t row = 0; row < row_period.size(); ++row) {
    if (done[row]) continue;
    const int p = row_period[row];
    const auto own_lookback = static_cast<std::size_t>(ma_lookback(p, type));
    const std::size_t first = lookback - own_lookback;
    auto src = in.subspan(first);
    auto dst = std::span<double>(buffer).subspan(first, n - first);
    auto r = ma(src, p, type, dst);
    if (!r) return r.error();
    for (std::size_t j = row; j < row_period.size(); ++j) {
      if (row_period[j] != p) continue;
      result[j] = buffer[lookback + j];
      done[j] = true;
    }
  }
  std::copy(result.begin(), result.end(), out.begin() + static_cast<std::ptrdiff_t>(lookback));
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
