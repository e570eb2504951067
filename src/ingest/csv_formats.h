#pragma once
// The CSV formats streams imports, recognised by their header (case-insensitive, any column order,
// extra columns ignored), and the parser that turns one file into one WriteBatch. See README.md
// for the list and the validation rules.

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "core/result.h"
#include "store/store.h"

namespace streams::ingest {

enum class CsvFormat {
  prices,       // date,open,high,low,close,adj_close,volume,dividend,split (Alpha Vantage daily adjusted)
  yahoo,        // Date,Open,High,Low,Close,Adj Close,Volume
  daily,        // Date,Open,High,Low,Close,Volume (Stooq daily and any plain OHLCV)
  stooq_bulk,   // <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>
  intraday,     // datetime,open,high,low,close,volume (label = end of the minute)
  instruments,  // symbol,name,sector,industry[,exchange,currency]
  events,       // symbol,date[,kind,time_of_day,value]
  macro,        // date,value | DATE,<SERIES>
};

std::string_view to_string(CsvFormat format);

struct ParsedFile {
  CsvFormat format = CsvFormat::prices;
  store::WriteBatch batch;
  std::int64_t rows = 0;     // data rows read, skipped ones included
  std::int64_t skipped = 0;  // rows deliberately left out (Yahoo's all-null rows, FRED's ".")
};

// Parses `text`, the content of `file`. `file` names the file in errors ("file:line:column: what")
// and gives the symbol or series name (its stem, without .csv/.gz) where the format has none.
Result<ParsedFile> parse_csv(const std::filesystem::path& file, std::string_view text);

// Reads (gunzipping when needed) and parses a file.
Result<ParsedFile> parse_csv_file(const std::filesystem::path& file);

}  // namespace streams::ingest
