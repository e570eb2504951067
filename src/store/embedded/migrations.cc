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

constexpr std::array<Migration, 1> all{{
    {1, "instruments, bars, events, macro, ingest_state", migration_1},
}};

}  // namespace

std::span<const Migration> migrations() { return all; }

}  // namespace streams::store::embedded
