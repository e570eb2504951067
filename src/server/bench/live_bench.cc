// Live fan-out benchmark (BRIEF §6: "ticks in → WebSocket out: 100k ticks/s sustained, p99 < 20 ms
// with 100 clients"). One process, the real path: simulated feed → pipeline (1 s / 1 min bars) →
// in-process bus → hub → `Server` WebSocket sessions → N Beast WebSocket clients over loopback.
//
//   live_bench_tool [--rate 100000] [--clients 100] [--symbols 500] [--per-client 5] [--seconds 10]
//                   [--server-threads 1] [--client-threads 1] [--step-ms 2]
//
// Each client subscribes to the trades of `per-client` symbols (client i: symbols i·k … i·k+k-1,
// wrapping), so messages out ≈ rate × clients × per-client / symbols. Latency = client receive
// time − the trade's timestamp (the feed's clock, ms; the trade's `t` is floored to the ms, so
// figures are up to 1 ms pessimistic). Prints ticks/s in, messages/s out, p50/p99/max latency.
#include <utility>  // before Asio (Boost 1.74 with g++ 12)

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "api/api.h"
#include "core/log.h"
#include "live/bus.h"
#include "live/hub.h"
#include "live/pipeline.h"
#include "live/simulated_feed.h"
#include "server/server.h"
#include "store/embedded/sqlite_store.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using namespace streams;

namespace {

struct Options {
  double rate = 100'000;
  int clients = 100;
  int symbols = 500;
  int per_client = 5;
  double seconds = 10;
  int server_threads = 1;
  int step_ms = 2;
  int client_threads = 1;
};

double arg(int argc, char** argv, const char* name, double fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return std::atof(argv[i + 1]);
  }
  return fallback;
}

std::int64_t shift_ms = 0;  // system clock − feed clock
double feed_now_ms() {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return static_cast<double>(us) / 1000.0 - static_cast<double>(shift_ms);
}

struct ClientStats {
  std::uint64_t messages = 0;
  std::vector<float> latency_ms;
};

std::atomic<bool> measuring{false};
std::atomic<int> connected{0};

asio::awaitable<void> run_client(std::uint16_t port, std::string subscribe, ClientStats& stats) {
  auto executor = co_await asio::this_coro::executor;
  websocket::stream<beast::tcp_stream> ws(executor);
  co_await beast::get_lowest_layer(ws).async_connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), asio::use_awaitable);
  co_await ws.async_handshake("127.0.0.1", "/api/v1/live", asio::use_awaitable);
  co_await ws.async_write(asio::buffer(subscribe), asio::use_awaitable);
  connected.fetch_add(1);
  beast::flat_buffer buffer;
  static constexpr std::string_view trade_tag = R"({"type":"trade")";
  for (;;) {
    beast::error_code ec;
    co_await ws.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    const double now = feed_now_ms();
    const auto data = buffer.cdata();
    const std::string_view frame(static_cast<const char*>(data.data()), data.size());
    const bool record = measuring.load(std::memory_order_relaxed);
    for (std::size_t at = frame.find(trade_tag); at != std::string_view::npos; at = frame.find(trade_tag, at + 1)) {
      const std::size_t t = frame.find("\"t\":", at);
      if (t == std::string_view::npos) break;
      std::int64_t ts = 0;
      const char* begin = frame.data() + t + 4;
      if (std::from_chars(begin, frame.data() + frame.size(), ts).ec != std::errc()) continue;
      if (record) {
        ++stats.messages;
        stats.latency_ms.push_back(static_cast<float>(now - static_cast<double>(ts)));
      }
    }
    buffer.consume(buffer.size());
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  o.rate = arg(argc, argv, "--rate", o.rate);
  o.clients = static_cast<int>(arg(argc, argv, "--clients", o.clients));
  o.symbols = static_cast<int>(arg(argc, argv, "--symbols", o.symbols));
  o.per_client = static_cast<int>(arg(argc, argv, "--per-client", o.per_client));
  o.seconds = arg(argc, argv, "--seconds", o.seconds);
  o.server_threads = static_cast<int>(arg(argc, argv, "--server-threads", o.server_threads));
  o.step_ms = static_cast<int>(arg(argc, argv, "--step-ms", o.step_ms));
  o.client_threads = static_cast<int>(arg(argc, argv, "--client-threads", o.client_threads));
  log::init(log::Level::warn);

  const auto dir = std::filesystem::temp_directory_path() / fmt::format("streams-live-bench-{}", ::getpid());
  auto store = store::embedded::open_sqlite_store(dir / "bench.db");
  if (!store) {
    std::fprintf(stderr, "store: %s\n", store.error().message.c_str());
    return 1;
  }
  api::Api api(**store, nullptr, nullptr);
  live::InProcessBus bus;
  live::HubOptions hub_options;
  hub_options.heartbeat = std::chrono::hours(1);
  live::Hub hub(bus, hub_options);

  server::ServerOptions server_options;
  server_options.port = 0;
  server_options.threads = o.server_threads;
  server_options.access_log = false;
  server_options.handle_signals = false;
  server_options.web_root = dir;
  server::Server server(server_options, api, &hub);
  auto port = server.listen();
  if (!port) {
    std::fprintf(stderr, "listen: %s\n", port.error().message.c_str());
    return 1;
  }
  std::thread server_thread([&] { server.run(); });

  // The feed: `symbols` synthetic symbols inside an NYSE session (feed time = real time, shifted).
  std::vector<live::SymbolCalibration> calibration;
  std::vector<std::string> names;
  for (int i = 0; i < o.symbols; ++i) {
    names.push_back(fmt::format("S{:04d}", i));
    calibration.push_back(live::SymbolCalibration{*Symbol::parse(names.back()), 100.0, 0.02, 1e6});
  }
  const Timestamp start = *Timestamp::parse("2024-03-01T15:00:00Z");
  shift_ms = live::system_now().millis() - start.millis();
  auto feed = std::make_unique<live::SimulatedFeed>(std::move(calibration),
                                                    live::SimulationOptions{1, o.rate / o.symbols}, 1.0, start);
  live::Pipeline pipeline(std::move(feed), bus,
                          live::PipelineOptions{std::chrono::milliseconds(o.step_ms),
                                                [] { return Timestamp::from_millis(live::system_now().millis() - shift_ms); }});
  pipeline.start();

  // Clients on their own thread.
  asio::io_context client_ioc(o.client_threads);
  std::vector<ClientStats> stats(static_cast<std::size_t>(o.clients));
  for (int c = 0; c < o.clients; ++c) {
    std::string subscribe = R"({"type":"subscribe","channels":["trades"],"symbols":[)";
    for (int k = 0; k < o.per_client; ++k) {
      if (k > 0) subscribe += ',';
      subscribe += '"' + names[static_cast<std::size_t>((c * o.per_client + k) % o.symbols)] + '"';
    }
    subscribe += "]}";
    asio::co_spawn(client_ioc, run_client(*port, std::move(subscribe), stats[static_cast<std::size_t>(c)]),
                   asio::detached);
  }
  std::vector<std::thread> client_threads;
  for (int i = 0; i < o.client_threads; ++i) client_threads.emplace_back([&] { client_ioc.run(); });
  while (connected.load() < o.clients) std::this_thread::sleep_for(std::chrono::milliseconds(10));

  std::this_thread::sleep_for(std::chrono::seconds(2));  // warm-up
  const auto before = pipeline.stats();
  const auto t0 = std::chrono::steady_clock::now();
  measuring.store(true);
  std::this_thread::sleep_for(std::chrono::duration<double>(o.seconds));
  measuring.store(false);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto after = pipeline.stats();
  pipeline.stop();
  client_ioc.stop();
  for (auto& thread : client_threads) thread.join();
  server.stop();
  server_thread.join();

  std::vector<float> all;
  std::uint64_t messages = 0;
  for (auto& s : stats) {
    messages += s.messages;
    all.insert(all.end(), s.latency_ms.begin(), s.latency_ms.end());
  }
  std::sort(all.begin(), all.end());
  const auto pct = [&](double p) {
    return all.empty() ? 0.0 : static_cast<double>(all[std::min(all.size() - 1, static_cast<std::size_t>(p * static_cast<double>(all.size())))]);
  };
  const double ticks_in = static_cast<double>(after.trades - before.trades) / elapsed;
  const double expected_out = ticks_in * o.clients * o.per_client / o.symbols;
  const double out = static_cast<double>(messages) / elapsed;
  std::printf("live fan-out: %d clients × %d symbols each (of %d), server threads %d, client threads %d, pipeline "
              "step %d ms, %.0f s\n",
              o.clients, o.per_client, o.symbols, o.server_threads, o.client_threads, o.step_ms, elapsed);
  std::printf("  ticks in        %10.0f /s   (target %.0f; 1 s + 1 min bars aggregated: %.0f bars/s)\n", ticks_in,
              o.rate, static_cast<double>(after.bars - before.bars) / elapsed);
  std::printf("  trades out      %10.0f /s   (expected %.0f: %.1f %% delivered)\n", out, expected_out,
              expected_out > 0 ? 100.0 * out / expected_out : 0.0);
  std::printf("  tick → client   p50 %.2f ms   p99 %.2f ms   max %.2f ms   (%zu samples)\n", pct(0.5), pct(0.99),
              all.empty() ? 0.0 : static_cast<double>(all.back()), all.size());
  std::printf("  bar: 100k ticks/s sustained, p99 < 20 ms → %s\n",
              ticks_in >= 0.98 * 100'000 && pct(0.99) < 20 && out >= 0.98 * expected_out ? "PASS" : "MISS");
  std::filesystem::remove_all(dir);
  return 0;
}
