#include "ingest/csv_formats.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "ingest/csv_reader.h"
#include "ingest/errc.h"

namespace streams::ingest {
namespace {

constexpr std::int64_t minute_ms = 60'000;
constexpr int no_column = -1;
// Shortest plausible row of a bar file ("2020-01-02,1,1,1,1,1"); sizes the bar vector once.
constexpr std::size_t min_row_bytes = 24;

// "Adj Close" → "adj_close", "<TICKER>" → "ticker", "\"Date\"" (already unquoted) → "date".
std::string normalise_name(std::string_view raw) {
  while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
  if (raw.size() >= 2 && raw.front() == '<' && raw.back() == '>') raw = raw.substr(1, raw.size() - 2);
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ' || c == '-') c = '_';
    out += c;
  }
  return out;
}

// The file's stem without .csv / .txt / .gz: "prices/AAPL.csv.gz" → "AAPL".
std::string file_stem(const std::filesystem::path& file) {
  std::filesystem::path name = file.filename();
  if (name.extension() == ".gz") name = name.stem();
  const auto ext = name.extension();
  if (ext == ".csv" || ext == ".txt" || ext == ".CSV" || ext == ".TXT") name = name.stem();
  return name.string();
}

class Header {
 public:
  Header(const std::vector<CsvField>& fields) {  // NOLINT: implicit is fine here
    for (const CsvField& field : fields) {
      names_.push_back(normalise_name(field.text));
      columns_.push_back(field.column);
    }
  }
  [[nodiscard]] int find(std::string_view name) const {
    for (std::size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == name) return static_cast<int>(i);
    }
    return no_column;
  }
  [[nodiscard]] bool has(std::string_view name) const { return find(name) != no_column; }
  [[nodiscard]] std::size_t size() const { return names_.size(); }
  [[nodiscard]] const std::string& name(int index) const { return names_[static_cast<std::size_t>(index)]; }
  [[nodiscard]] const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
  std::vector<int> columns_;
};

// Parsing state of one file: names it in every error.
class Parser {
 public:
  Parser(const std::filesystem::path& file, std::string_view text) : file_(file.string()), reader_(text) {
    stem_ = file_stem(file);
    estimated_rows_ = text.size() / min_row_bytes;
  }

  Result<ParsedFile> run();

 private:
  Error fail(int line, int column, std::string_view what, errc code = errc::malformed_row) const {
    return make_error(code, fmt::format("{}:{}:{}: {}", file_, line, column, what));
  }
  Error fail_at(int index, std::string_view what) const {
    return fail(reader_.line(), fields_[static_cast<std::size_t>(index)].column, what);
  }
  // Reads the next record; false at the end. Checks the field count against the header.
  Result<bool> next_row();
  Result<int> require(const Header& header, std::string_view name, std::string_view format) const;

  [[nodiscard]] std::string_view text(int index) const { return fields_[static_cast<std::size_t>(index)].text; }
  Result<double> number(int index, const Header& header) const;
  Result<Date> iso_date(int index, const Header& header) const;
  Result<Symbol> symbol(int index, const Header& header) const;

  Result<ParsedFile> parse_bars(const Header& header, CsvFormat format);
  Result<ParsedFile> parse_instruments(const Header& header);
  Result<ParsedFile> parse_events(const Header& header);
  Result<ParsedFile> parse_macro(const Header& header);

  std::string file_;
  std::string stem_;
  CsvReader reader_;
  std::vector<CsvField> fields_;
  std::size_t expected_fields_ = 0;
  std::size_t estimated_rows_ = 0;
};

Result<bool> Parser::next_row() {
  auto more = reader_.next(fields_);
  if (!more) return make_error(errc::malformed_row, fmt::format("{}:{}", file_, more.error().message));
  if (!*more) return false;
  if (fields_.size() < expected_fields_) {
    return fail(reader_.line(), reader_.end_column(),
                fmt::format("expected {} fields as in the header, found {} (truncated line?)", expected_fields_,
                            fields_.size()));
  }
  if (fields_.size() > expected_fields_) {
    return fail(reader_.line(), fields_[expected_fields_].column,
                fmt::format("expected {} fields as in the header, found {}", expected_fields_, fields_.size()));
  }
  return true;
}

Result<int> Parser::require(const Header& header, std::string_view name, std::string_view format) const {
  const int index = header.find(name);
  if (index == no_column) {
    return fail(1, 1, fmt::format("missing column '{}' ({} format; header is '{}')", name, format,
                                  fmt::join(header.names(), ",")));
  }
  return index;
}

Result<double> Parser::number(int index, const Header& header) const {
  const std::string_view t = text(index);
  double value = 0;
  if (!parse_double(t, value)) {
    return fail_at(index, fmt::format("column '{}': expected a number, got '{}'", header.name(index), t));
  }
  if (!std::isfinite(value)) {
    return fail_at(index, fmt::format("column '{}': '{}' is not a finite number", header.name(index), t));
  }
  return value;
}

Result<Date> Parser::iso_date(int index, const Header& header) const {
  auto date = Date::parse(text(index));
  if (!date) return fail_at(index, fmt::format("column '{}': {}", header.name(index), date.error().message));
  return *date;
}

Result<Symbol> Parser::symbol(int index, const Header& header) const {
  auto parsed = Symbol::parse(text(index));
  if (!parsed) return fail_at(index, fmt::format("column '{}': {}", header.name(index), parsed.error().message));
  return *parsed;
}

// Stooq's dates: YYYYMMDD.
Result<Date> compact_date(std::string_view text) {
  if (text.size() != 8) return make_error(errc::malformed_row, "expected YYYYMMDD");
  std::string iso;
  iso.reserve(10);
  iso.append(text.substr(0, 4)).append("-").append(text.substr(4, 2)).append("-").append(text.substr(6, 2));
  auto date = Date::parse(iso);
  if (!date) return make_error(errc::malformed_row, fmt::format("expected YYYYMMDD: {}", date.error().message));
  return *date;
}

Result<ParsedFile> Parser::parse_bars(const Header& header, CsvFormat format) {
  const std::string_view format_name = to_string(format);
  const bool intraday = format == CsvFormat::intraday;
  const bool bulk = format == CsvFormat::stooq_bulk;
  auto time_col = require(header, intraday ? "datetime" : "date", format_name);
  if (!time_col) return time_col.error();
  std::array<int, 5> value_cols{};  // open, high, low, close, volume
  constexpr std::array<std::string_view, 5> value_names{"open", "high", "low", "close", "volume"};
  for (std::size_t k = 0; k < value_cols.size(); ++k) {
    const std::string_view name = bulk && k == 4 ? std::string_view("vol") : value_names[k];
    auto col = require(header, name, format_name);
    if (!col) return col.error();
    value_cols[k] = *col;
  }
  int ticker_col = no_column;
  int per_col = no_column;
  if (bulk) {
    auto ticker = require(header, "ticker", format_name);
    if (!ticker) return ticker.error();
    ticker_col = *ticker;
    auto per = require(header, "per", format_name);
    if (!per) return per.error();
    per_col = *per;
  }
  const int dividend_col = format == CsvFormat::prices ? header.find("dividend") : no_column;
  const int split_col = format == CsvFormat::prices ? header.find("split") : no_column;

  ParsedFile out;
  out.format = format;
  const Timespan timespan = intraday ? Timespan::minutes(1) : Timespan::daily();
  std::optional<Symbol> file_symbol;
  if (!bulk) {
    auto parsed = Symbol::parse(stem_);
    if (!parsed) return fail(1, 1, fmt::format("the file name must be the symbol: {}", parsed.error().message));
    file_symbol = *parsed;
    out.batch.bars.push_back(store::BarSeries{*file_symbol, timespan, {}});
    out.batch.bars.front().bars.reserve(estimated_rows_);
  }
  std::map<Symbol, std::size_t> series_of;  // bulk files: symbol → index in batch.bars

  while (true) {
    auto more = next_row();
    if (!more) return more.error();
    if (!*more) break;
    ++out.rows;

    if (format == CsvFormat::yahoo) {  // Yahoo writes "null" in every column for some holidays
      const auto nulls = std::count_if(value_cols.begin(), value_cols.end(), [&](int c) { return text(c) == "null"; });
      if (nulls == static_cast<long>(value_cols.size())) {
        ++out.skipped;
        continue;
      }
    }

    store::BarSeries* series = nullptr;
    Timestamp ts;
    if (bulk) {
      if (text(per_col) != "D" && text(per_col) != "d") {
        return fail_at(per_col, fmt::format("column 'per': only daily data (D) is supported, got '{}'", text(per_col)));
      }
      std::string_view ticker = text(ticker_col);
      if (ticker.size() > 3 && (ticker.ends_with(".US") || ticker.ends_with(".us"))) ticker.remove_suffix(3);
      auto sym = Symbol::parse(ticker);
      if (!sym) return fail_at(ticker_col, fmt::format("column 'ticker': {}", sym.error().message));
      auto [it, added] = series_of.try_emplace(*sym, out.batch.bars.size());
      if (added) out.batch.bars.push_back(store::BarSeries{*sym, timespan, {}});
      series = &out.batch.bars[it->second];
      auto date = compact_date(text(*time_col));
      if (!date) return fail_at(*time_col, fmt::format("column 'date': {}, got '{}'", date.error().message, text(*time_col)));
      ts = date->key();
    } else {
      series = &out.batch.bars.front();
      if (intraday) {
        auto stamp = Timestamp::parse(text(*time_col));
        if (!stamp) return fail_at(*time_col, fmt::format("column 'datetime': {}", stamp.error().message));
        ts = Timestamp::from_millis(stamp->millis() - minute_ms);  // the label ends its minute
      } else {
        auto date = iso_date(*time_col, header);
        if (!date) return date.error();
        ts = date->key();
      }
    }
    if (!series->bars.empty() && ts <= series->bars.back().ts) {
      return fail_at(*time_col, fmt::format("{} '{}' is not after the previous row's (rows must be ascending, "
                                            "one per {})",
                                            header.name(*time_col), text(*time_col), intraday ? "minute" : "date"));
    }

    std::array<double, 5> v{};
    for (std::size_t k = 0; k < v.size(); ++k) {
      auto value = number(value_cols[k], header);
      if (!value) return value.error();
      v[k] = *value;
    }
    for (std::size_t k = 0; k < 4; ++k) {
      if (v[k] <= 0) {
        return fail_at(value_cols[k], fmt::format("column '{}': price must be > 0, got {}", header.name(value_cols[k]),
                                                  text(value_cols[k])));
      }
    }
    const double body_low = std::min(v[0], v[3]);
    const double body_high = std::max(v[0], v[3]);
    if (v[2] > body_low) {
      return fail_at(value_cols[2], fmt::format("column '{}': low {} is above min(open, close) = {}",
                                                header.name(value_cols[2]), text(value_cols[2]), body_low));
    }
    if (v[1] < body_high) {
      return fail_at(value_cols[1], fmt::format("column '{}': high {} is below max(open, close) = {}",
                                                header.name(value_cols[1]), text(value_cols[1]), body_high));
    }
    if (v[4] < 0) {
      return fail_at(value_cols[4], fmt::format("column '{}': volume must be >= 0, got {}", header.name(value_cols[4]),
                                                text(value_cols[4])));
    }
    Bar bar;
    bar.ts = ts;
    bar.open = v[0];
    bar.high = v[1];
    bar.low = v[2];
    bar.close = v[3];
    bar.volume = v[4];
    series->bars.push_back(bar);

    if (dividend_col != no_column) {
      auto dividend = number(dividend_col, header);
      if (!dividend) return dividend.error();
      if (*dividend < 0) return fail_at(dividend_col, fmt::format("column 'dividend': must be >= 0, got {}", *dividend));
      if (*dividend != 0) {
        out.batch.events.push_back(Event{series->symbol, Date::from_key(ts), EventKind::dividend, *dividend, {}});
      }
    }
    if (split_col != no_column) {
      auto split = number(split_col, header);
      if (!split) return split.error();
      if (*split <= 0) return fail_at(split_col, fmt::format("column 'split': must be > 0, got {}", *split));
      if (*split != 1) {
        out.batch.events.push_back(Event{series->symbol, Date::from_key(ts), EventKind::split, *split, {}});
      }
    }
  }
  return out;
}

Result<ParsedFile> Parser::parse_instruments(const Header& header) {
  std::array<int, 4> cols{};
  constexpr std::array<std::string_view, 4> names{"symbol", "name", "sector", "industry"};
  for (std::size_t k = 0; k < cols.size(); ++k) {
    auto col = require(header, names[k], "instruments");
    if (!col) return col.error();
    cols[k] = *col;
  }
  const int exchange_col = header.find("exchange");
  const int currency_col = header.find("currency");
  ParsedFile out;
  out.format = CsvFormat::instruments;
  std::set<Symbol> seen;
  while (true) {
    auto more = next_row();
    if (!more) return more.error();
    if (!*more) break;
    ++out.rows;
    auto sym = symbol(cols[0], header);
    if (!sym) return sym.error();
    if (!seen.insert(*sym).second) {
      return fail_at(cols[0], fmt::format("column 'symbol': duplicate symbol '{}'", sym->view()));
    }
    Instrument instrument{*sym, std::string(text(cols[1])), std::string(text(cols[2])), std::string(text(cols[3])),
                          "", "USD", true};
    if (exchange_col != no_column) instrument.exchange = text(exchange_col);
    if (currency_col != no_column && !text(currency_col).empty()) instrument.currency = text(currency_col);
    out.batch.instruments.push_back(std::move(instrument));
  }
  return out;
}

Result<ParsedFile> Parser::parse_events(const Header& header) {
  auto symbol_col = require(header, "symbol", "events");
  if (!symbol_col) return symbol_col.error();
  auto date_col = require(header, "date", "events");
  if (!date_col) return date_col.error();
  const int kind_col = header.find("kind");
  const int time_col = header.find("time_of_day");
  const int value_col = header.find("value");
  ParsedFile out;
  out.format = CsvFormat::events;
  std::map<Symbol, Date> last_date;
  std::set<std::tuple<Symbol, Date, EventKind>> seen;
  while (true) {
    auto more = next_row();
    if (!more) return more.error();
    if (!*more) break;
    ++out.rows;
    auto sym = symbol(*symbol_col, header);
    if (!sym) return sym.error();
    auto date = iso_date(*date_col, header);
    if (!date) return date.error();
    EventKind kind = EventKind::earnings;
    if (kind_col != no_column && !text(kind_col).empty()) {
      auto parsed = parse_event_kind(normalise_name(text(kind_col)));
      if (!parsed) return fail_at(kind_col, fmt::format("column 'kind': {}", parsed.error().message));
      kind = *parsed;
    }
    double value = std::numeric_limits<double>::quiet_NaN();
    if (value_col != no_column && !text(value_col).empty()) {
      auto parsed = number(value_col, header);
      if (!parsed) return parsed.error();
      value = *parsed;
    }
    if (kind != EventKind::earnings && !(value > 0)) {
      return fail(reader_.line(), value_col != no_column ? fields_[static_cast<std::size_t>(value_col)].column : 1,
                  fmt::format("a {} event needs a positive 'value' (amount or ratio)", to_string(kind)));
    }
    std::string time_of_day;
    if (time_col != no_column) {
      time_of_day = normalise_name(text(time_col));
      if (time_of_day != "" && time_of_day != "bmo" && time_of_day != "amc") {
        return fail_at(time_col, fmt::format("column 'time_of_day': expected bmo, amc or empty, got '{}'",
                                             text(time_col)));
      }
    }
    auto [last, added] = last_date.try_emplace(*sym, *date);
    if (!added) {
      if (*date < last->second) {
        return fail_at(*date_col, fmt::format("column 'date': {} of {} is before the previous row's {} (dates must "
                                              "ascend per symbol)",
                                              text(*date_col), sym->view(), last->second.iso()));
      }
      last->second = *date;
    }
    if (!seen.emplace(*sym, *date, kind).second) {
      return fail_at(*date_col, fmt::format("column 'date': duplicate {} event of {} on {}", to_string(kind),
                                            sym->view(), text(*date_col)));
    }
    out.batch.events.push_back(Event{*sym, *date, kind, value, std::move(time_of_day)});
  }
  return out;
}

Result<ParsedFile> Parser::parse_macro(const Header& header) {
  ParsedFile out;
  out.format = CsvFormat::macro;
  if (stem_.empty()) return fail(1, 1, "the file name must be the series name");
  out.batch.macro.push_back(store::MacroSeries{stem_, {}});
  auto& points = out.batch.macro.front().points;
  std::optional<Date> previous;
  while (true) {
    auto more = next_row();
    if (!more) return more.error();
    if (!*more) break;
    ++out.rows;
    auto date = iso_date(0, header);
    if (!date) return date.error();
    if (previous && *date <= *previous) {
      return fail_at(0, fmt::format("column '{}': {} is not after the previous row's {} (dates must be ascending "
                                    "and unique)",
                                    header.name(0), text(0), previous->iso()));
    }
    previous = *date;
    if (text(1) == ".") {  // FRED's missing value
      ++out.skipped;
      continue;
    }
    auto value = number(1, header);
    if (!value) return value.error();
    points.push_back(MacroPoint{*date, *value});
  }
  return out;
}

Result<ParsedFile> Parser::run() {
  auto more = reader_.next(fields_);
  if (!more) return make_error(errc::malformed_row, fmt::format("{}:{}", file_, more.error().message));
  if (!*more) return fail(1, 1, "empty file: expected a header line");
  const Header header(fields_);
  const int header_line = reader_.line();
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header.names()[i].empty()) {
      return fail(header_line, fields_[i].column, fmt::format("empty column name in the header (column {})", i + 1));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (header.names()[j] == header.names()[i]) {
        return fail(header_line, fields_[i].column, fmt::format("duplicate column '{}' in the header", header.names()[i]));
      }
    }
  }
  expected_fields_ = header.size();

  const bool any_ohlc = header.has("open") || header.has("high") || header.has("low") || header.has("close");
  if (header.has("ticker") && header.has("per")) return parse_bars(header, CsvFormat::stooq_bulk);
  if (header.has("datetime") && any_ohlc) return parse_bars(header, CsvFormat::intraday);
  if (header.has("date") && any_ohlc) {
    if (header.has("dividend") || header.has("split")) return parse_bars(header, CsvFormat::prices);
    if (header.has("adj_close")) return parse_bars(header, CsvFormat::yahoo);
    return parse_bars(header, CsvFormat::daily);
  }
  if (header.has("symbol") && header.has("name")) return parse_instruments(header);
  if (header.has("symbol") && header.has("date")) return parse_events(header);
  if (header.size() == 2 && header.name(0) == "date") return parse_macro(header);
  return fail(header_line, 1,
              fmt::format("unrecognised header '{}': expected daily bars (date,open,high,low,close,volume[,adj_close]"
                          "[,dividend,split]), Stooq bulk (<TICKER>,<PER>,<DATE>,...), intraday (datetime,open,high,"
                          "low,close,volume), instruments (symbol,name,sector,industry), events (symbol,date[,kind,"
                          "time_of_day]) or a macro series (date,value)",
                          fmt::join(header.names(), ",")),
              errc::unknown_format);
}

}  // namespace

std::string_view to_string(CsvFormat format) {
  switch (format) {
    case CsvFormat::prices: return "prices";
    case CsvFormat::yahoo: return "yahoo";
    case CsvFormat::daily: return "daily";
    case CsvFormat::stooq_bulk: return "stooq-bulk";
    case CsvFormat::intraday: return "intraday";
    case CsvFormat::instruments: return "instruments";
    case CsvFormat::events: return "events";
    case CsvFormat::macro: return "macro";
  }
  return "unknown";
}

Result<ParsedFile> parse_csv(const std::filesystem::path& file, std::string_view text) {
  Parser parser(file, text);
  return parser.run();
}

Result<ParsedFile> parse_csv_file(const std::filesystem::path& file) {
  auto text = read_file(file);
  if (!text) return text.error();
  return parse_csv(file, *text);
}

}  // namespace streams::ingest
