// The listener, the worker threads, signals and graceful shutdown.
#include "server/server.h"

#include <utility>  // before Asio (Boost 1.74 with g++ 12)

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "api/api.h"
#include "core/errc.h"
#include "core/log.h"
#include "server/http_session.h"
#include "server/static_files.h"

namespace streams::server {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct Server::Impl final : detail::SessionHost {
  Impl(ServerOptions opts, api::Api& api_ref, live::Hub* hub_ptr)
      : options_(std::move(opts)),
        api_(api_ref),
        hub_(hub_ptr),
        files_(options_.web_root),
        ioc_(std::max(1, options_.threads)),
        control_(asio::make_strand(ioc_)),
        acceptor_(control_),
        signals_(control_),
        deadline_(control_) {}

  // SessionHost
  [[nodiscard]] const ServerOptions& options() const override { return options_; }
  [[nodiscard]] api::Api& api() override { return api_; }
  [[nodiscard]] const StaticFiles& files() const override { return files_; }
  [[nodiscard]] live::Hub* hub() override { return hub_; }
  [[nodiscard]] bool stopping() const override { return stopping_.load(std::memory_order_acquire); }

  void add(const std::shared_ptr<detail::HttpSession>& session) override {
    const std::lock_guard lock(sessions_mutex_);
    sessions_.emplace(session.get(), session);
  }

  void remove(const detail::HttpSession* session) override {
    bool last = false;
    {
      const std::lock_guard lock(sessions_mutex_);
      sessions_.erase(session);
      last = sessions_.empty();
    }
    if (last && stopping() && !forced_.load(std::memory_order_acquire)) asio::post(control_, [this] { finish_if_idle(); });
  }

  asio::awaitable<void> accept_loop() {
    while (acceptor_.is_open()) {
      boost::system::error_code ec;
      tcp::socket socket = co_await acceptor_.async_accept(asio::make_strand(ioc_),
                                                           asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) break;
        // Out of descriptors or a connection reset before accept: back off briefly.
        log::warn("accept: {}", ec.message());
        asio::steady_timer pause(control_, std::chrono::milliseconds(50));
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        continue;
      }
      if (stopping()) break;
      boost::system::error_code nodelay_ec;
      socket.set_option(tcp::no_delay(true), nodelay_ec);
      detail::start_session(std::move(socket), *this);
    }
  }

  // On control_.
  void begin_shutdown() {
    if (shutdown_started_) return;
    shutdown_started_ = true;
    stopping_.store(true, std::memory_order_release);
    boost::system::error_code ec;
    acceptor_.close(ec);
    signals_.cancel(ec);
    std::vector<std::shared_ptr<detail::HttpSession>> open;
    {
      const std::lock_guard lock(sessions_mutex_);
      for (auto& [key, weak] : sessions_) {
        if (auto session = weak.lock()) open.push_back(std::move(session));
      }
    }
    log::info("shutting down: {} connection(s) open", open.size());
    for (const auto& session : open) detail::request_close(session);
    deadline_.expires_after(options_.shutdown_grace);
    deadline_.async_wait([this](const boost::system::error_code& wait_ec) {
      if (wait_ec) return;  // cancelled: every connection closed in time
      std::size_t left = 0;
      {
        const std::lock_guard lock(sessions_mutex_);
        left = sessions_.size();
      }
      log::warn("shutdown: {} connection(s) still open after {} ms; closing them", left,
                options_.shutdown_grace.count());
      forced_.store(true, std::memory_order_release);
      ioc_.stop();
    });
    finish_if_idle();
  }

  // On control_: when shutting down and no connection is left, let run() return.
  void finish_if_idle() {
    if (!shutdown_started_) return;
    bool empty = false;
    {
      const std::lock_guard lock(sessions_mutex_);
      empty = sessions_.empty();
    }
    if (empty) deadline_.cancel();
  }

  ServerOptions options_;
  api::Api& api_;
  live::Hub* hub_;
  StaticFiles files_;
  // Declared before the io_context: session frames destroyed with it still reach the registry.
  std::mutex sessions_mutex_;
  std::unordered_map<const detail::HttpSession*, std::weak_ptr<detail::HttpSession>> sessions_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> forced_{false};  // the grace period ran out: the io_context was stopped
  bool shutdown_started_ = false;  // on control_

  asio::io_context ioc_;
  asio::strand<asio::io_context::executor_type> control_;  // acceptor, signals, deadline
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer deadline_;
};

Server::Server(ServerOptions options, api::Api& api, live::Hub* hub) {
  if (options.threads <= 0) options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  impl_ = std::make_unique<Impl>(std::move(options), api, hub);
}

Server::~Server() = default;

Result<std::uint16_t> Server::listen() {
  Impl& impl = *impl_;
  boost::system::error_code ec;
  tcp::resolver resolver(impl.ioc_);
  const auto endpoints = resolver.resolve(impl.options_.host, std::to_string(impl.options_.port),
                                          tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    return make_error(core::errc::invalid_argument,
                      fmt::format("cannot resolve host '{}': {}", impl.options_.host, ec.message()));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  impl.acceptor_.open(endpoint.protocol(), ec);
  if (!ec) impl.acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl.acceptor_.bind(endpoint, ec);
  if (!ec) impl.acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return make_error(core::errc::io_error, fmt::format("cannot listen on {}:{}: {}", impl.options_.host,
                                                        impl.options_.port, ec.message()));
  }
  return impl.acceptor_.local_endpoint().port();
}

void Server::run() {
  Impl& impl = *impl_;
  if (impl.options_.handle_signals) {
    impl.signals_.add(SIGINT);
    impl.signals_.add(SIGTERM);
    impl.signals_.async_wait([&impl](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      log::info("received {}, stopping", signal == SIGINT ? "SIGINT" : "SIGTERM");
      impl.begin_shutdown();
    });
  }
  asio::co_spawn(impl.control_, impl.accept_loop(), asio::detached);
  std::vector<std::thread> workers;
  for (int i = 1; i < impl.options_.threads; ++i) workers.emplace_back([&impl] { impl.ioc_.run(); });
  impl.ioc_.run();
  for (auto& worker : workers) worker.join();
}

void Server::stop() {
  Impl& impl = *impl_;
  asio::post(impl.control_, [&impl] { impl.begin_shutdown(); });
}

}  // namespace streams::server
