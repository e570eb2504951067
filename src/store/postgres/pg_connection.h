#pragma once
// A libpq connection and the little vocabulary the PostgreSQL store speaks over it.
//
// Every statement is a string literal (`const char*` constants in the .cc files); values travel
// only as bound parameters of PQexecParams (unnamed statements: PgBouncer in transaction pooling
// mode loses named prepared statements between transactions) or as binary COPY data. Parameters
// and results use PostgreSQL's binary formats for numbers, dates and timestamps.
//
// Threading: a PgConnection is used by one thread at a time (the pool hands it out).

#include <libpq-fe.h>

#include <chrono>
#include <initializer_list>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace streams::store::postgres {

// Bound parameters of one statement, in order ($1, $2, …). Text is sent as text, everything else
// in binary with its type OID, so the server never parses a number.
class Params {
 public:
  Params& text(std::string_view value);
  Params& int32(std::int32_t value);
  Params& int64(std::int64_t value);
  Params& real(double value);            // NaN is sent as NULL
  Params& boolean(bool value);
  Params& date(Date value);
  Params& timestamp(Timestamp value);    // timestamptz, millisecond precision
  Params& null_timestamp();
  Params& null_date();
  Params& null_text();

  [[nodiscard]] int size() const { return static_cast<int>(types_.size()); }
  [[nodiscard]] const Oid* types() const { return types_.data(); }
  [[nodiscard]] const int* lengths() const { return lengths_.data(); }
  [[nodiscard]] const int* formats() const { return formats_.data(); }
  // Pointers into the owned buffers; valid until the next add.
  [[nodiscard]] std::vector<const char*> values() const;

 private:
  void add(Oid type, std::string bytes, int format, bool null);
  std::vector<Oid> types_;
  std::vector<std::string> data_;
  std::vector<bool> nulls_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

// A result set in binary format. Getters convert by the column's type OID.
class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result) {}
  [[nodiscard]] int rows() const { return PQntuples(result_.get()); }
  [[nodiscard]] bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  [[nodiscard]] std::int64_t int64(int row, int column) const;
  [[nodiscard]] double real(int row, int column) const;  // NULL → NaN
  [[nodiscard]] bool boolean(int row, int column) const;
  [[nodiscard]] std::string_view text(int row, int column) const;
  [[nodiscard]] Date date(int row, int column) const;
  [[nodiscard]] Timestamp timestamp(int row, int column) const;

 private:
  struct Free {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  std::unique_ptr<PGresult, Free> result_;
};

// Where to connect: the database URL (or key=value string) plus keywords that override it (the
// tunnel's local end, timeouts, application_name). The URL may hold a password: never log it.
struct ConnectTarget {
  std::string url;
  std::vector<std::pair<std::string, std::string>> overrides;
};

class PgConnection {
 public:
  static Result<std::unique_ptr<PgConnection>> connect(const ConnectTarget& target);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // A statement without parameters (DDL, BEGIN/COMMIT); may hold several statements.
  Result<PgResult> exec(const char* sql);
  // A statement with bound parameters; binary results.
  Result<PgResult> exec(const char* sql, const Params& params);
  // COPY … FROM STDIN (FORMAT binary) with `data` as the whole stream.
  Status copy_in(const char* copy_sql, std::string_view data);

  // One simple query holding several statements, some of them COPY … FROM STDIN: the i-th COPY
  // reads data[i]. Every result is checked; on the first error the rest of the query is skipped
  // by the server and an open transaction is rolled back here.
  Status copy_chain(const char* sql, std::initializer_list<std::string_view> data);

  // The connection is unusable (socket closed, server gone): the pool drops it.
  [[nodiscard]] bool broken() const;
  [[nodiscard]] std::string server_version() const;
  [[nodiscard]] std::chrono::steady_clock::time_point last_used() const { return last_used_; }
  void touch() { last_used_ = std::chrono::steady_clock::now(); }

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  Result<PgResult> check(PGresult* result, ExecStatusType expected, std::string_view what);
  PGconn* conn_;
  bool lost_ = false;
  std::chrono::steady_clock::time_point last_used_ = std::chrono::steady_clock::now();
};

// Maps an SQLSTATE to the store's error codes: class 23 → constraint, 08/57P → unavailable.
std::error_code error_code_for_sqlstate(std::string_view sqlstate);

}  // namespace streams::store::postgres
