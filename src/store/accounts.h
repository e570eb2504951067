#pragma once
// The account storage interface (BRIEF §2 "users, sessions, favourites"): users, login sessions,
// login-throttle counters and each user's favourites (starred symbols and saved views). `auth`
// and `api` use only this header; store/embedded implements it (SqliteStore is both a Store and
// an AccountStore over one file), and so does store/postgres (PgStore, over its pool). The
// contract tests every implementation must pass are in store/tests/account_store_contract.h.
//
// What is stored: a password only as its argon2id string (never the password), a session only as
// the hash of its token (never the token). Times are UTC milliseconds since the epoch, chosen by
// the caller (so tests can move the clock).
//
// Every favourite call takes the user id and touches only that user's rows: another user's view
// id is "not found", exactly like an id that does not exist.
//
// Thread safety: every method may be called from any thread concurrently.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/symbol.h"

namespace streams::store {

struct User {
  std::int64_t id = 0;
  std::string name;
  std::string password_hash;  // argon2id string ("$argon2id$v=19$m=…")
  std::int64_t created_ms = 0;
  std::int64_t password_changed_ms = 0;
};

struct Session {
  std::string token_hash;  // hex SHA-256 of the cookie's token
  std::int64_t user_id = 0;
  std::int64_t created_ms = 0;
  std::int64_t last_seen_ms = 0;
};

// Failed logins counted under one key ("user:NAME" or "address:IP").
struct LoginFailures {
  std::int64_t failures = 0;         // consecutive failures within the window
  std::int64_t last_failure_ms = 0;  // 0 = none
};

struct StarredSymbol {
  Symbol symbol;
  std::int64_t created_ms = 0;
};

struct SavedView {
  std::int64_t id = 0;
  std::string name;
  std::string state;  // the dashboard state as the URL carries it (opaque to the store)
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

// Optional fields of a view update; unset = unchanged.
struct ViewUpdate {
  std::optional<std::string> name;
  std::optional<std::string> state;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  AccountStore() = default;
  AccountStore(const AccountStore&) = delete;
  AccountStore& operator=(const AccountStore&) = delete;

  // --- users. Names are unique (case-sensitive, as given); a duplicate fails with errc::constraint.
  virtual Result<User> create_user(std::string_view name, std::string_view password_hash, std::int64_t now_ms) = 0;
  virtual Result<std::optional<User>> user_by_name(std::string_view name) = 0;
  virtual Result<std::optional<User>> user_by_id(std::int64_t id) = 0;
  virtual Result<std::vector<User>> users() = 0;  // ordered by name
  virtual Result<std::int64_t> user_count() = 0;
  // False when there is no such user.
  virtual Result<bool> set_password_hash(std::int64_t user_id, std::string_view password_hash, std::int64_t now_ms) = 0;
  // Removes the user with their sessions and favourites; false when there is no such user.
  virtual Result<bool> remove_user(std::string_view name) = 0;

  // --- sessions. Looked up by token hash only.
  virtual Status create_session(const Session& session) = 0;
  virtual Result<std::optional<Session>> session(std::string_view token_hash) = 0;
  virtual Status touch_session(std::string_view token_hash, std::int64_t last_seen_ms) = 0;
  // False when there was no such session.
  virtual Result<bool> delete_session(std::string_view token_hash) = 0;
  // Deletes every session of the user except `keep_token_hash` (empty = all); returns how many.
  virtual Result<std::int64_t> delete_user_sessions(std::int64_t user_id, std::string_view keep_token_hash) = 0;
  // Deletes sessions created before `created_before_ms` or last seen before `seen_before_ms`.
  virtual Result<std::int64_t> delete_expired_sessions(std::int64_t created_before_ms, std::int64_t seen_before_ms) = 0;

  // --- login throttling. One atomic step per failed attempt: when the key's last failure is
  // older than `window_start_ms` the count restarts at 1, else it grows by 1. Returns the state
  // after the step.
  virtual Result<LoginFailures> record_login_failure(std::string_view key, std::int64_t now_ms,
                                                     std::int64_t window_start_ms) = 0;
  // The key's state (zero when never failed).
  virtual Result<LoginFailures> login_failures(std::string_view key) = 0;
  virtual Status clear_login_failures(std::string_view key) = 0;
  // Forgets keys whose last failure is older than `before_ms`; returns how many.
  virtual Result<std::int64_t> prune_login_failures(std::int64_t before_ms) = 0;

  // --- favourites: starred symbols, ordered by symbol.
  virtual Result<std::vector<StarredSymbol>> starred_symbols(std::int64_t user_id) = 0;
  // True when newly starred, false when it already was.
  virtual Result<bool> star_symbol(std::int64_t user_id, const Symbol& symbol, std::int64_t now_ms) = 0;
  // False when it was not starred.
  virtual Result<bool> unstar_symbol(std::int64_t user_id, const Symbol& symbol) = 0;

  // --- favourites: saved views, ordered by name then id. Names are unique per user (a duplicate
  // fails with errc::constraint).
  virtual Result<std::vector<SavedView>> views(std::int64_t user_id) = 0;
  virtual Result<std::optional<SavedView>> view(std::int64_t user_id, std::int64_t view_id) = 0;
  virtual Result<SavedView> create_view(std::int64_t user_id, std::string_view name, std::string_view state,
                                        std::int64_t now_ms) = 0;
  // The updated view, or nullopt when the user has no view of that id.
  virtual Result<std::optional<SavedView>> update_view(std::int64_t user_id, std::int64_t view_id,
                                                       const ViewUpdate& update, std::int64_t now_ms) = 0;
  // False when the user has no view of that id.
  virtual Result<bool> delete_view(std::int64_t user_id, std::int64_t view_id) = 0;
};

}  // namespace streams::store
