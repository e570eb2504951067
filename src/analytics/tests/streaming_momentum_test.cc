// Streaming states (streaming_indicators.h) against the batch functions over the whole real
// reference series (MSFT, XOM, JPM; 600 daily bars each) and a long random walk: the same values
// bit for bit (tolerance 1e-12 relative allowed by the brief, not needed), nullopt exactly during
// the lookback, and parameters validated like the batch functions.

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "analytics/errc.h"
#include "analytics/indicators/directional.h"
#include "analytics/indicators/macd.h"
#include "analytics/indicators/momentum.h"
#include "analytics/indicators/oscillators.h"
#include "analytics/indicators/rsi.h"
#include "analytics/indicators/stoch.h"
#include "analytics/indicators/streaming_indicators.h"
#include "analytics/indicators/volatility.h"
#include "analytics/indicators/volume.h"
#include "analytics/tests/group_test_support.h"

namespace streams::analytics {
namespace group_test {
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GroupTest);  // only the helpers are used here
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GroupReferenceTest);
}  // namespace group_test
namespace {

using group_test::Bars;

std::vector<Bars> series() {
  return {group_test::reference_bars("MSFT"), group_test::reference_bars("XOM"), group_test::reference_bars("JPM"),
          group_test::make_bars(5000, 99)};
}

BarInput bar_at(const Bars& b, std::size_t i) { return {b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i]}; }

void expect_same(double batch, double streamed, const std::string& what, std::size_t i) {
  if (batch == streamed) return;
  EXPECT_LE(std::fabs(batch - streamed), 1e-12 * std::fabs(batch)) << what << " row " << i << ": batch " << batch
                                                                   << " streamed " << streamed;
}

// Feeds every bar to a fresh state from `make` and compares each output column with `batch`.
template <class State, class Split>
void check(const std::string& what, std::function<Result<State>()> make,
           std::function<std::vector<std::vector<double>>(const Bars&)> batch, Split split) {
  for (const Bars& b : series()) {
    auto state = make();
    ASSERT_TRUE(state) << what << ": " << state.error().message;
    const auto expected = batch(b);
    const std::size_t n = b.close.size();
    const auto lookback = static_cast<std::size_t>(state->lookback());
    for (std::size_t i = 0; i < n; ++i) {
      const auto out = state->update(bar_at(b, i));
      if (i < lookback) {
        ASSERT_FALSE(out.has_value()) << what << " row " << i;
        ASSERT_TRUE(std::isnan(expected[0][i])) << what << " row " << i;
        continue;
      }
      ASSERT_TRUE(out.has_value()) << what << " row " << i;
      const std::vector<double> values = split(*out);
      for (std::size_t k = 0; k < values.size(); ++k) expect_same(expected[k][i], values[k], what, i);
    }
  }
}

const auto single = [](double v) { return std::vector<double>{v}; };
const auto pair = [](const StochOutput& v) { return std::vector<double>{v.k, v.d}; };

std::vector<double> col(std::size_t n) { return std::vector<double>(n, nan); }

TEST(Streaming, Rsi) {
  for (const int p : {14, 7, 2}) {
    check<RsiState>("rsi", [p] { return RsiState::create(p); },
                    [p](const Bars& b) {
                      auto y = col(b.close.size());
                      (void)rsi(b.close, p, y);
                      return std::vector<std::vector<double>>{y};
                    },
                    single);
  }
}

TEST(Streaming, StochAndStochf) {
  for (const MaType t : {MaType::sma, MaType::ema}) {
    check<StochState>("stoch", [t] { return StochState::create(14, 3, t, 3, t); },
                      [t](const Bars& b) {
                        auto k = col(b.close.size()), d = col(b.close.size());
                        (void)stoch(b.high, b.low, b.close, 14, 3, t, 3, t, k, d);
                        return std::vector{k, d};
                      },
                      pair);
    check<StochfState>("stochf", [t] { return StochfState::create(14, 3, t); },
                       [t](const Bars& b) {
                         auto k = col(b.close.size()), d = col(b.close.size());
                         (void)stochf(b.high, b.low, b.close, 14, 3, t, k, d);
                         return std::vector{k, d};
                       },
                       pair);
  }
  check<StochfState>("stochf period 1", [] { return StochfState::create(1, 1, MaType::ema); },
                     [](const Bars& b) {
                       auto k = col(b.close.size()), d = col(b.close.size());
                       (void)stochf(b.high, b.low, b.close, 1, 1, MaType::ema, k, d);
                       return std::vector{k, d};
                     },
                     pair);
}

TEST(Streaming, StochRsi) {
  check<StochRsiState>("stochrsi", [] { return StochRsiState::create(14, 14, 3, MaType::sma); },
                       [](const Bars& b) {
                         auto k = col(b.close.size()), d = col(b.close.size());
                         (void)stochrsi(b.close, 14, 14, 3, MaType::sma, k, d);
                         return std::vector{k, d};
                       },
                       pair);
}

TEST(Streaming, Macd) {
  for (const auto& [f, s, g] : {std::tuple{12, 26, 9}, std::tuple{5, 35, 5}, std::tuple{26, 12, 1}}) {
    check<MacdState>("macd", [f, s, g] { return MacdState::create(f, s, g); },
                     [f, s, g](const Bars& b) {
                       auto m = col(b.close.size()), sig = col(b.close.size()), h = col(b.close.size());
                       (void)macd(b.close, f, s, g, m, sig, h);
                       return std::vector{m, sig, h};
                     },
                     [](const detail::MacdValues& v) { return std::vector<double>{v.macd, v.signal, v.hist}; });
  }
}

TEST(Streaming, TrueRangeFamily) {
  check<TrangeState>("trange", [] { return TrangeState::create(); },
                     [](const Bars& b) {
                       auto y = col(b.close.size());
                       (void)trange(b.high, b.low, b.close, y);
                       return std::vector<std::vector<double>>{y};
                     },
                     single);
  for (const int p : {14, 20, 1}) {
    check<AtrState>("atr", [p] { return AtrState::create(p); },
                    [p](const Bars& b) {
                      auto y = col(b.close.size());
                      (void)atr(b.high, b.low, b.close, p, y);
                      return std::vector<std::vector<double>>{y};
                    },
                    single);
    check<NatrState>("natr", [p] { return NatrState::create(p); },
                     [p](const Bars& b) {
                       auto y = col(b.close.size());
                       (void)natr(b.high, b.low, b.close, p, y);
                       return std::vector<std::vector<double>>{y};
                     },
                     single);
  }
}

TEST(Streaming, AdxCciWillrMfi) {
  for (const int p : {14, 20, 2}) {
    check<AdxState>("adx", [p] { return AdxState::create(p); },
                    [p](const Bars& b) {
                      auto y = col(b.close.size());
                      (void)adx(b.high, b.low, b.close, p, y);
                      return std::vector<std::vector<double>>{y};
                    },
                    single);
    check<CciState>("cci", [p] { return CciState::create(p); },
                    [p](const Bars& b) {
                      auto y = col(b.close.size());
                      (void)cci(b.high, b.low, b.close, p, y);
                      return std::vector<std::vector<double>>{y};
                    },
                    single);
    check<WillrState>("willr", [p] { return WillrState::create(p); },
                      [p](const Bars& b) {
                        auto y = col(b.close.size());
                        (void)willr(b.high, b.low, b.close, p, y);
                        return std::vector<std::vector<double>>{y};
                      },
                      single);
    check<MfiState>("mfi", [p] { return MfiState::create(p); },
                    [p](const Bars& b) {
                      auto y = col(b.close.size());
                      (void)mfi(b.high, b.low, b.close, b.volume, p, y);
                      return std::vector<std::vector<double>>{y};
                    },
                    single);
  }
}

TEST(Streaming, VolumeFamily) {
  check<ObvState>("obv", [] { return ObvState::create(); },
                  [](const Bars& b) {
                    auto y = col(b.close.size());
                    (void)obv(b.close, b.volume, y);
                    return std::vector<std::vector<double>>{y};
                  },
                  single);
  check<AdState>("ad", [] { return AdState::create(); },
                 [](const Bars& b) {
                   auto y = col(b.close.size());
                   (void)ad(b.high, b.low, b.close, b.volume, y);
                   return std::vector<std::vector<double>>{y};
                 },
                 single);
  for (const auto& [f, s] : {std::pair{3, 10}, std::pair{5, 20}, std::pair{10, 3}}) {
    check<AdoscState>("adosc", [f, s] { return AdoscState::create(f, s); },
                      [f, s](const Bars& b) {
                        auto y = col(b.close.size());
                        (void)adosc(b.high, b.low, b.close, b.volume, f, s, y);
                        return std::vector<std::vector<double>>{y};
                      },
                      single);
  }
}

TEST(Streaming, RocAndMom) {
  for (const int p : {10, 1}) {
    check<RocState>("roc", [p] { return RocState::create(p); },
                    [p](const Bars& b) {
                      auto y = col(b.close.size());
                      (void)roc(b.close, p, y);
                      return std::vector<std::vector<double>>{y};
                    },
                    single);
    check<MomState>("mom", [p] { return MomState::create(p); },
                    [p](const Bars& b) {
                      auto y = col(b.close.size());
                      (void)mom(b.close, p, y);
                      return std::vector<std::vector<double>>{y};
                    },
                    single);
  }
}

TEST(Streaming, ParametersValidatedAsInBatch) {
  EXPECT_EQ(RsiState::create(1).error().code, make_error_code(errc::bad_param));
  EXPECT_EQ(MacdState::create(12, 26, 0).error().code, make_error_code(errc::bad_param));
  EXPECT_EQ(AdxState::create(100001).error().code, make_error_code(errc::bad_param));
  EXPECT_EQ(MomState::create(0).error().code, make_error_code(errc::bad_param));
  EXPECT_EQ(AdoscState::create(1, 10).error().code, make_error_code(errc::bad_param));
  const auto wma_stoch = StochState::create(14, 3, MaType::wma, 3, MaType::sma);
  ASSERT_FALSE(wma_stoch);
  EXPECT_NE(wma_stoch.error().message.find("slowk_matype"), std::string::npos);
}

TEST(Streaming, MonotonicExtremeKeepsTheWindow) {
  detail::MonotonicExtreme<std::greater<>> highest(3);
  const std::vector<double> x{1, 5, 2, 2, 1, 0, 7};
  const std::vector<double> expected{1, 5, 5, 5, 2, 2, 7};
  for (std::size_t i = 0; i < x.size(); ++i) {
    highest.push(x[i]);
    EXPECT_EQ(highest.value(), expected[i]) << i;
  }
}

}  // namespace
}  // namespace streams::analytics
