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
