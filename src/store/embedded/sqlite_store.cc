#include "store/embedded/sqlite_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <string>
#include <system_error>

#include "store/embedded/migrations.h"
#include "store/embedded/sqlite_connection.h"
#include "store/errc.h"

namespace streams::store::embedded {
namespace {

// Every statement is a literal with bound parameters: no SQL is ever built from values.
constexpr std::string_view sql_bootstrap_check =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
constexpr const char* sql_bootstrap =
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";
constexpr std::string_view sql_schema_version = "SELECT coalesce(max(version), 0) FROM schema_version";
constexpr std::string_view sql_record_migration =
    "INSERT INTO schema_version (version, name, applied_at) VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

// Bars are written up to bar_chunk rows per statement: one statement keeps its cursor on `bars`
// open across the rows, so appends in key order (an import of files sorted by symbol) skip the
// descent from the root, and the per-statement overhead is paid once per chunk. The placeholder
// lists are string literals (concatenated by the preprocessor), bound by position.
constexpr int bar_columns = 11;
constexpr std::size_t bar_chunk = 32;
#define STREAMS_BAR_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define STREAMS_BAR_ROWS4 STREAMS_BAR_ROW ", " STREAMS_BAR_ROW ", " STREAMS_BAR_ROW ", " STREAMS_BAR_ROW
#define STREAMS_BAR_ROWS16 STREAMS_BAR_ROWS4 ", " STREAMS_BAR_ROWS4 ", " STREAMS_BAR_ROWS4 ", " STREAMS_BAR_ROWS4
#define STREAMS_BAR_ROWS32 STREAMS_BAR_ROWS16 ", " STREAMS_BAR_ROWS16
#define STREAMS_BAR_INSERT \
  "INSERT INTO bars (symbol, timespan, multiplier, ts, open, high, low, close, volume, vwap, trades) VALUES "
#define STREAMS_BAR_UPSERT                                                                                    \
  " ON CONFLICT (symbol, timespan, multiplier, ts) DO UPDATE SET open = excluded.open, high = excluded.high," \
  " low = excluded.low, close = excluded.close, volume = excluded.volume, vwap = excluded.vwap,"             \
  " trades = excluded.trades"                                                                                \
  " WHERE open IS NOT excluded.open OR high IS NOT excluded.high OR low IS NOT excluded.low"                 \
  " OR close IS NOT excluded.close OR volume IS NOT excluded.volume OR vwap IS NOT excluded.vwap"           \
  " OR trades IS NOT excluded.trades"
constexpr std::string_view sql_insert_bar = STREAMS_BAR_INSERT STREAMS_BAR_ROW;
constexpr std::string_view sql_upsert_bar = STREAMS_BAR_INSERT STREAMS_BAR_ROW STREAMS_BAR_UPSERT;
constexpr std::string_view sql_insert_bar_chunk = STREAMS_BAR_INSERT STREAMS_BAR_ROWS32;
constexpr std::string_view sql_upsert_bar_chunk = STREAMS_BAR_INSERT STREAMS_BAR_ROWS32 STREAMS_BAR_UPSERT;
#undef STREAMS_BAR_ROW
#undef STREAMS_BAR_ROWS4
#undef STREAMS_BAR_ROWS16
#undef STREAMS_BAR_ROWS32
#undef STREAMS_BAR_INSERT
#undef STREAMS_BAR_UPSERT
constexpr std::string_view sql_count_bars_in_range =
    "SELECT count(*) FROM bars WHERE symbol = ?1 AND timespan = ?2 AND multiplier = ?3 AND ts BETWEEN ?4 AND ?5";

constexpr std::string_view sql_insert_instrument =
    "INSERT OR IGNORE INTO instruments (symbol, name, sector, industry, exchange, currency, active)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view sql_update_instrument =
    "UPDATE instruments SET name = ?2, sector = ?3, industry = ?4, exchange = ?5, currency = ?6, active = ?7"
    " WHERE symbol = ?1 AND (name IS NOT ?2 OR sector IS NOT ?3 OR industry IS NOT ?4 OR exchange IS NOT ?5"
    " OR currency IS NOT ?6 OR active IS NOT ?7)";
constexpr std::string_view sql_insert_event =
    "INSERT OR IGNORE INTO events (symbol, date, kind, value, time_of_day) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view sql_update_event =
    "UPDATE events SET value = ?4, time_of_day = ?5"
    " WHERE symbol = ?1 AND date = ?2 AND kind = ?3 AND (value IS NOT ?4 OR time_of_day IS NOT ?5)";
constexpr std::string_view sql_insert_macro = "INSERT OR IGNORE INTO macro (series, date, value) VALUES (?1, ?2, ?3)";
constexpr std::string_view sql_update_macro =
    "UPDATE macro SET value = ?3 WHERE series = ?1 AND date = ?2 AND value IS NOT ?3";
constexpr std::string_view sql_upsert_ingest_state =
    "INSERT INTO ingest_state (key, value, updated_at) VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

constexpr std::string_view sql_select_instruments =
    "SELECT symbol, name, sector, industry, exchange, currency, active FROM instruments"
    " WHERE (?1 = '' OR sector = ?1) AND (?2 = '' OR industry = ?2)"
    " AND (?3 = '' OR instr(lower(symbol), lower(?3)) > 0 OR instr(lower(name), lower(?3)) > 0)"
    " ORDER BY symbol";
constexpr std::string_view sql_select_instrument =
    "SELECT symbol, name, sector, industry, exchange, currency, active FROM instruments WHERE symbol = ?1";
constexpr std::string_view sql_select_sectors =
    "SELECT sector, industry, count(*) FROM instruments WHERE sector <> '' GROUP BY sector, industry"
    " ORDER BY sector, industry";
constexpr std::string_view sql_select_bars =
    "SELECT ts, open, high, low, close, volume, vwap, trades FROM bars"
    " WHERE symbol = ?1 AND timespan = ?2 AND multiplier = ?3 AND ts BETWEEN ?4 AND ?5 ORDER BY ts";
constexpr std::string_view sql_count_bars = "SELECT count(*) FROM bars";
constexpr std::string_view sql_select_events =
    "SELECT date, kind, value, time_of_day FROM events WHERE symbol = ?1 AND date BETWEEN ?2 AND ?3"
    " ORDER BY date, kind";
constexpr std::string_view sql_select_macro_series = "SELECT DISTINCT series FROM macro ORDER BY series";
constexpr std::string_view sql_select_macro =
    "SELECT date, value FROM macro WHERE series = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY date";
constexpr std::string_view sql_select_ingest_state = "SELECT value FROM ingest_state WHERE key = ?1";
constexpr std::string_view sql_count_instruments = "SELECT count(*) FROM instruments";
constexpr std::string_view sql_count_events = "SELECT count(*) FROM events";
constexpr std::string_view sql_count_macro = "SELECT count(*) FROM macro";
constexpr std::string_view sql_count_ingest_state = "SELECT count(*) FROM ingest_state";

// Bounds of an open date range, as ISO text (compares like the dates).
constexpr std::string_view min_date_text = "0000-00-00";
constexpr std::string_view max_date_text = "9999-99-99";

Error step_error(const Connection& db, std::string_view what) {
  const int code = db.extended_error();
  const bool constraint = (code & 0xff) == SQLITE_CONSTRAINT;
  return db.error(constraint ? errc::constraint : errc::query_failed, what);
}

Result<std::int64_t> single_int(Connection& db, std::string_view sql) {
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  if ((*stmt)->step() != SQLITE_ROW) return db.error(errc::query_failed, sql);
  return (*stmt)->column_int64(0);
}

Result<WriteStats> write_bars(Connection& db, const BarSeries& series) {
  WriteStats stats;
  if (series.bars.empty()) return stats;
  const std::string_view unit = to_string(series.timespan.unit);
  auto [lowest, highest] = std::minmax_element(series.bars.begin(), series.bars.end(),
                                               [](const Bar& a, const Bar& b) { return a.ts < b.ts; });
  auto count_stmt = db.prepare(sql_count_bars_in_range);
  if (!count_stmt) return count_stmt.error();
  Statement& count = **count_stmt;
  count.bind_static(1, series.symbol.view()).bind_static(2, unit).bind(3, series.timespan.multiplier);
  count.bind(4, lowest->ts.millis()).bind(5, highest->ts.millis());
  if (count.step() != SQLITE_ROW) return db.error(errc::query_failed, "counting bars");
  const std::int64_t before = count.column_int64(0);
  count.reset();

  // No stored bar in the batch's range (a first import): plain inserts, a shorter program.
  const bool fresh = before == 0;
  const std::size_t n = series.bars.size();
  std::int64_t changed = 0;
  std::size_t next = 0;
  const auto bind_row = [&](Statement& stmt, int first, const Bar& bar, bool with_key_prefix) {
    if (with_key_prefix) {
      stmt.bind_static(first, series.symbol.view()).bind_static(first + 1, unit).bind(first + 2, series.timespan.multiplier);
    }
    stmt.bind(first + 3, bar.ts.millis()).bind(first + 4, bar.open).bind(first + 5, bar.high).bind(first + 6, bar.low);
    stmt.bind(first + 7, bar.close).bind(first + 8, bar.volume).bind(first + 9, bar.vwap).bind(first + 10, bar.trades);
  };
  const auto fail = [&](const Bar& bar) {
    return step_error(db, fmt::format("bar {} {} {}", series.symbol.view(), unit, bar.ts.iso()));
  };
  if (n >= bar_chunk) {
    auto chunk_stmt = db.prepare(fresh ? sql_insert_bar_chunk : sql_upsert_bar_chunk);
    if (!chunk_stmt) return chunk_stmt.error();
    Statement& chunk = **chunk_stmt;
    for (; next + bar_chunk <= n; next += bar_chunk) {
      for (std::size_t row = 0; row < bar_chunk; ++row) {
        bind_row(chunk, static_cast<int>(row) * bar_columns + 1, series.bars[next + row], next == 0);
      }
      if (chunk.step() != SQLITE_DONE) {
        // Name the offending bar: redo the chunk row by row below to find it.
        chunk.reset();
        break;
      }
      changed += db.changes();
      chunk.reset();
    }
  }
  if (next < n) {
    auto single_stmt = db.prepare(fresh ? sql_insert_bar : sql_upsert_bar);
    if (!single_stmt) return single_stmt.error();
    Statement& single = **single_stmt;
    for (; next < n; ++next) {
      bind_row(single, 1, series.bars[next], true);
      if (single.step() != SQLITE_DONE) return fail(series.bars[next]);
      changed += db.changes();
      single.reset();
    }
  }
  if (count.step() != SQLITE_ROW) return db.error(errc::query_failed, "counting bars");
  const std::int64_t after = count.column_int64(0);
  stats.inserted = after - before;
  stats.updated = changed - stats.inserted;
  stats.unchanged = static_cast<std::int64_t>(series.bars.size()) - changed;
  return stats;
}

// Insert-or-ignore, then update when a column differs: tells inserted, updated and unchanged apart.
template <class Bind>
Status insert_or_update(Connection& db, Statement& insert, Statement& update, WriteStats& stats, const Bind& bind,
                        std::string_view what) {
  bind(insert);
  if (insert.step() != SQLITE_DONE) return step_error(db, what);
  const int inserted = db.changes();
  insert.reset();
  if (inserted > 0) {
    ++stats.inserted;
    return {};
  }
  bind(update);
  if (update.step() != SQLITE_DONE) return step_error(db, what);
  const int updated = db.changes();
  update.reset();
  if (updated > 0) {
    ++stats.updated;
  } else {
    ++stats.unchanged;
  }
  return {};
}

Instrument read_instrument(const Statement& row) {
  return Instrument{Symbol::parse(row.column_text(0)).value(), std::string(row.column_text(1)),
                    std::string(row.column_text(2)),           std::string(row.column_text(3)),
                    std::string(row.column_text(4)),           std::string(row.column_text(5)),
                    row.column_int64(6) != 0};
}

}  // namespace

// A read connection borrowed from the pool; returned when the lease dies.
class SqliteStore::ReadLease {
 public:
  ReadLease(SqliteStore* store, std::unique_ptr<Connection> connection)
      : store_(store), connection_(std::move(connection)) {}
  ReadLease(ReadLease&&) = default;
  ReadLease& operator=(ReadLease&&) = delete;
  ReadLease(const ReadLease&) = delete;
  ReadLease& operator=(const ReadLease&) = delete;
  ~ReadLease() {
    if (connection_) store_->give_back(std::move(connection_));
  }
  Connection& operator*() { return *connection_; }
  Connection* operator->() { return connection_.get(); }

 private:
  SqliteStore* store_;
  std::unique_ptr<Connection> connection_;
};

SqliteStore::SqliteStore(std::filesystem::path file, SqliteOptions options, std::unique_ptr<Connection> writer)
    : file_(std::move(file)), options_(options), writer_(std::move(writer)) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::filesystem::path& file, SqliteOptions options) {
  auto writer = Connection::open(file, Connection::Mode::read_write);
  if (!writer) return writer.error();
  options.max_readers = std::max(options.max_readers, 1);
  return std::unique_ptr<SqliteStore>(new SqliteStore(file, options, std::move(*writer)));
}

int SqliteStore::latest_schema_version() { return migrations().back().version; }

Result<SqliteStore::ReadLease> SqliteStore::lease_reader() {
  std::unique_lock lock(pool_mutex_);
  pool_cv_.wait(lock, [&] { return !idle_readers_.empty() || open_readers_ < options_.max_readers; });
  if (!idle_readers_.empty()) {
    auto connection = std::move(idle_readers_.back());
    idle_readers_.pop_back();
    return ReadLease(this, std::move(connection));
  }
  ++open_readers_;
  lock.unlock();
  auto connection = Connection::open(file_, Connection::Mode::read_only);
  if (!connection) {
    const std::lock_guard relock(pool_mutex_);
    --open_readers_;
    pool_cv_.notify_one();
    return connection.error();
  }
  return ReadLease(this, std::move(*connection));
}

void SqliteStore::give_back(std::unique_ptr<Connection> connection) {
  {
    const std::lock_guard lock(pool_mutex_);
    idle_readers_.push_back(std::move(connection));
  }
  pool_cv_.notify_one();
}

Result<SchemaStatus> SqliteStore::schema_status() {
  const std::lock_guard lock(write_mutex_);
  SchemaStatus status{.version = 0, .latest_version = latest_schema_version()};
  auto exists = single_int(*writer_, sql_bootstrap_check);
  if (!exists) return exists.error();
  if (*exists == 0) return status;
  auto version = single_int(*writer_, sql_schema_version);
  if (!version) return version.error();
  status.version = static_cast<int>(*version);
  return status;
}

Result<SchemaStatus> SqliteStore::migrate() {
  const std::lock_guard lock(write_mutex_);
  Connection& db = *writer_;
  if (auto status = db.exec(sql_bootstrap); !status) {
    return make_error(errc::migration_failed, fmt::format("cannot create schema_version: {}", status.error().message));
  }
  const int latest = latest_schema_version();
  int version = 0;
  for (const Migration& migration : migrations()) {
    // Each migration in its own transaction; re-read the version inside it in case another
    // process migrated meanwhile.
    auto transaction = Transaction::begin(db);
    if (!transaction) return transaction.error();
    auto current = single_int(db, sql_schema_version);
    if (!current) return current.error();
    version = static_cast<int>(*current);
    if (version > latest) {
      return make_error(errc::schema_too_new,
                        fmt::format("{} has schema version {}, newer than this streams knows ({}); upgrade streams",
                                    file_.string(), version, latest));
    }
    if (migration.version <= version) continue;
    if (auto status = db.exec(migration.sql); !status) {
      return make_error(errc::migration_failed, fmt::format("migration {} ({}) failed: {}", migration.version,
                                                            migration.name, status.error().message));
    }
    auto record = db.prepare(sql_record_migration);
    if (!record) return record.error();
    (*record)->bind(1, migration.version).bind(2, std::string_view(migration.name));
    if ((*record)->step() != SQLITE_DONE) return db.error(errc::migration_failed, "recording a migration");
    record->reset();  // statements must be reset before COMMIT
    if (auto status = (*transaction)->commit(); !status) return status.error();
    version = migration.version;
  }
  if (migrations().empty() || version == 0) {
    auto current = single_int(db, sql_schema_version);
    if (!current) return current.error();
    version = static_cast<int>(*current);
  }
  if (version > latest) {
    return make_error(errc::schema_too_new,
                      fmt::format("{} has schema version {}, newer than this streams knows ({}); upgrade streams",
                                  file_.string(), version, latest));
  }
  return SchemaStatus{.version = version, .latest_version = latest};
}

Result<WriteReport> SqliteStore::write(const WriteBatch& batch) {
  const std::lock_guard lock(write_mutex_);
  Connection& db = *writer_;
  WriteReport report;
  auto transaction = Transaction::begin(db);
  if (!transaction) return transaction.error();

  if (!batch.instruments.empty()) {
    auto insert = db.prepare(sql_insert_instrument);
    if (!insert) return insert.error();
    auto update = db.prepare(sql_update_instrument);
    if (!update) return update.error();
    for (const Instrument& row : batch.instruments) {
      const auto bind = [&](Statement& stmt) {
        stmt.bind_static(1, row.symbol.view()).bind_static(2, row.name).bind_static(3, row.sector);
        stmt.bind_static(4, row.industry).bind_static(5, row.exchange).bind_static(6, row.currency);
        stmt.bind(7, row.active ? 1 : 0);
      };
      if (auto status = insert_or_update(db, **insert, **update, report.instruments, bind,
                                         fmt::format("instrument {}", row.symbol.view()));
          !status) {
        return status.error();
      }
    }
  }

  for (const BarSeries& series : batch.bars) {
    auto stats = write_bars(db, series);
    if (!stats) return stats.error();
    report.bars += *stats;
  }

  if (!batch.events.empty()) {
    auto insert = db.prepare(sql_insert_event);
    if (!insert) return insert.error();
    auto update = db.prepare(sql_update_event);
    if (!update) return update.error();
    for (const Event& row : batch.events) {
      const std::string date = row.date.iso();
      const auto bind = [&](Statement& stmt) {
        stmt.bind_static(1, row.symbol.view()).bind_static(2, date).bind_static(3, to_string(row.kind));
        stmt.bind(4, row.value).bind_static(5, row.time_of_day);
      };
      if (auto status = insert_or_update(db, **insert, **update, report.events, bind,
                                         fmt::format("event {} {} {}", row.symbol.view(), date, to_string(row.kind)));
          !status) {
        return status.error();
      }
    }
  }

  if (!batch.macro.empty()) {
    auto insert = db.prepare(sql_insert_macro);
    if (!insert) return insert.error();
    auto update = db.prepare(sql_update_macro);
    if (!update) return update.error();
    for (const MacroSeries& series : batch.macro) {
      for (const MacroPoint& point : series.points) {
        const std::string date = point.date.iso();
        const auto bind = [&](Statement& stmt) {
          stmt.bind_static(1, series.series).bind_static(2, date).bind(3, point.value);
        };
        if (auto status = insert_or_update(db, **insert, **update, report.macro, bind,
                                           fmt::format("macro {} {}", series.series, date));
            !status) {
          return status.error();
        }
      }
    }
  }

  if (!batch.checkpoints.empty()) {
    auto upsert = db.prepare(sql_upsert_ingest_state);
    if (!upsert) return upsert.error();
    for (const IngestCheckpoint& checkpoint : batch.checkpoints) {
      (*upsert)->bind_static(1, checkpoint.key).bind_static(2, checkpoint.value);
      if ((*upsert)->step() != SQLITE_DONE) return step_error(db, fmt::format("ingest state {}", checkpoint.key));
      (*upsert)->reset();
    }
  }

  if (auto status = (*transaction)->commit(); !status) return status.error();
  return report;
}

template <class Bind, class OnRow>
Status SqliteStore::read_rows(std::string_view sql, std::string_view what, Bind&& bind, OnRow&& on_row) {
  auto db = lease_reader();
  if (!db) return db.error();
  auto stmt = (*db)->prepare(sql);
  if (!stmt) return stmt.error();
  Statement& query = **stmt;
  bind(query);
  int rc = 0;
  while ((rc = query.step()) == SQLITE_ROW) {
    if (auto status = on_row(query); !status) return status;
  }
  if (rc != SQLITE_DONE) return (*db)->error(errc::query_failed, std::string("reading ") + std::string(what));
  return {};
}

Result<std::int64_t> SqliteStore::write_one(std::string_view sql, std::string_view what, const Binder& bind) {
  const std::lock_guard lock(write_mutex_);
  Connection& db = *writer_;
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  bind(**stmt);
  if ((*stmt)->step() != SQLITE_DONE) return step_error(db, what);
  return static_cast<std::int64_t>(db.changes());
}

Status SqliteStore::read_each(std::string_view sql, std::string_view what, const Binder& bind,
                              const std::function<Status(Statement&)>& on_row) {
  return read_rows(sql, what, bind, on_row);
}

Result<std::vector<Instrument>> SqliteStore::instruments(const InstrumentFilter& filter) {
  std::vector<Instrument> out;
  auto status = read_rows(
      sql_select_instruments, "instruments",
      [&](Statement& q) { q.bind_static(1, filter.sector).bind_static(2, filter.industry).bind_static(3, filter.query); },
      [&](Statement& q) -> Status {
        out.push_back(read_instrument(q));
        return {};
      });
  if (!status) return status.error();
  return out;
}

Result<std::optional<Instrument>> SqliteStore::instrument(const Symbol& symbol) {
  auto db = lease_reader();
  if (!db) return db.error();
  auto stmt = (*db)->prepare(sql_select_instrument);
  if (!stmt) return stmt.error();
  Statement& query = **stmt;
  query.bind_static(1, symbol.view());
  const int rc = query.step();
  if (rc == SQLITE_DONE) return std::optional<Instrument>();
  if (rc != SQLITE_ROW) return (*db)->error(errc::query_failed, "reading an instrument");
  return std::optional<Instrument>(read_instrument(query));
}

Result<std::vector<SectorSummary>> SqliteStore::sectors() {
  std::vector<SectorSummary> out;
  auto status = read_rows(sql_select_sectors, "sectors", [](Statement&) {}, [&](Statement& q) -> Status {
    const std::string_view sector = q.column_text(0);
    if (out.empty() || out.back().sector != sector) {
      out.emplace_back();
      out.back().sector = sector;
    }
    const std::int64_t count = q.column_int64(2);
    out.back().count += count;
    out.back().industries.push_back(IndustryCount{.industry = std::string(q.column_text(1)), .count = count});
    return {};
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<Bar>> SqliteStore::bars(const Symbol& symbol, Timespan timespan, const TimeRange& range) {
  std::vector<Bar> out;
  auto status = read_rows(
      sql_select_bars, "bars",
      [&](Statement& q) {
        q.bind_static(1, symbol.view()).bind_static(2, to_string(timespan.unit)).bind(3, timespan.multiplier);
        q.bind(4, range.from ? range.from->millis() : std::numeric_limits<std::int64_t>::min());
        q.bind(5, range.to ? range.to->millis() : std::numeric_limits<std::int64_t>::max());
      },
      [&](Statement& q) -> Status {
        out.push_back(Bar{.ts = Timestamp::from_millis(q.column_int64(0)),
                          .open = q.column_double(1),
                          .high = q.column_double(2),
                          .low = q.column_double(3),
                          .close = q.column_double(4),
                          .volume = q.column_double(5),
                          .vwap = q.column_real_or_nan(6),
                          .trades = q.column_int64(7)});
        return {};
      });
  if (!status) return status.error();
  return out;
}

Result<std::int64_t> SqliteStore::bar_count() {
  auto db = lease_reader();
  if (!db) return db.error();
  return single_int(**db, sql_count_bars);
}

Result<std::vector<Event>> SqliteStore::events(const Symbol& symbol, std::optional<Date> from,
                                               std::optional<Date> to) {
  std::vector<Event> out;
  auto status = read_rows(
      sql_select_events, "events",
      [&](Statement& q) {
        q.bind_static(1, symbol.view());
        q.bind(2, from ? std::string_view(from->iso()) : min_date_text);
        q.bind(3, to ? std::string_view(to->iso()) : max_date_text);
      },
      [&](Statement& q) -> Status {
        auto date = Date::parse(q.column_text(0));
        auto kind = parse_event_kind(q.column_text(1));
        if (!date || !kind) return make_error(errc::query_failed, fmt::format("malformed event row of {}", symbol.view()));
        out.push_back(Event{.symbol = symbol,
                            .date = *date,
                            .kind = *kind,
                            .value = q.column_real_or_nan(2),
                            .time_of_day = std::string(q.column_text(3))});
        return {};
      });
  if (!status) return status.error();
  return out;
}

Result<std::vector<std::string>> SqliteStore::macro_series() {
  std::vector<std::string> out;
  auto status = read_rows(sql_select_macro_series, "macro series", [](Statement&) {}, [&](Statement& q) -> Status {
    out.emplace_back(q.column_text(0));
    return {};
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<MacroPoint>> SqliteStore::macro(std::string_view series, std::optional<Date> from,
                                                   std::optional<Date> to) {
  std::vector<MacroPoint> out;
  auto status = read_rows(
      sql_select_macro, "a macro series",
      [&](Statement& q) {
        q.bind(1, series);
        q.bind(2, from ? std::string_view(from->iso()) : min_date_text);
        q.bind(3, to ? std::string_view(to->iso()) : max_date_text);
      },
      [&](Statement& q) -> Status {
        auto date = Date::parse(q.column_text(0));
        if (!date) return make_error(errc::query_failed, fmt::format("malformed macro row of {}", series));
        out.push_back(MacroPoint{.date = *date, .value = q.column_double(1)});
        return {};
      });
  if (!status) return status.error();
  return out;
}

Result<std::optional<std::string>> SqliteStore::ingest_state(std::string_view key) {
  auto db = lease_reader();
  if (!db) return db.error();
  auto stmt = (*db)->prepare(sql_select_ingest_state);
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, key);
  const int rc = (*stmt)->step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return (*db)->error(errc::query_failed, "reading ingest state");
  return std::optional<std::string>(std::string((*stmt)->column_text(0)));
}

Result<StoreCounts> SqliteStore::counts() {
  auto db = lease_reader();
  if (!db) return db.error();
  StoreCounts out;
  const std::pair<std::string_view, std::int64_t*> queries[] = {
      {sql_count_instruments, &out.instruments}, {sql_count_bars, &out.bars}, {sql_count_events, &out.events},
      {sql_count_macro, &out.macro_points},      {sql_count_ingest_state, &out.ingest_states}};
  for (const auto& [sql, target] : queries) {
    auto value = single_int(**db, sql);
    if (!value) return value.error();
    *target = *value;
  }
  return out;
}

Result<std::unique_ptr<Store>> open_sqlite_store(const std::filesystem::path& file) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  if (ec) {
    return make_error(errc::unavailable,
                      fmt::format("cannot create folder {}: {}", file.parent_path().string(), ec.message()));
  }
  auto store = SqliteStore::open(file);
  if (!store) return store.error();
  auto migrated = (*store)->migrate();
  if (!migrated) return migrated.error();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace streams::store::embedded
