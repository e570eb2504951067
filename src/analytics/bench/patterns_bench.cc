// ns per bar of a few candlestick patterns on real daily bars: AAPL's 2,516 rows (Arg 2516), and
// the same rows repeated to 100,640 bars (Arg 100640).
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/indicators/candle_patterns.h"

namespace {

using streams::analytics::OutRange;

struct Bars {
  std::vector<double> open, high, low, close;
};

// date,open,high,low,close of the golden input, repeated to `rows`.
const Bars& bars() {
  static const Bars data = [] {
    Bars b;
    std::ifstream in(std::string(STREAMS_SOURCE_DIR) + "/src/analytics/tests/data/patterns/AAPL.full.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::stringstream row(line);
      std::string cell;
      std::getline(row, cell, ',');
      double v[4];
      for (double& x : v) {
        std::getline(row, cell, ',');
        x = std::stod(cell);
      }
      b.open.push_back(v[0]);
      b.high.push_back(v[1]);
      b.low.push_back(v[2]);
      b.close.push_back(v[3]);
    }
    const std::size_t base = b.close.size();
    for (int copy = 0; copy < 39; ++copy) {  // ~100k bars
      for (std::size_t i = 0; i < base; ++i) {
        b.open.push_back(b.open[i]);
        b.high.push_back(b.high[i]);
        b.low.push_back(b.low[i]);
        b.close.push_back(b.close[i]);
      }
    }
    return b;
  }();
  return data;
}

template <class Fn>
void run(benchmark::State& state, Fn fn) {
  const Bars& all = bars();
  const auto n = static_cast<std::size_t>(state.range(0));
  const Bars b{{all.open.begin(), all.open.begin() + static_cast<std::ptrdiff_t>(n)},
               {all.high.begin(), all.high.begin() + static_cast<std::ptrdiff_t>(n)},
               {all.low.begin(), all.low.begin() + static_cast<std::ptrdiff_t>(n)},
               {all.close.begin(), all.close.begin() + static_cast<std::ptrdiff_t>(n)}};
  std::vector<double> out(b.close.size());
  for (auto _ : state) {
    auto r = fn(b, out);
    benchmark::DoNotOptimize(r);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(b.close.size()));
  state.counters["ns_per_bar"] = benchmark::Counter(static_cast<double>(state.iterations()) *
                                                        static_cast<double>(b.close.size()),
                                                    benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_cdldoji(benchmark::State& s) {
  run(s, [](const Bars& b, std::vector<double>& o) { return streams::analytics::cdldoji(b.open, b.high, b.low, b.close, o); });
}
void BM_cdlengulfing(benchmark::State& s) {
  run(s, [](const Bars& b, std::vector<double>& o) { return streams::analytics::cdlengulfing(b.open, b.high, b.low, b.close, o); });
}
void BM_cdlhammer(benchmark::State& s) {
  run(s, [](const Bars& b, std::vector<double>& o) { return streams::analytics::cdlhammer(b.open, b.high, b.low, b.close, o); });
}
void BM_cdlmorningstar(benchmark::State& s) {
  run(s, [](const Bars& b, std::vector<double>& o) {
    return streams::analytics::cdlmorningstar(b.open, b.high, b.low, b.close, 0.3, o);
  });
}
void BM_cdl3whitesoldiers(benchmark::State& s) {
  run(s, [](const Bars& b, std::vector<double>& o) {
    return streams::analytics::cdl3whitesoldiers(b.open, b.high, b.low, b.close, o);
  });
}
void BM_cdladvanceblock(benchmark::State& s) {
  run(s, [](const Bars& b, std::vector<double>& o) {
    return streams::analytics::cdladvanceblock(b.open, b.high, b.low, b.close, o);
  });
}
void BM_cdlhikkakemod(benchmark::State& s) {
  run(s, [](const Bars& b, std::vector<double>& o) {
    return streams::analytics::cdlhikkakemod(b.open, b.high, b.low, b.close, o);
  });
}

BENCHMARK(BM_cdldoji)->Arg(2516)->Arg(100640);
BENCHMARK(BM_cdlengulfing)->Arg(2516)->Arg(100640);
BENCHMARK(BM_cdlhammer)->Arg(2516)->Arg(100640);
BENCHMARK(BM_cdlmorningstar)->Arg(2516)->Arg(100640);
BENCHMARK(BM_cdl3whitesoldiers)->Arg(2516)->Arg(100640);
BENCHMARK(BM_cdladvanceblock)->Arg(2516)->Arg(100640);
BENCHMARK(BM_cdlhikkakemod)->Arg(2516)->Arg(100640);

}  // namespace
