#pragma once
// Authenticator: users, login, sessions, CSRF and login throttling over a store::AccountStore.
//
// Sessions: a login issues a fresh 256-bit random token (the cookie's value); the store keeps
// only its SHA-256, so sessions are shared by every `streams serve` on one store and a copy of the
// database yields no usable token. A session ends on logout, after `idle_timeout` without a
// request, or `absolute_timeout` after login, whichever comes first; a password change ends all
// of the user's sessions and issues a new one. The CSRF token is derived from the session token
// (crypto.h): state-changing requests must echo it in `X-CSRF-Token`.
//
// Login: unknown user and wrong password get the same error and take the same time (an unknown
// user is verified against a dummy argon2id hash). Failures are counted per user name and per
// client address in the store; past `*_free_failures` within `throttle_window` each further
// attempt waits a growing delay (base · 2^k, capped at delay_max): until then login answers
// errc::throttled with the seconds to wait, whatever the password.
//
// Thread safety: every method may be called from any thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/crypto.h"
#include "core/result.h"
#include "store/accounts.h"

namespace streams::auth {

enum class Mode {
  required,  // every market-data endpoint needs a session
  optional,  // anonymous reads allowed; favourites still need a session
};
std::string_view to_string(Mode mode);
// "required" | "optional"; the error names the text.
Result<Mode> parse_mode(std::string_view text);

struct Options {
  Mode mode = Mode::required;
  std::chrono::milliseconds idle_timeout{std::chrono::minutes(30)};
  std::chrono::milliseconds absolute_timeout{std::chrono::hours(12)};
  bool secure_cookies = false;  // add `Secure` to the cookie (served over TLS, or configured)
  int user_free_failures = 5;
  int address_free_failures = 20;
  std::chrono::milliseconds delay_base{std::chrono::seconds(1)};
  std::chrono::milliseconds delay_max{std::chrono::minutes(15)};
  std::chrono::milliseconds throttle_window{std::chrono::minutes(15)};
  PasswordCost cost = PasswordCost::interactive;
};

inline constexpr std::string_view cookie_name = "streams_session";
inline constexpr std::size_t min_password_length = 8;
inline constexpr std::size_t max_password_length = 1024;
inline constexpr std::size_t max_name_length = 64;

// 1..64 characters of A-Z a-z 0-9 . _ - @; the error names the rule.
Status check_user_name(std::string_view name);
// 8..1024 bytes.
Status check_password(std::string_view password);

// A signed-in request's session (never the token's hash or the password hash).
struct Identity {
  std::int64_t user_id = 0;
  std::string user_name;
  std::string csrf_token;
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;  // the earlier of the idle and the absolute expiry, as of now
};

struct LoginResult {
  std::string token;  // the cookie's value
  Identity identity;
};

// Milliseconds since the epoch; replaceable in tests.
using Clock = std::function<std::int64_t()>;
std::int64_t system_clock_ms();

// The delay owed after `failures` failures when `free` are allowed (0 while failures <= free).
std::chrono::milliseconds throttle_delay(std::int64_t failures, int free, std::chrono::milliseconds base,
                                         std::chrono::milliseconds max);

class Authenticator {
 public:
  Authenticator(store::AccountStore& store, Options options, Clock clock = system_clock_ms);

  [[nodiscard]] const Options& options() const { return options_; }
  [[nodiscard]] Mode mode() const { return options_.mode; }

  // Signs in. Errors: invalid_credentials; throttled (then *retry_after holds the wait); store errors.
  Result<LoginResult> login(std::string_view name, std::string_view password, std::string_view address,
                            std::chrono::seconds* retry_after = nullptr);
  // The session of `token` when it is valid now (touching it), else nullopt (and an expired one is
  // deleted). Malformed tokens are simply not valid.
  Result<std::optional<Identity>> authenticate(std::string_view token);
  // Ends the session of `token` (no error when there is none).
  Status logout(std::string_view token);
  // Whether `header` is the CSRF token of `identity`'s session (constant time).
  [[nodiscard]] static bool csrf_ok(const Identity& identity, std::string_view header);

  // Changes the signed-in user's password after checking the current one (a wrong one counts as
  // a failed login and is throttled alike); ends every session of the user and opens a new one.
  Result<LoginResult> change_password(const Identity& identity, std::string_view current, std::string_view next,
                                      std::string_view address, std::chrono::seconds* retry_after = nullptr);

  // Administration (`streams user …`).
  Result<store::User> add_user(std::string_view name, std::string_view password);
  // Sets the password and ends the user's sessions.
  Status set_password(std::string_view name, std::string_view password);
  Status remove_user(std::string_view name);
  Result<std::vector<store::User>> users();
  // On a store without users, creates `admin` with a random password and returns that password
  // (to be shown once); nullopt when users exist.
  Result<std::optional<std::string>> ensure_admin();

  // Set-Cookie values: the session cookie, and one that clears it.
  [[nodiscard]] std::string session_cookie(std::string_view token) const;
  [[nodiscard]] std::string clearing_cookie() const;
  // The session token in a Cookie header (empty when absent).
  [[nodiscard]] static std::string_view token_from_cookies(std::string_view cookie_header);

  [[nodiscard]] std::int64_t now_ms() const { return clock_(); }
  // The account store (favourites are read and written through it, per user).
  [[nodiscard]] store::AccountStore& accounts() const { return store_; }

 private:
  Result<LoginResult> open_session(const store::User& user);
  Identity identity_of(const store::User& user, const store::Session& session, std::string_view token) const;
  // Seconds to wait before another attempt for these keys (0 = go ahead).
  Result<std::chrono::milliseconds> throttled_for(std::string_view user_key, std::string_view address_key);
  Status record_failure(std::string_view user_key, std::string_view address_key);

  store::AccountStore& store_;
  Options options_;
  Clock clock_;
  std::string dummy_hash_;  // verified against for unknown users, so both cases cost the same
};

}  // namespace streams::auth
