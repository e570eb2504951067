#pragma once
// Errors of the ingest module. Messages name the input: "file:line:column: what is wrong".

#include <system_error>

namespace streams::ingest {

enum class errc {
  ok = 0,
  io_error,            // cannot read a file or folder; corrupt gzip stream
  unknown_format,      // the header matches no supported format
  malformed_row,       // a row breaks the format or a validation rule
  store_failed,        // the store refused the batch (nothing of the file was written)
  invalid_argument,    // unusable options (no symbols, from after to)
};

const std::error_category& ingest_category();
inline std::error_code make_error_code(errc e) { return {static_cast<int>(e), ingest_category()}; }

}  // namespace streams::ingest

template <>
struct std::is_error_code_enum<streams::ingest::errc> : std::true_type {};
