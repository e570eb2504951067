#pragma once
// Errors of the HTTP API and the one function that maps any error to a status and a JSON body
// `{"error":{"code":"...","message":"..."}}`. Messages name the offending parameter
// ("parameter 'from': ..."). Errors of other modules are mapped too: core's invalid_* → 400,
// core's not_found → 404, store's unavailable → 503, anything else → 500.

#include <string>
#include <string_view>
#include <system_error>

#include "api/message.h"
#include "core/result.h"

namespace streams::api {

enum class errc {
  ok = 0,
  bad_request,         // 400 malformed request line or target
  missing_parameter,   // 400 a required parameter is absent
  invalid_parameter,   // 400 a parameter's value is malformed or inconsistent
  unknown_parameter,   // 400 a parameter the endpoint does not take
  limit_exceeded,      // 400 too many symbols, too long a range, …
  unauthorized,        // 401 no valid session where one is needed
  forbidden,           // 403 a state-changing request without the session's CSRF token
  not_found,           // 404 unknown path, symbol or series
  method_not_allowed,  // 405
  conflict,            // 409 a name that exists already
  payload_too_large,   // 413
  header_too_large,    // 431
  too_many_requests,   // 429 login throttled
  internal,            // 500
  unavailable,         // 503 the store does not answer
};

const std::error_category& api_category();
inline std::error_code make_error_code(errc e) { return {static_cast<int>(e), api_category()}; }

struct HttpError {
  int status = 500;
  std::string_view code;  // the JSON "code": "invalid_parameter", …
};

// The status and JSON code of any error code (see the header comment for foreign categories).
HttpError http_error(const std::error_code& code);

// The error as an HTTP response: status and `{"error":{"code","message"}}`.
Response error_response(const Error& error);

// The JSON body alone.
std::string error_body(std::string_view code, std::string_view message);

}  // namespace streams::api

template <>
struct std::is_error_code_enum<streams::api::errc> : std::true_type {};
