#include "analytics/indicators/t3.h"

#include <array>

#include "analytics/indicators/detail.h"

namespace streams::analytics {

int t3_lookback(int timeperiod) { return 6 * (timeperiod - 1); }

Result<OutRange> t3(std::span<const double> in, int timeperiod, double vfactor, std::span<double> out) {
  if (auto s = detail::check_int("t3", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_real("t3", "vfactor", vfactor, 0.0, 1.0); !s) return s.error();
  if (auto s = detail::check_lengths("t3", {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(t3_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  // Reads always run ahead of writes (the output index is the last index read): alias-safe.
  const double period = timeperiod;
  const double k = 2.0 / (period + 1.0);
  const double one_minus_k = 1.0 - k;
  const auto p = static_cast<std::size_t>(timeperiod);
  std::array<double, 6> e{};
  std::size_t today = 0;
  // Stage s is seeded with the mean of its first p values; each seed value of stage s is itself
  // one more step of stages 0..s-1 (TA-Lib's warm-up).
  double sum = 0.0;
  for (std::size_t i = 0; i < p; ++i) sum += in[today++];
  e[0] = sum / period;
  for (std::size_t stage = 1; stage < 6; ++stage) {
    sum = e[stage - 1];
    for (std::size_t i = 1; i < p; ++i) {
      e[0] = (k * in[today++]) + (one_minus_k * e[0]);
      for (std::size_t s = 1; s < stage; ++s) e[s] = (k * e[s - 1]) + (one_minus_k * e[s]);
      sum += e[stage - 1];
    }
    e[stage] = sum / period;
  }
  const double v2 = vfactor * vfactor;
  const double c1 = -(v2 * vfactor);
  const double c2 = 3.0 * (v2 - c1);
  const double c3 = -6.0 * v2 - 3.0 * (vfactor - c1);
  const double c4 = 1.0 + 3.0 * vfactor - c1 + 3.0 * v2;
  out[lookback] = c1 * e[5] + c2 * e[4] + c3 * e[3] + c4 * e[2];
  for (std::size_t i = lookback + 1; i < n; ++i) {
    e[0] = (k * in[i]) + (one_minus_k * e[0]);
    e[1] = (k * e[0]) + (one_minus_k * e[1]);
    e[2] = (k * e[1]) + (one_minus_k * e[2]);
    e[3] = (k * e[2]) + (one_minus_k * e[3]);
    e[4] = (k * e[3]) + (one_minus_k * e[4]);
    e[5] = (k * e[4]) + (one_minus_k * e[5]);
    out[i] = c1 * e[5] + c2 * e[4] + c3 * e[3] + c4 * e[2];
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
