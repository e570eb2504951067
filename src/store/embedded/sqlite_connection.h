#pragma once
// Thin RAII over one SQLite connection and its prepared statements. Not thread-safe: a Connection
// is used by one thread at a time (SqliteStore hands them out from a pool or under its write
// mutex). Statements are prepared once per connection and cached by their SQL text, which must be
// a string literal (the cache keeps the view).

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

namespace streams::store::embedded {

// A cached statement in use: binds, steps, reads columns, and resets itself when it goes out of
// scope so the next user starts clean.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based. Text is copied (SQLITE_TRANSIENT) unless bind_static is used, which
  // requires the text to outlive the step.
  Statement& bind(int index, double value);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::string_view text);
  Statement& bind_static(int index, std::string_view text);
  Statement& bind_null(int index);

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(stmt_); }
  // Resets for another execution with new bindings (bindings kept until rebound).
  void reset() { sqlite3_reset(stmt_); }

  [[nodiscard]] bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  [[nodiscard]] double column_double(int column) const { return sqlite3_column_double(stmt_, column); }
  // NULL reads as NaN.
  [[nodiscard]] double column_real_or_nan(int column) const;
  [[nodiscard]] std::int64_t column_int64(int column) const { return sqlite3_column_int64(stmt_, column); }
  [[nodiscard]] std::string_view column_text(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  enum class Mode { read_write, read_only };

  // Opens (creating when read_write) the database file and applies the connection pragmas.
  static Result<std::unique_ptr<Connection>> open(const std::filesystem::path& file, Mode mode);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement for `sql` (a string literal); the error names the SQL.
  Result<std::unique_ptr<Statement>> prepare(std::string_view sql);
  // Runs static SQL (possibly several statements) without results.
  Status exec(const char* sql);
  // The connection's last error as an Error with `code`, prefixed by `what`.
  [[nodiscard]] Error error(std::error_code code, std::string_view what) const;
  [[nodiscard]] int changes() const { return sqlite3_changes(db_); }
  [[nodiscard]] int extended_error() const { return sqlite3_extended_errcode(db_); }
  [[nodiscard]] sqlite3* handle() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string_view, sqlite3_stmt*> statements_;
};

// Runs `begin`, and on destruction rolls back unless commit() succeeded.
class Transaction {
 public:
  static Result<std::unique_ptr<Transaction>> begin(Connection& connection, bool immediate = true);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Status commit();

 private:
  explicit Transaction(Connection& connection) : connection_(connection) {}
  Connection& connection_;
  bool open_ = true;
};

}  // namespace streams::store::embedded
