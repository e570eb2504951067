#include "store/embedded/sqlite_connection.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "store/errc.h"

namespace streams::store::embedded {
namespace {

// SQLITE_TRANSIENT without the old-style cast of sqlite3.h's macro.
sqlite3_destructor_type transient() {
  return reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));
}

constexpr int busy_timeout_ms = 10'000;

}  // namespace

Statement::~Statement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::bind(int index, double value) {
  if (std::isnan(value)) {
    sqlite3_bind_null(stmt_, index);
  } else {
    sqlite3_bind_double(stmt_, index, value);
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), transient());
  return *this;
}

Statement& Statement::bind_static(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

double Statement::column_real_or_nan(int column) const {
  if (is_null(column)) return std::numeric_limits<double>::quiet_NaN();
  return sqlite3_column_double(stmt_, column);
}

std::string_view Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

Result<std::unique_ptr<Connection>> Connection::open(const std::filesystem::path& file, Mode mode) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_NOMUTEX |
                    (mode == Mode::read_write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY);
  const int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return make_error(errc::unavailable, fmt::format("cannot open SQLite database {}: {}", file.string(), why));
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  // page_size only applies to a new file (before WAL is switched on): 16 KiB pages suit range
  // scans of bars and quarter the number of I/O calls of bulk writes.
  // WAL lets readers run beside the one writer; NORMAL syncs only at checkpoints (durable
  // against a process crash, may lose the last commits on power loss). Checkpoints (two fsyncs
  // each) run every 4096 pages (64 MiB of WAL) rather than SQLite's 1000, so that a bulk import
  // of one transaction per file does not wait on a checkpoint every few files; the WAL file is
  // truncated back to 64 MiB after a checkpoint.
  const char* pragmas = mode == Mode::read_write
                            ? "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                              " PRAGMA wal_autocheckpoint=4096; PRAGMA journal_size_limit=67108864;"
                              " PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-8192;"
                            : "PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384;";
  if (auto status = connection->exec(pragmas); !status) {
    return make_error(errc::unavailable,
                      fmt::format("cannot configure SQLite database {}: {}", file.string(), status.error().message));
  }
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<Statement>> Connection::prepare(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) return std::make_unique<Statement>(found->second);
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                    nullptr);
  if (rc != SQLITE_OK) return error(errc::query_failed, fmt::format("cannot prepare '{}'", sql));
  statements_.emplace(sql, stmt);
  return std::make_unique<Statement>(stmt);
}

Status Connection::exec(const char* sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string why = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return make_error(errc::query_failed, why);
  }
  return {};
}

Error Connection::error(std::error_code code, std::string_view what) const {
  return make_error(code, fmt::format("{}: {}", what, sqlite3_errmsg(db_)));
}

Result<std::unique_ptr<Transaction>> Transaction::begin(Connection& connection, bool immediate) {
  if (auto status = connection.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN"); !status) {
    return make_error(errc::query_failed, fmt::format("cannot begin a transaction: {}", status.error().message));
  }
  return std::unique_ptr<Transaction>(new Transaction(connection));
}

Transaction::~Transaction() {
  if (open_) (void)connection_.exec("ROLLBACK");
}

Status Transaction::commit() {
  if (auto status = connection_.exec("COMMIT"); !status) {
    return make_error(errc::query_failed, fmt::format("commit failed: {}", status.error().message));
  }
  open_ = false;
  return {};
}

}  // namespace streams::store::embedded
