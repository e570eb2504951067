#include "app/config.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace streams::app {
namespace {

std::filesystem::path source_path(std::string_view relative) {
  return std::filesystem::path(STREAMS_SOURCE_DIR) / relative;
}

const char* env(const char* name) {
  const char* value = std::getenv(name);
  return (value != nullptr && *value != '\0') ? value : nullptr;
}

int port_value(const toml::node_view<toml::node>& node, std::string_view key, int fallback) {
  const auto v = node.value<int64_t>();
  if (!v) return fallback;
  if (*v < 0 || *v > 65535) throw std::runtime_error(fmt::format("{} = {} is not a port number (0-65535)", key, *v));
  return static_cast<int>(*v);
}

// [store] and [tunnel] (the PostgreSQL store and its SSH tunnel), [redis].
void read_store_tables(toml::table& table, Config& config) {
  auto store = table["store"];
  if (auto v = store["url"].value<std::string>()) config.database_url = *v;
  if (auto v = store["pool_size"].value<int64_t>()) {
    if (*v < 1 || *v > 256) throw std::runtime_error(fmt::format("[store] pool_size = {} is not in 1..256", *v));
    config.pool_size = static_cast<int>(*v);
  }
  if (auto v = store["timescale_chunk_interval"].value<std::string>()) config.timescale_chunk_interval = *v;
  if (auto v = store["timescale_compress_after"].value<std::string>()) config.timescale_compress_after = *v;
  auto tunnel = table["tunnel"];
  Config::Tunnel& t = config.tunnel;
  if (auto v = tunnel["ssh_host"].value<std::string>()) t.ssh_host = *v;
  t.ssh_port = port_value(tunnel["ssh_port"], "[tunnel] ssh_port", t.ssh_port);
  if (auto v = tunnel["ssh_user"].value<std::string>()) t.ssh_user = *v;
  if (auto v = tunnel["identity_file"].value<std::string>()) t.identity_file = *v;
  if (auto v = tunnel["known_hosts"].value<std::string>()) t.known_hosts = *v;
  if (auto v = tunnel["remote_host"].value<std::string>()) t.remote_host = *v;
  t.remote_port = port_value(tunnel["remote_port"], "[tunnel] remote_port", t.remote_port);
  t.local_port = port_value(tunnel["local_port"], "[tunnel] local_port", t.local_port);
  if (auto v = tunnel["keepalive_interval"].value<int64_t>()) t.keepalive_interval = static_cast<int>(*v);
  if (auto v = tunnel["keepalive_count"].value<int64_t>()) t.keepalive_count = static_cast<int>(*v);
  if (auto v = tunnel["ssh_binary"].value<std::string>()) t.ssh_binary = *v;
}

int positive_int(std::string_view name, std::string_view text) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
    throw std::runtime_error(fmt::format("{}='{}' is not a positive integer", name, text));
  }
  return value;
}

}  // namespace

void apply_environment(Config& config) {
  if (const char* v = env("STREAMS_DATA_DIR")) config.data_dir = v;
  if (const char* v = env("STREAMS_DATABASE_URL")) config.database_url = v;
  if (const char* v = env("STREAMS_HOST")) config.host = v;
  if (const char* v = env("STREAMS_WEB_ROOT")) config.web_root = v;
  if (const char* v = env("STREAMS_DEMO_DIR")) config.demo_dir = v;
  if (const char* v = env("STREAMS_LOG_LEVEL")) config.log_level = v;
  if (const char* v = env("STREAMS_AUTH_MODE")) config.auth_mode = v;
  if (const char* v = env("STREAMS_SECURE_COOKIES")) config.secure_cookies = std::string_view(v) == "1" || std::string_view(v) == "true";
  if (const char* v = env("STREAMS_SESSION_IDLE_SECONDS")) config.session_idle_seconds = positive_int("STREAMS_SESSION_IDLE_SECONDS", v);
  if (const char* v = env("STREAMS_SESSION_ABSOLUTE_SECONDS")) {
    config.session_absolute_seconds = positive_int("STREAMS_SESSION_ABSOLUTE_SECONDS", v);
  }
  if (const char* v = env("STREAMS_REDIS_URL")) config.redis_url = v;
  if (const char* v = env("POLYGON_API_KEY")) config.polygon.api_key = v;
  if (const char* v = env("STREAMS_POLYGON_BASE_URL")) config.polygon.base_url = v;
  if (const char* v = env("FRED_API_KEY")) config.fred.api_key = v;
  if (const char* v = env("STREAMS_FRED_BASE_URL")) config.fred.base_url = v;
  if (const char* v = env("ALPHAVANTAGE_API_KEY")) config.alphavantage.api_key = v;
  if (const char* v = env("STREAMS_ALPHAVANTAGE_BASE_URL")) config.alphavantage.base_url = v;
  if (const char* v = env("STREAMS_CA_FILE")) config.ca_file = v;
  if (const char* v = env("PORT")) {
    int port = 0;
    const std::string_view text(v);
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || ptr != text.data() + text.size() || port < 0 || port > 65535) {
      throw std::runtime_error(fmt::format("PORT='{}' is not a port number (0-65535)", text));
    }
    config.port = port;
  }
}

Config load_config(const std::filesystem::path& explicit_file) {
  Config config;
  config.web_root = source_path("web/dist");
  config.demo_dir = source_path("data/demo");

  std::filesystem::path file = explicit_file;
  if (file.empty()) {
    if (const char* v = env("STREAMS_CONFIG")) file = v;
  }
  if (file.empty() && std::filesystem::exists("streams.toml")) file = "streams.toml";
  if (!file.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
      throw std::runtime_error(fmt::format("{}:{}:{}: {}", file.string(), e.source().begin.line,
                                           e.source().begin.column, e.description()));
    }
    config.config_file = file;
    if (auto v = table["data_dir"].value<std::string>()) config.data_dir = *v;
    if (auto v = table["log_level"].value<std::string>()) config.log_level = *v;
    if (auto v = table["server"]["host"].value<std::string>()) config.host = *v;
    if (auto v = table["server"]["port"].value<int64_t>()) config.port = static_cast<int>(*v);
    if (auto v = table["server"]["web_root"].value<std::string>()) config.web_root = *v;
    if (auto v = table["server"]["demo_dir"].value<std::string>()) config.demo_dir = *v;
    if (auto v = table["database"]["url"].value<std::string>()) config.database_url = *v;
    read_store_tables(table, config);
    if (auto v = table["auth"]["mode"].value<std::string>()) config.auth_mode = *v;
    if (auto v = table["auth"]["secure_cookies"].value<bool>()) config.secure_cookies = *v;
    const std::pair<const char*, int*> ints[] = {
        {"idle_timeout_seconds", &config.session_idle_seconds},
        {"absolute_timeout_seconds", &config.session_absolute_seconds},
        {"login_user_free_failures", &config.login_user_free_failures},
        {"login_address_free_failures", &config.login_address_free_failures},
        {"login_delay_base_ms", &config.login_delay_base_ms},
        {"login_delay_max_seconds", &config.login_delay_max_seconds},
    };
    for (const auto& [name, target] : ints) {
      if (auto v = table["auth"][name].value<int64_t>()) {
        if (*v <= 0 || *v > 1'000'000'000) {
          throw std::runtime_error(fmt::format("{}: [auth] {} must be a positive integer", file.string(), name));
        }
        *target = static_cast<int>(*v);
      }
    }
    if (auto v = table["redis"]["url"].value<std::string>()) config.redis_url = *v;
    for (auto [name, source] : {std::pair{"polygon", &config.polygon}, std::pair{"fred", &config.fred},
                                std::pair{"alphavantage", &config.alphavantage}}) {
      if (auto v = table[name]["api_key"].value<std::string>()) source->api_key = *v;
      if (auto v = table[name]["base_url"].value<std::string>()) source->base_url = *v;
    }
    if (auto v = table["polygon"]["requests_per_minute"].value<double>()) config.polygon_requests_per_minute = *v;
    if (auto v = table["polygon"]["workers"].value<int64_t>()) config.polygon_workers = static_cast<int>(*v);
    if (auto v = table["sources"]["ca_file"].value<std::string>()) config.ca_file = *v;
    if (auto v = table["sources"]["timeout_ms"].value<int64_t>()) config.http_timeout_ms = static_cast<int>(*v);
    if (auto v = table["sources"]["retries"].value<int64_t>()) config.http_retries = static_cast<int>(*v);
  }
  apply_environment(config);
  return config;
}

}  // namespace streams::app
