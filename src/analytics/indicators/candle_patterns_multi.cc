// Patterns of three to five candles, and the two stateful hikkake patterns. Rules: candle_patterns.md.
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

constexpr Shape<1> kTwoCrows{{{{S::body_long, 2}}}, 2};
constexpr Shape<3> kThreeBlackCrows{{{{S::shadow_very_short, 2}, {S::shadow_very_short, 1}, {S::shadow_very_short, 0}}}, 3};
constexpr Shape<2> kThreeInside{{{{S::body_long, 2}, {S::body_short, 1}}}, 2};  // also upside gap two crows
constexpr Shape<2> kThreeLineStrike{{{{S::near, 3}, {S::near, 2}}}, 3};
constexpr Shape<0> kThreeOutside{{}, 3};  // TA-Lib's lookback is 3 although only 3 candles are read
constexpr Shape<5> kThreeStarsInSouth{
    {{{S::body_long, 2}, {S::shadow_long, 2}, {S::shadow_very_short, 1}, {S::shadow_very_short, 0}, {S::body_short, 0}}}, 2};
constexpr Shape<8> kThreeWhiteSoldiers{{{{S::shadow_very_short, 2},
                                         {S::shadow_very_short, 1},
                                         {S::shadow_very_short, 0},
                                         {S::near, 2},
                                         {S::near, 1},
                                         {S::far, 2},
                                         {S::far, 1},
                                         {S::body_short, 0}}},
                                       2};
constexpr Shape<3> kDojiStarThree{{{{S::body_long, 2}, {S::body_doji, 1}, {S::body_short, 0}}}, 2};  // abandoned baby, *dojistar
constexpr Shape<3> kStarThree{{{{S::body_long, 2}, {S::body_short, 1}, {S::body_short, 0}}}, 2};     // morning/evening star
constexpr Shape<10> kAdvanceBlock{{{{S::shadow_short, 2},
                                    {S::shadow_short, 1},
                                    {S::shadow_short, 0},
                                    {S::shadow_long, 1},
                                    {S::shadow_long, 0},
                                    {S::near, 2},
                                    {S::near, 1},
                                    {S::far, 2},
                                    {S::far, 1},
                                    {S::body_long, 2}}},
                                  2};
constexpr Shape<1> kBreakaway{{{{S::body_long, 4}}}, 4};
constexpr Shape<3> kConcealBabySwallow{{{{S::shadow_very_short, 3}, {S::shadow_very_short, 2}, {S::shadow_very_short, 1}}}, 3};
constexpr Shape<2> kGapSideSideWhite{{{{S::near, 1}, {S::equal, 1}}}, 2};
constexpr Shape<5> kIdenticalThreeCrows{
    {{{S::shadow_very_short, 2}, {S::shadow_very_short, 1}, {S::shadow_very_short, 0}, {S::equal, 2}, {S::equal, 1}}}, 2};
constexpr Shape<1> kLadderBottom{{{{S::shadow_very_short, 1}}}, 4};
constexpr Shape<4> kMatHold{{{{S::body_long, 4}, {S::body_short, 3}, {S::body_short, 2}, {S::body_short, 1}}}, 4};
constexpr Shape<5> kRiseFallThreeMethods{
    {{{S::body_long, 4}, {S::body_short, 3}, {S::body_short, 2}, {S::body_short, 1}, {S::body_long, 0}}}, 4};
constexpr Shape<6> kStalledPattern{
    {{{S::body_long, 2}, {S::body_long, 1}, {S::body_short, 0}, {S::shadow_very_short, 1}, {S::near, 2}, {S::near, 1}}}, 2};
constexpr Shape<1> kStickSandwich{{{{S::equal, 2}}}, 2};
constexpr Shape<1> kTasukiGap{{{{S::near, 1}}}, 2};
constexpr Shape<1> kTristar{{{{S::body_doji, 2}}}, 2};
constexpr Shape<2> kUniqueThreeRiver{{{{S::body_long, 2}, {S::body_short, 0}}}, 2};
constexpr Shape<0> kXSideGapThreeMethods{{}, 2};

// Real body of candle j lies within the range of candle `range_of` (rising/falling three methods).
bool body_within_range(const Candles& k, std::size_t j, std::size_t range_of) {
  return min2(k.o(j), k.c(j)) < k.h(range_of) && max2(k.o(j), k.c(j)) > k.l(range_of);
}

}  // namespace

int cdl2crows_lookback() { return kTwoCrows.lookback(); }
Result<OutRange> cdl2crows(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdl2crows", open, high, low, close, out, kTwoCrows, [](const Candles& k, std::size_t i, const auto& avg) {
    return k.white(i - 2) && k.body(i - 2) > avg[0].value() && k.black(i - 1) && k.body_gap_up(i - 1, i - 2) &&
                   k.black(i) && k.o(i) < k.o(i - 1) && k.o(i) > k.c(i - 1) && k.c(i) > k.o(i - 2) &&
                   k.c(i) < k.c(i - 2)
               ? -100
               : 0;
  });
}

int cdl3blackcrows_lookback() { return kThreeBlackCrows.lookback(); }
Result<OutRange> cdl3blackcrows(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdl3blackcrows", open, high, low, close, out, kThreeBlackCrows,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        return k.white(i - 3) && k.black(i - 2) && k.lower_shadow(i - 2) < avg[0].value() &&
                                       k.black(i - 1) && k.lower_shadow(i - 1) < avg[1].value() && k.black(i) &&
                                       k.lower_shadow(i) < avg[2].value() && k.o(i - 1) < k.o(i - 2) &&
                                       k.o(i - 1) > k.c(i - 2) && k.o(i) < k.o(i - 1) && k.o(i) > k.c(i - 1) &&
                                       k.h(i - 3) > k.c(i - 2) && k.c(i - 2) > k.c(i - 1) && k.c(i - 1) > k.c(i)
                                   ? -100
                                   : 0;
                      });
}

int cdl3inside_lookback() { return kThreeInside.lookback(); }
Result<OutRange> cdl3inside(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdl3inside", open, high, low, close, out, kThreeInside, [](const Candles& k, std::size_t i, const auto& avg) {
    return k.body(i - 2) > avg[0].value() && k.body(i - 1) <= avg[1].value() &&
                   max2(k.c(i - 1), k.o(i - 1)) < max2(k.c(i - 2), k.o(i - 2)) &&
                   min2(k.c(i - 1), k.o(i - 1)) > min2(k.c(i - 2), k.o(i - 2)) &&
                   ((k.white(i - 2) && k.black(i) && k.c(i) < k.o(i - 2)) ||
                    (k.black(i - 2) && k.white(i) && k.c(i) > k.o(i - 2)))
               ? -k.color(i - 2) * 100
               : 0;
  });
}

int cdl3linestrike_lookback() { return kThreeLineStrike.lookback(); }
Result<OutRange> cdl3linestrike(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdl3linestrike", open, high, low, close, out, kThreeLineStrike,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double near3 = avg[0].value();
                        const double near2 = avg[1].value();
                        const bool three_alike = k.color(i - 3) == k.color(i - 2) && k.color(i - 2) == k.color(i - 1) &&
                                                 k.color(i) == -k.color(i - 1);
                        // Each of the three opens within (or near) the previous real body.
                        const bool opens_near = k.o(i - 2) >= min2(k.o(i - 3), k.c(i - 3)) - near3 &&
                                                k.o(i - 2) <= max2(k.o(i - 3), k.c(i - 3)) + near3 &&
                                                k.o(i - 1) >= min2(k.o(i - 2), k.c(i - 2)) - near2 &&
                                                k.o(i - 1) <= max2(k.o(i - 2), k.c(i - 2)) + near2;
                        const bool strike =
                            (k.white(i - 1) && k.c(i - 1) > k.c(i - 2) && k.c(i - 2) > k.c(i - 3) &&
                             k.o(i) > k.c(i - 1) && k.c(i) < k.o(i - 3)) ||
                            (k.black(i - 1) && k.c(i - 1) < k.c(i - 2) && k.c(i - 2) < k.c(i - 3) &&
                             k.o(i) < k.c(i - 1) && k.c(i) > k.o(i - 3));
                        return three_alike && opens_near && strike ? k.color(i - 1) * 100 : 0;
                      });
}

int cdl3outside_lookback() { return kThreeOutside.lookback(); }
Result<OutRange> cdl3outside(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdl3outside", open, high, low, close, out, kThreeOutside, [](const Candles& k, std::size_t i, const auto&) {
    const bool up = k.white(i - 1) && k.black(i - 2) && k.c(i - 1) > k.o(i - 2) && k.o(i - 1) < k.c(i - 2) &&
                    k.c(i) > k.c(i - 1);
    const bool down = k.black(i - 1) && k.white(i - 2) && k.o(i - 1) > k.c(i - 2) && k.c(i - 1) < k.o(i - 2) &&
                      k.c(i) < k.c(i - 1);
    return up || down ? k.color(i - 1) * 100 : 0;
  });
}

int cdl3starsinsouth_lookback() { return kThreeStarsInSouth.lookback(); }
Result<OutRange> cdl3starsinsouth(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdl3starsinsouth", open, high, low, close, out, kThreeStarsInSouth,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double very_short0 = avg[3].value();
                        return k.black(i - 2) && k.black(i - 1) && k.black(i) && k.body(i - 2) > avg[0].value() &&
                                       k.lower_shadow(i - 2) > avg[1].value() && k.body(i - 1) < k.body(i - 2) &&
                                       k.o(i - 1) > k.c(i - 2) && k.o(i - 1) <= k.h(i - 2) &&
                                       k.l(i - 1) < k.c(i - 2) && k.l(i - 1) >= k.l(i - 2) &&
                                       k.lower_shadow(i - 1) > avg[2].value() && k.body(i) < avg[4].value() &&
                                       k.lower_shadow(i) < very_short0 && k.upper_shadow(i) < very_short0 &&
                                       k.l(i) > k.l(i - 1) && k.h(i) < k.h(i - 1)
                                   ? 100
                                   : 0;
                      });
}

int cdl3whitesoldiers_lookback() { return kThreeWhiteSoldiers.lookback(); }
Result<OutRange> cdl3whitesoldiers(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdl3whitesoldiers", open, high, low, close, out, kThreeWhiteSoldiers,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        return k.white(i - 2) && k.upper_shadow(i - 2) < avg[0].value() && k.white(i - 1) &&
                                       k.upper_shadow(i - 1) < avg[1].value() && k.white(i) &&
                                       k.upper_shadow(i) < avg[2].value() && k.c(i) > k.c(i - 1) &&
                                       k.c(i - 1) > k.c(i - 2) && k.o(i - 1) > k.o(i - 2) &&
                                       k.o(i - 1) <= k.c(i - 2) + avg[3].value() && k.o(i) > k.o(i - 1) &&
                                       k.o(i) <= k.c(i - 1) + avg[4].value() &&
                                       k.body(i - 1) > k.body(i - 2) - avg[5].value() &&
                                       k.body(i) > k.body(i - 1) - avg[6].value() && k.body(i) > avg[7].value()
                                   ? 100
                                   : 0;
                      });
}

int cdlabandonedbaby_lookback() { return kDojiStarThree.lookback(); }
Result<OutRange> cdlabandonedbaby(Span open, Span high, Span low, Span close, double penetration,
                                  std::span<double> out) {
  if (auto ok = candle::check_penetration("cdlabandonedbaby", penetration); !ok) return ok.error();
  return candle::scan("cdlabandonedbaby", open, high, low, close, out, kDojiStarThree,
                      [penetration](const Candles& k, std::size_t i, const auto& avg) {
                        const bool sizes = k.body(i - 2) > avg[0].value() && k.body(i - 1) <= avg[1].value() &&
                                           k.body(i) > avg[2].value();
                        // The doji's whole range gaps away from both neighbours.
                        const bool top = k.white(i - 2) && k.black(i) &&
                                         k.c(i) < k.c(i - 2) - k.body(i - 2) * penetration &&
                                         k.gap_up(i - 1, i - 2) && k.gap_down(i, i - 1);
                        const bool bottom = k.black(i - 2) && k.white(i) &&
                                            k.c(i) > k.c(i - 2) + k.body(i - 2) * penetration &&
                                            k.gap_down(i - 1, i - 2) && k.gap_up(i, i - 1);
                        return sizes && (top || bottom) ? k.color(i) * 100 : 0;
                      });
}

int cdladvanceblock_lookback() { return kAdvanceBlock.lookback(); }
Result<OutRange> cdladvanceblock(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdladvanceblock", open, high, low, close, out, kAdvanceBlock,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double short_shadow2 = avg[0].value();
                        const double short_shadow1 = avg[1].value();
                        const double short_shadow0 = avg[2].value();
                        const double long_shadow0 = avg[4].value();
                        const double near2 = avg[5].value();
                        const double near1 = avg[6].value();
                        const double far2 = avg[7].value();
                        const double far1 = avg[8].value();
                        const bool soldiers = k.white(i - 2) && k.white(i - 1) && k.white(i) && k.c(i) > k.c(i - 1) &&
                                              k.c(i - 1) > k.c(i - 2) && k.o(i - 1) > k.o(i - 2) &&
                                              k.o(i - 1) <= k.c(i - 2) + near2 && k.o(i) > k.o(i - 1) &&
                                              k.o(i) <= k.c(i - 1) + near1 && k.body(i - 2) > avg[9].value() &&
                                              k.upper_shadow(i - 2) < short_shadow2;
                        // …losing strength: shrinking bodies and/or growing upper shadows.
                        const bool weakening =
                            (k.body(i - 1) < k.body(i - 2) - far2 && k.body(i) < k.body(i - 1) + near1) ||
                            (k.body(i) < k.body(i - 1) - far1) ||
                            (k.body(i) < k.body(i - 1) && k.body(i - 1) < k.body(i - 2) &&
                             (k.upper_shadow(i) > short_shadow0 || k.upper_shadow(i - 1) > short_shadow1)) ||
                            (k.body(i) < k.body(i - 1) && k.upper_shadow(i) > long_shadow0);
                        return soldiers && weakening ? -100 : 0;
                      });
}

int cdlbreakaway_lookback() { return kBreakaway.lookback(); }
Result<OutRange> cdlbreakaway(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlbreakaway", open, high, low, close, out, kBreakaway, [](const Candles& k, std::size_t i, const auto& avg) {
    const bool colors = k.body(i - 4) > avg[0].value() && k.color(i - 4) == k.color(i - 3) &&
                        k.color(i - 3) == k.color(i - 1) && k.color(i - 1) == -k.color(i);
    const bool bullish = k.black(i - 4) && k.body_gap_down(i - 3, i - 4) && k.h(i - 2) < k.h(i - 3) &&
                         k.l(i - 2) < k.l(i - 3) && k.h(i - 1) < k.h(i - 2) && k.l(i - 1) < k.l(i - 2) &&
                         k.c(i) > k.o(i - 3) && k.c(i) < k.c(i - 4);
    const bool bearish = k.white(i - 4) && k.body_gap_up(i - 3, i - 4) && k.h(i - 2) > k.h(i - 3) &&
                         k.l(i - 2) > k.l(i - 3) && k.h(i - 1) > k.h(i - 2) && k.l(i - 1) > k.l(i - 2) &&
                         k.c(i) < k.o(i - 3) && k.c(i) > k.c(i - 4);
    return colors && (bullish || bearish) ? k.color(i) * 100 : 0;
  });
}

int cdlconcealbabyswall_lookback() { return kConcealBabySwallow.lookback(); }
Result<OutRange> cdlconcealbabyswall(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlconcealbabyswall", open, high, low, close, out, kConcealBabySwallow,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double very_short3 = avg[0].value();
                        const double very_short2 = avg[1].value();
                        return k.black(i - 3) && k.black(i - 2) && k.black(i - 1) && k.black(i) &&
                                       k.lower_shadow(i - 3) < very_short3 && k.upper_shadow(i - 3) < very_short3 &&
                                       k.lower_shadow(i - 2) < very_short2 && k.upper_shadow(i - 2) < very_short2 &&
                                       k.body_gap_down(i - 1, i - 2) && k.upper_shadow(i - 1) > avg[2].value() &&
                                       k.h(i - 1) > k.c(i - 2) && k.h(i) > k.h(i - 1) && k.l(i) < k.l(i - 1)
                                   ? 100
                                   : 0;
                      });
}

int cdleveningdojistar_lookback() { return kDojiStarThree.lookback(); }
Result<OutRange> cdleveningdojistar(Span open, Span high, Span low, Span close, double penetration,
                                    std::span<double> out) {
  if (auto ok = candle::check_penetration("cdleveningdojistar", penetration); !ok) return ok.error();
  return candle::scan("cdleveningdojistar", open, high, low, close, out, kDojiStarThree,
                      [penetration](const Candles& k, std::size_t i, const auto& avg) {
                        return k.body(i - 2) > avg[0].value() && k.white(i - 2) && k.body(i - 1) <= avg[1].value() &&
                                       k.body_gap_up(i - 1, i - 2) && k.body(i) > avg[2].value() && k.black(i) &&
                                       k.c(i) < k.c(i - 2) - k.body(i - 2) * penetration
                                   ? -100
                                   : 0;
                      });
}

int cdleveningstar_lookback() { return kStarThree.lookback(); }
Result<OutRange> cdleveningstar(Span open, Span high, Span low, Span close, double penetration, std::span<double> out) {
  if (auto ok = candle::check_penetration("cdleveningstar", penetration); !ok) return ok.error();
  return candle::scan("cdleveningstar", open, high, low, close, out, kStarThree,
                      [penetration](const Candles& k, std::size_t i, const auto& avg) {
                        return k.body(i - 2) > avg[0].value() && k.white(i - 2) && k.body(i - 1) <= avg[1].value() &&
                                       k.body_gap_up(i - 1, i - 2) && k.body(i) > avg[2].value() && k.black(i) &&
                                       k.c(i) < k.c(i - 2) - k.body(i - 2) * penetration
                                   ? -100
                                   : 0;
                      });
}

int cdlmorningdojistar_lookback() { return kDojiStarThree.lookback(); }
Result<OutRange> cdlmorningdojistar(Span open, Span high, Span low, Span close, double penetration,
                                    std::span<double> out) {
  if (auto ok = candle::check_penetration("cdlmorningdojistar", penetration); !ok) return ok.error();
  return candle::scan("cdlmorningdojistar", open, high, low, close, out, kDojiStarThree,
                      [penetration](const Candles& k, std::size_t i, const auto& avg) {
                        return k.body(i - 2) > avg[0].value() && k.black(i - 2) && k.body(i - 1) <= avg[1].value() &&
                                       k.body_gap_down(i - 1, i - 2) && k.body(i) > avg[2].value() && k.white(i) &&
                                       k.c(i) > k.c(i - 2) + k.body(i - 2) * penetration
                                   ? 100
                                   : 0;
                      });
}

int cdlmorningstar_lookback() { return kStarThree.lookback(); }
Result<OutRange> cdlmorningstar(Span open, Span high, Span low, Span close, double penetration, std::span<double> out) {
  if (auto ok = candle::check_penetration("cdlmorningstar", penetration); !ok) return ok.error();
  return candle::scan("cdlmorningstar", open, high, low, close, out, kStarThree,
                      [penetration](const Candles& k, std::size_t i, const auto& avg) {
                        return k.body(i - 2) > avg[0].value() && k.black(i - 2) && k.body(i - 1) <= avg[1].value() &&
                                       k.body_gap_down(i - 1, i - 2) && k.body(i) > avg[2].value() && k.white(i) &&
                                       k.c(i) > k.c(i - 2) + k.body(i - 2) * penetration
                                   ? 100
                                   : 0;
                      });
}

int cdlgapsidesidewhite_lookback() { return kGapSideSideWhite.lookback(); }
Result<OutRange> cdlgapsidesidewhite(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlgapsidesidewhite", open, high, low, close, out, kGapSideSideWhite,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double near = avg[0].value();
                        const double equal = avg[1].value();
                        const bool gap_up = k.body_gap_up(i - 1, i - 2);
                        const bool gapped = (gap_up && k.body_gap_up(i, i - 2)) ||
                                            (k.body_gap_down(i - 1, i - 2) && k.body_gap_down(i, i - 2));
                        return gapped && k.white(i - 1) && k.white(i) && k.body(i) >= k.body(i - 1) - near &&
                                       k.body(i) <= k.body(i - 1) + near && k.o(i) >= k.o(i - 1) - equal &&
                                       k.o(i) <= k.o(i - 1) + equal
                                   ? (gap_up ? 100 : -100)
                                   : 0;
                      });
}

int cdlidentical3crows_lookback() { return kIdenticalThreeCrows.lookback(); }
Result<OutRange> cdlidentical3crows(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlidentical3crows", open, high, low, close, out, kIdenticalThreeCrows,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double equal2 = avg[3].value();
                        const double equal1 = avg[4].value();
                        return k.black(i - 2) && k.lower_shadow(i - 2) < avg[0].value() && k.black(i - 1) &&
                                       k.lower_shadow(i - 1) < avg[1].value() && k.black(i) &&
                                       k.lower_shadow(i) < avg[2].value() && k.c(i - 2) > k.c(i - 1) &&
                                       k.c(i - 1) > k.c(i) && k.o(i - 1) <= k.c(i - 2) + equal2 &&
                                       k.o(i - 1) >= k.c(i - 2) - equal2 && k.o(i) <= k.c(i - 1) + equal1 &&
                                       k.o(i) >= k.c(i - 1) - equal1
                                   ? -100
                                   : 0;
                      });
}

int cdlladderbottom_lookback() { return kLadderBottom.lookback(); }
Result<OutRange> cdlladderbottom(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlladderbottom", open, high, low, close, out, kLadderBottom,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        return k.black(i - 4) && k.black(i - 3) && k.black(i - 2) && k.o(i - 4) > k.o(i - 3) &&
                                       k.o(i - 3) > k.o(i - 2) && k.c(i - 4) > k.c(i - 3) && k.c(i - 3) > k.c(i - 2) &&
                                       k.black(i - 1) && k.upper_shadow(i - 1) > avg[0].value() && k.white(i) &&
                                       k.o(i) > k.o(i - 1) && k.c(i) > k.h(i - 1)
                                   ? 100
                                   : 0;
                      });
}

int cdlmathold_lookback() { return kMatHold.lookback(); }
Result<OutRange> cdlmathold(Span open, Span high, Span low, Span close, double penetration, std::span<double> out) {
  if (auto ok = candle::check_penetration("cdlmathold", penetration); !ok) return ok.error();
  return candle::scan("cdlmathold", open, high, low, close, out, kMatHold,
                      [penetration](const Candles& k, std::size_t i, const auto& avg) {
                        const double floor = k.c(i - 4) - k.body(i - 4) * penetration;
                        const double bottom2 = min2(k.o(i - 2), k.c(i - 2));
                        const double bottom1 = min2(k.o(i - 1), k.c(i - 1));
                        return k.body(i - 4) > avg[0].value() && k.body(i - 3) < avg[1].value() &&
                                       k.body(i - 2) < avg[2].value() && k.body(i - 1) < avg[3].value() &&
                                       k.white(i - 4) && k.black(i - 3) && k.white(i) && k.body_gap_up(i - 3, i - 4) &&
                                       bottom2 < k.c(i - 4) && bottom1 < k.c(i - 4) && bottom2 > floor &&
                                       bottom1 > floor && max2(k.c(i - 2), k.o(i - 2)) < k.o(i - 3) &&
                                       max2(k.c(i - 1), k.o(i - 1)) < max2(k.c(i - 2), k.o(i - 2)) &&
                                       k.o(i) > k.c(i - 1) && k.c(i) > max2(max2(k.h(i - 3), k.h(i - 2)), k.h(i - 1))
                                   ? 100
                                   : 0;
                      });
}

int cdlrisefall3methods_lookback() { return kRiseFallThreeMethods.lookback(); }
Result<OutRange> cdlrisefall3methods(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlrisefall3methods", open, high, low, close, out, kRiseFallThreeMethods,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        // Prices are compared in the first candle's direction: multiplied by its colour.
                        const double dir = k.color(i - 4);
                        return k.body(i - 4) > avg[0].value() && k.body(i - 3) < avg[1].value() &&
                                       k.body(i - 2) < avg[2].value() && k.body(i - 1) < avg[3].value() &&
                                       k.body(i) > avg[4].value() && k.color(i - 4) == -k.color(i - 3) &&
                                       k.color(i - 3) == k.color(i - 2) && k.color(i - 2) == k.color(i - 1) &&
                                       k.color(i - 1) == -k.color(i) && body_within_range(k, i - 3, i - 4) &&
                                       body_within_range(k, i - 2, i - 4) && body_within_range(k, i - 1, i - 4) &&
                                       k.c(i - 2) * dir < k.c(i - 3) * dir && k.c(i - 1) * dir < k.c(i - 2) * dir &&
                                       k.o(i) * dir > k.c(i - 1) * dir && k.c(i) * dir > k.c(i - 4) * dir
                                   ? 100 * k.color(i - 4)
                                   : 0;
                      });
}

int cdlstalledpattern_lookback() { return kStalledPattern.lookback(); }
Result<OutRange> cdlstalledpattern(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlstalledpattern", open, high, low, close, out, kStalledPattern,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        return k.white(i - 2) && k.white(i - 1) && k.white(i) && k.c(i) > k.c(i - 1) &&
                                       k.c(i - 1) > k.c(i - 2) && k.body(i - 2) > avg[0].value() &&
                                       k.body(i - 1) > avg[1].value() && k.upper_shadow(i - 1) < avg[3].value() &&
                                       k.o(i - 1) > k.o(i - 2) && k.o(i - 1) <= k.c(i - 2) + avg[4].value() &&
                                       k.body(i) < avg[2].value() &&
                                       k.o(i) >= k.c(i - 1) - k.body(i) - avg[5].value()
                                   ? -100
                                   : 0;
                      });
}

int cdlsticksandwich_lookback() { return kStickSandwich.lookback(); }
Result<OutRange> cdlsticksandwich(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlsticksandwich", open, high, low, close, out, kStickSandwich,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        const double equal = avg[0].value();
                        return k.black(i - 2) && k.white(i - 1) && k.black(i) && k.l(i - 1) > k.c(i - 2) &&
                                       k.c(i) <= k.c(i - 2) + equal && k.c(i) >= k.c(i - 2) - equal
                                   ? 100
                                   : 0;
                      });
}

int cdltasukigap_lookback() { return kTasukiGap.lookback(); }
Result<OutRange> cdltasukigap(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdltasukigap", open, high, low, close, out, kTasukiGap, [](const Candles& k, std::size_t i, const auto& avg) {
    const double near = avg[0].value();
    const bool similar_bodies = std::fabs(k.body(i - 1) - k.body(i)) < near;
    const bool upside = k.body_gap_up(i - 1, i - 2) && k.white(i - 1) && k.black(i) && k.o(i) < k.c(i - 1) &&
                        k.o(i) > k.o(i - 1) && k.c(i) < k.o(i - 1) && k.c(i) > max2(k.c(i - 2), k.o(i - 2)) &&
                        similar_bodies;
    const bool downside = k.body_gap_down(i - 1, i - 2) && k.black(i - 1) && k.white(i) && k.o(i) < k.o(i - 1) &&
                          k.o(i) > k.c(i - 1) && k.c(i) > k.o(i - 1) && k.c(i) < min2(k.c(i - 2), k.o(i - 2)) &&
                          similar_bodies;
    return upside || downside ? k.color(i - 1) * 100 : 0;
  });
}

int cdltristar_lookback() { return kTristar.lookback(); }
Result<OutRange> cdltristar(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdltristar", open, high, low, close, out, kTristar, [](const Candles& k, std::size_t i, const auto& avg) {
    // All three dojis are judged against the average before the first one.
    const double doji = avg[0].value();
    if (!(k.body(i - 2) <= doji && k.body(i - 1) <= doji && k.body(i) <= doji)) return 0;
    int result = 0;
    if (k.body_gap_up(i - 1, i - 2) && max2(k.o(i), k.c(i)) < max2(k.o(i - 1), k.c(i - 1))) result = -100;
    if (k.body_gap_down(i - 1, i - 2) && min2(k.o(i), k.c(i)) > min2(k.o(i - 1), k.c(i - 1))) result = 100;
    return result;
  });
}

int cdlunique3river_lookback() { return kUniqueThreeRiver.lookback(); }
Result<OutRange> cdlunique3river(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlunique3river", open, high, low, close, out, kUniqueThreeRiver,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        return k.body(i - 2) > avg[0].value() && k.black(i - 2) && k.black(i - 1) &&
                                       k.c(i - 1) > k.c(i - 2) && k.o(i - 1) <= k.o(i - 2) && k.l(i - 1) < k.l(i - 2) &&
                                       k.body(i) < avg[1].value() && k.white(i) && k.o(i) > k.l(i - 1)
                                   ? 100
                                   : 0;
                      });
}

int cdlupsidegap2crows_lookback() { return kThreeInside.lookback(); }
Result<OutRange> cdlupsidegap2crows(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlupsidegap2crows", open, high, low, close, out, kThreeInside,
                      [](const Candles& k, std::size_t i, const auto& avg) {
                        return k.white(i - 2) && k.body(i - 2) > avg[0].value() && k.black(i - 1) &&
                                       k.body(i - 1) <= avg[1].value() && k.body_gap_up(i - 1, i - 2) && k.black(i) &&
                                       k.o(i) > k.o(i - 1) && k.c(i) < k.c(i - 1) && k.c(i) > k.c(i - 2)
                                   ? -100
                                   : 0;
                      });
}

int cdlxsidegap3methods_lookback() { return kXSideGapThreeMethods.lookback(); }
Result<OutRange> cdlxsidegap3methods(Span open, Span high, Span low, Span close, std::span<double> out) {
  return candle::scan("cdlxsidegap3methods", open, high, low, close, out, kXSideGapThreeMethods,
                      [](const Candles& k, std::size_t i, const auto&) {
                        return k.color(i - 2) == k.color(i - 1) && k.color(i - 1) == -k.color(i) &&
                                       k.o(i) < max2(k.c(i - 1), k.o(i - 1)) && k.o(i) > min2(k.c(i - 1), k.o(i - 1)) &&
                                       k.c(i) < max2(k.c(i - 2), k.o(i - 2)) && k.c(i) > min2(k.c(i - 2), k.o(i - 2)) &&
                                       ((k.white(i - 2) && k.body_gap_up(i - 1, i - 2)) ||
                                        (k.black(i - 2) && k.body_gap_down(i - 1, i - 2)))
                                   ? k.color(i - 2) * 100
                                   : 0;
                      });
}

// ---- Hikkake: stateful ---------------------------------------------------------------------------
// An inside bar (i-1 inside i-2, or for the modified form a second inside bar) followed by a
// breakout bar marks the pattern (+100 breakout down / -100 up); a close beyond the inside bar's
// opposite extreme within the next three bars confirms it (±200). The state carries over from the
// three bars before the first output, as in TA-Lib.
namespace {

struct HikkakeState {
  long pattern_bar = 0;  // bar of the last unconfirmed pattern (0 = none)
  int result = 0;        // its value (±100)

  // Confirmation check for bar i; returns ±200 and clears the pattern when confirmed.
  int confirm(const Candles& k, std::size_t i) {
    const auto bar = static_cast<long>(i);
    if (bar <= pattern_bar + 3 && ((result > 0 && k.c(i) > k.h(static_cast<std::size_t>(pattern_bar - 1))) ||
                                   (result < 0 && k.c(i) < k.l(static_cast<std::size_t>(pattern_bar - 1))))) {
      pattern_bar = 0;
      return result + (result > 0 ? 100 : -100);
    }
    return 0;
  }
  int mark(const Candles& k, std::size_t i) {
    result = k.h(i) < k.h(i - 1) ? 100 : -100;
    pattern_bar = static_cast<long>(i);
    return result;
  }
};

bool inside_bar(const Candles& k, std::size_t inner, std::size_t outer) {
  return k.h(inner) < k.h(outer) && k.l(inner) > k.l(outer);
}
bool breaks_down(const Candles& k, std::size_t i) { return k.h(i) < k.h(i - 1) && k.l(i) < k.l(i - 1); }
bool breaks_up(const Candles& k, std::size_t i) { return k.h(i) > k.h(i - 1) && k.l(i) > k.l(i - 1); }

template <class Detect>
Result<OutRange> run_hikkake(std::string_view name, Span open, Span high, Span low, Span close, std::span<double> out,
                             std::size_t lookback, candle::RunningAverage* near, Detect detect) {
  auto n = candle::check_inputs(name, open, high, low, close, out);
  if (!n) return n.error();
  if (*n <= lookback) return OutRange{0, 0};
  const Candles k(open, high, low, close);
  // One allocation: the Near measure (modified hikkake) and a buffer when the output aliases an input.
  const bool aliased = candle::aliases(out, open) || candle::aliases(out, high) || candle::aliases(out, low) ||
                       candle::aliases(out, close);
  std::vector<double> scratch(((near != nullptr ? 1U : 0U) + (aliased ? 1U : 0U)) * *n);
  std::size_t next_block = 0;
  if (near != nullptr) {
    const auto measure = std::span<double>(scratch).subspan(next_block++ * *n, *n);
    candle::measure_series(k, candle::spec(S::near).range, measure);
    *near = candle::RunningAverage(measure, {S::near, 2}, lookback - 3);
  }
  const std::span<double> target = aliased ? std::span<double>(scratch).subspan(next_block * *n, *n) : out;
  HikkakeState state;
  for (std::size_t i = lookback - 3; i < *n; ++i) {
    const int value = detect(k, i) ? state.mark(k, i) : state.confirm(k, i);
    if (i >= lookback) target[i] = value;
    if (near != nullptr) near->next();
  }
  if (aliased) std::copy(target.begin() + static_cast<std::ptrdiff_t>(lookback), target.end(),
                         out.begin() + static_cast<std::ptrdiff_t>(lookback));
  return OutRange{lookback, *n - lookback};
}

}  // namespace

int cdlhikkake_lookback() { return 5; }
Result<OutRange> cdlhikkake(Span open, Span high, Span low, Span close, std::span<double> out) {
  return run_hikkake("cdlhikkake", open, high, low, close, out, 5, nullptr, [](const Candles& k, std::size_t i) {
    return inside_bar(k, i - 1, i - 2) && (breaks_down(k, i) || breaks_up(k, i));
  });
}

int cdlhikkakemod_lookback() { return std::max(1, candle::period(S::near)) + 5; }
Result<OutRange> cdlhikkakemod(Span open, Span high, Span low, Span close, std::span<double> out) {
  // Two nested inside bars; the middle one must close near its low (before a down breakout) or
  // near its high (before an up breakout).
  candle::RunningAverage near;
  return run_hikkake("cdlhikkakemod", open, high, low, close, out, static_cast<std::size_t>(cdlhikkakemod_lookback()),
                     &near, [&near](const Candles& k, std::size_t i) {
                       if (!(inside_bar(k, i - 2, i - 3) && inside_bar(k, i - 1, i - 2))) return false;
                       const double margin = near.value();
                       return (breaks_down(k, i) && k.c(i - 2) <= k.l(i - 2) + margin) ||
                              (breaks_up(k, i) && k.c(i - 2) >= k.h(i - 2) - margin);
                     });
}

}  // namespace streams::analytics
