#pragma once
// Errors of the live module: client protocol messages, feeds.

#include <system_error>

namespace streams::live {

enum class errc {
  ok = 0,
  bad_message,       // a client message that is not the protocol's JSON
  invalid_symbol,
  unknown_channel,
  bad_indicator,
  feed_unavailable,  // no symbols to simulate, feed not reachable
};

const std::error_category& live_category();
inline std::error_code make_error_code(errc e) { return {static_cast<int>(e), live_category()}; }

}  // namespace streams::live

template <>
struct std::is_error_code_enum<streams::live::errc> : std::true_type {};
