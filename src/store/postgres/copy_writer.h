#pragma once
// CopyWriter: builds the byte stream of `COPY … FROM STDIN (FORMAT binary)` in memory — the
// 19-byte header, one tuple per row (field count, then each field as length + big-endian bytes,
// -1 for NULL) and the trailer. The bulk-write path of the PostgreSQL store sends it to a staging
// table; a value is never formatted into SQL.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/time.h"

namespace streams::store::postgres {

class CopyWriter {
 public:
  CopyWriter();
  // Starts a row of `fields` values; every row of one COPY has the same count.
  void row(std::int16_t fields);
  void text(std::string_view value);
  void int32(std::int32_t value);
  void int64(std::int64_t value);
  void real(double value);  // NaN → NULL
  void boolean(bool value);
  void date(Date value);
  void timestamp(Timestamp value);
  void null();
  // Appends the trailer and returns the stream; the writer is empty afterwards.
  std::string finish();
  [[nodiscard]] std::size_t rows() const { return rows_; }

 private:
  template <class T>
  void put(T value);
  std::string buffer_;
  std::size_t rows_ = 0;
};

}  // namespace streams::store::postgres
