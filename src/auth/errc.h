#pragma once
// Errors of the auth module. api maps them to HTTP statuses (api/errc.cc).

#include <system_error>

namespace streams::auth {

enum class errc {
  ok = 0,
  invalid_credentials,  // unknown user or wrong password: one answer for both (401)
  throttled,            // too many failed logins for this user or address (429)
  unauthenticated,      // no valid session (401)
  csrf_mismatch,        // a state-changing request without the session's CSRF token (403)
  invalid_name,         // a user name outside the allowed form (400)
  weak_password,        // a new password outside the allowed length (400)
  user_exists,          // (409)
  no_such_user,         // administration of a user that does not exist (404)
  crypto_failed,        // libsodium refused (out of memory for argon2id, …) (500)
};

const std::error_category& auth_category();
inline std::error_code make_error_code(errc e) { return {static_cast<int>(e), auth_category()}; }

}  // namespace streams::auth

template <>
struct std::is_error_code_enum<streams::auth::errc> : std::true_type {};
