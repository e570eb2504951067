#pragma once
// Reading CSV text: whole files (plain or gzip) into memory, then records split into fields with
// their line and column, for error messages of the form "file:line:column: what".
// RFC 4180 quoting ("a, b" and "" inside quotes), CRLF or LF line ends, a UTF-8 BOM, blank lines
// skipped. Views returned by next() stay valid until the following call.

#include <cstddef>
#include <deque>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace streams::ingest {

// The bytes of a file; gunzipped when it starts with the gzip magic bytes.
Result<std::string> read_file(const std::filesystem::path& file);

// Decimal text ("123.45", "-1e-3") to the nearest double, as std::from_chars does (same result,
// faster for plain decimals). False unless the whole text is a number.
bool parse_double(std::string_view text, double& out);

struct CsvField {
  std::string_view text;
  int column = 1;  // 1-based character column where the field starts
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view data);

  // Reads the next non-blank record into `fields`. Returns false at the end of the data. An
  // unterminated quote is an Error naming line and column (without the file name).
  Result<bool> next(std::vector<CsvField>& fields);
  // Line of the record last returned by next() (1-based).
  [[nodiscard]] int line() const { return line_; }
  // 1-based column just past the end of the last record (for "missing field" errors).
  [[nodiscard]] int end_column() const { return end_column_; }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  int next_line_ = 1;
  int line_ = 0;
  int end_column_ = 1;
  std::deque<std::string> unescaped_;
};

}  // namespace streams::ingest
