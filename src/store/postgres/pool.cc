#include "store/postgres/pool.h"

#include <algorithm>

#include "core/log.h"

namespace streams::store::postgres {

ConnectionPool::ConnectionPool(ConnectTarget target, PoolOptions options)
    : target_(std::move(target)), options_(options) {
  options_.max_connections = std::max(options_.max_connections, 1);
}

ConnectionPool::~ConnectionPool() = default;

int ConnectionPool::open_connections() const {
  const std::lock_guard lock(mutex_);
  return open_;
}

void ConnectionPool::drop_idle() {
  std::vector<std::unique_ptr<PgConnection>> dropped;
  {
    const std::lock_guard lock(mutex_);
    dropped.swap(idle_);
    open_ -= static_cast<int>(dropped.size());
  }
  available_.notify_all();
}

Result<ConnectionPool::Lease> ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || open_ < options_.max_connections; });
  if (!idle_.empty()) {
    std::unique_ptr<PgConnection> connection = std::move(idle_.back());
    idle_.pop_back();
    lock.unlock();
    const bool stale = std::chrono::steady_clock::now() - connection->last_used() > options_.ping_after_idle;
    if (!connection->broken() && (!stale || connection->exec("SELECT 1").ok())) return Lease(this, std::move(connection));
    log::debug("PostgreSQL pool: replacing a dead idle connection");
    connection.reset();
    lock.lock();
    --open_;
  }
  ++open_;
  lock.unlock();
  auto opened = PgConnection::connect(target_);
  if (!opened) {
    const std::lock_guard relock(mutex_);
    --open_;
    available_.notify_one();
    return opened.error();
  }
  return Lease(this, std::move(*opened));
}

void ConnectionPool::give_back(std::unique_ptr<PgConnection> connection) {
  if (connection->broken()) {
    connection.reset();
    {
      const std::lock_guard lock(mutex_);
      --open_;
    }
    drop_idle();
    return;
  }
  {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

}  // namespace streams::store::postgres
