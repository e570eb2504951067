#include "auth/auth.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "auth/errc.h"
#include "store/errc.h"

namespace streams::auth {
namespace {

using std::chrono::milliseconds;

std::string user_key(std::string_view name) {
  // Hashed: a name typed into the wrong field may be a password, and the store keeps these keys.
  return "user:" + sha256_hex(name);
}

std::string address_key(std::string_view address) {
  return "address:" + std::string(address.substr(0, 64));
}

bool name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || c == '@';
}

Error invalid_credentials() { return make_error(errc::invalid_credentials, "invalid user name or password"); }

}  // namespace

std::string_view to_string(Mode mode) { return mode == Mode::required ? "required" : "optional"; }

Result<Mode> parse_mode(std::string_view text) {
  if (text == "required") return Mode::required;
  if (text == "optional") return Mode::optional;
  return make_error(std::make_error_code(std::errc::invalid_argument),
                    fmt::format("auth mode '{}' is neither 'required' nor 'optional'", text));
}

Status check_user_name(std::string_view name) {
  if (name.empty() || name.size() > max_name_length || !std::all_of(name.begin(), name.end(), name_char)) {
    return make_error(errc::invalid_name,
                      fmt::format("a user name is 1 to {} characters of A-Z a-z 0-9 . _ - @", max_name_length));
  }
  return {};
}

Status check_password(std::string_view password) {
  if (password.size() < min_password_length || password.size() > max_password_length) {
    return make_error(errc::weak_password, fmt::format("a password is {} to {} bytes long", min_password_length,
                                                       max_password_length));
  }
  return {};
}

std::int64_t system_clock_ms() {
  return std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

milliseconds throttle_delay(std::int64_t failures, int free, milliseconds base, milliseconds max) {
  if (failures <= free) return milliseconds(0);
  const std::int64_t doublings = std::min<std::int64_t>(failures - free - 1, 40);
  const double delay = static_cast<double>(base.count()) * static_cast<double>(std::int64_t{1} << doublings);
  if (delay >= static_cast<double>(max.count())) return max;
  return milliseconds(static_cast<std::int64_t>(delay));
}

Authenticator::Authenticator(store::AccountStore& store, Options options, Clock clock)
    : store_(store), options_(options), clock_(std::move(clock)) {
  init_crypto();
  auto dummy = hash_password(random_token(), options_.cost);
  if (!dummy) throw std::runtime_error(dummy.error().message);
  dummy_hash_ = std::move(*dummy);
}

Result<milliseconds> Authenticator::throttled_for(std::string_view user_key_text, std::string_view address_key_text) {
  const std::int64_t now = clock_();
  milliseconds wait(0);
  const std::pair<std::string_view, int> keys[] = {{user_key_text, options_.user_free_failures},
                                                   {address_key_text, options_.address_free_failures}};
  for (const auto& [key, free] : keys) {
    auto failures = store_.login_failures(key);
    if (!failures) return failures.error();
    if (failures->failures == 0 || failures->last_failure_ms < now - options_.throttle_window.count()) continue;
    const milliseconds delay = throttle_delay(failures->failures, free, options_.delay_base, options_.delay_max);
    const std::int64_t until = failures->last_failure_ms + delay.count();
    if (until > now) wait = std::max(wait, milliseconds(until - now));
  }
  return wait;
}

Status Authenticator::record_failure(std::string_view user_key_text, std::string_view address_key_text) {
  const std::int64_t now = clock_();
  const std::int64_t window_start = now - options_.throttle_window.count();
  for (std::string_view key : {user_key_text, address_key_text}) {
    auto recorded = store_.record_login_failure(key, now, window_start);
    if (!recorded) return recorded.error();
  }
  return {};
}

Result<LoginResult> Authenticator::login(std::string_view name, std::string_view password, std::string_view address,
                                         std::chrono::seconds* retry_after) {
  const std::string by_user = user_key(name);
  const std::string by_address = address_key(address);
  auto wait = throttled_for(by_user, by_address);
  if (!wait) return wait.error();
  if (wait->count() > 0) {
    if (retry_after != nullptr) *retry_after = std::chrono::ceil<std::chrono::seconds>(*wait);
    return make_error(errc::throttled, "too many failed logins; try again later");
  }

  std::optional<store::User> user;
  if (check_user_name(name) && password.size() <= max_password_length) {
    auto found = store_.user_by_name(name);
    if (!found) return found.error();
    user = std::move(*found);
  }
  // The same work whether or not the user exists.
  const bool matches = verify_password(user ? user->password_hash : dummy_hash_, password) && user.has_value();
  if (!matches) {
    if (auto recorded = record_failure(by_user, by_address); !recorded) return recorded.error();
    return invalid_credentials();
  }
  if (auto cleared = store_.clear_login_failures(by_user); !cleared) return cleared.error();
  if (needs_rehash(user->password_hash, options_.cost)) {
    if (auto rehashed = hash_password(password, options_.cost)) {
      if (auto stored = store_.set_password_hash(user->id, *rehashed, clock_()); stored && *stored) {
        user->password_hash = std::move(*rehashed);
      }
    }
  }
  // Housekeeping on the (rare) successful login: expired sessions and stale failure counters.
  const std::int64_t now = clock_();
  (void)store_.delete_expired_sessions(now - options_.absolute_timeout.count(), now - options_.idle_timeout.count());
  (void)store_.prune_login_failures(now - options_.throttle_window.count());
  return open_session(*user);
}

Result<LoginResult> Authenticator::open_session(const store::User& user) {
  const std::int64_t now = clock_();
  LoginResult result;
  result.token = random_token();
  const store::Session session{sha256_hex(result.token), user.id, now, now};
  if (auto created = store_.create_session(session); !created) return created.error();
  result.identity = identity_of(user, session, result.token);
  return result;
}

Identity Authenticator::identity_of(const store::User& user, const store::Session& session,
                                    std::string_view token) const {
  const std::int64_t expires = std::min(session.created_ms + options_.absolute_timeout.count(),
                                        session.last_seen_ms + options_.idle_timeout.count());
  return Identity{user.id, user.name, csrf_token_for(token), session.created_ms, expires};
}

Result<std::optional<Identity>> Authenticator::authenticate(std::string_view token) {
  if (!is_token(token)) return std::optional<Identity>();
  const std::string hash = sha256_hex(token);
  auto found = store_.session(hash);
  if (!found) return found.error();
  if (!*found) return std::optional<Identity>();
  store::Session session = std::move(**found);
  const std::int64_t now = clock_();
  if (now >= session.created_ms + options_.absolute_timeout.count() ||
      now >= session.last_seen_ms + options_.idle_timeout.count()) {
    (void)store_.delete_session(hash);
    return std::optional<Identity>();
  }
  auto user = store_.user_by_id(session.user_id);
  if (!user) return user.error();
  if (!*user) return std::optional<Identity>();
  // Touch at most every tenth of the idle timeout (and at least once a minute): a request does
  // not cost a write each time.
  const std::int64_t granularity = std::min<std::int64_t>(60'000, options_.idle_timeout.count() / 10);
  if (now - session.last_seen_ms >= granularity) {
    if (auto touched = store_.touch_session(hash, now); !touched) return touched.error();
    session.last_seen_ms = now;
  }
  return std::optional<Identity>(identity_of(**user, session, token));
}

Status Authenticator::logout(std::string_view token) {
  if (!is_token(token)) return {};
  auto deleted = store_.delete_session(sha256_hex(token));
  if (!deleted) return deleted.error();
  return {};
}

bool Authenticator::csrf_ok(const Identity& identity, std::string_view header) {
  return !header.empty() && equal_constant_time(identity.csrf_token, header);
}

Result<LoginResult> Authenticator::change_password(const Identity& identity, std::string_view current,
                                                   std::string_view next, std::string_view address,
                                                   std::chrono::seconds* retry_after) {
  const std::string by_user = user_key(identity.user_name);
  const std::string by_address = address_key(address);
  auto wait = throttled_for(by_user, by_address);
  if (!wait) return wait.error();
  if (wait->count() > 0) {
    if (retry_after != nullptr) *retry_after = std::chrono::ceil<std::chrono::seconds>(*wait);
    return make_error(errc::throttled, "too many failed attempts; try again later");
  }
  auto user = store_.user_by_id(identity.user_id);
  if (!user) return user.error();
  if (!*user) return make_error(errc::unauthenticated, "not signed in");
  if (!verify_password((*user)->password_hash, current)) {
    if (auto recorded = record_failure(by_user, by_address); !recorded) return recorded.error();
    return make_error(errc::invalid_credentials, "the current password is wrong");
  }
  if (auto valid = check_password(next); !valid) return valid.error();
  auto hash = hash_password(next, options_.cost);
  if (!hash) return hash.error();
  auto stored = store_.set_password_hash((*user)->id, *hash, clock_());
  if (!stored) return stored.error();
  if (auto ended = store_.delete_user_sessions((*user)->id, ""); !ended) return ended.error();
  (void)store_.clear_login_failures(by_user);
  return open_session(**user);
}

Result<store::User> Authenticator::add_user(std::string_view name, std::string_view password) {
  if (auto valid = check_user_name(name); !valid) return valid.error();
  if (auto valid = check_password(password); !valid) return valid.error();
  auto hash = hash_password(password, options_.cost);
  if (!hash) return hash.error();
  auto created = store_.create_user(name, *hash, clock_());
  if (!created) {
    if (created.error().code == store::errc::constraint) {
      return make_error(errc::user_exists, fmt::format("a user named '{}' exists already", name));
    }
    return created.error();
  }
  return created;
}

Status Authenticator::set_password(std::string_view name, std::string_view password) {
  if (auto valid = check_password(password); !valid) return valid.error();
  auto user = store_.user_by_name(name);
  if (!user) return user.error();
  if (!*user) return make_error(errc::no_such_user, fmt::format("no user named '{}'", name));
  auto hash = hash_password(password, options_.cost);
  if (!hash) return hash.error();
  auto stored = store_.set_password_hash((*user)->id, *hash, clock_());
  if (!stored) return stored.error();
  auto ended = store_.delete_user_sessions((*user)->id, "");
  if (!ended) return ended.error();
  (void)store_.clear_login_failures(user_key(name));
  return {};
}

Status Authenticator::remove_user(std::string_view name) {
  auto removed = store_.remove_user(name);
  if (!removed) return removed.error();
  if (!*removed) return make_error(errc::no_such_user, fmt::format("no user named '{}'", name));
  return {};
}

Result<std::vector<store::User>> Authenticator::users() { return store_.users(); }

Result<std::optional<std::string>> Authenticator::ensure_admin() {
  auto count = store_.user_count();
  if (!count) return count.error();
  if (*count > 0) return std::optional<std::string>();
  std::string password = random_token(16);  // 128 bits, 22 characters
  auto created = add_user("admin", password);
  if (!created) {
    // Another instance on the same store created it first: nothing to show here.
    if (created.error().code == errc::user_exists) return std::optional<std::string>();
    return created.error();
  }
  return std::optional<std::string>(std::move(password));
}

std::string Authenticator::session_cookie(std::string_view token) const {
  const auto max_age = std::chrono::duration_cast<std::chrono::seconds>(options_.absolute_timeout).count();
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}", cookie_name, token, max_age,
                     options_.secure_cookies ? "; Secure" : "");
}

std::string Authenticator::clearing_cookie() const {
  return fmt::format("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}", cookie_name,
                     options_.secure_cookies ? "; Secure" : "");
}

std::string_view Authenticator::token_from_cookies(std::string_view header) {
  while (!header.empty()) {
    const std::size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    while (!pair.empty() && (pair.front() == ' ' || pair.front() == '\t')) pair.remove_prefix(1);
    while (!pair.empty() && (pair.back() == ' ' || pair.back() == '\t')) pair.remove_suffix(1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (pair.substr(0, eq) == cookie_name) {
      std::string_view value = pair.substr(eq + 1);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return value;
    }
  }
  return {};
}

}  // namespace streams::auth
