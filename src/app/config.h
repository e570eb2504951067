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

  // Path of the embedded database file.
  [[nodiscard]] std::filesystem::path sqlite_path() const { return data_dir / "streams.db"; }
};

// Defaults, then the TOML file, then the environment. Flags are applied by CLI11 afterwards.
// Throws std::runtime_error with the file and line on a malformed TOML file.
Config load_config(const std::filesystem::path& explicit_file);
// Applies the environment variables over `config`.
void apply_environment(Config& config);

}  // namespace streams::app
