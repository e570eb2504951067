#include "app/store_factory.h"

#include <fmt/format.h>

#include "store/embedded/sqlite_store.h"
#include "store/errc.h"
#include "store/postgres/pg_store.h"

#include <stdexcept>

namespace streams::app {

store::postgres::PgOptions postgres_options(const Config& config) {
  store::postgres::PgOptions options;
  options.url = config.database_url;
  options.pool_size = config.pool_size;
  options.timescale_chunk_interval = config.timescale_chunk_interval;
  options.timescale_compress_after = config.timescale_compress_after;
  if (config.tunnel.enabled()) {
    const Config::Tunnel& t = config.tunnel;
    options.tunnel = store::postgres::TunnelOptions{.ssh_host = t.ssh_host,
                                                    .ssh_port = t.ssh_port,
                                                    .ssh_user = t.ssh_user,
                                                    .identity_file = t.identity_file,
                                                    .known_hosts = t.known_hosts,
                                                    .remote_host = t.remote_host,
                                                    .remote_port = t.remote_port,
                                                    .local_port = t.local_port,
                                                    .keepalive_interval_seconds = t.keepalive_interval,
                                                    .keepalive_count = t.keepalive_count,
                                                    .ssh_binary = t.ssh_binary};
  }
  return options;
}

Result<std::unique_ptr<store::Store>> open_store(const Config& config, Migrate migrate) {
  if (!config.database_url.empty()) {
    if (!store::postgres::is_postgres_url(config.database_url)) {
      return make_error(store::errc::unavailable,
                        "the database URL must start with postgresql:// (STREAMS_DATABASE_URL / [store] url); "
                        "leave it unset for the embedded store");
    }
    if (migrate == Migrate::yes) return store::postgres::open_pg_store(postgres_options(config));
    auto opened = store::postgres::PgStore::open(postgres_options(config));
    if (!opened) return opened.error();
    return std::unique_ptr<store::Store>(std::move(*opened));
  }
  if (migrate == Migrate::yes) return store::embedded::open_sqlite_store(config.sqlite_path());
  std::error_code ec;
  if (!std::filesystem::exists(config.sqlite_path(), ec)) {
    return make_error(store::errc::unavailable,
                      fmt::format("{} does not exist yet (run `streams db migrate`)", config.sqlite_path().string()));
  }
  auto opened = store::embedded::SqliteStore::open(config.sqlite_path());
  if (!opened) return opened.error();
  return std::unique_ptr<store::Store>(std::move(*opened));
}

Result<store::AccountStore*> account_store(store::Store& store) {
  auto* accounts = dynamic_cast<store::AccountStore*>(&store);
  if (accounts == nullptr) return make_error(store::errc::unavailable, "this store keeps no user accounts");
  return accounts;
}

auth::Options auth_options(const Config& config) {
  auto mode = auth::parse_mode(config.auth_mode);
  if (!mode) throw std::runtime_error("[auth] mode / STREAMS_AUTH_MODE: " + mode.error().message);
  auth::Options options;
  options.mode = *mode;
  options.secure_cookies = config.secure_cookies;
  options.idle_timeout = std::chrono::seconds(config.session_idle_seconds);
  options.absolute_timeout = std::chrono::seconds(config.session_absolute_seconds);
  options.user_free_failures = config.login_user_free_failures;
  options.address_free_failures = config.login_address_free_failures;
  options.delay_base = std::chrono::milliseconds(config.login_delay_base_ms);
  options.delay_max = std::chrono::seconds(config.login_delay_max_seconds);
  return options;
}

std::string describe_store(const Config& config) {
  if (!config.database_url.empty()) {
    // Never the URL itself: it may hold a password.
    std::string out = "PostgreSQL " + store::postgres::describe_url(config.database_url);
    if (config.tunnel.enabled()) out += fmt::format(" through an SSH tunnel via {}", config.tunnel.ssh_host);
    return out;
  }
  return fmt::format("SQLite {}", config.sqlite_path().string());
}

void add_store_options(CLI::App& command, Config& config) {
  command.add_option("--data-dir", config.data_dir, "folder of the embedded database (default: var)");
  command.add_option("--database-url", config.database_url,
                     "postgresql:// URL of a PostgreSQL store instead of the embedded one");
}

}  // namespace streams::app
