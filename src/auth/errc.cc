#include "auth/errc.h"

#include <string>

namespace streams::auth {
namespace {

class AuthCategory final : public std::error_category {
 public:
  [[nodiscard]] const char* name() const noexcept override { return "auth"; }
  [[nodiscard]] std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::ok: return "ok";
      case errc::invalid_credentials: return "invalid user name or password";
      case errc::throttled: return "too many failed logins";
      case errc::unauthenticated: return "not signed in";
      case errc::csrf_mismatch: return "missing or wrong CSRF token";
      case errc::invalid_name: return "invalid user name";
      case errc::weak_password: return "password too short or too long";
      case errc::user_exists: return "user exists";
      case errc::no_such_user: return "no such user";
      case errc::crypto_failed: return "cryptography failed";
    }
    return "auth error";
  }
};

}  // namespace

const std::error_category& auth_category() {
  static const AuthCategory category;
  return category;
}

}  // namespace streams::auth
