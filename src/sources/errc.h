#pragma once
// Errors of the remote sources (HTTP, provider formats).

#include <system_error>

namespace streams::sources {

enum class errc {
  ok = 0,
  bad_url,      // a URL that does not parse
  network,      // resolve/connect/TLS/read failed or timed out, or the body was cut short (retryable)
  http_status,  // the server answered with a non-2xx status
  rate_limited, // 429 after every retry
  malformed,    // the body is not the documented format
  provider,     // the provider answered with an error message in a 200 body (Alpha Vantage)
  no_api_key,   // the source needs a key and none is configured
};

const std::error_category& sources_category();
inline std::error_code make_error_code(errc e) { return {static_cast<int>(e), sources_category()}; }

}  // namespace streams::sources

template <>
struct std::is_error_code_enum<streams::sources::errc> : std::true_type {};
