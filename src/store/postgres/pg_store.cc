#include "store/postgres/pg_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "core/log.h"
#include "store/errc.h"
#include "store/postgres/copy_writer.h"
#include "store/postgres/migrations.h"
#include "store/postgres/with_connection.h"

namespace streams::store::postgres {
namespace {

// Every statement is a literal; values are bound ($1…) or sent as binary COPY data.

// Migrations of concurrent processes are serialised by a transaction-scoped advisory lock (a
// session lock would not survive PgBouncer's transaction pooling).
constexpr const char* sql_migration_lock = "SELECT pg_advisory_xact_lock(7423717026)";
constexpr const char* sql_bootstrap =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";
constexpr const char* sql_has_migrations_table = "SELECT to_regclass('schema_migrations') IS NOT NULL";
constexpr const char* sql_schema_version = "SELECT coalesce(max(version), 0)::bigint FROM schema_migrations";
constexpr const char* sql_record_migration = "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)";

constexpr const char* sql_create_timescaledb = "CREATE EXTENSION IF NOT EXISTS timescaledb";
constexpr const char* sql_create_hypertable =
    "SELECT create_hypertable('bars', 'ts', chunk_time_interval => $1::interval, if_not_exists => true,"
    " migrate_data => true)";
constexpr const char* sql_enable_compression =
    "ALTER TABLE bars SET (timescaledb.compress, timescaledb.compress_segmentby = 'symbol, timespan, multiplier',"
    " timescaledb.compress_orderby = 'ts')";
constexpr const char* sql_add_compression_policy =
    "SELECT add_compression_policy('bars', $1::interval, if_not_exists => true)";
constexpr const char* sql_timescaledb_version =
    "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'";
constexpr const char* sql_bars_is_hypertable =
    "SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'bars'";

// Bulk writes: binary COPY into a staging table that lives for the transaction (ON COMMIT DROP:
// nothing outlives it, so PgBouncer's transaction pooling is fine), then one INSERT … ON CONFLICT
// DO UPDATE … WHERE a value differs. RETURNING (xmax = 0) is true for a fresh row, false for an
// updated one; staged rows that come back in neither were unchanged.
//
// Round trips are what a bulk write waits for, so a statement that opens the transaction carries
// its BEGIN, and the staging table is created in the same simple query as its COPY: an Opening
// holds the statement with and without the leading "BEGIN; " (both literals).
struct Opening {
  const char* first;  // "BEGIN; " + later
  const char* later;
};
#define STREAMS_OPENING(sql) Opening{"BEGIN; " sql, sql}
#define STREAMS_BAR_COLUMNS "(symbol, timespan, multiplier, ts, open, high, low, close, volume, vwap, trades)"
constexpr Opening sql_stage_bars = STREAMS_OPENING(
    "CREATE TEMP TABLE stage_bars (LIKE bars INCLUDING DEFAULTS) ON COMMIT DROP;"
    " COPY stage_bars " STREAMS_BAR_COLUMNS " FROM STDIN (FORMAT binary)");
constexpr const char* sql_merge_bars =
    "WITH merged AS ("
    " INSERT INTO bars AS b " STREAMS_BAR_COLUMNS
    " SELECT symbol, timespan, multiplier, ts, open, high, low, close, volume, vwap, trades FROM stage_bars"
    " ON CONFLICT (symbol, timespan, multiplier, ts) DO UPDATE SET open = excluded.open, high = excluded.high,"
    " low = excluded.low, close = excluded.close, volume = excluded.volume, vwap = excluded.vwap,"
    " trades = excluded.trades"
    " WHERE (b.open, b.high, b.low, b.close, b.volume, b.vwap, b.trades) IS DISTINCT FROM"
    " (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume, excluded.vwap, excluded.trades)"
    " RETURNING (xmax = 0) AS fresh)"
    " SELECT count(*) FILTER (WHERE fresh), count(*) FILTER (WHERE NOT fresh) FROM merged";

// A first import of a series (nothing stored in its key range yet, nor events of its symbol)
// skips the staging table: binary COPY straight into the table. Should another writer have
// inserted into the range meanwhile, the unique key rejects the COPY, the transaction is rolled
// back and the batch is written again through the staging path: a replay never duplicates either
// way. The probe runs before the transaction (it is only a hint).
constexpr const char* sql_probe_fresh =
    "SELECT EXISTS (SELECT 1 FROM bars WHERE symbol = $1 AND timespan = $2 AND multiplier = $3"
    " AND ts BETWEEN $4 AND $5), $6::text IS NOT NULL AND EXISTS (SELECT 1 FROM events WHERE symbol = $6)";
constexpr const char* sql_events_of_symbol = "SELECT false, EXISTS (SELECT 1 FROM events WHERE symbol = $1)";
constexpr Opening sql_copy_bars_direct = STREAMS_OPENING("COPY bars " STREAMS_BAR_COLUMNS " FROM STDIN (FORMAT binary)");
constexpr Opening sql_copy_events_direct =
    STREAMS_OPENING("COPY events (symbol, date, kind, value, time_of_day) FROM STDIN (FORMAT binary)");
// The commonest write — the first import of one price file: bars and the events of their symbol
// into empty ranges — in one simple query: 3 round trips after the probe.
constexpr const char* sql_fresh_bars_events =
    "BEGIN; COPY bars " STREAMS_BAR_COLUMNS " FROM STDIN (FORMAT binary);"
    " COPY events (symbol, date, kind, value, time_of_day) FROM STDIN (FORMAT binary); COMMIT";
constexpr const char* sql_fresh_bars = "BEGIN; COPY bars " STREAMS_BAR_COLUMNS " FROM STDIN (FORMAT binary); COMMIT";
#undef STREAMS_BAR_COLUMNS

constexpr Opening sql_stage_instruments = STREAMS_OPENING(
    "CREATE TEMP TABLE stage_instruments (LIKE instruments INCLUDING DEFAULTS) ON COMMIT DROP;"
    " COPY stage_instruments (symbol, name, sector, industry, exchange, currency, active) FROM STDIN (FORMAT binary)");
constexpr const char* sql_merge_instruments =
    "WITH merged AS ("
    " INSERT INTO instruments AS i (symbol, name, sector, industry, exchange, currency, active)"
    " SELECT symbol, name, sector, industry, exchange, currency, active FROM stage_instruments"
    " ON CONFLICT (symbol) DO UPDATE SET name = excluded.name, sector = excluded.sector,"
    " industry = excluded.industry, exchange = excluded.exchange, currency = excluded.currency,"
    " active = excluded.active"
    " WHERE (i.name, i.sector, i.industry, i.exchange, i.currency, i.active) IS DISTINCT FROM"
    " (excluded.name, excluded.sector, excluded.industry, excluded.exchange, excluded.currency, excluded.active)"
    " RETURNING (xmax = 0) AS fresh)"
    " SELECT count(*) FILTER (WHERE fresh), count(*) FILTER (WHERE NOT fresh) FROM merged";

constexpr Opening sql_stage_events = STREAMS_OPENING(
    "CREATE TEMP TABLE stage_events (LIKE events INCLUDING DEFAULTS) ON COMMIT DROP;"
    " COPY stage_events (symbol, date, kind, value, time_of_day) FROM STDIN (FORMAT binary)");
constexpr const char* sql_merge_events =
    "WITH merged AS ("
    " INSERT INTO events AS e (symbol, date, kind, value, time_of_day)"
    " SELECT symbol, date, kind, value, time_of_day FROM stage_events"
    " ON CONFLICT (symbol, date, kind) DO UPDATE SET value = excluded.value, time_of_day = excluded.time_of_day"
    " WHERE (e.value, e.time_of_day) IS DISTINCT FROM (excluded.value, excluded.time_of_day)"
    " RETURNING (xmax = 0) AS fresh)"
    " SELECT count(*) FILTER (WHERE fresh), count(*) FILTER (WHERE NOT fresh) FROM merged";

constexpr Opening sql_stage_macro = STREAMS_OPENING(
    "CREATE TEMP TABLE stage_macro (LIKE macro INCLUDING DEFAULTS) ON COMMIT DROP;"
    " COPY stage_macro (series, date, value) FROM STDIN (FORMAT binary)");
constexpr const char* sql_merge_macro =
    "WITH merged AS ("
    " INSERT INTO macro AS m (series, date, value) SELECT series, date, value FROM stage_macro"
    " ON CONFLICT (series, date) DO UPDATE SET value = excluded.value"
    " WHERE m.value IS DISTINCT FROM excluded.value"
    " RETURNING (xmax = 0) AS fresh)"
    " SELECT count(*) FILTER (WHERE fresh), count(*) FILTER (WHERE NOT fresh) FROM merged";
#undef STREAMS_OPENING

constexpr const char* sql_upsert_ingest_state =
    "INSERT INTO ingest_state (key, value, updated_at) VALUES ($1, $2, now())"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

// Reads. ORDER BY … COLLATE "C" sorts by bytes, as the embedded store does, whatever the
// database's locale. Unset range bounds are NULL parameters.
constexpr const char* sql_select_instruments =
    "SELECT symbol, name, sector, industry, exchange, currency, active FROM instruments"
    " WHERE ($1 = '' OR sector = $1) AND ($2 = '' OR industry = $2)"
    " AND ($3 = '' OR strpos(lower(symbol), lower($3)) > 0 OR strpos(lower(name), lower($3)) > 0)"
    " ORDER BY symbol COLLATE \"C\"";
constexpr const char* sql_select_instrument =
    "SELECT symbol, name, sector, industry, exchange, currency, active FROM instruments WHERE symbol = $1";
constexpr const char* sql_select_sectors =
    "SELECT sector, industry, count(*) FROM instruments WHERE sector <> '' GROUP BY sector, industry"
    " ORDER BY sector COLLATE \"C\", industry COLLATE \"C\"";
constexpr const char* sql_select_bars =
    "SELECT ts, open, high, low, close, volume, vwap, trades FROM bars"
    " WHERE symbol = $1 AND timespan = $2 AND multiplier = $3"
    " AND ($4::timestamptz IS NULL OR ts >= $4) AND ($5::timestamptz IS NULL OR ts <= $5) ORDER BY ts";
constexpr const char* sql_count_bars = "SELECT count(*) FROM bars";
constexpr const char* sql_select_events =
    "SELECT date, kind, value, time_of_day FROM events WHERE symbol = $1"
    " AND ($2::date IS NULL OR date >= $2) AND ($3::date IS NULL OR date <= $3) ORDER BY date, kind COLLATE \"C\"";
constexpr const char* sql_select_macro_series = "SELECT DISTINCT series COLLATE \"C\" FROM macro ORDER BY 1";
constexpr const char* sql_select_macro =
    "SELECT date, value FROM macro WHERE series = $1"
    " AND ($2::date IS NULL OR date >= $2) AND ($3::date IS NULL OR date <= $3) ORDER BY date";
constexpr const char* sql_select_ingest_state = "SELECT value FROM ingest_state WHERE key = $1";
constexpr const char* sql_counts =
    "SELECT (SELECT count(*) FROM instruments), (SELECT count(*) FROM bars), (SELECT count(*) FROM events),"
    " (SELECT count(*) FROM macro), (SELECT count(*) FROM ingest_state)";

Error with_context(const Error& error, std::string_view context) {
  return make_error(error.code, fmt::format("{}: {}", context, error.message));
}

// A transaction on one connection, begun lazily: the first statement either is an Opening (which
// carries its BEGIN) or begin() sends one. Rolls back when destroyed uncommitted.
class Transaction {
 public:
  explicit Transaction(PgConnection& db) : db_(&db) {}
  static Result<Transaction> begin(PgConnection& db) {
    Transaction transaction(db);
    if (auto started = transaction.ensure_begun(); !started) return started.error();
    return transaction;
  }
  Transaction(Transaction&& other) noexcept
      : db_(other.db_), begun_(std::exchange(other.begun_, false)), done_(other.done_) {}
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (begun_ && !done_ && !db_->broken()) (void)db_->exec("ROLLBACK");
  }
  // The statement to send: with its BEGIN when it is the transaction's first.
  const char* opening(const Opening& sql) {
    const bool first = !begun_;
    begun_ = true;
    return first ? sql.first : sql.later;
  }
  Status ensure_begun() {
    if (begun_) return {};
    begun_ = true;
    if (auto started = db_->exec("BEGIN"); !started) return started.error();
    return {};
  }
  Status commit() {
    done_ = true;
    if (!begun_) return {};
    auto committed = db_->exec("COMMIT");
    if (!committed) return committed.error();
    return {};
  }

 private:
  PgConnection* db_;
  bool begun_ = false;
  bool done_ = false;
};

// Stages `data` (one simple query creates the staging table and starts its COPY) and merges it;
// counts the rows.
Result<WriteStats> stage_and_merge(PgConnection& db, Transaction& transaction, const Opening& stage,
                                   const char* merge, std::string_view data, std::int64_t rows, std::string_view what) {
  if (auto copied = db.copy_in(transaction.opening(stage), data); !copied) return with_context(copied.error(), what);
  auto merged = db.exec(merge, Params{});
  if (!merged) return with_context(merged.error(), what);
  WriteStats stats;
  stats.inserted = merged->int64(0, 0);
  stats.updated = merged->int64(0, 1);
  stats.unchanged = rows - stats.inserted - stats.updated;
  return stats;
}

// Which tables a batch would be the first to fill: no stored bar in any series' key range, no
// stored event of the (single) events symbol. One query per series; the events check rides along.
struct Fresh {
  bool bars = false;
  bool events = false;
};

Result<Fresh> probe_fresh(PgConnection& db, const std::vector<const BarSeries*>& series_list,
                          const std::optional<Symbol>& event_symbol) {
  Fresh fresh{.bars = true, .events = event_symbol.has_value()};
  bool events_probed = false;
  for (const BarSeries* series : series_list) {
    if (series->bars.empty()) continue;
    auto [lowest, highest] = std::minmax_element(series->bars.begin(), series->bars.end(),
                                                 [](const Bar& a, const Bar& b) { return a.ts < b.ts; });
    Params params;
    params.text(series->symbol.view()).text(to_string(series->timespan.unit)).int32(series->timespan.multiplier);
    params.timestamp(lowest->ts).timestamp(highest->ts);
    if (event_symbol && !events_probed) {
      params.text(event_symbol->view());
    } else {
      params.null_text();
    }
    auto found = db.exec(sql_probe_fresh, params);
    if (!found) return found.error();
    if (found->boolean(0, 0)) fresh.bars = false;
    if (event_symbol && !events_probed) {
      fresh.events = !found->boolean(0, 1);
      events_probed = true;
    }
    if (!fresh.bars) break;
  }
  if (event_symbol && !events_probed) {
    auto found = db.exec(sql_events_of_symbol, Params().text(event_symbol->view()));
    if (!found) return found.error();
    fresh.events = !found->boolean(0, 1);
  }
  return fresh;
}

// The bars of a batch, one series per (symbol, timespan): a batch that names a series twice is
// merged here (the later bar wins), because one INSERT … ON CONFLICT may not touch a row twice.
// `overwritten` counts the bars replaced within the batch as the embedded store would (updated when
// the later bar differs, unchanged otherwise).
bool same_bar(const Bar& a, const Bar& b) {
  const auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
  return same(a.open, b.open) && same(a.high, b.high) && same(a.low, b.low) && same(a.close, b.close) &&
         same(a.volume, b.volume) && same(a.vwap, b.vwap) && a.trades == b.trades;
}

std::vector<const BarSeries*> distinct_series(const WriteBatch& batch, std::vector<BarSeries>& merged_storage,
                                              WriteStats& overwritten) {
  using Key = std::tuple<std::string_view, TimespanUnit, int>;
  std::map<Key, std::vector<const BarSeries*>> groups;
  for (const BarSeries& series : batch.bars) {
    groups[{series.symbol.view(), series.timespan.unit, series.timespan.multiplier}].push_back(&series);
  }
  std::vector<const BarSeries*> out;
  bool any_repeat = false;
  for (const auto& [key, list] : groups) any_repeat = any_repeat || list.size() > 1;
  if (!any_repeat) {
    for (const BarSeries& series : batch.bars) out.push_back(&series);
    return out;
  }
  merged_storage.reserve(groups.size());
  for (const auto& [key, list] : groups) {
    if (list.size() == 1) {
      out.push_back(list.front());
      continue;
    }
    std::map<std::int64_t, Bar> by_ts;
    for (const BarSeries* series : list) {
      for (const Bar& bar : series->bars) {
        auto [it, fresh] = by_ts.try_emplace(bar.ts.millis(), bar);
        if (fresh) continue;
        ++(same_bar(it->second, bar) ? overwritten.unchanged : overwritten.updated);
        it->second = bar;
      }
    }
    BarSeries combined{.symbol = list.front()->symbol, .timespan = list.front()->timespan, .bars = {}};
    for (auto& [ts, bar] : by_ts) combined.bars.push_back(bar);
    merged_storage.push_back(std::move(combined));
    out.push_back(&merged_storage.back());
  }
  return out;
}

// The checks the tables' constraints make, done before anything is sent so the error names the
// row (as the embedded store's does).
Status validate(const std::vector<const BarSeries*>& series_list, const WriteBatch& batch) {
  for (const BarSeries* series : series_list) {
    for (const Bar& bar : series->bars) {
      const bool missing = std::isnan(bar.open) || std::isnan(bar.high) || std::isnan(bar.low) ||
                           std::isnan(bar.close) || std::isnan(bar.volume);
      if (missing || !(bar.low <= bar.high) || !(bar.volume >= 0)) {
        return make_error(errc::constraint,
                          fmt::format("bar {} {} {}: {}", series->symbol.view(), to_string(series->timespan.unit),
                                      bar.ts.iso(),
                                      missing ? "a price or the volume is missing"
                                              : "violates CHECK (low <= high AND volume >= 0)"));
      }
    }
  }
  for (const MacroSeries& series : batch.macro) {
    for (const MacroPoint& point : series.points) {
      if (std::isnan(point.value)) {
        return make_error(errc::constraint, fmt::format("macro {} {}: the value is missing", series.series,
                                                        point.date.iso()));
      }
    }
  }
  return {};
}

Instrument read_instrument(const PgResult& r, int row) {
  return Instrument{Symbol::parse(r.text(row, 0)).value(), std::string(r.text(row, 1)), std::string(r.text(row, 2)),
                    std::string(r.text(row, 3)),           std::string(r.text(row, 4)), std::string(r.text(row, 5)),
                    r.boolean(row, 6)};
}

}  // namespace

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::string describe_url(const std::string& url) {
  PQconninfoOption* parsed = PQconninfoParse(url.c_str(), nullptr);
  if (parsed == nullptr) return "(malformed URL)";
  std::string user;
  std::string host;
  std::string port;
  std::string dbname;
  for (PQconninfoOption* o = parsed; o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    const std::string_view key = o->keyword;
    if (key == "user") user = o->val;
    if (key == "host") host = o->val;
    if (key == "port") port = o->val;
    if (key == "dbname") dbname = o->val;
  }
  PQconninfoFree(parsed);
  return fmt::format("{}{}{}{}/{}", user.empty() ? "" : user + "@", host.empty() ? "localhost" : host,
                     port.empty() ? "" : ":", port, dbname);
}

PgStore::PgStore(PgOptions options, std::unique_ptr<SshTunnel> tunnel, ConnectTarget target)
    : options_(std::move(options)),
      tunnel_(std::move(tunnel)),
      pool_(std::move(target), PoolOptions{.max_connections = options_.pool_size}) {}

PgStore::~PgStore() = default;

int PgStore::latest_schema_version() { return migrations().back().version; }

Result<std::unique_ptr<PgStore>> PgStore::open(PgOptions options) {
  ConnectTarget target{.url = options.url, .overrides = {}};
  target.overrides.emplace_back("connect_timeout", std::to_string(std::max(options.connect_timeout_seconds, 1)));
  target.overrides.emplace_back("application_name", "streams");
  std::unique_ptr<SshTunnel> tunnel;
  if (options.tunnel) {
    TunnelOptions tunnel_options = *options.tunnel;
    // The database URL names the database as the SSH server sees it: the forward's target.
    PQconninfoOption* parsed = PQconninfoParse(options.url.c_str(), nullptr);
    if (parsed == nullptr) return make_error(errc::unavailable, "the database URL is malformed");
    for (PQconninfoOption* o = parsed; o->keyword != nullptr; ++o) {
      if (o->val == nullptr || *o->val == '\0') continue;
      const std::string_view key = o->keyword;
      if (key == "host" && tunnel_options.remote_host.empty() && o->val[0] != '/') tunnel_options.remote_host = o->val;
      if (key == "port" && tunnel_options.remote_port == 0) tunnel_options.remote_port = std::atoi(o->val);
    }
    PQconninfoFree(parsed);
    if (tunnel_options.remote_port == 0) tunnel_options.remote_port = 5432;
    auto started = SshTunnel::start(std::move(tunnel_options));
    if (!started) return started.error();
    tunnel = std::move(*started);
    // The pool connects to the tunnel's local end.
    target.overrides.emplace_back("host", "127.0.0.1");
    target.overrides.emplace_back("hostaddr", "127.0.0.1");
    target.overrides.emplace_back("port", std::to_string(tunnel->local_port()));
  }
  std::unique_ptr<PgStore> store(new PgStore(std::move(options), std::move(tunnel), std::move(target)));
  // Fail now, with libpq's reason, rather than at the first query.
  auto lease = store->pool_.acquire();
  if (!lease) return lease.error();
  return store;
}

Result<SchemaStatus> PgStore::schema_status() {
  return with_connection([&](PgConnection& db) -> Result<SchemaStatus> {
    SchemaStatus status{.version = 0, .latest_version = latest_schema_version()};
    auto exists = db.exec(sql_has_migrations_table, Params{});
    if (!exists) return exists.error();
    if (!exists->boolean(0, 0)) return status;
    auto version = db.exec(sql_schema_version, Params{});
    if (!version) return version.error();
    status.version = static_cast<int>(version->int64(0, 0));
    return status;
  });
}

Result<SchemaStatus> PgStore::migrate() {
  const int latest = latest_schema_version();
  auto applied = with_connection([&](PgConnection& db) -> Result<int> {
    {
      auto transaction = Transaction::begin(db);
      if (!transaction) return transaction.error();
      if (auto locked = db.exec(sql_migration_lock, Params{}); !locked) return locked.error();
      if (auto created = db.exec(sql_bootstrap); !created) {
        return make_error(errc::migration_failed, fmt::format("cannot create schema_migrations: {}",
                                                              created.error().message));
      }
      if (auto status = transaction->commit(); !status) return status.error();
    }
    int version = 0;
    for (const Migration& migration : migrations()) {
      // One transaction per migration; the version is re-read under the lock in case another
      // process migrated meanwhile.
      auto transaction = Transaction::begin(db);
      if (!transaction) return transaction.error();
      if (auto locked = db.exec(sql_migration_lock, Params{}); !locked) return locked.error();
      auto current = db.exec(sql_schema_version, Params{});
      if (!current) return current.error();
      version = static_cast<int>(current->int64(0, 0));
      if (version > latest) {
        return make_error(errc::schema_too_new,
                          fmt::format("the database has schema version {}, newer than this streams knows ({}); "
                                      "upgrade streams",
                                      version, latest));
      }
      if (migration.version <= version) continue;
      if (auto done = db.exec(migration.sql); !done) {
        return make_error(errc::migration_failed, fmt::format("migration {} ({}) failed: {}", migration.version,
                                                              migration.name, done.error().message));
      }
      if (auto recorded = db.exec(sql_record_migration, Params().int32(migration.version).text(migration.name));
          !recorded) {
        return recorded.error();
      }
      if (auto status = transaction->commit(); !status) return status.error();
      log::info("PostgreSQL: applied migration {} ({})", migration.version, migration.name);
      version = migration.version;
    }
    if (auto enabled = enable_timescaledb(db); !enabled) return enabled.error();
    return version;
  });
  if (!applied) return applied.error();
  return SchemaStatus{.version = *applied, .latest_version = latest};
}

Status PgStore::enable_timescaledb(PgConnection& db) {
  // Try the extension in a transaction of its own: when it is not installed (or not preloaded,
  // or we may not create it), roll back and keep the plain tables.
  {
    auto transaction = Transaction::begin(db);
    if (!transaction) return transaction.error();
    auto created = db.exec(sql_create_timescaledb);
    if (!created) {
      if (db.broken()) return created.error();
      std::string reason = created.error().message;
      if (const auto newline = reason.find('\n'); newline != std::string::npos) reason.resize(newline);
      log::info("PostgreSQL: TimescaleDB not available ({}); bars is a plain table with B-tree primary keys and "
                "a BRIN index on ts",
                reason);
      return {};
    }
    auto hypertable = db.exec(sql_create_hypertable, Params().text(options_.timescale_chunk_interval));
    if (!hypertable) return with_context(hypertable.error(), "making bars a hypertable");
    if (!options_.timescale_compress_after.empty()) {
      if (auto compress = db.exec(sql_enable_compression); !compress) {
        return with_context(compress.error(), "enabling compression of bars");
      }
      if (auto policy = db.exec(sql_add_compression_policy, Params().text(options_.timescale_compress_after));
          !policy) {
        return with_context(policy.error(), "adding the compression policy");
      }
    }
    if (auto status = transaction->commit(); !status) return status.error();
  }
  log::info("PostgreSQL: TimescaleDB: bars is a hypertable (chunks of {}{})", options_.timescale_chunk_interval,
            options_.timescale_compress_after.empty()
                ? std::string(", no compression")
                : fmt::format(", compressed after {}", options_.timescale_compress_after));
  return {};
}

Result<StorageLayout> PgStore::storage_layout() {
  return with_connection([&](PgConnection& db) -> Result<StorageLayout> {
    auto version = db.exec(sql_timescaledb_version, Params{});
    if (!version) return version.error();
    if (version->rows() > 0) {
      auto hyper = db.exec(sql_bars_is_hypertable, Params{});
      if (hyper && hyper->int64(0, 0) > 0) {
        return StorageLayout{.timescaledb = true,
                             .description = fmt::format("TimescaleDB {}: bars is a hypertable", version->text(0, 0))};
      }
    }
    return StorageLayout{.timescaledb = false,
                         .description = "plain tables (TimescaleDB not installed): B-tree primary keys, BRIN index "
                                        "on bars.ts"};
  });
}

Result<std::string> PgStore::server_version() {
  return with_connection([&](PgConnection& db) -> Result<std::string> {
    // A round trip proves the connection works (through PgBouncer too).
    auto ping = db.exec("SELECT 1", Params{});
    if (!ping) return ping.error();
    return "PostgreSQL " + db.server_version();
  });
}

Result<int> PgStore::server_port() {
  return with_connection([&](PgConnection& db) -> Result<int> {
    auto port = db.exec("SELECT coalesce(inet_server_port(), 0)", Params{});
    if (!port) return port.error();
    return static_cast<int>(port->int64(0, 0));
  });
}

Result<WriteReport> PgStore::write(const WriteBatch& batch) {
  std::vector<BarSeries> merged_storage;
  WriteStats overwritten;
  const std::vector<const BarSeries*> series_list = distinct_series(batch, merged_storage, overwritten);
  if (auto valid = validate(series_list, batch); !valid) return valid.error();

  // Encode once; a retry on a fresh connection sends the same bytes.
  std::int64_t bar_rows = 0;
  std::string bar_data;
  if (!series_list.empty()) {
    CopyWriter copy;
    for (const BarSeries* series : series_list) {
      const std::string_view unit = to_string(series->timespan.unit);
      for (const Bar& bar : series->bars) {
        copy.row(11);
        copy.text(series->symbol.view());
        copy.text(unit);
        copy.int32(series->timespan.multiplier);
        copy.timestamp(bar.ts);
        copy.real(bar.open);
        copy.real(bar.high);
        copy.real(bar.low);
        copy.real(bar.close);
        copy.real(bar.volume);
        copy.real(bar.vwap);
        copy.int64(bar.trades);
      }
    }
    bar_rows = static_cast<std::int64_t>(copy.rows());
    bar_data = copy.finish();
  }
  std::string instrument_data;
  if (!batch.instruments.empty()) {
    // Last one wins when a symbol repeats (one INSERT … ON CONFLICT may not touch a row twice).
    std::map<std::string_view, const Instrument*> latest;
    for (const Instrument& row : batch.instruments) latest[row.symbol.view()] = &row;
    CopyWriter copy;
    for (const auto& [symbol, row] : latest) {
      copy.row(7);
      copy.text(row->symbol.view());
      copy.text(row->name);
      copy.text(row->sector);
      copy.text(row->industry);
      copy.text(row->exchange);
      copy.text(row->currency);
      copy.boolean(row->active);
    }
    instrument_data = copy.finish();
  }
  std::string event_data;
  std::int64_t event_rows = 0;              // distinct (symbol, date, kind)
  std::optional<Symbol> event_symbol;       // set when every event is of one symbol
  if (!batch.events.empty()) {
    std::map<std::tuple<std::string_view, std::int32_t, EventKind>, const Event*> latest;
    for (const Event& row : batch.events) latest[{row.symbol.view(), row.date.days(), row.kind}] = &row;
    event_rows = static_cast<std::int64_t>(latest.size());
    event_symbol = batch.events.front().symbol;
    for (const Event& row : batch.events) {
      if (row.symbol != *event_symbol) {
        event_symbol.reset();
        break;
      }
    }
    CopyWriter copy;
    for (const auto& [key, row] : latest) {
      copy.row(5);
      copy.text(row->symbol.view());
      copy.date(row->date);
      copy.text(to_string(row->kind));
      copy.real(row->value);
      copy.text(row->time_of_day);
    }
    event_data = copy.finish();
  }
  std::int64_t macro_rows = 0;
  std::string macro_data;
  if (!batch.macro.empty()) {
    std::map<std::pair<std::string_view, std::int32_t>, double> latest;
    for (const MacroSeries& series : batch.macro) {
      for (const MacroPoint& point : series.points) {
        latest[{series.series, point.date.days()}] = point.value;
        ++macro_rows;
      }
    }
    if (!latest.empty()) {
      CopyWriter copy;
      for (const auto& [key, value] : latest) {
        copy.row(3);
        copy.text(key.first);
        copy.date(Date::from_days(key.second));
        copy.real(value);
      }
      macro_data = copy.finish();
    }
  }

  // One transaction: instruments, bars, events, macro points, checkpoints. `conflict` is set when a
  // direct COPY met a row that is already there (the transaction is then rolled back).
  const auto write_transaction = [&](PgConnection& db, bool direct_bars, bool direct_events,
                                     bool& conflict) -> Result<WriteReport> {
    WriteReport report;
    Transaction transaction(db);
    if (!instrument_data.empty()) {
      auto stats = stage_and_merge(db, transaction, sql_stage_instruments, sql_merge_instruments, instrument_data,
                                   static_cast<std::int64_t>(batch.instruments.size()), "writing instruments");
      if (!stats) return stats.error();
      report.instruments = *stats;
    }
    // A direct COPY that meets an existing row fails with a unique violation (the CHECKs were
    // validated beforehand): that is the conflict.
    const auto copy_direct = [&](const Opening& sql, std::string_view data, std::string_view what) -> Status {
      auto copied = db.copy_in(transaction.opening(sql), data);
      if (copied) return {};
      conflict = copied.error().code == make_error_code(errc::constraint) && !db.broken();
      return with_context(copied.error(), what);
    };
    if (!bar_data.empty()) {
      if (direct_bars) {
        if (auto copied = copy_direct(sql_copy_bars_direct, bar_data, "writing bars"); !copied) return copied.error();
        report.bars.inserted = bar_rows;
      } else {
        auto stats = stage_and_merge(db, transaction, sql_stage_bars, sql_merge_bars, bar_data, bar_rows,
                                     "writing bars");
        if (!stats) return stats.error();
        report.bars = *stats;
      }
      report.bars += overwritten;
    }
    if (!event_data.empty()) {
      if (direct_events && event_rows == static_cast<std::int64_t>(batch.events.size())) {
        if (auto copied = copy_direct(sql_copy_events_direct, event_data, "writing events"); !copied) {
          return copied.error();
        }
        report.events.inserted = event_rows;
      } else {
        auto stats = stage_and_merge(db, transaction, sql_stage_events, sql_merge_events, event_data,
                                     static_cast<std::int64_t>(batch.events.size()), "writing events");
        if (!stats) return stats.error();
        report.events = *stats;
      }
    }
    if (!macro_data.empty()) {
      auto stats = stage_and_merge(db, transaction, sql_stage_macro, sql_merge_macro, macro_data, macro_rows,
                                   "writing macro points");
      if (!stats) return stats.error();
      report.macro = *stats;
    }
    if (!batch.checkpoints.empty()) {
      if (auto begun = transaction.ensure_begun(); !begun) return begun.error();
    }
    for (const IngestCheckpoint& checkpoint : batch.checkpoints) {
      if (auto done = db.exec(sql_upsert_ingest_state, Params().text(checkpoint.key).text(checkpoint.value)); !done) {
        return with_context(done.error(), fmt::format("ingest state {}", checkpoint.key));
      }
    }
    if (auto status = transaction.commit(); !status) return status.error();
    return report;
  };

  return with_connection([&](PgConnection& db) -> Result<WriteReport> {
    auto fresh = probe_fresh(db, series_list, event_symbol);
    if (!fresh) return with_context(fresh.error(), "writing bars");
    // A first import goes straight into the tables; if another writer got there first, the
    // transaction is rolled back and written again through staging.
    const bool only_bars_and_events = batch.instruments.empty() && macro_data.empty() && batch.checkpoints.empty();
    const bool events_direct = event_data.empty() || (fresh->events && event_rows == static_cast<std::int64_t>(batch.events.size()));
    if (fresh->bars && !bar_data.empty() && only_bars_and_events && events_direct) {
      auto chained = event_data.empty() ? db.copy_chain(sql_fresh_bars, {bar_data})
                                        : db.copy_chain(sql_fresh_bars_events, {bar_data, event_data});
      if (chained) {
        WriteReport report;
        report.bars.inserted = bar_rows;
        report.bars += overwritten;
        report.events.inserted = event_data.empty() ? 0 : event_rows;
        return report;
      }
      if (chained.error().code != make_error_code(errc::constraint) || db.broken()) {
        return with_context(chained.error(), "writing bars and events");
      }
      log::debug("PostgreSQL: another writer filled the range meanwhile; writing through staging");
      fresh->bars = false;
      fresh->events = false;
    }
    for (bool direct : {fresh->bars || fresh->events, false}) {
      bool conflict = false;
      auto report = write_transaction(db, direct && fresh->bars, direct && fresh->events, conflict);
      if (report || !conflict) return report;
      log::debug("PostgreSQL: another writer filled the range meanwhile; writing through staging");
    }
    return make_error(errc::query_failed, "writing a batch: unreachable");
  });
}

Result<std::vector<Instrument>> PgStore::instruments(const InstrumentFilter& filter) {
  return with_connection([&](PgConnection& db) -> Result<std::vector<Instrument>> {
    auto rows = db.exec(sql_select_instruments, Params().text(filter.sector).text(filter.industry).text(filter.query));
    if (!rows) return with_context(rows.error(), "reading instruments");
    std::vector<Instrument> out;
    out.reserve(static_cast<std::size_t>(rows->rows()));
    for (int row = 0; row < rows->rows(); ++row) out.push_back(read_instrument(*rows, row));
    return out;
  });
}

Result<std::optional<Instrument>> PgStore::instrument(const Symbol& symbol) {
  return with_connection([&](PgConnection& db) -> Result<std::optional<Instrument>> {
    auto rows = db.exec(sql_select_instrument, Params().text(symbol.view()));
    if (!rows) return with_context(rows.error(), "reading an instrument");
    if (rows->rows() == 0) return std::optional<Instrument>();
    return std::optional<Instrument>(read_instrument(*rows, 0));
  });
}

Result<std::vector<SectorSummary>> PgStore::sectors() {
  return with_connection([&](PgConnection& db) -> Result<std::vector<SectorSummary>> {
    auto rows = db.exec(sql_select_sectors, Params{});
    if (!rows) return with_context(rows.error(), "reading sectors");
    std::vector<SectorSummary> out;
    for (int row = 0; row < rows->rows(); ++row) {
      const std::string_view sector = rows->text(row, 0);
      if (out.empty() || out.back().sector != sector) {
        out.emplace_back();
        out.back().sector = sector;
      }
      const std::int64_t count = rows->int64(row, 2);
      out.back().count += count;
      out.back().industries.push_back(IndustryCount{.industry = std::string(rows->text(row, 1)), .count = count});
    }
    return out;
  });
}

Result<std::vector<Bar>> PgStore::bars(const Symbol& symbol, Timespan timespan, const TimeRange& range) {
  return with_connection([&](PgConnection& db) -> Result<std::vector<Bar>> {
    Params params;
    params.text(symbol.view()).text(to_string(timespan.unit)).int32(timespan.multiplier);
    if (range.from) {
      params.timestamp(*range.from);
    } else {
      params.null_timestamp();
    }
    if (range.to) {
      params.timestamp(*range.to);
    } else {
      params.null_timestamp();
    }
    auto rows = db.exec(sql_select_bars, params);
    if (!rows) return with_context(rows.error(), "reading bars");
    std::vector<Bar> out;
    out.reserve(static_cast<std::size_t>(rows->rows()));
    for (int row = 0; row < rows->rows(); ++row) {
      out.push_back(Bar{.ts = rows->timestamp(row, 0),
                        .open = rows->real(row, 1),
                        .high = rows->real(row, 2),
                        .low = rows->real(row, 3),
                        .close = rows->real(row, 4),
                        .volume = rows->real(row, 5),
                        .vwap = rows->real(row, 6),
                        .trades = rows->int64(row, 7)});
    }
    return out;
  });
}

Result<std::int64_t> PgStore::bar_count() {
  return with_connection([&](PgConnection& db) -> Result<std::int64_t> {
    auto rows = db.exec(sql_count_bars, Params{});
    if (!rows) return with_context(rows.error(), "counting bars");
    return rows->int64(0, 0);
  });
}

Result<std::vector<Event>> PgStore::events(const Symbol& symbol, std::optional<Date> from, std::optional<Date> to) {
  return with_connection([&](PgConnection& db) -> Result<std::vector<Event>> {
    Params params;
    params.text(symbol.view());
    if (from) {
      params.date(*from);
    } else {
      params.null_date();
    }
    if (to) {
      params.date(*to);
    } else {
      params.null_date();
    }
    auto rows = db.exec(sql_select_events, params);
    if (!rows) return with_context(rows.error(), "reading events");
    std::vector<Event> out;
    for (int row = 0; row < rows->rows(); ++row) {
      auto kind = parse_event_kind(rows->text(row, 1));
      if (!kind) return make_error(errc::query_failed, fmt::format("malformed event row of {}", symbol.view()));
      out.push_back(Event{.symbol = symbol,
                          .date = rows->date(row, 0),
                          .kind = *kind,
                          .value = rows->real(row, 2),
                          .time_of_day = std::string(rows->text(row, 3))});
    }
    return out;
  });
}

Result<std::vector<std::string>> PgStore::macro_series() {
  return with_connection([&](PgConnection& db) -> Result<std::vector<std::string>> {
    auto rows = db.exec(sql_select_macro_series, Params{});
    if (!rows) return with_context(rows.error(), "reading macro series");
    std::vector<std::string> out;
    for (int row = 0; row < rows->rows(); ++row) out.emplace_back(rows->text(row, 0));
    return out;
  });
}

Result<std::vector<MacroPoint>> PgStore::macro(std::string_view series, std::optional<Date> from,
                                               std::optional<Date> to) {
  return with_connection([&](PgConnection& db) -> Result<std::vector<MacroPoint>> {
    Params params;
    params.text(series);
    if (from) {
      params.date(*from);
    } else {
      params.null_date();
    }
    if (to) {
      params.date(*to);
    } else {
      params.null_date();
    }
    auto rows = db.exec(sql_select_macro, params);
    if (!rows) return with_context(rows.error(), "reading a macro series");
    std::vector<MacroPoint> out;
    for (int row = 0; row < rows->rows(); ++row) {
      out.push_back(MacroPoint{.date = rows->date(row, 0), .value = rows->real(row, 1)});
    }
    return out;
  });
}

Result<std::optional<std::string>> PgStore::ingest_state(std::string_view key) {
  return with_connection([&](PgConnection& db) -> Result<std::optional<std::string>> {
    auto rows = db.exec(sql_select_ingest_state, Params().text(key));
    if (!rows) return with_context(rows.error(), "reading ingest state");
    if (rows->rows() == 0) return std::optional<std::string>();
    return std::optional<std::string>(std::string(rows->text(0, 0)));
  });
}

Result<StoreCounts> PgStore::counts() {
  return with_connection([&](PgConnection& db) -> Result<StoreCounts> {
    auto rows = db.exec(sql_counts, Params{});
    if (!rows) return with_context(rows.error(), "counting rows");
    return StoreCounts{.instruments = rows->int64(0, 0),
                       .bars = rows->int64(0, 1),
                       .events = rows->int64(0, 2),
                       .macro_points = rows->int64(0, 3),
                       .ingest_states = rows->int64(0, 4)};
  });
}

Result<std::unique_ptr<Store>> open_pg_store(PgOptions options) {
  auto store = PgStore::open(std::move(options));
  if (!store) return store.error();
  auto migrated = (*store)->migrate();
  if (!migrated) return migrated.error();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace streams::store::postgres
