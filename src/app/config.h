#pragma once
// Configuration of every subcommand: defaults, then streams.toml (when present), then environment
// variables (STREAMS_*, PORT), then command-line flags — each overriding the one before.

#include <filesystem>
#include <string>

namespace streams::app {

struct Config {
  std::filesystem::path data_dir = "var";        // --data-dir, STREAMS_DATA_DIR
  std::string database_url;                      // STREAMS_DATABASE_URL; empty = embedded SQLite in data_dir
  std::string host = "127.0.0.1";                // --host, STREAMS_HOST
  int port = 8050;                               // --port, PORT
  std::filesystem::path web_root;                // --web-root, STREAMS_WEB_ROOT; default: <source>/web/dist
  std::filesystem::path demo_dir;                // --demo-dir, STREAMS_DEMO_DIR; default: <source>/data/demo
  std::string log_level = "info";                // --log-level, STREAMS_LOG_LEVEL
  std::filesystem::path config_file;             // --config, STREAMS_CONFIG; default: ./streams.toml if present
  std::string redis_url;                         // [redis] url, STREAMS_REDIS_URL; empty = in-process cache

  // Remote sources (src/sources). Keys are secrets: never logged.
  struct Source {
    std::string api_key;
    std::string base_url;
  };
  Source polygon{"", "https://api.polygon.io"};        // [polygon] api_key/base_url, POLYGON_API_KEY, STREAMS_POLYGON_BASE_URL
  double polygon_requests_per_minute = 5;              // [polygon] requests_per_minute (free tier: 5)
  int polygon_workers = 2;                             // [polygon] workers
  Source fred{"", "https://api.stlouisfed.org"};       // [fred] api_key/base_url, FRED_API_KEY, STREAMS_FRED_BASE_URL
  Source alphavantage{"", "https://www.alphavantage.co"};  // [alphavantage] …, ALPHAVANTAGE_API_KEY, STREAMS_ALPHAVANTAGE_BASE_URL
  std::filesystem::path ca_file;                       // [sources] ca_file, STREAMS_CA_FILE: extra trusted CA (PEM)
  int http_timeout_ms = 30'000;                        // [sources] timeout_ms
  int http_retries = 5;                                // [sources] retries (429/5xx/network)

  // PostgreSQL store ([store] in streams.toml; used when database_url is a postgresql:// URL).
  int pool_size = 8;                             // [store] pool_size: connections per process
  std::string timescale_chunk_interval = "30 days";  // [store] timescale_chunk_interval
  std::string timescale_compress_after;          // [store] timescale_compress_after; "" = no compression
  // [tunnel]: reach PostgreSQL through one supervised `ssh -N -L` (enabled when ssh_host is set).
  struct Tunnel {
    std::string ssh_host;
    int ssh_port = 22;
    std::string ssh_user;
    std::string identity_file;
    std::string known_hosts;
    std::string remote_host;  // default: the database URL's host, as the SSH server sees it
    int remote_port = 0;      // default: the database URL's port
    int local_port = 0;       // 0 = a free loopback port
    int keepalive_interval = 10;
    int keepalive_count = 3;
    std::string ssh_binary = "ssh";
    [[nodiscard]] bool enabled() const { return !ssh_host.empty(); }
  } tunnel;
  // [auth]
  std::string auth_mode = "required";            // mode = required|optional; STREAMS_AUTH_MODE, --auth-mode
  bool secure_cookies = false;                   // secure_cookies; STREAMS_SECURE_COOKIES=1
  int session_idle_seconds = 30 * 60;            // idle_timeout_seconds; STREAMS_SESSION_IDLE_SECONDS
  int session_absolute_seconds = 12 * 3600;      // absolute_timeout_seconds; STREAMS_SESSION_ABSOLUTE_SECONDS
  int login_user_free_failures = 5;              // login_user_free_failures
  int login_address_free_failures = 20;          // login_address_free_failures
  int login_delay_base_ms = 1000;                // login_delay_base_ms
  int login_delay_max_seconds = 900;             // login_delay_max_seconds

  // Path of the embedded database file.
  [[nodiscard]] std::filesystem::path sqlite_path() const { return data_dir / "streams.db"; }
};

// Defaults, then the TOML file, then the environment. Flags are applied by CLI11 afterwards.
// Throws std::runtime_error with the file and line on a malformed TOML file.
Config load_config(const std::filesystem::path& explicit_file);
// Applies the environment variables over `config`.
void apply_environment(Config& config);

}  // namespace streams::app
