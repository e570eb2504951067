#pragma once
// Errors of the core module: malformed values that every layer parses (symbols, dates, timespans).

#include <system_error>

namespace streams::core {

enum class errc {
  ok = 0,
  invalid_symbol,
  invalid_date,
  invalid_timestamp,
  invalid_timespan,
  invalid_argument,
  not_found,
  io_error,
  parse_error,
};

const std::error_category& core_category();
inline std::error_code make_error_code(errc e) { return {static_cast<int>(e), core_category()}; }

}  // namespace streams::core

template <>
struct std::is_error_code_enum<streams::core::errc> : std::true_type {};
