// Fuzz target: ingest::parse_csv on arbitrary bytes. The first byte picks the file name (the name
// gives the symbol or series where the format has none, and .gz is the reader's business, not the
// parser's); the rest is the file's text. Invariants checked beyond "no crash": a parsed file
// never yields more data rows than it read, and an error always names the file.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/csv_formats.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr std::string_view names[] = {"AAPL.csv", "instruments.csv", "CPIAUCSL.csv", "earnings.csv",
                                               "aapl.us.txt", "AAPL_1min.csv"};
  const std::string_view file = names[data[0] % std::size(names)];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto parsed = streams::ingest::parse_csv(file, text);
  if (parsed) {
    if (parsed->skipped > parsed->rows || parsed->rows < 0) std::abort();
  } else if (parsed.error().message.find(file) == std::string_view::npos) {
    std::abort();
  }
  return 0;
}
