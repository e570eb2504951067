#include "analytics/indicators/min_max.h"

#include <vector>

#include "analytics/indicators/detail.h"
#include "analytics/indicators/rolling_extreme.h"

namespace streams::analytics {
namespace {

// Validates, copies the input when an output overlaps it, then calls body(input, lookback) for
// the computation proper.
template <class Body>
Result<OutRange> rolling(std::string_view function, std::span<const double> in, int timeperiod,
                         std::initializer_list<std::span<double>> outs, Body body) {
  if (auto s = detail::check_int(function, "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  for (const auto& o : outs) {
    if (auto s = detail::check_lengths(function, {in.size()}, {o.size()}); !s) return s.error();
  }
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(min_max_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  for (const auto& o : outs) {
    if (detail::overlaps(in, o)) {
      const std::vector<double> copy(in.begin(), in.end());
      body(std::span<const double>(copy), lookback);
      return detail::written(lookback, n);
    }
  }
  body(in, lookback);
  return detail::written(lookback, n);
}

}  // namespace

int min_max_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> max(std::span<const double> in, int timeperiod, std::span<double> out) {
  return rolling("max", in, timeperiod, {out}, [&](std::span<const double> x, std::size_t lookback) {
    detail::RollingMax highest(x, lookback + 1);
    for (std::size_t i = lookback; i < x.size(); ++i) {
      highest.update(i);
      out[i] = highest.value();
    }
  });
}

Result<OutRange> min(std::span<const double> in, int timeperiod, std::span<double> out) {
  return rolling("min", in, timeperiod, {out}, [&](std::span<const double> x, std::size_t lookback) {
    detail::RollingMin lowest(x, lookback + 1);
    for (std::size_t i = lookback; i < x.size(); ++i) {
      lowest.update(i);
      out[i] = lowest.value();
    }
  });
}

Result<OutRange> maxindex(std::span<const double> in, int timeperiod, std::span<double> out) {
  return rolling("maxindex", in, timeperiod, {out}, [&](std::span<const double> x, std::size_t lookback) {
    detail::RollingMax highest(x, lookback + 1);
    for (std::size_t i = lookback; i < x.size(); ++i) out[i] = static_cast<double>(highest.update(i));
  });
}

Result<OutRange> minindex(std::span<const double> in, int timeperiod, std::span<double> out) {
  return rolling("minindex", in, timeperiod, {out}, [&](std::span<const double> x, std::size_t lookback) {
    detail::RollingMin lowest(x, lookback + 1);
    for (std::size_t i = lookback; i < x.size(); ++i) out[i] = static_cast<double>(lowest.update(i));
  });
}

Result<OutRange> minmax(std::span<const double> in, int timeperiod, std::span<double> min_out,
                        std::span<double> max_out) {
  return rolling("minmax", in, timeperiod, {min_out, max_out}, [&](std::span<const double> x, std::size_t lookback) {
    detail::RollingMax highest(x, lookback + 1);
    detail::RollingMin lowest(x, lookback + 1);
    for (std::size_t i = lookback; i < x.size(); ++i) {
      highest.update(i);
      lowest.update(i);
      min_out[i] = lowest.value();
      max_out[i] = highest.value();
    }
  });
}

Result<OutRange> minmaxindex(std::span<const double> in, int timeperiod, std::span<double> minidx_out,
                             std::span<double> maxidx_out) {
  return rolling("minmaxindex", in, timeperiod, {minidx_out, maxidx_out},
                 [&](std::span<const double> x, std::size_t lookback) {
                   detail::RollingMax highest(x, lookback + 1);
                   detail::RollingMin lowest(x, lookback + 1);
                   for (std::size_t i = lookback; i < x.size(); ++i) {
                     const std::size_t hi = highest.update(i);
                     const std::size_t lo = lowest.update(i);
                     minidx_out[i] = static_cast<double>(lo);
                     maxidx_out[i] = static_cast<double>(hi);
                   }
                 });
}

Result<OutRange> midpoint(std::span<const double> in, int timeperiod, std::span<double> out) {
  return rolling("midpoint", in, timeperiod, {out}, [&](std::span<const double> x, std::size_t lookback) {
    detail::RollingMax highest(x, lookback + 1);
    detail::RollingMin lowest(x, lookback + 1);
    for (std::size_t i = lookback; i < x.size(); ++i) {
      highest.update(i);
      lowest.update(i);
      out[i] = (highest.value() + lowest.value()) / 2.0;
    }
  });
}

Result<OutRange> midprice(std::span<const double> high, std::span<const double> low, int timeperiod,
                          std::span<double> out) {
  if (auto s = detail::check_int("midprice", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("midprice", {high.size(), low.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(min_max_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(high, out) || detail::overlaps(low, out)) {
    const std::vector<double> h(high.begin(), high.end());
    const std::vector<double> l(low.begin(), low.end());
    return midprice(h, l, timeperiod, out);
  }
  detail::RollingMax highest(high, lookback + 1);
  detail::RollingMin lowest(low, lookback + 1);
  for (std::size_t i = lookback; i < n; ++i) {
    highest.update(i);
    lowest.update(i);
    out[i] = (highest.value() + lowest.value()) / 2.0;
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
