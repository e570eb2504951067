// SqliteStore as an AccountStore (store/accounts.h): users, sessions, login failures, favourites.
// Every statement is a literal with bound parameters; each write is one statement (atomic on its
// own), so there is nothing here a PostgreSQL twin cannot translate one to one.

#include <fmt/format.h>

#include "store/embedded/sqlite_connection.h"
#include "store/embedded/sqlite_store.h"
#include "store/errc.h"

namespace streams::store::embedded {
namespace {

constexpr std::string_view sql_insert_user =
    "INSERT INTO users (name, password_hash, created_ms, password_changed_ms) VALUES (?1, ?2, ?3, ?3)";
constexpr std::string_view sql_user_by_name =
    "SELECT id, name, password_hash, created_ms, password_changed_ms FROM users WHERE name = ?1";
constexpr std::string_view sql_user_by_id =
    "SELECT id, name, password_hash, created_ms, password_changed_ms FROM users WHERE id = ?1";
constexpr std::string_view sql_users =
    "SELECT id, name, password_hash, created_ms, password_changed_ms FROM users ORDER BY name";
constexpr std::string_view sql_user_count = "SELECT count(*) FROM users";
constexpr std::string_view sql_set_password =
    "UPDATE users SET password_hash = ?2, password_changed_ms = ?3 WHERE id = ?1";
constexpr std::string_view sql_delete_user = "DELETE FROM users WHERE name = ?1";

constexpr std::string_view sql_insert_session =
    "INSERT INTO sessions (token_hash, user_id, created_ms, last_seen_ms) VALUES (?1, ?2, ?3, ?4)";
constexpr std::string_view sql_session =
    "SELECT token_hash, user_id, created_ms, last_seen_ms FROM sessions WHERE token_hash = ?1";
constexpr std::string_view sql_touch_session =
    "UPDATE sessions SET last_seen_ms = ?2 WHERE token_hash = ?1 AND last_seen_ms < ?2";
constexpr std::string_view sql_delete_session = "DELETE FROM sessions WHERE token_hash = ?1";
constexpr std::string_view sql_delete_user_sessions = "DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2";
constexpr std::string_view sql_delete_expired_sessions =
    "DELETE FROM sessions WHERE created_ms < ?1 OR last_seen_ms < ?2";

constexpr std::string_view sql_record_failure =
    "INSERT INTO login_failures (key, failures, last_failure_ms) VALUES (?1, 1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET"
    " failures = CASE WHEN login_failures.last_failure_ms < ?3 THEN 1 ELSE login_failures.failures + 1 END,"
    " last_failure_ms = ?2";
constexpr std::string_view sql_login_failures = "SELECT failures, last_failure_ms FROM login_failures WHERE key = ?1";
constexpr std::string_view sql_clear_failures = "DELETE FROM login_failures WHERE key = ?1";
constexpr std::string_view sql_prune_failures = "DELETE FROM login_failures WHERE last_failure_ms < ?1";

constexpr std::string_view sql_starred =
    "SELECT symbol, created_ms FROM favourite_symbols WHERE user_id = ?1 ORDER BY symbol";
constexpr std::string_view sql_star =
    "INSERT INTO favourite_symbols (user_id, symbol, created_ms) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (user_id, symbol) DO NOTHING";
constexpr std::string_view sql_unstar = "DELETE FROM favourite_symbols WHERE user_id = ?1 AND symbol = ?2";

constexpr std::string_view sql_views =
    "SELECT id, name, state, created_ms, updated_ms FROM saved_views WHERE user_id = ?1 ORDER BY name, id";
constexpr std::string_view sql_view =
    "SELECT id, name, state, created_ms, updated_ms FROM saved_views WHERE user_id = ?1 AND id = ?2";
constexpr std::string_view sql_view_by_name =
    "SELECT id, name, state, created_ms, updated_ms FROM saved_views WHERE user_id = ?1 AND name = ?2";
constexpr std::string_view sql_insert_view =
    "INSERT INTO saved_views (user_id, name, state, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?4)";
constexpr std::string_view sql_update_view =
    "UPDATE saved_views SET name = coalesce(?3, name), state = coalesce(?4, state), updated_ms = ?5"
    " WHERE user_id = ?1 AND id = ?2";
constexpr std::string_view sql_delete_view = "DELETE FROM saved_views WHERE user_id = ?1 AND id = ?2";

User read_user(const Statement& row) {
  return User{row.column_int64(0), std::string(row.column_text(1)), std::string(row.column_text(2)),
              row.column_int64(3), row.column_int64(4)};
}

SavedView read_view(const Statement& row) {
  return SavedView{row.column_int64(0), std::string(row.column_text(1)), std::string(row.column_text(2)),
                   row.column_int64(3), row.column_int64(4)};
}

}  // namespace

// --- users

Result<User> SqliteStore::create_user(std::string_view name, std::string_view password_hash, std::int64_t now_ms) {
  auto inserted = write_one(sql_insert_user, "creating a user", [&](Statement& q) {
    q.bind(1, name).bind(2, password_hash).bind(3, now_ms);
  });
  if (!inserted) {
    if (inserted.error().code == errc::constraint) {
      return make_error(errc::constraint, fmt::format("a user named '{}' exists already", name));
    }
    return inserted.error();
  }
  auto user = user_by_name(name);
  if (!user) return user.error();
  if (!*user) return make_error(errc::query_failed, "the new user was not found");
  return std::move(**user);
}

Result<std::optional<User>> SqliteStore::user_by_name(std::string_view name) {
  std::optional<User> out;
  auto status = read_each(sql_user_by_name, "a user", [&](Statement& q) { q.bind(1, name); },
                          [&](Statement& row) -> Status {
                            out = read_user(row);
                            return {};
                          });
  if (!status) return status.error();
  return out;
}

Result<std::optional<User>> SqliteStore::user_by_id(std::int64_t id) {
  std::optional<User> out;
  auto status = read_each(sql_user_by_id, "a user", [&](Statement& q) { q.bind(1, id); },
                          [&](Statement& row) -> Status {
                            out = read_user(row);
                            return {};
                          });
  if (!status) return status.error();
  return out;
}

Result<std::vector<User>> SqliteStore::users() {
  std::vector<User> out;
  auto status = read_each(sql_users, "users", [](Statement&) {}, [&](Statement& row) -> Status {
    out.push_back(read_user(row));
    return {};
  });
  if (!status) return status.error();
  return out;
}

Result<std::int64_t> SqliteStore::user_count() {
  std::int64_t out = 0;
  auto status = read_each(sql_user_count, "users", [](Statement&) {}, [&](Statement& row) -> Status {
    out = row.column_int64(0);
    return {};
  });
  if (!status) return status.error();
  return out;
}

Result<bool> SqliteStore::set_password_hash(std::int64_t user_id, std::string_view password_hash,
                                            std::int64_t now_ms) {
  auto changed = write_one(sql_set_password, "setting a password", [&](Statement& q) {
    q.bind(1, user_id).bind(2, password_hash).bind(3, now_ms);
  });
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<bool> SqliteStore::remove_user(std::string_view name) {
  auto changed = write_one(sql_delete_user, "removing a user", [&](Statement& q) { q.bind(1, name); });
  if (!changed) return changed.error();
  return *changed > 0;
}

// --- sessions

Status SqliteStore::create_session(const Session& session) {
  auto changed = write_one(sql_insert_session, "creating a session", [&](Statement& q) {
    q.bind(1, session.token_hash).bind(2, session.user_id).bind(3, session.created_ms).bind(4, session.last_seen_ms);
  });
  if (!changed) return changed.error();
  return {};
}

Result<std::optional<Session>> SqliteStore::session(std::string_view token_hash) {
  std::optional<Session> out;
  auto status = read_each(sql_session, "a session", [&](Statement& q) { q.bind(1, token_hash); },
                          [&](Statement& row) -> Status {
                            out = Session{std::string(row.column_text(0)), row.column_int64(1), row.column_int64(2),
                                          row.column_int64(3)};
                            return {};
                          });
  if (!status) return status.error();
  return out;
}

Status SqliteStore::touch_session(std::string_view token_hash, std::int64_t last_seen_ms) {
  auto changed = write_one(sql_touch_session, "touching a session",
                           [&](Statement& q) { q.bind(1, token_hash).bind(2, last_seen_ms); });
  if (!changed) return changed.error();
  return {};
}

Result<bool> SqliteStore::delete_session(std::string_view token_hash) {
  auto changed = write_one(sql_delete_session, "deleting a session", [&](Statement& q) { q.bind(1, token_hash); });
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<std::int64_t> SqliteStore::delete_user_sessions(std::int64_t user_id, std::string_view keep_token_hash) {
  return write_one(sql_delete_user_sessions, "deleting sessions",
                   [&](Statement& q) { q.bind(1, user_id).bind(2, keep_token_hash); });
}

Result<std::int64_t> SqliteStore::delete_expired_sessions(std::int64_t created_before_ms, std::int64_t seen_before_ms) {
  return write_one(sql_delete_expired_sessions, "deleting expired sessions",
                   [&](Statement& q) { q.bind(1, created_before_ms).bind(2, seen_before_ms); });
}

// --- login throttling

Result<LoginFailures> SqliteStore::record_login_failure(std::string_view key, std::int64_t now_ms,
                                                        std::int64_t window_start_ms) {
  auto changed = write_one(sql_record_failure, "recording a failed login", [&](Statement& q) {
    q.bind(1, key).bind(2, now_ms).bind(3, window_start_ms);
  });
  if (!changed) return changed.error();
  return login_failures(key);
}

Result<LoginFailures> SqliteStore::login_failures(std::string_view key) {
  LoginFailures out;
  auto status = read_each(sql_login_failures, "login failures", [&](Statement& q) { q.bind(1, key); },
                          [&](Statement& row) -> Status {
                            out = LoginFailures{row.column_int64(0), row.column_int64(1)};
                            return {};
                          });
  if (!status) return status.error();
  return out;
}

Status SqliteStore::clear_login_failures(std::string_view key) {
  auto changed = write_one(sql_clear_failures, "clearing login failures", [&](Statement& q) { q.bind(1, key); });
  if (!changed) return changed.error();
  return {};
}

Result<std::int64_t> SqliteStore::prune_login_failures(std::int64_t before_ms) {
  return write_one(sql_prune_failures, "pruning login failures", [&](Statement& q) { q.bind(1, before_ms); });
}

// --- favourites

Result<std::vector<StarredSymbol>> SqliteStore::starred_symbols(std::int64_t user_id) {
  std::vector<StarredSymbol> out;
  auto status = read_each(sql_starred, "starred symbols", [&](Statement& q) { q.bind(1, user_id); },
                          [&](Statement& row) -> Status {
                            auto symbol = Symbol::parse(row.column_text(0));
                            if (!symbol) return symbol.error();
                            out.push_back(StarredSymbol{std::move(*symbol), row.column_int64(1)});
                            return {};
                          });
  if (!status) return status.error();
  return out;
}

Result<bool> SqliteStore::star_symbol(std::int64_t user_id, const Symbol& symbol, std::int64_t now_ms) {
  auto changed = write_one(sql_star, "starring a symbol", [&](Statement& q) {
    q.bind(1, user_id).bind(2, symbol.view()).bind(3, now_ms);
  });
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<bool> SqliteStore::unstar_symbol(std::int64_t user_id, const Symbol& symbol) {
  auto changed = write_one(sql_unstar, "unstarring a symbol",
                           [&](Statement& q) { q.bind(1, user_id).bind(2, symbol.view()); });
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<std::vector<SavedView>> SqliteStore::views(std::int64_t user_id) {
  std::vector<SavedView> out;
  auto status = read_each(sql_views, "saved views", [&](Statement& q) { q.bind(1, user_id); },
                          [&](Statement& row) -> Status {
                            out.push_back(read_view(row));
                            return {};
                          });
  if (!status) return status.error();
  return out;
}

Result<std::optional<SavedView>> SqliteStore::view(std::int64_t user_id, std::int64_t view_id) {
  std::optional<SavedView> out;
  auto status = read_each(sql_view, "a saved view", [&](Statement& q) { q.bind(1, user_id).bind(2, view_id); },
                          [&](Statement& row) -> Status {
                            out = read_view(row);
                            return {};
                          });
  if (!status) return status.error();
  return out;
}

Result<SavedView> SqliteStore::create_view(std::int64_t user_id, std::string_view name, std::string_view state,
                                           std::int64_t now_ms) {
  auto inserted = write_one(sql_insert_view, "saving a view", [&](Statement& q) {
    q.bind(1, user_id).bind(2, name).bind(3, state).bind(4, now_ms);
  });
  if (!inserted) {
    if (inserted.error().code == errc::constraint) {
      return make_error(errc::constraint, fmt::format("a view named '{}' exists already", name));
    }
    return inserted.error();
  }
  std::optional<SavedView> out;
  auto status = read_each(sql_view_by_name, "a saved view", [&](Statement& q) { q.bind(1, user_id).bind(2, name); },
                          [&](Statement& row) -> Status {
                            out = read_view(row);
                            return {};
                          });
  if (!status) return status.error();
  if (!out) return make_error(errc::query_failed, "the new view was not found");
  return std::move(*out);
}

Result<std::optional<SavedView>> SqliteStore::update_view(std::int64_t user_id, std::int64_t view_id,
                                                          const ViewUpdate& update, std::int64_t now_ms) {
  auto changed = write_one(sql_update_view, "updating a view", [&](Statement& q) {
    q.bind(1, user_id).bind(2, view_id);
    if (update.name) {
      q.bind(3, *update.name);
    } else {
      q.bind_null(3);
    }
    if (update.state) {
      q.bind(4, *update.state);
    } else {
      q.bind_null(4);
    }
    q.bind(5, now_ms);
  });
  if (!changed) {
    if (changed.error().code == errc::constraint && update.name) {
      return make_error(errc::constraint, fmt::format("a view named '{}' exists already", *update.name));
    }
    return changed.error();
  }
  if (*changed == 0) return std::optional<SavedView>();
  return view(user_id, view_id);
}

Result<bool> SqliteStore::delete_view(std::int64_t user_id, std::int64_t view_id) {
  auto changed = write_one(sql_delete_view, "deleting a view", [&](Statement& q) { q.bind(1, user_id).bind(2, view_id); });
  if (!changed) return changed.error();
  return *changed > 0;
}

}  // namespace streams::store::embedded
