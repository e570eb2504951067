#include "core/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace streams::log {

void init(Level level) {
  static auto logger = spdlog::stderr_color_mt("streams");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %v", spdlog::pattern_time_type::utc);
  switch (level) {
    case Level::debug: spdlog::set_level(spdlog::level::debug); break;
    case Level::info: spdlog::set_level(spdlog::level::info); break;
    case Level::warn: spdlog::set_level(spdlog::level::warn); break;
    case Level::error: spdlog::set_level(spdlog::level::err); break;
  }
}

Level parse_level(std::string_view text, Level fallback) {
  if (text == "debug") return Level::debug;
  if (text == "info") return Level::info;
  if (text == "warn" || text == "warning") return Level::warn;
  if (text == "error") return Level::error;
  return fallback;
}

std::string redact(std::string_view secret) {
  if (secret.size() < 12) return "****";
  return "****" + std::string(secret.substr(secret.size() - 2));
}

}  // namespace streams::log
