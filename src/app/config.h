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

  // Path of the embedded database file.
  [[nodiscard]] std::filesystem::path sqlite_path() const { return data_dir / "streams.db"; }
};

// Defaults, then the TOML file, then the environment. Flags are applied by CLI11 afterwards.
// Throws std::runtime_error with the file and line on a malformed TOML file.
Config load_config(const std::filesystem::path& explicit_file);
// Applies the environment variables over `config`.
void apply_environment(Config& config);

}  // namespace streams::app
