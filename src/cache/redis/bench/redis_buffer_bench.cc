// Ingest-buffer throughput: append + read + ack of 1 KiB entries through Redis Streams and through
// the in-process twin. Needs a Redis: STREAMS_BENCH_REDIS_URL (e.g. redis://127.0.0.1:6379/0);
// without it only the in-process benchmarks run.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "cache/in_process.h"
#include "cache/redis/connection.h"
#include "cache/redis/redis_buffer.h"

namespace streams::cache {
namespace {

void run_round_trip(benchmark::State& state, IngestBuffer& buffer) {
  const std::string payload(1024, 'x');
  const auto batch = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    for (std::size_t i = 0; i < batch; ++i) benchmark::DoNotOptimize(buffer.append(payload));
    std::size_t got = 0;
    while (got < batch) {
      auto entries = buffer.read("bench", batch, std::chrono::milliseconds(100));
      if (!entries || entries->empty()) break;
      std::vector<std::string> ids;
      for (auto& e : *entries) ids.push_back(e.id);
      (void)buffer.ack(ids);
      got += entries->size();
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(batch));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(batch) * 1024);
}

void BM_InProcessBuffer(benchmark::State& state) {
  InProcessIngestBuffer buffer(IngestBufferOptions{.max_length = 1'000'000});
  run_round_trip(state, buffer);
}
BENCHMARK(BM_InProcessBuffer)->Arg(100);

void BM_RedisBuffer(benchmark::State& state) {
  const char* url = std::getenv("STREAMS_BENCH_REDIS_URL");
  if (url == nullptr) {
    state.SkipWithError("STREAMS_BENCH_REDIS_URL not set");
    return;
  }
  RedisOptions options;
  options.url = *parse_redis_url(url);
  RedisIngestBuffer buffer(options, IngestBufferOptions{.stream = "bench:buffer", .max_length = 1'000'000});
  run_round_trip(state, buffer);
}
BENCHMARK(BM_RedisBuffer)->Arg(100)->UseRealTime();

}  // namespace
}  // namespace streams::cache
