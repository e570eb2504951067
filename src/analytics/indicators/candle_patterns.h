#pragma once
// TA-Lib's 61 candlestick patterns (group "Pattern Recognition"), values equal to TA-Lib 0.6's with
// its default candle settings (candle.h). Each returns, for every bar from its lookback on, an
// integer in a double: 0 (no pattern), ±100 (pattern, sign = bullish/bearish), ±80 for the weaker
// engulfing/harami forms, ±200 for a confirmed hikkake. The lookback does not depend on
// `penetration`. Inputs and output have one length n; only [lookback, n) is written; n <= lookback
// is an empty success; the output may alias an input. Rules and conventions: candle_patterns.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// Default `penetration` of the functions that take one (TA-Lib's; range [0, 3e37]).
inline constexpr double kPenetrationStar = 0.3;    // abandoned baby, morning/evening (doji) star
inline constexpr double kPenetrationCover = 0.5;   // dark cloud cover, mat hold

int cdl2crows_lookback();
Result<OutRange> cdl2crows(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdl3blackcrows_lookback();
Result<OutRange> cdl3blackcrows(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdl3inside_lookback();
Result<OutRange> cdl3inside(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdl3linestrike_lookback();
Result<OutRange> cdl3linestrike(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdl3outside_lookback();
Result<OutRange> cdl3outside(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdl3starsinsouth_lookback();
Result<OutRange> cdl3starsinsouth(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdl3whitesoldiers_lookback();
Result<OutRange> cdl3whitesoldiers(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlabandonedbaby_lookback();
Result<OutRange> cdlabandonedbaby(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, double penetration, std::span<double> out);
int cdladvanceblock_lookback();
Result<OutRange> cdladvanceblock(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlbelthold_lookback();
Result<OutRange> cdlbelthold(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlbreakaway_lookback();
Result<OutRange> cdlbreakaway(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlclosingmarubozu_lookback();
Result<OutRange> cdlclosingmarubozu(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlconcealbabyswall_lookback();
Result<OutRange> cdlconcealbabyswall(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlcounterattack_lookback();
Result<OutRange> cdlcounterattack(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdldarkcloudcover_lookback();
Result<OutRange> cdldarkcloudcover(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, double penetration, std::span<double> out);
int cdldoji_lookback();
Result<OutRange> cdldoji(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdldojistar_lookback();
Result<OutRange> cdldojistar(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdldragonflydoji_lookback();
Result<OutRange> cdldragonflydoji(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlengulfing_lookback();
Result<OutRange> cdlengulfing(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdleveningdojistar_lookback();
Result<OutRange> cdleveningdojistar(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, double penetration, std::span<double> out);
int cdleveningstar_lookback();
Result<OutRange> cdleveningstar(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, double penetration, std::span<double> out);
int cdlgapsidesidewhite_lookback();
Result<OutRange> cdlgapsidesidewhite(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlgravestonedoji_lookback();
Result<OutRange> cdlgravestonedoji(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlhammer_lookback();
Result<OutRange> cdlhammer(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlhangingman_lookback();
Result<OutRange> cdlhangingman(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlharami_lookback();
Result<OutRange> cdlharami(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlharamicross_lookback();
Result<OutRange> cdlharamicross(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlhighwave_lookback();
Result<OutRange> cdlhighwave(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlhikkake_lookback();
Result<OutRange> cdlhikkake(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlhikkakemod_lookback();
Result<OutRange> cdlhikkakemod(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlhomingpigeon_lookback();
Result<OutRange> cdlhomingpigeon(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlidentical3crows_lookback();
Result<OutRange> cdlidentical3crows(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlinneck_lookback();
Result<OutRange> cdlinneck(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlinvertedhammer_lookback();
Result<OutRange> cdlinvertedhammer(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlkicking_lookback();
Result<OutRange> cdlkicking(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlkickingbylength_lookback();
Result<OutRange> cdlkickingbylength(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlladderbottom_lookback();
Result<OutRange> cdlladderbottom(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdllongleggeddoji_lookback();
Result<OutRange> cdllongleggeddoji(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdllongline_lookback();
Result<OutRange> cdllongline(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlmarubozu_lookback();
Result<OutRange> cdlmarubozu(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlmatchinglow_lookback();
Result<OutRange> cdlmatchinglow(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlmathold_lookback();
Result<OutRange> cdlmathold(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, double penetration, std::span<double> out);
int cdlmorningdojistar_lookback();
Result<OutRange> cdlmorningdojistar(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, double penetration, std::span<double> out);
int cdlmorningstar_lookback();
Result<OutRange> cdlmorningstar(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, double penetration, std::span<double> out);
int cdlonneck_lookback();
Result<OutRange> cdlonneck(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlpiercing_lookback();
Result<OutRange> cdlpiercing(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlrickshawman_lookback();
Result<OutRange> cdlrickshawman(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlrisefall3methods_lookback();
Result<OutRange> cdlrisefall3methods(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlseparatinglines_lookback();
Result<OutRange> cdlseparatinglines(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlshootingstar_lookback();
Result<OutRange> cdlshootingstar(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlshortline_lookback();
Result<OutRange> cdlshortline(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlspinningtop_lookback();
Result<OutRange> cdlspinningtop(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlstalledpattern_lookback();
Result<OutRange> cdlstalledpattern(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlsticksandwich_lookback();
Result<OutRange> cdlsticksandwich(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdltakuri_lookback();
Result<OutRange> cdltakuri(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdltasukigap_lookback();
Result<OutRange> cdltasukigap(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlthrusting_lookback();
Result<OutRange> cdlthrusting(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdltristar_lookback();
Result<OutRange> cdltristar(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlunique3river_lookback();
Result<OutRange> cdlunique3river(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlupsidegap2crows_lookback();
Result<OutRange> cdlupsidegap2crows(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);
int cdlxsidegap3methods_lookback();
Result<OutRange> cdlxsidegap3methods(std::span<const double> open, std::span<const double> high, std::span<const double> low,
    std::span<const double> close, std::span<double> out);

}  // namespace streams::analytics
