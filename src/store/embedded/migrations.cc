#include "store/embedded/migrations.h"

#include <array>

namespace streams::store::embedded {
namespace {

// 1: the storage model of BRIEF §2. Dates are ISO text (readable in the sqlite3 shell, ordered);
// bar timestamps are UTC milliseconds (daily bars: the session date's 00:00 UTC).
constexpr const char* migration_1 = R"sql(
CREATE TABLE instruments (
  symbol   TEXT PRIMARY KEY NOT NULL,
  name     TEXT NOT NULL DEFAULT '',
  sector   TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  exchange TEXT NOT NULL DEFAULT '',
  currency TEXT NOT NULL DEFAULT 'USD',
  active   INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;
CREATE INDEX instruments_by_sector ON instruments (sector, industry);

CREATE TABLE bars (
  symbol     TEXT NOT NULL,
  timespan   TEXT NOT NULL,
  multiplier INTEGER NOT NULL,
  ts         INTEGER NOT NULL,
  open       REAL NOT NULL,
  high       REAL NOT NULL,
  low        REAL NOT NULL,
  close      REAL NOT NULL,
  volume     REAL NOT NULL,
  vwap       REAL,
  trades     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (symbol, timespan, multiplier, ts),
  CHECK (low <= high AND volume >= 0)
) WITHOUT ROWID;

CREATE TABLE events (
  symbol      TEXT NOT NULL,
  date        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('earnings', 'dividend', 'split')),
  value       REAL,
  time_of_day TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (symbol, date, kind)
) WITHOUT ROWID;

CREATE TABLE macro (
  series TEXT NOT NULL,
  date   TEXT NOT NULL,
  value  REAL NOT NULL,
  PRIMARY KEY (series, date)
) WITHOUT ROWID;

CREATE TABLE ingest_state (
  key        TEXT PRIMARY KEY NOT NULL,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// 2: accounts (store/accounts.h). Kept to types and clauses PostgreSQL shares (the postgres store
// translates INTEGER PRIMARY KEY AUTOINCREMENT to BIGINT GENERATED ALWAYS AS IDENTITY and INTEGER
// to BIGINT). Times are UTC milliseconds. Removing a user cascades to their rows.
constexpr const char* migration_2 = R"sql(
CREATE TABLE users (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  name                TEXT NOT NULL UNIQUE,
  password_hash       TEXT NOT NULL,
  created_ms          INTEGER NOT NULL,
  password_changed_ms INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY NOT NULL,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_ms   INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_failures (
  key             TEXT PRIMARY KEY NOT NULL,
  failures        INTEGER NOT NULL,
  last_failure_ms INTEGER NOT NULL
);

CREATE TABLE favourite_symbols (
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  symbol     TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (user_id, symbol)
);

CREATE TABLE saved_views (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  state      TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  UNIQUE (user_id, name)
);
)sql";

constexpr std::array<Migration, 2> all{{
    {1, "instruments, bars, events, macro, ingest_state", migration_1},
    {2, "users, sessions, login_failures, favourite_symbols, saved_views", migration_2},
}};

}  // namespace

std::span<const Migration> migrations() { return all; }

}  // namespace streams::store::embedded
