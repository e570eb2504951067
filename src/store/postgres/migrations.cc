#include "store/postgres/migrations.h"

#include <array>

namespace streams::store::postgres {
namespace {

// 1: the storage model of BRIEF §2, as the embedded store has it. Bars are keyed by
// (symbol, timespan, multiplier, ts) with ts a timestamptz (daily bars: the session date's 00:00
// UTC); the primary key is the B-tree, and a BRIN index on ts serves time-range scans across
// symbols on a plain table (TimescaleDB, when present, partitions by ts instead: pg_store.cc).
constexpr const char* migration_1 = R"sql(
CREATE TABLE instruments (
  symbol   text PRIMARY KEY,
  name     text NOT NULL DEFAULT '',
  sector   text NOT NULL DEFAULT '',
  industry text NOT NULL DEFAULT '',
  exchange text NOT NULL DEFAULT '',
  currency text NOT NULL DEFAULT 'USD',
  active   boolean NOT NULL DEFAULT true
);
CREATE INDEX instruments_by_sector ON instruments (sector, industry);

CREATE TABLE bars (
  symbol     text NOT NULL,
  timespan   text NOT NULL,
  multiplier integer NOT NULL,
  ts         timestamptz NOT NULL,
  open       double precision NOT NULL,
  high       double precision NOT NULL,
  low        double precision NOT NULL,
  close      double precision NOT NULL,
  volume     double precision NOT NULL,
  vwap       double precision,
  trades     bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (symbol, timespan, multiplier, ts),
  CONSTRAINT bars_low_le_high_volume_ge_0 CHECK (low <= high AND volume >= 0)
);
CREATE INDEX bars_ts_brin ON bars USING brin (ts);

CREATE TABLE events (
  symbol      text NOT NULL,
  date        date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('earnings', 'dividend', 'split')),
  value       double precision,
  time_of_day text NOT NULL DEFAULT '',
  PRIMARY KEY (symbol, date, kind)
);

CREATE TABLE macro (
  series text NOT NULL,
  date   date NOT NULL,
  value  double precision NOT NULL,
  PRIMARY KEY (series, date)
);

CREATE TABLE ingest_state (
  key        text PRIMARY KEY,
  value      text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
)sql";

// 2: accounts (store/accounts.h), the embedded store's migration 2 in PostgreSQL types: the same
// columns, keys and constraints (unique user name, unique view name per user, a user's sessions
// and favourites removed with the user by ON DELETE CASCADE). Ids never come back after a delete
// (identity sequences, like SQLite's AUTOINCREMENT). Times are UTC milliseconds (bigint).
constexpr const char* migration_2 = R"sql(
CREATE TABLE users (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                text NOT NULL UNIQUE,
  password_hash       text NOT NULL,
  created_ms          bigint NOT NULL,
  password_changed_ms bigint NOT NULL
);

CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_ms   bigint NOT NULL,
  last_seen_ms bigint NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_failures (
  key             text PRIMARY KEY,
  failures        bigint NOT NULL,
  last_failure_ms bigint NOT NULL
);

CREATE TABLE favourite_symbols (
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  symbol     text NOT NULL,
  created_ms bigint NOT NULL,
  PRIMARY KEY (user_id, symbol)
);

CREATE TABLE saved_views (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name       text NOT NULL,
  state      text NOT NULL,
  created_ms bigint NOT NULL,
  updated_ms bigint NOT NULL,
  UNIQUE (user_id, name)
);
)sql";

constexpr std::array<Migration, 2> all{{
    {1, "instruments, bars, events, macro, ingest_state", migration_1},
    {2, "users, sessions, login_failures, favourite_symbols, saved_views", migration_2},
}};

}  // namespace

std::span<const Migration> migrations() { return all; }

}  // namespace streams::store::postgres
