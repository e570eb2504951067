// Wavelet benchmarks: wavedec (db4, symmetric, default level and level 4; periodization) and cwt
// (morl, mexh, cmor) on random walks of the sizes scripts/bench_wavelets.py times with PyWavelets.

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "analytics/wavelets/cwt.h"
#include "analytics/wavelets/dwt.h"

namespace {

namespace wv = streams::analytics::wavelets;

std::vector<double> walk(std::size_t n) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> d(0.0, 1.0);
  std::vector<double> x(n);
  double v = 100;
  for (auto& e : x) e = (v += d(rng));
  return x;
}

void wavedec_bench(benchmark::State& state, const char* wavelet, wv::Mode mode) {
  const auto x = walk(static_cast<std::size_t>(state.range(0)));
  const auto* w = wv::find_discrete_wavelet(wavelet);
  for (auto _ : state) {
    auto c = wv::wavedec(x, *w, mode, std::nullopt);
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_wavedec_db4_symmetric(benchmark::State& s) { wavedec_bench(s, "db4", wv::Mode::symmetric); }
void BM_wavedec_db4_periodization(benchmark::State& s) { wavedec_bench(s, "db4", wv::Mode::periodization); }
void BM_wavedec_sym20_symmetric(benchmark::State& s) { wavedec_bench(s, "sym20", wv::Mode::symmetric); }
BENCHMARK(BM_wavedec_db4_symmetric)->Arg(600)->Arg(2500)->Arg(1'000'000);
BENCHMARK(BM_wavedec_db4_periodization)->Arg(2500)->Arg(1'000'000);
BENCHMARK(BM_wavedec_sym20_symmetric)->Arg(2500);

void cwt_bench(benchmark::State& state, const char* wavelet, int max_scale) {
  const auto x = walk(static_cast<std::size_t>(state.range(0)));
  auto w = wv::parse_continuous_wavelet(wavelet);
  std::vector<double> scales;
  for (int s = 1; s <= max_scale; ++s) scales.push_back(s);
  for (auto _ : state) {
    auto r = wv::cwt(x, scales, *w);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_cwt_morl_1_32(benchmark::State& s) { cwt_bench(s, "morl", 32); }
void BM_cwt_mexh_1_16(benchmark::State& s) { cwt_bench(s, "mexh", 16); }
void BM_cwt_cmor_1_32(benchmark::State& s) { cwt_bench(s, "cmor1.5-1.0", 32); }
BENCHMARK(BM_cwt_morl_1_32)->Arg(512)->Arg(2500)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_cwt_mexh_1_16)->Arg(512)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_cwt_cmor_1_32)->Arg(512)->Unit(benchmark::kMillisecond);

}  // namespace
