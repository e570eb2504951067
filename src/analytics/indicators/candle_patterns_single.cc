// One-candle shapes (dojis, spinning top, marubozu, lines, belt-hold) and the hammer family, which
// judges one candle against the one before it. Rules: candle_patterns.md.
#include "analytics/indicators/candle.h"
#include "analytics/indicators/candle_patterns.h"

namespace streams::analytics {
namespace {

using candle::Candles;
using candle::Shape;
using S = candle::Setting;
using Span = std::span<const double>;

constexpr Shape<1> kDoji{{{{S::body_doji, 0}}}, 0};
constexpr Shape<2> kDojiShadow{{{{S::body_doji, 0}, {S::shadow_very_short, 0}}}, 0};  // dragonfly, gravestone
constexpr Shape<2> kLongLeggedDoji{{{{S::body_doji, 0}, {S::shadow_long, 0}}}, 0};
constexpr Shape<3> kRickshawMan{{{{S::body_doji, 0}, {S::shadow_long, 0}, {S::near, 0}}}, 0};
constexpr Shape<3> kTakuri{{{{S::body_doji, 0}, {S::shadow_very_short, 0}, {S::shadow_very_long, 0}}}, 0};
constexpr Shape<1> kSpinningTop{{{{S::body_short, 0}}}, 0};
constexpr Shape<2> kHighWave{{{{S::body_short, 0}, {S::shadow_very_long, 0}}}, 0};
constexpr Shape<2> kLongLine{{{{S::body_long, 0}, {S::shadow_short, 0}}}, 0};
constexpr Shape<2> kShortLine{{{{S::body_short, 0}, {S::shadow_short, 0}}}, 0};
constexpr Shape<2> kMarubozu{{{{S::body_long, 0}, {S::shadow_very_short, 0}}}, 0};  // also closing, belt-hold
constexpr Shape<4> kHammer{{{{S::body_short, 0}, {S::shadow_long, 0}, {S::shadow_very_short, 0}, {S::near, 1}}}, 1};
constexpr Shape<3> kInvertedHammer{{{{S::body_short, 0}, {S::shadow_long, 0}, {S::shadow_very_short, 0}}}, 1};

}  // namespace

int cdldoji_lookback() { return kDoji.lookback(); }
Result<OutRange> cdldoji(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdldoji", open, high, low, close, out, kDoji, [](const Candles& k, std::size_t i, const auto& avg) {
    return k.body(i) <= avg[0].value() ? 100 : 0;
  });
}

int cdldragonflydoji_lookback() { return kDojiShadow.lookback(); }
Result<OutRange> cdldragonflydoji(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdldragonflydoji", open, high, low, close, out, kDojiShadow,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double very_short = avg[1].value();
                        return k.body(i) <= avg[0].value() && k.upper_shadow(i) < very_short &&
                                       k.lower_shadow(i) > very_short
                                   ? 100
                                   : 0;
                      });
}

int cdlgravestonedoji_lookback() { return kDojiShadow.lookback(); }
Result<OutRange> cdlgravestonedoji(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlgravestonedoji", open, high, low, close, out, kDojiShadow,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double very_short = avg[1].value();
                        return k.body(i) <= avg[0].value() && k.lower_shadow(i) < very_short &&
                                       k.upper_shadow(i) > very_short
                                   ? 100
                                   : 0;
                      });
}

int cdllongleggeddoji_lookback() { return kLongLeggedDoji.lookback(); }
Result<OutRange> cdllongleggeddoji(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdllongleggeddoji", open, high, low, close, out, kLongLeggedDoji,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double long_shadow = avg[1].value();
                        return k.body(i) <= avg[0].value() &&
                                       (k.lower_shadow(i) > long_shadow || k.upper_shadow(i) > long_shadow)
                                   ? 100
                                   : 0;
                      });
}

int cdlrickshawman_lookback() { return kRickshawMan.lookback(); }
Result<OutRange> cdlrickshawman(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlrickshawman", open, high, low, close, out, kRickshawMan,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double long_shadow = avg[1].value();
                        const double near = avg[2].value();
                        const double mid = k.l(i) + k.high_low(i) / 2;
                        return k.body(i) <= avg[0].value() && k.lower_shadow(i) > long_shadow &&
                                       k.upper_shadow(i) > long_shadow &&
                                       candle::min2(k.o(i), k.c(i)) <= mid + near &&
                                       candle::max2(k.o(i), k.c(i)) >= mid - near
                                   ? 100
                                   : 0;
                      });
}

int cdltakuri_lookback() { return kTakuri.lookback(); }
Result<OutRange> cdltakuri(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdltakuri", open, high, low, close, out, kTakuri, [](const Candles& k, std::size_t i, const auto& avg) {
    return k.body(i) <= avg[0].value() && k.upper_shadow(i) < avg[1].value() && k.lower_shadow(i) > avg[2].value()
               ? 100
               : 0;
  });
}

int cdlspinningtop_lookback() { return kSpinningTop.lookback(); }
Result<OutRange> cdlspinningtop(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlspinningtop", open, high, low, close, out, kSpinningTop,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double body = k.body(i);
                        return body < avg[0].value() && k.upper_shadow(i) > body && k.lower_shadow(i) > body
                                   ? k.color(i) * 100
                                   : 0;
                      });
}

int cdlhighwave_lookback() { return kHighWave.lookback(); }
Result<OutRange> cdlhighwave(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlhighwave", open, high, low, close, out, kHighWave, [](const Candles& k, std::size_t i, const auto& avg) {
    const double very_long = avg[1].value();
    return k.body(i) < avg[0].value() && k.upper_shadow(i) > very_long && k.lower_shadow(i) > very_long
               ? k.color(i) * 100
               : 0;
  });
}

int cdllongline_lookback() { return kLongLine.lookback(); }
Result<OutRange> cdllongline(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdllongline", open, high, low, close, out, kLongLine, [](const Candles& k, std::size_t i, const auto& avg) {
    const double short_shadow = avg[1].value();
    return k.body(i) > avg[0].value() && k.upper_shadow(i) < short_shadow && k.lower_shadow(i) < short_shadow
               ? k.color(i) * 100
               : 0;
  });
}

int cdlshortline_lookback() { return kShortLine.lookback(); }
Result<OutRange> cdlshortline(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlshortline", open, high, low, close, out, kShortLine, [](const Candles& k, std::size_t i, const auto& avg) {
    const double short_shadow = avg[1].value();
    return k.body(i) < avg[0].value() && k.upper_shadow(i) < short_shadow && k.lower_shadow(i) < short_shadow
               ? k.color(i) * 100
               : 0;
  });
}

int cdlmarubozu_lookback() { return kMarubozu.lookback(); }
Result<OutRange> cdlmarubozu(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlmarubozu", open, high, low, close, out, kMarubozu, [](const Candles& k, std::size_t i, const auto& avg) {
    const double very_short = avg[1].value();
    return k.body(i) > avg[0].value() && k.upper_shadow(i) < very_short && k.lower_shadow(i) < very_short
               ? k.color(i) * 100
               : 0;
  });
}

int cdlclosingmarubozu_lookback() { return kMarubozu.lookback(); }
Result<OutRange> cdlclosingmarubozu(Span open, Span high, Span low, Span close, std::span<double> out) {
  // No shadow on the closing side: white closes at the high, black at the low.
  return candle::scan("cdlclosingmarubozu", open, high, low, close, out, kMarubozu,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double very_short = avg[1].value();
                        return k.body(i) > avg[0].value() && ((k.white(i) && k.upper_shadow(i) < very_short) ||
                                                              (k.black(i) && k.lower_shadow(i) < very_short))
                                   ? k.color(i) * 100
                                   : 0;
                      });
}

int cdlbelthold_lookback() { return kMarubozu.lookback(); }
Result<OutRange> cdlbelthold(Span open, Span high, Span low, Span close, std::span<double> out) {
  // No shadow on the opening side: white opens at the low, black at the high.
  return candle::scan("cdlbelthold", open, high, low, close, out, kMarubozu, [](const Candles& k, std::size_t i, const auto& avg) {
    const double very_short = avg[1].value();
    return k.body(i) > avg[0].value() &&
                   ((k.white(i) && k.lower_shadow(i) < very_short) || (k.black(i) && k.upper_shadow(i) < very_short))
               ? k.color(i) * 100
               : 0;
  });
}

int cdlhammer_lookback() { return kHammer.lookback(); }
Result<OutRange> cdlhammer(Span open, Span high, Span low, Span close, std::span<double> out) {
  // Small body, long lower shadow, hardly any upper shadow, body near or below the prior low.
  return candle::scan("cdlhammer", open, high, low, close, out, kHammer, [](const Candles& k, std::size_t i, const auto& avg) {
    return k.body(i) < avg[0].value() && k.lower_shadow(i) > avg[1].value() && k.upper_shadow(i) < avg[2].value() &&
                   candle::min2(k.c(i), k.o(i)) <= k.l(i - 1) + avg[3].value()
               ? 100
               : 0;
  });
}

int cdlhangingman_lookback() { return kHammer.lookback(); }
Result<OutRange> cdlhangingman(Span open, Span high, Span low, Span close, std::span<double> out) {
  // The hammer's shape with the body near or above the prior high.
  return candle::scan("cdlhangingman", open, high, low, close, out, kHammer, [](const Candles& k, std::size_t i, const auto& avg) {
    return k.body(i) < avg[0].value() && k.lower_shadow(i) > avg[1].value() && k.upper_shadow(i) < avg[2].value() &&
                   candle::min2(k.c(i), k.o(i)) >= k.h(i - 1) - avg[3].value()
               ? -100
               : 0;
  });
}

int cdlinvertedhammer_lookback() { return kInvertedHammer.lookback(); }
Result<OutRange> cdlinvertedhammer(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlinvertedhammer", open, high, low, close, out, kInvertedHammer,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        return k.body(i) < avg[0].value() && k.upper_shadow(i) > avg[1].value() &&
                                       k.lower_shadow(i) < avg[2].value() && k.body_gap_down(i, i - 1)
                                   ? 100
                                   : 0;
                      });
}

int cdlshootingstar_lookback() { return kInvertedHammer.lookback(); }
Result<OutRange> cdlshootingstar(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlshootingstar", open, high, low, close, out, kInvertedHammer,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        return k.body(i) < avg[0].value() && k.upper_shadow(i) > avg[1].value() &&
                                       k.lower_shadow(i) < avg[2].value() && k.body_gap_up(i, i - 1)
                                   ? -100
                                   : 0;
                      });
}

}  // namespace streams::analytics
