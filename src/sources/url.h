#pragma once
// URLs of remote sources: parsing (http/https only), query building, and redaction of API keys for
// log lines and error messages.

#include <string>
#include <string_view>

#include "core/result.h"

namespace streams::sources {

struct Url {
  std::string scheme;  // "http" | "https"
  std::string host;    // without brackets for IPv6
  std::string port;    // explicit or the scheme's default
  std::string target;  // path and query, "/" at least
};

Result<Url> parse_url(std::string_view text);

// Appends `name=value` (value percent-encoded) with '?' or '&'.
std::string with_query(std::string_view url, std::string_view name, std::string_view value);
std::string percent_encode(std::string_view text);

// The URL with the values of every secret-bearing query parameter (apiKey, api_key, apikey, token,
// key, password — case-insensitive) replaced by "****". Everything logged goes through this.
std::string redact_url(std::string_view url);

}  // namespace streams::sources
