#include "store/postgres/copy_writer.h"

#include <bit>
#include <cmath>
#include <type_traits>

namespace streams::store::postgres {
namespace {

constexpr std::string_view signature{"PGCOPY\n\377\r\n\0", 11};
constexpr std::int32_t pg_epoch_days = 10957;                     // 2000-01-01 in Unix days
constexpr std::int64_t pg_epoch_micros = 946'684'800'000'000LL;   // 2000-01-01 in Unix microseconds

}  // namespace

CopyWriter::CopyWriter() {
  buffer_.reserve(1 << 16);
  buffer_.append(signature);
  put<std::int32_t>(0);  // flags: no OIDs
  put<std::int32_t>(0);  // header extension length
}

template <class T>
void CopyWriter::put(T value) {
  using U = std::make_unsigned_t<T>;
  const auto bits = static_cast<U>(value);
  char bytes[sizeof(T)];
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    bytes[i] = static_cast<char>((bits >> (8U * (sizeof(T) - 1 - i))) & 0xffU);
  }
  buffer_.append(bytes, sizeof(T));
}

void CopyWriter::row(std::int16_t fields) {
  put<std::int16_t>(fields);
  ++rows_;
}

void CopyWriter::text(std::string_view value) {
  put<std::int32_t>(static_cast<std::int32_t>(value.size()));
  buffer_.append(value);
}

void CopyWriter::int32(std::int32_t value) {
  put<std::int32_t>(4);
  put<std::int32_t>(value);
}

void CopyWriter::int64(std::int64_t value) {
  put<std::int32_t>(8);
  put<std::int64_t>(value);
}

void CopyWriter::real(double value) {
  if (std::isnan(value)) return null();
  put<std::int32_t>(8);
  put<std::int64_t>(std::bit_cast<std::int64_t>(value));
}

void CopyWriter::boolean(bool value) {
  put<std::int32_t>(1);
  buffer_.push_back(value ? '\1' : '\0');
}

void CopyWriter::date(Date value) {
  put<std::int32_t>(4);
  put<std::int32_t>(value.days() - pg_epoch_days);
}

void CopyWriter::timestamp(Timestamp value) {
  put<std::int32_t>(8);
  put<std::int64_t>(value.millis() * 1000 - pg_epoch_micros);
}

void CopyWriter::null() { put<std::int32_t>(-1); }

std::string CopyWriter::finish() {
  put<std::int16_t>(-1);
  std::string out = std::move(buffer_);
  buffer_.clear();
  rows_ = 0;
  return out;
}

}  // namespace streams::store::postgres
