#pragma once
// Logging facade: spdlog underneath, one process-wide logger writing to stderr. Never pass a
// secret (API key, password, token, hash) to these functions; redact() masks one for display.

#include <spdlog/spdlog.h>

#include <string>
#include <string_view>

namespace streams::log {

enum class Level { debug, info, warn, error };

// Sets the level and the pattern; call once at start-up. Safe to call again (tests).
void init(Level level = Level::info);
Level parse_level(std::string_view text, Level fallback = Level::info);

template <class... Args>
void debug(spdlog::format_string_t<Args...> fmt, Args&&... args) { spdlog::debug(fmt, std::forward<Args>(args)...); }
template <class... Args>
void info(spdlog::format_string_t<Args...> fmt, Args&&... args) { spdlog::info(fmt, std::forward<Args>(args)...); }
template <class... Args>
void warn(spdlog::format_string_t<Args...> fmt, Args&&... args) { spdlog::warn(fmt, std::forward<Args>(args)...); }
template <class... Args>
void error(spdlog::format_string_t<Args...> fmt, Args&&... args) { spdlog::error(fmt, std::forward<Args>(args)...); }

// "abcd…" → "****" with at most the last 2 characters kept when the secret is long enough.
std::string redact(std::string_view secret);

}  // namespace streams::log
