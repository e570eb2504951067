// PgStore as an AccountStore (store/accounts.h): users, sessions, login failures, favourites.
// Every statement is a literal sent unnamed with bound parameters (PgBouncer transaction pooling),
// and every call is one statement, atomic on its own: counts and "was there such a row" come back
// through RETURNING; a failed login is counted by one INSERT … ON CONFLICT … DO UPDATE … RETURNING;
// removing a user removes their sessions and favourites by ON DELETE CASCADE (migration 2).
// Constraint violations (SQLSTATE class 23) are errc::constraint, as on SQLite. Names sort by bytes
// (COLLATE "C"), as SQLite's do.

#include <fmt/format.h>

#include "store/errc.h"
#include "store/postgres/pg_store.h"
#include "store/postgres/with_connection.h"

namespace streams::store::postgres {
namespace {

#define STREAMS_USER_COLUMNS "id, name, password_hash, created_ms, password_changed_ms"
constexpr const char* sql_insert_user =
    "INSERT INTO users (name, password_hash, created_ms, password_changed_ms) VALUES ($1, $2, $3, $3)"
    " RETURNING " STREAMS_USER_COLUMNS;
constexpr const char* sql_user_by_name = "SELECT " STREAMS_USER_COLUMNS " FROM users WHERE name = $1";
constexpr const char* sql_user_by_id = "SELECT " STREAMS_USER_COLUMNS " FROM users WHERE id = $1";
constexpr const char* sql_users = "SELECT " STREAMS_USER_COLUMNS " FROM users ORDER BY name COLLATE \"C\"";
#undef STREAMS_USER_COLUMNS
constexpr const char* sql_user_count = "SELECT count(*) FROM users";
constexpr const char* sql_set_password =
    "UPDATE users SET password_hash = $2, password_changed_ms = $3 WHERE id = $1 RETURNING id";
constexpr const char* sql_delete_user = "DELETE FROM users WHERE name = $1 RETURNING id";

constexpr const char* sql_insert_session =
    "INSERT INTO sessions (token_hash, user_id, created_ms, last_seen_ms) VALUES ($1, $2, $3, $4)";
constexpr const char* sql_session =
    "SELECT token_hash, user_id, created_ms, last_seen_ms FROM sessions WHERE token_hash = $1";
constexpr const char* sql_touch_session =
    "UPDATE sessions SET last_seen_ms = $2 WHERE token_hash = $1 AND last_seen_ms < $2";
constexpr const char* sql_delete_session = "DELETE FROM sessions WHERE token_hash = $1 RETURNING 1";
constexpr const char* sql_delete_user_sessions =
    "WITH gone AS (DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING 1)"
    " SELECT count(*) FROM gone";
constexpr const char* sql_delete_expired_sessions =
    "WITH gone AS (DELETE FROM sessions WHERE created_ms < $1 OR last_seen_ms < $2 RETURNING 1)"
    " SELECT count(*) FROM gone";

constexpr const char* sql_record_failure =
    "INSERT INTO login_failures AS f (key, failures, last_failure_ms) VALUES ($1, 1, $2)"
    " ON CONFLICT (key) DO UPDATE SET"
    " failures = CASE WHEN f.last_failure_ms < $3 THEN 1 ELSE f.failures + 1 END,"
    " last_failure_ms = excluded.last_failure_ms"
    " RETURNING failures, last_failure_ms";
constexpr const char* sql_login_failures = "SELECT failures, last_failure_ms FROM login_failures WHERE key = $1";
constexpr const char* sql_clear_failures = "DELETE FROM login_failures WHERE key = $1";
constexpr const char* sql_prune_failures =
    "WITH gone AS (DELETE FROM login_failures WHERE last_failure_ms < $1 RETURNING 1) SELECT count(*) FROM gone";

constexpr const char* sql_starred =
    "SELECT symbol, created_ms FROM favourite_symbols WHERE user_id = $1 ORDER BY symbol COLLATE \"C\"";
constexpr const char* sql_star =
    "INSERT INTO favourite_symbols (user_id, symbol, created_ms) VALUES ($1, $2, $3)"
    " ON CONFLICT (user_id, symbol) DO NOTHING RETURNING 1";
constexpr const char* sql_unstar = "DELETE FROM favourite_symbols WHERE user_id = $1 AND symbol = $2 RETURNING 1";

#define STREAMS_VIEW_COLUMNS "id, name, state, created_ms, updated_ms"
constexpr const char* sql_views =
    "SELECT " STREAMS_VIEW_COLUMNS " FROM saved_views WHERE user_id = $1 ORDER BY name COLLATE \"C\", id";
constexpr const char* sql_view = "SELECT " STREAMS_VIEW_COLUMNS " FROM saved_views WHERE user_id = $1 AND id = $2";
constexpr const char* sql_insert_view =
    "INSERT INTO saved_views (user_id, name, state, created_ms, updated_ms) VALUES ($1, $2, $3, $4, $4)"
    " RETURNING " STREAMS_VIEW_COLUMNS;
// Unset fields are NULL parameters and keep their value.
constexpr const char* sql_update_view =
    "UPDATE saved_views SET name = coalesce($3, name), state = coalesce($4, state), updated_ms = $5"
    " WHERE user_id = $1 AND id = $2 RETURNING " STREAMS_VIEW_COLUMNS;
#undef STREAMS_VIEW_COLUMNS
constexpr const char* sql_delete_view = "DELETE FROM saved_views WHERE user_id = $1 AND id = $2 RETURNING 1";

Error with_context(const Error& error, std::string_view context) {
  return make_error(error.code, fmt::format("{}: {}", context, error.message));
}

User read_user(const PgResult& r, int row) {
  return User{r.int64(row, 0), std::string(r.text(row, 1)), std::string(r.text(row, 2)), r.int64(row, 3),
              r.int64(row, 4)};
}

SavedView read_view(const PgResult& r, int row) {
  return SavedView{r.int64(row, 0), std::string(r.text(row, 1)), std::string(r.text(row, 2)), r.int64(row, 3),
                   r.int64(row, 4)};
}

Params& optional_text(Params& params, const std::optional<std::string>& value) {
  return value ? params.text(*value) : params.null_text();
}

}  // namespace

// --- users

Result<User> PgStore::create_user(std::string_view name, std::string_view password_hash, std::int64_t now_ms) {
  return with_connection([&](PgConnection& db) -> Result<User> {
    auto rows = db.exec(sql_insert_user, Params().text(name).text(password_hash).int64(now_ms));
    if (!rows) {
      if (rows.error().code == errc::constraint) {
        return make_error(errc::constraint, fmt::format("a user named '{}' exists already", name));
      }
      return with_context(rows.error(), "creating a user");
    }
    return read_user(*rows, 0);
  });
}

Result<std::optional<User>> PgStore::user_by_name(std::string_view name) {
  return with_connection([&](PgConnection& db) -> Result<std::optional<User>> {
    auto rows = db.exec(sql_user_by_name, Params().text(name));
    if (!rows) return with_context(rows.error(), "reading a user");
    if (rows->rows() == 0) return std::optional<User>();
    return std::optional<User>(read_user(*rows, 0));
  });
}

Result<std::optional<User>> PgStore::user_by_id(std::int64_t id) {
  return with_connection([&](PgConnection& db) -> Result<std::optional<User>> {
    auto rows = db.exec(sql_user_by_id, Params().int64(id));
    if (!rows) return with_context(rows.error(), "reading a user");
    if (rows->rows() == 0) return std::optional<User>();
    return std::optional<User>(read_user(*rows, 0));
  });
}

Result<std::vector<User>> PgStore::users() {
  return with_connection([&](PgConnection& db) -> Result<std::vector<User>> {
    auto rows = db.exec(sql_users, Params{});
    if (!rows) return with_context(rows.error(), "reading users");
    std::vector<User> out;
    out.reserve(static_cast<std::size_t>(rows->rows()));
    for (int i = 0; i < rows->rows(); ++i) out.push_back(read_user(*rows, i));
    return out;
  });
}

Result<std::int64_t> PgStore::user_count() {
  return with_connection([&](PgConnection& db) -> Result<std::int64_t> {
    auto rows = db.exec(sql_user_count, Params{});
    if (!rows) return with_context(rows.error(), "counting users");
    return rows->int64(0, 0);
  });
}

Result<bool> PgStore::set_password_hash(std::int64_t user_id, std::string_view password_hash, std::int64_t now_ms) {
  return with_connection([&](PgConnection& db) -> Result<bool> {
    auto rows = db.exec(sql_set_password, Params().int64(user_id).text(password_hash).int64(now_ms));
    if (!rows) return with_context(rows.error(), "setting a password");
    return rows->rows() > 0;
  });
}

Result<bool> PgStore::remove_user(std::string_view name) {
  return with_connection([&](PgConnection& db) -> Result<bool> {
    auto rows = db.exec(sql_delete_user, Params().text(name));
    if (!rows) return with_context(rows.error(), "removing a user");
    return rows->rows() > 0;
  });
}

// --- sessions

Status PgStore::create_session(const Session& session) {
  return with_connection([&](PgConnection& db) -> Status {
    auto done = db.exec(sql_insert_session, Params()
                                                .text(session.token_hash)
                                                .int64(session.user_id)
                                                .int64(session.created_ms)
                                                .int64(session.last_seen_ms));
    if (!done) return with_context(done.error(), "creating a session");
    return {};
  });
}

Result<std::optional<Session>> PgStore::session(std::string_view token_hash) {
  return with_connection([&](PgConnection& db) -> Result<std::optional<Session>> {
    auto rows = db.exec(sql_session, Params().text(token_hash));
    if (!rows) return with_context(rows.error(), "reading a session");
    if (rows->rows() == 0) return std::optional<Session>();
    return std::optional<Session>(
        Session{std::string(rows->text(0, 0)), rows->int64(0, 1), rows->int64(0, 2), rows->int64(0, 3)});
  });
}

Status PgStore::touch_session(std::string_view token_hash, std::int64_t last_seen_ms) {
  return with_connection([&](PgConnection& db) -> Status {
    auto done = db.exec(sql_touch_session, Params().text(token_hash).int64(last_seen_ms));
    if (!done) return with_context(done.error(), "touching a session");
    return {};
  });
}

Result<bool> PgStore::delete_session(std::string_view token_hash) {
  return with_connection([&](PgConnection& db) -> Result<bool> {
    auto rows = db.exec(sql_delete_session, Params().text(token_hash));
    if (!rows) return with_context(rows.error(), "deleting a session");
    return rows->rows() > 0;
  });
}

Result<std::int64_t> PgStore::delete_user_sessions(std::int64_t user_id, std::string_view keep_token_hash) {
  return with_connection([&](PgConnection& db) -> Result<std::int64_t> {
    auto rows = db.exec(sql_delete_user_sessions, Params().int64(user_id).text(keep_token_hash));
    if (!rows) return with_context(rows.error(), "deleting sessions");
    return rows->int64(0, 0);
  });
}

Result<std::int64_t> PgStore::delete_expired_sessions(std::int64_t created_before_ms, std::int64_t seen_before_ms) {
  return with_connection([&](PgConnection& db) -> Result<std::int64_t> {
    auto rows = db.exec(sql_delete_expired_sessions, Params().int64(created_before_ms).int64(seen_before_ms));
    if (!rows) return with_context(rows.error(), "deleting expired sessions");
    return rows->int64(0, 0);
  });
}

// --- login throttling

Result<LoginFailures> PgStore::record_login_failure(std::string_view key, std::int64_t now_ms,
                                                    std::int64_t window_start_ms) {
  return with_connection([&](PgConnection& db) -> Result<LoginFailures> {
    auto rows = db.exec(sql_record_failure, Params().text(key).int64(now_ms).int64(window_start_ms));
    if (!rows) return with_context(rows.error(), "recording a failed login");
    return LoginFailures{rows->int64(0, 0), rows->int64(0, 1)};
  });
}

Result<LoginFailures> PgStore::login_failures(std::string_view key) {
  return with_connection([&](PgConnection& db) -> Result<LoginFailures> {
    auto rows = db.exec(sql_login_failures, Params().text(key));
    if (!rows) return with_context(rows.error(), "reading login failures");
    if (rows->rows() == 0) return LoginFailures{};
    return LoginFailures{rows->int64(0, 0), rows->int64(0, 1)};
  });
}

Status PgStore::clear_login_failures(std::string_view key) {
  return with_connection([&](PgConnection& db) -> Status {
    auto done = db.exec(sql_clear_failures, Params().text(key));
    if (!done) return with_context(done.error(), "clearing login failures");
    return {};
  });
}

Result<std::int64_t> PgStore::prune_login_failures(std::int64_t before_ms) {
  return with_connection([&](PgConnection& db) -> Result<std::int64_t> {
    auto rows = db.exec(sql_prune_failures, Params().int64(before_ms));
    if (!rows) return with_context(rows.error(), "pruning login failures");
    return rows->int64(0, 0);
  });
}

// --- favourites

Result<std::vector<StarredSymbol>> PgStore::starred_symbols(std::int64_t user_id) {
  return with_connection([&](PgConnection& db) -> Result<std::vector<StarredSymbol>> {
    auto rows = db.exec(sql_starred, Params().int64(user_id));
    if (!rows) return with_context(rows.error(), "reading starred symbols");
    std::vector<StarredSymbol> out;
    for (int i = 0; i < rows->rows(); ++i) {
      auto symbol = Symbol::parse(rows->text(i, 0));
      if (!symbol) return symbol.error();
      out.push_back(StarredSymbol{std::move(*symbol), rows->int64(i, 1)});
    }
    return out;
  });
}

Result<bool> PgStore::star_symbol(std::int64_t user_id, const Symbol& symbol, std::int64_t now_ms) {
  return with_connection([&](PgConnection& db) -> Result<bool> {
    auto rows = db.exec(sql_star, Params().int64(user_id).text(symbol.view()).int64(now_ms));
    if (!rows) return with_context(rows.error(), "starring a symbol");
    return rows->rows() > 0;
  });
}

Result<bool> PgStore::unstar_symbol(std::int64_t user_id, const Symbol& symbol) {
  return with_connection([&](PgConnection& db) -> Result<bool> {
    auto rows = db.exec(sql_unstar, Params().int64(user_id).text(symbol.view()));
    if (!rows) return with_context(rows.error(), "unstarring a symbol");
    return rows->rows() > 0;
  });
}

Result<std::vector<SavedView>> PgStore::views(std::int64_t user_id) {
  return with_connection([&](PgConnection& db) -> Result<std::vector<SavedView>> {
    auto rows = db.exec(sql_views, Params().int64(user_id));
    if (!rows) return with_context(rows.error(), "reading saved views");
    std::vector<SavedView> out;
    out.reserve(static_cast<std::size_t>(rows->rows()));
    for (int i = 0; i < rows->rows(); ++i) out.push_back(read_view(*rows, i));
    return out;
  });
}

Result<std::optional<SavedView>> PgStore::view(std::int64_t user_id, std::int64_t view_id) {
  return with_connection([&](PgConnection& db) -> Result<std::optional<SavedView>> {
    auto rows = db.exec(sql_view, Params().int64(user_id).int64(view_id));
    if (!rows) return with_context(rows.error(), "reading a saved view");
    if (rows->rows() == 0) return std::optional<SavedView>();
    return std::optional<SavedView>(read_view(*rows, 0));
  });
}

Result<SavedView> PgStore::create_view(std::int64_t user_id, std::string_view name, std::string_view state,
                                       std::int64_t now_ms) {
  return with_connection([&](PgConnection& db) -> Result<SavedView> {
    auto rows = db.exec(sql_insert_view, Params().int64(user_id).text(name).text(state).int64(now_ms));
    if (!rows) {
      if (rows.error().code == errc::constraint) {
        return make_error(errc::constraint, fmt::format("a view named '{}' exists already", name));
      }
      return with_context(rows.error(), "saving a view");
    }
    return read_view(*rows, 0);
  });
}

Result<std::optional<SavedView>> PgStore::update_view(std::int64_t user_id, std::int64_t view_id,
                                                      const ViewUpdate& update, std::int64_t now_ms) {
  return with_connection([&](PgConnection& db) -> Result<std::optional<SavedView>> {
    Params params;
    params.int64(user_id).int64(view_id);
    optional_text(params, update.name);
    optional_text(params, update.state);
    params.int64(now_ms);
    auto rows = db.exec(sql_update_view, params);
    if (!rows) {
      if (rows.error().code == errc::constraint && update.name) {
        return make_error(errc::constraint, fmt::format("a view named '{}' exists already", *update.name));
      }
      return with_context(rows.error(), "updating a view");
    }
    if (rows->rows() == 0) return std::optional<SavedView>();
    return std::optional<SavedView>(read_view(*rows, 0));
  });
}

Result<bool> PgStore::delete_view(std::int64_t user_id, std::int64_t view_id) {
  return with_connection([&](PgConnection& db) -> Result<bool> {
    auto rows = db.exec(sql_delete_view, Params().int64(user_id).int64(view_id));
    if (!rows) return with_context(rows.error(), "deleting a view");
    return rows->rows() > 0;
  });
}

}  // namespace streams::store::postgres
