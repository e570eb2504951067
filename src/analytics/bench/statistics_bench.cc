// Google Benchmark for the statistics ops on real prices (/work/shared/data/prices via the repo's
// data/ link when present, else the reference inputs): acf, pacf, stl on 2,500 days, and corr on
// 500 series x 2,500 days (201 full-history files' close, open and adj_close columns).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "analytics/statistics/statistics.h"
#include "analytics/tests/reference_data.h"

namespace {

namespace st = streams::analytics::statistics;
namespace fs = std::filesystem;
constexpr std::size_t kDays = 2500;

fs::path prices_dir() {
  for (const char* candidate : {"data/prices", "../shared/data/prices", "/work/shared/data/prices"}) {
    const fs::path p = fs::path(STREAMS_SOURCE_DIR) / candidate;
    if (fs::exists(p)) return p;
    if (fs::exists(candidate)) return candidate;
  }
  return {};
}

// Columns of the price files with at least kDays rows, in file-name order: close, open, adj_close.
const std::vector<std::vector<double>>& price_series() {
  static const std::vector<std::vector<double>> series = [] {
    std::vector<fs::path> files;
    const fs::path dir = prices_dir();
    if (!dir.empty()) {
      for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::vector<double>> cols[3];
    for (const auto& f : files) {
      const auto csv = streams::analytics::testing::load_csv(f);
      if (csv.dates.size() < kDays) continue;
      int c = 0;
      for (const char* name : {"close", "open", "adj_close"}) {
        const auto& v = csv.columns.at(name);
        cols[c++].emplace_back(v.begin(), v.begin() + kDays);
      }
    }
    std::vector<std::vector<double>> all;
    for (auto& c : cols) all.insert(all.end(), c.begin(), c.end());
    if (all.empty()) {  // fallback: reference inputs (600 days)
      all.push_back(streams::analytics::testing::load_csv(streams::analytics::testing::reference_dir() / "inputs/MSFT.csv")
                        .columns.at("close"));
    }
    return all;
  }();
  return series;
}

std::vector<double> log_returns_of(const std::vector<double>& prices) {
  std::vector<double> r = st::returns(prices, st::ReturnKind::log);
  r.erase(r.begin());
  return r;
}

void BM_acf(benchmark::State& state) {
  const auto x = log_returns_of(price_series().front());
  st::AcfOptions o;
  o.nlags = 40;
  o.fft = state.range(0) != 0;
  for (auto _ : state) benchmark::DoNotOptimize(st::acf(x, o));
}
BENCHMARK(BM_acf)->Arg(1)->Arg(0)->ArgNames({"fft"})->Unit(benchmark::kMicrosecond);

void BM_pacf(benchmark::State& state) {
  const auto x = log_returns_of(price_series().front());
  st::PacfOptions o;
  o.nlags = 40;
  o.method = static_cast<st::PacfMethod>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(st::pacf(x, o));
}
// 0 = ywadjusted (default), 2 = ols, 5 = ld
BENCHMARK(BM_pacf)->Arg(0)->Arg(2)->Arg(5)->ArgNames({"method"})->Unit(benchmark::kMicrosecond);

void BM_stl(benchmark::State& state) {
  const auto& x = price_series().front();
  st::StlOptions o;
  o.period = static_cast<int>(state.range(0));
  o.robust = state.range(1) != 0;
  for (auto _ : state) benchmark::DoNotOptimize(st::stl(x, o));
}
BENCHMARK(BM_stl)->Args({5, 0})->Args({5, 1})->Args({21, 0})->Args({252, 0})->ArgNames({"period", "robust"})
    ->Unit(benchmark::kMillisecond);

void BM_seasonal_decompose(benchmark::State& state) {
  const auto& x = price_series().front();
  st::SeasonalDecomposeOptions o;
  o.period = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(st::seasonal_decompose(x, o));
}
BENCHMARK(BM_seasonal_decompose)->Arg(5)->Arg(252)->ArgNames({"period"})->Unit(benchmark::kMicrosecond);

void BM_corr(benchmark::State& state) {
  const auto method = static_cast<st::CorrMethod>(state.range(0));
  const auto assets = static_cast<std::size_t>(state.range(1));
  std::vector<std::vector<double>> cols;
  const auto& all = price_series();
  for (std::size_t i = 0; i < assets && i < all.size(); ++i) cols.push_back(st::returns(all[i], st::ReturnKind::log));
  for (auto _ : state) benchmark::DoNotOptimize(st::corr_matrix(cols, method));
  state.counters["assets"] = static_cast<double>(cols.size());
}
// method 0 = pearson, 1 = spearman, 2 = kendall
BENCHMARK(BM_corr)->Args({0, 500})->Args({1, 500})->Args({2, 50})->ArgNames({"method", "assets"})
    ->Unit(benchmark::kMillisecond);

}  // namespace
