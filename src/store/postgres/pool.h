#pragma once
// ConnectionPool: at most `max_connections` libpq connections to one database, opened on demand
// and reused.
//
// Health: a connection handed back broken (socket closed, server restarted, tunnel dropped) is
// dropped together with every idle one (they share its path and are most likely dead too); an
// idle connection older than `ping_after_idle` is pinged with an empty query before reuse and
// replaced when the ping fails. No state is kept on a connection between leases (no SET, no
// named statements), so the pool works through PgBouncer in transaction pooling mode.
//
// Threading: acquire() may be called from any thread; it blocks while every connection is leased.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.h"
#include "store/postgres/pg_connection.h"

namespace streams::store::postgres {

struct PoolOptions {
  int max_connections = 8;
  std::chrono::milliseconds ping_after_idle{std::chrono::seconds(30)};
};

class ConnectionPool {
 public:
  // A leased connection; goes back to the pool (or is dropped when broken) when the lease dies.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<PgConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (connection_) pool_->give_back(std::move(connection_));
    }
    PgConnection& operator*() { return *connection_; }
    PgConnection* operator->() { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<PgConnection> connection_;
  };

  ConnectionPool(ConnectTarget target, PoolOptions options);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  Result<Lease> acquire();
  // Drops every idle connection (after a broken one was seen).
  void drop_idle();

  [[nodiscard]] int open_connections() const;

 private:
  void give_back(std::unique_ptr<PgConnection> connection);

  ConnectTarget target_;
  PoolOptions options_;
  mutable std::mutex mutex_;  // guards idle_ and open_
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;
};

}  // namespace streams::store::postgres
