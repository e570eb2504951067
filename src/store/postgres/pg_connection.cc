#include "store/postgres/pg_connection.h"

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <optional>

#include "core/log.h"
#include "store/errc.h"

namespace streams::store::postgres {
namespace {

// Type OIDs of the built-in types we bind and read (pg_type.dat).
constexpr Oid oid_bool = 16;
constexpr Oid oid_int8 = 20;
constexpr Oid oid_int2 = 21;
constexpr Oid oid_int4 = 23;
constexpr Oid oid_text = 25;
constexpr Oid oid_float4 = 700;
constexpr Oid oid_float8 = 701;
constexpr Oid oid_date = 1082;
constexpr Oid oid_timestamptz = 1184;

// PostgreSQL's epoch (2000-01-01) in Unix days and microseconds.
constexpr std::int32_t pg_epoch_days = 10957;
constexpr std::int64_t pg_epoch_micros = 946'684'800'000'000LL;

template <class T>
std::string big_endian(T value) {
  using U = std::make_unsigned_t<T>;
  auto bits = static_cast<U>(value);
  std::string out(sizeof(T), '\0');
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    out[sizeof(T) - 1 - i] = static_cast<char>(bits & 0xffU);
    bits = static_cast<U>(bits >> 8U);
  }
  return out;
}

template <class T>
T read_big_endian(const char* data) {
  using U = std::make_unsigned_t<T>;
  U bits = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    bits = static_cast<U>((bits << 8U) | static_cast<unsigned char>(data[i]));
  }
  return static_cast<T>(bits);
}

// One line: libpq's multi-line messages ("…failed: Connection refused\n\tIs the server running…")
// joined with single spaces, trailing space dropped.
std::string trim(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == '\n' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::error_code error_code_for_sqlstate(std::string_view sqlstate) {
  if (sqlstate.starts_with("23")) return errc::constraint;
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57P")) return errc::unavailable;
  return errc::query_failed;
}

// --- Params -------------------------------------------------------------------------------------

void Params::add(Oid type, std::string bytes, int format, bool null) {
  types_.push_back(type);
  lengths_.push_back(static_cast<int>(bytes.size()));
  formats_.push_back(format);
  nulls_.push_back(null);
  data_.push_back(std::move(bytes));
}

Params& Params::text(std::string_view value) {
  add(oid_text, std::string(value), 0, false);
  return *this;
}
Params& Params::int32(std::int32_t value) {
  add(oid_int4, big_endian(value), 1, false);
  return *this;
}
Params& Params::int64(std::int64_t value) {
  add(oid_int8, big_endian(value), 1, false);
  return *this;
}
Params& Params::real(double value) {
  add(oid_float8, big_endian(std::bit_cast<std::int64_t>(value)), 1, std::isnan(value));
  return *this;
}
Params& Params::boolean(bool value) {
  add(oid_bool, std::string(1, value ? '\1' : '\0'), 1, false);
  return *this;
}
Params& Params::date(Date value) {
  add(oid_date, big_endian(value.days() - pg_epoch_days), 1, false);
  return *this;
}
Params& Params::timestamp(Timestamp value) {
  add(oid_timestamptz, big_endian(value.millis() * 1000 - pg_epoch_micros), 1, false);
  return *this;
}
Params& Params::null_timestamp() {
  add(oid_timestamptz, {}, 1, true);
  return *this;
}
Params& Params::null_text() {
  add(oid_text, {}, 0, true);
  return *this;
}
Params& Params::null_date() {
  add(oid_date, {}, 1, true);
  return *this;
}

std::vector<const char*> Params::values() const {
  std::vector<const char*> out;
  out.reserve(data_.size());
  for (std::size_t i = 0; i < data_.size(); ++i) out.push_back(nulls_[i] ? nullptr : data_[i].data());
  return out;
}

// --- PgResult -----------------------------------------------------------------------------------

std::int64_t PgResult::int64(int row, int column) const {
  if (is_null(row, column)) return 0;
  const char* data = PQgetvalue(result_.get(), row, column);
  switch (PQftype(result_.get(), column)) {
    case oid_int2: return read_big_endian<std::int16_t>(data);
    case oid_int4: return read_big_endian<std::int32_t>(data);
    default: return read_big_endian<std::int64_t>(data);
  }
}

double PgResult::real(int row, int column) const {
  if (is_null(row, column)) return std::nan("");
  const char* data = PQgetvalue(result_.get(), row, column);
  if (PQftype(result_.get(), column) == oid_float4) {
    return std::bit_cast<float>(read_big_endian<std::int32_t>(data));
  }
  return std::bit_cast<double>(read_big_endian<std::int64_t>(data));
}

bool PgResult::boolean(int row, int column) const {
  return !is_null(row, column) && PQgetvalue(result_.get(), row, column)[0] != 0;
}

std::string_view PgResult::text(int row, int column) const {
  return {PQgetvalue(result_.get(), row, column), static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

Date PgResult::date(int row, int column) const {
  return Date::from_days(read_big_endian<std::int32_t>(PQgetvalue(result_.get(), row, column)) + pg_epoch_days);
}

Timestamp PgResult::timestamp(int row, int column) const {
  const std::int64_t micros = read_big_endian<std::int64_t>(PQgetvalue(result_.get(), row, column));
  return Timestamp::from_millis((micros + pg_epoch_micros) / 1000);
}

// --- PgConnection -------------------------------------------------------------------------------

Result<std::unique_ptr<PgConnection>> PgConnection::connect(const ConnectTarget& target) {
  std::vector<const char*> keys{"dbname"};
  std::vector<const char*> values{target.url.c_str()};
  for (const auto& [key, value] : target.overrides) {
    keys.push_back(key.c_str());
    values.push_back(value.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn = PQconnectdbParams(keys.data(), values.data(), /*expand_dbname=*/1);
  if (conn == nullptr) return make_error(errc::unavailable, "cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    // libpq's message names host and port, never the password.
    std::string message = fmt::format("cannot connect to PostgreSQL: {}", trim(PQerrorMessage(conn)));
    PQfinish(conn);
    return make_error(errc::unavailable, std::move(message));
  }
  // Server notices ("relation … already exists, skipping") go to the debug log, not stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char* message) { log::debug("PostgreSQL: {}", trim(message)); }, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(conn));
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::broken() const { return lost_ || PQstatus(conn_) != CONNECTION_OK; }

std::string PgConnection::server_version() const {
  const int version = PQserverVersion(conn_);
  return fmt::format("{}.{}", version / 10000, version % 10000);
}

Result<PgResult> PgConnection::check(PGresult* result, ExecStatusType expected, std::string_view what) {
  touch();
  if (result != nullptr && PQresultStatus(result) == expected) return PgResult(result);
  std::string message;
  std::string sqlstate;
  if (result != nullptr) {
    message = trim(PQresultErrorMessage(result));
    if (const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE)) sqlstate = state;
    PQclear(result);
  }
  if (message.empty()) message = trim(PQerrorMessage(conn_));
  if (PQstatus(conn_) != CONNECTION_OK || sqlstate.starts_with("08") || sqlstate.starts_with("57P")) lost_ = true;
  const std::error_code code = lost_ ? std::error_code(errc::unavailable) : error_code_for_sqlstate(sqlstate);
  return make_error(code, fmt::format("{}: {}", what, message.empty() ? "no result" : message));
}

Result<PgResult> PgConnection::exec(const char* sql) {
  PGresult* result = PQexec(conn_, sql);
  const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  return check(result, status == PGRES_TUPLES_OK ? PGRES_TUPLES_OK : PGRES_COMMAND_OK, "PostgreSQL");
}

Result<PgResult> PgConnection::exec(const char* sql, const Params& params) {
  const std::vector<const char*> values = params.values();
  PGresult* result = PQexecParams(conn_, sql, params.size(), params.types(), values.data(), params.lengths(),
                                  params.formats(), /*resultFormat=*/1);
  const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  return check(result, status == PGRES_TUPLES_OK ? PGRES_TUPLES_OK : PGRES_COMMAND_OK, "PostgreSQL");
}

Status PgConnection::copy_in(const char* copy_sql, std::string_view data) {
  auto started = check(PQexec(conn_, copy_sql), PGRES_COPY_IN, "COPY");
  if (!started) return started.error();
  constexpr std::size_t chunk = 1 << 20;
  for (std::size_t offset = 0; offset < data.size(); offset += chunk) {
    const std::size_t n = std::min(chunk, data.size() - offset);
    if (PQputCopyData(conn_, data.data() + offset, static_cast<int>(n)) != 1) {
      lost_ = PQstatus(conn_) != CONNECTION_OK;
      return make_error(lost_ ? errc::unavailable : errc::query_failed,
                        fmt::format("COPY: {}", trim(PQerrorMessage(conn_))));
    }
  }
  if (PQputCopyEnd(conn_, nullptr) != 1) {
    lost_ = PQstatus(conn_) != CONNECTION_OK;
    return make_error(errc::unavailable, fmt::format("COPY: {}", trim(PQerrorMessage(conn_))));
  }
  auto finished = check(PQgetResult(conn_), PGRES_COMMAND_OK, "COPY");
  // Drain: PQgetResult returns null once the command is complete.
  while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
  if (!finished) return finished.error();
  return {};
}

}  // namespace streams::store::postgres

namespace streams::store::postgres {

Status PgConnection::copy_chain(const char* sql, std::initializer_list<std::string_view> data) {
  std::optional<Error> failure;
  auto next = data.begin();
  PGresult* result = PQexec(conn_, sql);  // returns at the first COPY, or with the last result
  while (result != nullptr) {
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_COPY_IN) {
      PQclear(result);
      const std::string_view stream = next != data.end() ? *next++ : std::string_view();
      constexpr std::size_t chunk = 1 << 20;
      bool sent = true;
      for (std::size_t offset = 0; sent && offset < stream.size(); offset += chunk) {
        sent = PQputCopyData(conn_, stream.data() + offset, static_cast<int>(std::min(chunk, stream.size() - offset))) == 1;
      }
      if (!sent || PQputCopyEnd(conn_, nullptr) != 1) {
        lost_ = PQstatus(conn_) != CONNECTION_OK;
        return make_error(errc::unavailable, fmt::format("COPY: {}", trim(PQerrorMessage(conn_))));
      }
    } else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      auto checked = check(result, PGRES_COMMAND_OK, "COPY");  // takes ownership of result
      if (!failure && !checked) failure = checked.error();
    } else {
      PQclear(result);
    }
    if (lost_ || PQstatus(conn_) != CONNECTION_OK) {
      lost_ = true;
      break;
    }
    result = PQgetResult(conn_);
  }
  touch();
  if (lost_) {
    return failure ? *failure : make_error(errc::unavailable, fmt::format("COPY: {}", trim(PQerrorMessage(conn_))));
  }
  if (PQtransactionStatus(conn_) == PQTRANS_INERROR || PQtransactionStatus(conn_) == PQTRANS_INTRANS) {
    (void)exec("ROLLBACK");
  }
  if (failure) return *failure;
  return {};
}

}  // namespace streams::store::postgres
