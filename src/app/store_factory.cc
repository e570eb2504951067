#include "app/store_factory.h"

#include <fmt/format.h>

#include "store/embedded/sqlite_store.h"
#include "store/errc.h"

#include <stdexcept>

namespace streams::app {

Result<std::unique_ptr<store::Store>> open_store(const Config& config, Migrate migrate) {
  if (!config.database_url.empty()) {
    return make_error(store::errc::unavailable,
                      fmt::format("database URL given, but this streams has no PostgreSQL store yet; unset "
                                  "STREAMS_DATABASE_URL / [database] url to use the embedded store in {}",
                                  config.data_dir.string()));
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
  if (!config.database_url.empty()) return "PostgreSQL (database URL)";  // never print the URL: it may hold a password
  return fmt::format("SQLite {}", config.sqlite_path().string());
}

void add_store_options(CLI::App& command, Config& config) {
  command.add_option("--data-dir", config.data_dir, "folder of the embedded database (default: var)");
  command.add_option("--database-url", config.database_url, "PostgreSQL URL instead of the embedded store");
}

}  // namespace streams::app
