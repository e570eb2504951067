#pragma once
// The transport-free request and response of the HTTP API. server/ fills a Request from the wire
// (path percent-decoded, query split and decoded, a few headers) and writes the Response back;
// nothing here knows about sockets.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/auth.h"
#include "core/result.h"

namespace streams::api {

// Decoded query parameters in the order given; a name may repeat (`op=...&op=...`).
using Query = std::multimap<std::string, std::string, std::less<>>;
// Selected request headers, names in lower case.
using Headers = std::map<std::string, std::string, std::less<>>;

struct Request {
  std::string method;  // "GET", "HEAD", …
  std::string path;    // percent-decoded, without the query: "/api/v1/bars"
  Query query;
  Headers headers;  // the server passes accept-encoding, content-type, cookie, x-csrf-token
  std::string body;
  std::string remote_address;  // the peer's IP address (no port); keys login throttling
  // Set by Api::handle when the request carries a valid session cookie.
  std::optional<auth::Identity> identity;

  // The header's value, or empty when absent.
  [[nodiscard]] std::string_view header(std::string_view lower_case_name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond Content-Type/Length
  // The response-cache key of the body when it came from (or went into) the cache: the transport
  // may cache derived forms (the gzip of it) under keys built from it.
  std::string cache_key;
};

inline constexpr std::string_view json_type = "application/json";

// A JSON response with the given status.
Response json_response(std::string body, int status = 200);

// Percent-decodes `text` ("%2F" → "/"); with plus_as_space, '+' → ' ' (query strings). Fails on a
// '%' not followed by two hex digits.
Result<std::string> percent_decode(std::string_view text, bool plus_as_space);

// Splits "a=1&b=x%20y&a=2" into decoded pairs in order. A name without '=' has an empty value;
// empty pieces ("a=1&&b=2") are skipped.
Result<Query> parse_query(std::string_view query);

// A Request from a method and a request target ("/api/v1/bars?symbols=AAPL"): decodes the path and
// the query. Fails (errc::bad_request) on malformed percent-encoding or a target not starting
// with '/', and on more than max_query_parameters parameters.
inline constexpr std::size_t max_query_parameters = 100;
Result<Request> make_request(std::string_view method, std::string_view target);

}  // namespace streams::api
