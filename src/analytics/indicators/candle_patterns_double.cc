// Two-candle patterns: the second candle read against the first. Rules: candle_patterns.md.
#include "analytics/indicators/candle.h"
#include "analytics/indicators/candle_patterns.h"

namespace streams::analytics {
namespace {

using candle::Candles;
using candle::max2;
using candle::min2;
using candle::Shape;
using S = candle::Setting;
using Span = std::span<const double>;

constexpr Shape<3> kCounterattack{{{{S::equal, 1}, {S::body_long, 1}, {S::body_long, 0}}}, 1};
constexpr Shape<1> kDarkCloudCover{{{{S::body_long, 1}}}, 1};
constexpr Shape<2> kDojiStar{{{{S::body_long, 1}, {S::body_doji, 0}}}, 1};
constexpr Shape<0> kEngulfing{{}, 2};  // TA-Lib's lookback is 2 although only 2 candles are read
constexpr Shape<2> kHarami{{{{S::body_long, 1}, {S::body_short, 0}}}, 1};  // also homing pigeon
constexpr Shape<2> kHaramiCross{{{{S::body_long, 1}, {S::body_doji, 0}}}, 1};
constexpr Shape<2> kNeck{{{{S::equal, 1}, {S::body_long, 1}}}, 1};  // in-neck, on-neck, thrusting
constexpr Shape<4> kKicking{{{{S::shadow_very_short, 1}, {S::shadow_very_short, 0}, {S::body_long, 1}, {S::body_long, 0}}}, 1};
constexpr Shape<1> kMatchingLow{{{{S::equal, 1}}}, 1};
constexpr Shape<2> kPiercing{{{{S::body_long, 1}, {S::body_long, 0}}}, 1};
constexpr Shape<3> kSeparatingLines{{{{S::shadow_very_short, 0}, {S::body_long, 0}, {S::equal, 1}}}, 1};

// Shared rule of harami and harami cross once the sizes are right: -color(first)*100 when the
// second body is strictly inside the first, *80 when inside with a shared edge, else 0.
int harami_inside(const Candles& k, std::size_t i) {
  const double top = max2(k.c(i), k.o(i));
  const double bottom = min2(k.c(i), k.o(i));
  const double prior_top = max2(k.c(i - 1), k.o(i - 1));
  const double prior_bottom = min2(k.c(i - 1), k.o(i - 1));
  if (top < prior_top && bottom > prior_bottom) return -k.color(i - 1) * 100;
  if (top <= prior_top && bottom >= prior_bottom) return -k.color(i - 1) * 80;
  return 0;
}

// Kicking and kicking-by-length: two marubozu of opposite colours with a gap between their ranges.
template <class Averages>
bool kicking_shape(const Candles& k, std::size_t i, const Averages& avg) {
  const double very_short_1 = avg[0].value();
  const double very_short_0 = avg[1].value();
  return k.color(i - 1) == -k.color(i) && k.body(i - 1) > avg[2].value() && k.upper_shadow(i - 1) < very_short_1 &&
         k.lower_shadow(i - 1) < very_short_1 && k.body(i) > avg[3].value() && k.upper_shadow(i) < very_short_0 &&
         k.lower_shadow(i) < very_short_0 &&
         ((k.black(i - 1) && k.gap_up(i, i - 1)) || (k.white(i - 1) && k.gap_down(i, i - 1)));
}

}  // namespace

int cdlcounterattack_lookback() { return kCounterattack.lookback(); }
Result<OutRange> cdlcounterattack(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlcounterattack", open, high, low, close, out, kCounterattack,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double equal = avg[0].value();
                        return k.color(i - 1) == -k.color(i) && k.body(i - 1) > avg[1].value() &&
                                       k.body(i) > avg[2].value() && k.c(i) <= k.c(i - 1) + equal &&
                                       k.c(i) >= k.c(i - 1) - equal
                                   ? k.color(i) * 100
                                   : 0;
                      });
}

int cdldarkcloudcover_lookback() { return kDarkCloudCover.lookback(); }
Result<OutRange> cdldarkcloudcover(Span open, Span high, Span low, Span close, double penetration,
                                   std::span<double> out) {
  if (auto ok = candle::check_penetration("cdldarkcloudcover", penetration); !ok) return ok.error();
  return candle::scan("cdldarkcloudcover", open, high, low, close, out, kDarkCloudCover,
                      [penetration](const Candles& k, std::size_t i, const auto& avg) {
                        return k.white(i - 1) && k.body(i - 1) > avg[0].value() && k.black(i) &&
                                       k.o(i) > k.h(i - 1) && k.c(i) > k.o(i - 1) &&
                                       k.c(i) < k.c(i - 1) - k.body(i - 1) * penetration
                                   ? -100
                                   : 0;
                      });
}

int cdldojistar_lookback() { return kDojiStar.lookback(); }
Result<OutRange> cdldojistar(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdldojistar", open, high, low, close, out, kDojiStar, [](const Candles& k, std::size_t i, const auto& avg) {
    return k.body(i - 1) > avg[0].value() && k.body(i) <= avg[1].value() &&
                   ((k.white(i - 1) && k.body_gap_up(i, i - 1)) || (k.black(i - 1) && k.body_gap_down(i, i - 1)))
               ? -k.color(i - 1) * 100
               : 0;
  });
}

int cdlengulfing_lookback() { return kEngulfing.lookback(); }
Result<OutRange> cdlengulfing(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlengulfing", open, high, low, close, out, kEngulfing, [](const Candles& k, std::size_t i, const auto&) {
    // The second body covers the first, sharing at most one edge with it.
    const bool bullish = k.white(i) && k.black(i - 1) &&
                         ((k.c(i) >= k.o(i - 1) && k.o(i) < k.c(i - 1)) || (k.c(i) > k.o(i - 1) && k.o(i) <= k.c(i - 1)));
    const bool bearish = k.black(i) && k.white(i - 1) &&
                         ((k.o(i) >= k.c(i - 1) && k.c(i) < k.o(i - 1)) || (k.o(i) > k.c(i - 1) && k.c(i) <= k.o(i - 1)));
    if (!bullish && !bearish) return 0;
    const bool strict = k.o(i) != k.c(i - 1) && k.c(i) != k.o(i - 1);
    return k.color(i) * (strict ? 100 : 80);
  });
}

int cdlharami_lookback() { return kHarami.lookback(); }
Result<OutRange> cdlharami(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlharami", open, high, low, close, out, kHarami, [](const Candles& k, std::size_t i, const auto& avg) {
    return k.body(i - 1) > avg[0].value() && k.body(i) <= avg[1].value() ? harami_inside(k, i) : 0;
  });
}

int cdlharamicross_lookback() { return kHaramiCross.lookback(); }
Result<OutRange> cdlharamicross(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlharamicross", open, high, low, close, out, kHaramiCross,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        return k.body(i - 1) > avg[0].value() && k.body(i) <= avg[1].value() ? harami_inside(k, i) : 0;
                      });
}

int cdlhomingpigeon_lookback() { return kHarami.lookback(); }
Result<OutRange> cdlhomingpigeon(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlhomingpigeon", open, high, low, close, out, kHarami, [](const Candles& k, std::size_t i, const auto& avg) {
    return k.black(i - 1) && k.black(i) && k.body(i - 1) > avg[0].value() && k.body(i) <= avg[1].value() &&
                   k.o(i) < k.o(i - 1) && k.c(i) > k.c(i - 1)
               ? 100
               : 0;
  });
}

int cdlinneck_lookback() { return kNeck.lookback(); }
Result<OutRange> cdlinneck(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlinneck", open, high, low, close, out, kNeck, [](const Candles& k, std::size_t i, const auto& avg) {
    return k.black(i - 1) && k.body(i - 1) > avg[1].value() && k.white(i) && k.o(i) < k.l(i - 1) &&
                   k.c(i) <= k.c(i - 1) + avg[0].value() && k.c(i) >= k.c(i - 1)
               ? -100
               : 0;
  });
}

int cdlonneck_lookback() { return kNeck.lookback(); }
Result<OutRange> cdlonneck(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlonneck", open, high, low, close, out, kNeck, [](const Candles& k, std::size_t i, const auto& avg) {
    const double equal = avg[0].value();
    return k.black(i - 1) && k.body(i - 1) > avg[1].value() && k.white(i) && k.o(i) < k.l(i - 1) &&
                   k.c(i) <= k.l(i - 1) + equal && k.c(i) >= k.l(i - 1) - equal
               ? -100
               : 0;
  });
}

int cdlthrusting_lookback() { return kNeck.lookback(); }
Result<OutRange> cdlthrusting(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlthrusting", open, high, low, close, out, kNeck, [](const Candles& k, std::size_t i, const auto& avg) {
    return k.black(i - 1) && k.body(i - 1) > avg[1].value() && k.white(i) && k.o(i) < k.l(i - 1) &&
                   k.c(i) > k.c(i - 1) + avg[0].value() && k.c(i) <= k.c(i - 1) + k.body(i - 1) * 0.5
               ? -100
               : 0;
  });
}

int cdlkicking_lookback() { return kKicking.lookback(); }
Result<OutRange> cdlkicking(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlkicking", open, high, low, close, out, kKicking, [](const Candles& k, std::size_t i, const auto& avg) {
    return kicking_shape(k, i, avg) ? k.color(i) * 100 : 0;
  });
}

int cdlkickingbylength_lookback() { return kKicking.lookback(); }
Result<OutRange> cdlkickingbylength(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlkickingbylength", open, high, low, close, out, kKicking,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        if (!kicking_shape(k, i, avg)) return 0;
                        return k.color(k.body(i) > k.body(i - 1) ? i : i - 1) * 100;  // the longer marubozu decides
                      });
}

int cdlmatchinglow_lookback() { return kMatchingLow.lookback(); }
Result<OutRange> cdlmatchinglow(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlmatchinglow", open, high, low, close, out, kMatchingLow,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double equal = avg[0].value();
                        return k.black(i - 1) && k.black(i) && k.c(i) <= k.c(i - 1) + equal &&
                                       k.c(i) >= k.c(i - 1) - equal
                                   ? 100
                                   : 0;
                      });
}

int cdlpiercing_lookback() { return kPiercing.lookback(); }
Result<OutRange> cdlpiercing(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlpiercing", open, high, low, close, out, kPiercing, [](const Candles& k, std::size_t i, const auto& avg) {
    return k.black(i - 1) && k.body(i - 1) > avg[0].value() && k.white(i) && k.body(i) > avg[1].value() &&
                   k.o(i) < k.l(i - 1) && k.c(i) < k.o(i - 1) && k.c(i) > k.c(i - 1) + k.body(i - 1) * 0.5
               ? 100
               : 0;
  });
}

int cdlseparatinglines_lookback() { return kSeparatingLines.lookback(); }
Result<OutRange> cdlseparatinglines(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlseparatinglines", open, high, low, close, out, kSeparatingLines,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double very_short = avg[0].value();
                        const double equal = avg[2].value();
                        return k.color(i - 1) == -k.color(i) && k.o(i) <= k.o(i - 1) + equal &&
                                       k.o(i) >= k.o(i - 1) - equal && k.body(i) > avg[1].value() &&
                                       ((k.white(i) && k.lower_shadow(i) < very_short) ||
                                        (k.black(i) && k.upper_shadow(i) < very_short))
                                   ? k.color(i) * 100
                                   : 0;
                      });
}

}  // namespace streams::analytics
