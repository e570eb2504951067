// TA-Lib's Pattern Recognition group: the 61 candlestick patterns of candle_patterns.h, declared
// with python TA-Lib's names (inputs open/high/low/close, `penetration` where TA-Lib has it, one
// integer output named `integer`).
#include "analytics/indicators/candle_patterns.h"
#include "analytics/indicators/indicator_registry.h"

namespace streams::analytics {
namespace {

using Span = std::span<const double>;
using PlainFn = Result<OutRange> (*)(Span, Span, Span, Span, std::span<double>);
using PenetrationFn = Result<OutRange> (*)(Span, Span, Span, Span, double, std::span<double>);

template <PlainFn Fn>
Result<OutRange> adapt(std::span<const Span> in, std::span<const double> /*params*/, std::span<const std::span<double>> out) {
  return Fn(in[0], in[1], in[2], in[3], out[0]);
}
template <PenetrationFn Fn>
Result<OutRange> adapt_penetration(std::span<const Span> in, std::span<const double> params,
                                   std::span<const std::span<double>> out) {
  return Fn(in[0], in[1], in[2], in[3], params[0], out[0]);
}
template <int (*Fn)()>
int lookback(std::span<const double> /*params*/) {
  return Fn();
}

IndicatorSpec pattern(std::string_view name, std::string_view description, LookbackFn lb, ComputeFn fn) {
  return IndicatorSpec{name, "Pattern Recognition", description, {"open", "high", "low", "close"}, {},
                       {{"integer", OutputKind::integer}}, lb, fn, false};
}
IndicatorSpec pattern(std::string_view name, std::string_view description, double penetration, LookbackFn lb,
                      ComputeFn fn) {
  IndicatorSpec spec = pattern(name, description, lb, fn);
  spec.params = {{"penetration", ParamType::real, penetration, 0.0, 3e37}};
  return spec;
}

}  // namespace

std::vector<IndicatorSpec> pattern_specs() {
  return {
      pattern("cdl2crows", "Two Crows", lookback<cdl2crows_lookback>, adapt<cdl2crows>),
      pattern("cdl3blackcrows", "Three Black Crows", lookback<cdl3blackcrows_lookback>, adapt<cdl3blackcrows>),
      pattern("cdl3inside", "Three Inside Up/Down", lookback<cdl3inside_lookback>, adapt<cdl3inside>),
      pattern("cdl3linestrike", "Three-Line Strike ", lookback<cdl3linestrike_lookback>, adapt<cdl3linestrike>),
      pattern("cdl3outside", "Three Outside Up/Down", lookback<cdl3outside_lookback>, adapt<cdl3outside>),
      pattern("cdl3starsinsouth", "Three Stars In The South", lookback<cdl3starsinsouth_lookback>, adapt<cdl3starsinsouth>),
      pattern("cdl3whitesoldiers", "Three Advancing White Soldiers", lookback<cdl3whitesoldiers_lookback>, adapt<cdl3whitesoldiers>),
      pattern("cdlabandonedbaby", "Abandoned Baby", kPenetrationStar, lookback<cdlabandonedbaby_lookback>, adapt_penetration<cdlabandonedbaby>),
      pattern("cdladvanceblock", "Advance Block", lookback<cdladvanceblock_lookback>, adapt<cdladvanceblock>),
      pattern("cdlbelthold", "Belt-hold", lookback<cdlbelthold_lookback>, adapt<cdlbelthold>),
      pattern("cdlbreakaway", "Breakaway", lookback<cdlbreakaway_lookback>, adapt<cdlbreakaway>),
      pattern("cdlclosingmarubozu", "Closing Marubozu", lookback<cdlclosingmarubozu_lookback>, adapt<cdlclosingmarubozu>),
      pattern("cdlconcealbabyswall", "Concealing Baby Swallow", lookback<cdlconcealbabyswall_lookback>, adapt<cdlconcealbabyswall>),
      pattern("cdlcounterattack", "Counterattack", lookback<cdlcounterattack_lookback>, adapt<cdlcounterattack>),
      pattern("cdldarkcloudcover", "Dark Cloud Cover", kPenetrationCover, lookback<cdldarkcloudcover_lookback>, adapt_penetration<cdldarkcloudcover>),
      pattern("cdldoji", "Doji", lookback<cdldoji_lookback>, adapt<cdldoji>),
      pattern("cdldojistar", "Doji Star", lookback<cdldojistar_lookback>, adapt<cdldojistar>),
      pattern("cdldragonflydoji", "Dragonfly Doji", lookback<cdldragonflydoji_lookback>, adapt<cdldragonflydoji>),
      pattern("cdlengulfing", "Engulfing Pattern", lookback<cdlengulfing_lookback>, adapt<cdlengulfing>),
      pattern("cdleveningdojistar", "Evening Doji Star", kPenetrationStar, lookback<cdleveningdojistar_lookback>, adapt_penetration<cdleveningdojistar>),
      pattern("cdleveningstar", "Evening Star", kPenetrationStar, lookback<cdleveningstar_lookback>, adapt_penetration<cdleveningstar>),
      pattern("cdlgapsidesidewhite", "Up/Down-gap side-by-side white lines", lookback<cdlgapsidesidewhite_lookback>, adapt<cdlgapsidesidewhite>),
      pattern("cdlgravestonedoji", "Gravestone Doji", lookback<cdlgravestonedoji_lookback>, adapt<cdlgravestonedoji>),
      pattern("cdlhammer", "Hammer", lookback<cdlhammer_lookback>, adapt<cdlhammer>),
      pattern("cdlhangingman", "Hanging Man", lookback<cdlhangingman_lookback>, adapt<cdlhangingman>),
      pattern("cdlharami", "Harami Pattern", lookback<cdlharami_lookback>, adapt<cdlharami>),
      pattern("cdlharamicross", "Harami Cross Pattern", lookback<cdlharamicross_lookback>, adapt<cdlharamicross>),
      pattern("cdlhighwave", "High-Wave Candle", lookback<cdlhighwave_lookback>, adapt<cdlhighwave>),
      pattern("cdlhikkake", "Hikkake Pattern", lookback<cdlhikkake_lookback>, adapt<cdlhikkake>),
      pattern("cdlhikkakemod", "Modified Hikkake Pattern", lookback<cdlhikkakemod_lookback>, adapt<cdlhikkakemod>),
      pattern("cdlhomingpigeon", "Homing Pigeon", lookback<cdlhomingpigeon_lookback>, adapt<cdlhomingpigeon>),
      pattern("cdlidentical3crows", "Identical Three Crows", lookback<cdlidentical3crows_lookback>, adapt<cdlidentical3crows>),
      pattern("cdlinneck", "In-Neck Pattern", lookback<cdlinneck_lookback>, adapt<cdlinneck>),
      pattern("cdlinvertedhammer", "Inverted Hammer", lookback<cdlinvertedhammer_lookback>, adapt<cdlinvertedhammer>),
      pattern("cdlkicking", "Kicking", lookback<cdlkicking_lookback>, adapt<cdlkicking>),
      pattern("cdlkickingbylength", "Kicking - bull/bear determined by the longer marubozu", lookback<cdlkickingbylength_lookback>, adapt<cdlkickingbylength>),
      pattern("cdlladderbottom", "Ladder Bottom", lookback<cdlladderbottom_lookback>, adapt<cdlladderbottom>),
      pattern("cdllongleggeddoji", "Long Legged Doji", lookback<cdllongleggeddoji_lookback>, adapt<cdllongleggeddoji>),
      pattern("cdllongline", "Long Line Candle", lookback<cdllongline_lookback>, adapt<cdllongline>),
      pattern("cdlmarubozu", "Marubozu", lookback<cdlmarubozu_lookback>, adapt<cdlmarubozu>),
      pattern("cdlmatchinglow", "Matching Low", lookback<cdlmatchinglow_lookback>, adapt<cdlmatchinglow>),
      pattern("cdlmathold", "Mat Hold", kPenetrationCover, lookback<cdlmathold_lookback>, adapt_penetration<cdlmathold>),
      pattern("cdlmorningdojistar", "Morning Doji Star", kPenetrationStar, lookback<cdlmorningdojistar_lookback>, adapt_penetration<cdlmorningdojistar>),
      pattern("cdlmorningstar", "Morning Star", kPenetrationStar, lookback<cdlmorningstar_lookback>, adapt_penetration<cdlmorningstar>),
      pattern("cdlonneck", "On-Neck Pattern", lookback<cdlonneck_lookback>, adapt<cdlonneck>),
      pattern("cdlpiercing", "Piercing Pattern", lookback<cdlpiercing_lookback>, adapt<cdlpiercing>),
      pattern("cdlrickshawman", "Rickshaw Man", lookback<cdlrickshawman_lookback>, adapt<cdlrickshawman>),
      pattern("cdlrisefall3methods", "Rising/Falling Three Methods", lookback<cdlrisefall3methods_lookback>, adapt<cdlrisefall3methods>),
      pattern("cdlseparatinglines", "Separating Lines", lookback<cdlseparatinglines_lookback>, adapt<cdlseparatinglines>),
      pattern("cdlshootingstar", "Shooting Star", lookback<cdlshootingstar_lookback>, adapt<cdlshootingstar>),
      pattern("cdlshortline", "Short Line Candle", lookback<cdlshortline_lookback>, adapt<cdlshortline>),
      pattern("cdlspinningtop", "Spinning Top", lookback<cdlspinningtop_lookback>, adapt<cdlspinningtop>),
      pattern("cdlstalledpattern", "Stalled Pattern", lookback<cdlstalledpattern_lookback>, adapt<cdlstalledpattern>),
      pattern("cdlsticksandwich", "Stick Sandwich", lookback<cdlsticksandwich_lookback>, adapt<cdlsticksandwich>),
      pattern("cdltakuri", "Takuri (Dragonfly Doji with very long lower shadow)", lookback<cdltakuri_lookback>, adapt<cdltakuri>),
      pattern("cdltasukigap", "Tasuki Gap", lookback<cdltasukigap_lookback>, adapt<cdltasukigap>),
      pattern("cdlthrusting", "Thrusting Pattern", lookback<cdlthrusting_lookback>, adapt<cdlthrusting>),
      pattern("cdltristar", "Tristar Pattern", lookback<cdltristar_lookback>, adapt<cdltristar>),
      pattern("cdlunique3river", "Unique 3 River", lookback<cdlunique3river_lookback>, adapt<cdlunique3river>),
      pattern("cdlupsidegap2crows", "Upside Gap Two Crows", lookback<cdlupsidegap2crows_lookback>, adapt<cdlupsidegap2crows>),
      pattern("cdlxsidegap3methods", "Upside/Downside Gap Three Methods", lookback<cdlxsidegap3methods_lookback>, adapt<cdlxsidegap3methods>),
  };
}

}  // namespace streams::analytics
