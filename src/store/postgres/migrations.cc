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

constexpr std::array<Migration, 1> all{{
    {1, "instruments, bars, events, macro, ingest_state", migration_1},
}};

}  // namespace

std::span<const Migration> migrations() { return all; }

}  // namespace streams::store::postgres
