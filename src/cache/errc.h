#pragma once
// Errors of the cache layer (query cache, ingest buffer, pub/sub; Redis or in-process).

#include <system_error>

namespace streams::cache {

enum class errc {
  ok = 0,
  bad_url,        // a redis:// URL that does not parse
  unavailable,    // the backend cannot be reached (connection refused, timed out, dropped)
  command_failed, // the backend answered with an error
  protocol,       // an answer of an unexpected shape
  timed_out,      // waited longer than allowed for the backend to come back
};

const std::error_category& cache_category();
inline std::error_code make_error_code(errc e) { return {static_cast<int>(e), cache_category()}; }

}  // namespace streams::cache

template <>
struct std::is_error_code_enum<streams::cache::errc> : std::true_type {};
