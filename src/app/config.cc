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

}  // namespace

void apply_environment(Config& config) {
  if (const char* v = env("STREAMS_DATA_DIR")) config.data_dir = v;
  if (const char* v = env("STREAMS_DATABASE_URL")) config.database_url = v;
  if (const char* v = env("STREAMS_HOST")) config.host = v;
  if (const char* v = env("STREAMS_WEB_ROOT")) config.web_root = v;
  if (const char* v = env("STREAMS_DEMO_DIR")) config.demo_dir = v;
  if (const char* v = env("STREAMS_LOG_LEVEL")) config.log_level = v;
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
