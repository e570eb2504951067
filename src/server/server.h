#pragma once
// Server: the HTTP/1.1 transport of streams (Boost.Beast over Asio, C++20 coroutines). It moves
// bytes only: API paths go to api::Api, everything else to StaticFiles (the dashboard).
//
// Per connection: keep-alive, one request at a time, header ≤ 16 KiB (→ 431) and body ≤ 1 MiB
// (→ 413), an idle timeout between requests and a read timeout within one (→ close), one catch
// boundary per request (→ 500 JSON + a log line), an access log line per request, gzip of
// compressible responses above ~1 KiB when the client accepts it.
//
// Life cycle: construct, listen() (binds; port 0 picks a free port and returns it), run() (blocks
// on the calling thread plus threads-1 more) until stop() or SIGINT/SIGTERM; then it stops
// accepting, lets requests in flight finish, closes idle connections, and returns — forcibly after
// the grace period. Beast stays out of this header (it is slow to compile).
//
// Thread safety: stop() may be called from any thread; the rest from the owning thread.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/result.h"

namespace streams::api {
class Api;
}
namespace streams::live {
class Hub;
}

namespace streams::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8050;  // 0 = any free port
  int threads = 0;            // 0 = std::thread::hardware_concurrency()
  std::filesystem::path web_root;
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 1024 * 1024;
  std::chrono::milliseconds idle_timeout{60'000};   // waiting for the next request on a kept-alive connection
  std::chrono::milliseconds read_timeout{15'000};   // reading one request once it started
  std::chrono::milliseconds write_timeout{30'000};  // writing one response
  std::chrono::milliseconds shutdown_grace{5'000};  // in-flight requests get this long after stop()
  std::size_t gzip_min_bytes = 1024;
  bool access_log = true;
  bool handle_signals = true;  // SIGINT/SIGTERM → stop()
};

class Server {
 public:
  // With a hub, GET /api/v1/live upgrades to the live WebSocket (server/live_session.cc); without
  // one, such an upgrade is answered 503.
  Server(ServerOptions options, api::Api& api, live::Hub* hub = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Returns the bound port.
  Result<std::uint16_t> listen();
  // Serves until stopped; returns once every connection is closed (or the grace period ran out).
  void run();
  // Begins a graceful shutdown. Any thread, any number of times.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace streams::server
