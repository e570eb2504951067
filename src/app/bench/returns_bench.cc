// The Returns tab's server-side work for 10 tickers x 10 years of the bundled demo data (issue 5,
// item 8: under 50 ms). Imports data/demo into a temporary SQLite store once, then times the
// requests the tab makes (web/src/features/returns/requests.ts builds the same query strings)
// through api::Api in-process: routing, loading the bars, the ops and the JSON, without the
// socket. `cold` runs without a response cache (every request computed); `cached` with one (a
// revisit). The tab's requests run concurrently in the browser; here they run one after another,
// so the total is an upper bound of the server time per view.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/api.h"
#include "cache/lru_cache.h"
#include "cache/versioned_store.h"
#include "ingest/importer.h"
#include "store/embedded/sqlite_store.h"

namespace {

using namespace streams;

constexpr const char* kSymbols = "AAPL,AMZN,AMD,AMGN,C,CAT,ABT,ADP,AEP,ALL";
constexpr const char* kRange = "from=2011-04-22&to=2021-04-21&adjust=splits";

// The tab's default view (focus = the first ticker): bars, transformations + correlation,
// autocorrelation + wavelets on log returns, decomposition on closes.
std::vector<std::string> tab_requests() {
  const std::string all = std::string("symbols=") + kSymbols + "&" + kRange;
  const std::string focus = std::string("symbols=AAPL&") + kRange;
  return {
      "/api/v1/bars?" + all + "&timespan=day",
      "/api/v1/analyze?" + all + "&each=true&op=cumreturns(kind=log)&op=corr(method=pearson)"
                                 "&op=rolling_corr(window=63,x=AAPL,y=AMZN)",
      "/api/v1/analyze?" + focus + "&each=true&input=logreturns&op=acf(nlags=20,alpha=0.05)"
                                   "&op=pacf(nlags=20,method=ywadjusted,alpha=0.05)&op=ljungbox(lags=10)"
                                   "&op=wavedec(wavelet=db4,mode=symmetric)&op=cwt(wavelet=morl,scales=1:16)",
      "/api/v1/analyze?" + focus + "&each=true&op=stl(period=21)",
  };
}

api::Request make_request(const std::string& target) {
  api::Request request;
  request.method = "GET";
  const auto q = target.find('?');
  request.path = target.substr(0, q);
  request.query = *api::parse_query(target.substr(q + 1));
  return request;
}

struct World {
  std::filesystem::path dir;
  cache::Versions versions;
  std::unique_ptr<cache::VersionedStore> store;
  cache::LruCache cache{cache::LruOptions{.max_bytes = 256u << 20, .shards = 8}};
  std::unique_ptr<api::Api> cold;
  std::unique_ptr<api::Api> cached;

  World() {
    dir = std::filesystem::temp_directory_path() / ("streams-bench-returns-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto opened = store::embedded::open_sqlite_store(dir / "streams.db");
    if (!opened) throw std::runtime_error(opened.error().message);
    store = std::make_unique<cache::VersionedStore>(std::move(*opened), versions);
    auto imported = ingest::load_demo_data_if_empty(*store, std::filesystem::path(STREAMS_SOURCE_DIR) / "data/demo");
    if (!imported) throw std::runtime_error(imported.error().message);
    cold = std::make_unique<api::Api>(*store, nullptr, nullptr);
    cached = std::make_unique<api::Api>(*store, &cache, &versions);
  }
  ~World() {
    cold.reset();
    cached.reset();
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

World& world() {
  static World w;
  return w;
}

void run_tab(benchmark::State& state, api::Api& api) {
  std::vector<api::Request> requests;
  for (const auto& target : tab_requests()) requests.push_back(make_request(target));
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (const auto& request : requests) {
      auto handled = api.handle(request);
      if (handled.response.status != 200) {
        state.SkipWithError(("status " + std::to_string(handled.response.status) + ": " + handled.response.body).c_str());
        return;
      }
      bytes += handled.response.body.size();
      benchmark::DoNotOptimize(handled);
    }
  }
  state.counters["requests"] = static_cast<double>(requests.size());
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}

void BM_ReturnsTabCold(benchmark::State& state) { run_tab(state, *world().cold); }
void BM_ReturnsTabCached(benchmark::State& state) { run_tab(state, *world().cached); }

// One request of the tab at a time (index into tab_requests()), uncached.
void BM_ReturnsRequest(benchmark::State& state) {
  const auto request = make_request(tab_requests().at(static_cast<std::size_t>(state.range(0))));
  for (auto _ : state) {
    auto handled = world().cold->handle(request);
    benchmark::DoNotOptimize(handled);
  }
  state.SetLabel(request.query.count("op") > 0 ? request.query.find("op")->second : "bars");
}

BENCHMARK(BM_ReturnsTabCold)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();
BENCHMARK(BM_ReturnsTabCached)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReturnsRequest)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
