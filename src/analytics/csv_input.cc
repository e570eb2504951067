#include "analytics/csv_input.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "analytics/errc.h"
#include "core/time.h"

namespace streams::analytics {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits one line into cells; a cell wrapped in double quotes may hold commas ("" is a quote).
// Returns false on an unterminated quote.
bool split_cells(std::string_view line, std::vector<std::string>& cells) {
  cells.clear();
  std::size_t i = 0;
  while (true) {
    std::string cell;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        cell.push_back(line[i++]);
      }
      if (!closed) return false;
      while (i < line.size() && line[i] != ',') ++i;  // blanks after the closing quote
    } else {
      const std::size_t start = i;
      while (i < line.size() && line[i] != ',') ++i;
      cell = std::string(trim(line.substr(start, i - start)));
    }
    cells.push_back(std::move(cell));
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

double parse_number(std::string_view cell) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  cell = trim(cell);
  if (cell.empty()) return nan;
  if (cell.front() == '+') cell.remove_prefix(1);
  double v = nan;
  const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || ptr != cell.data() + cell.size()) return nan;
  return v;
}

}  // namespace

Result<OpInput> parse_csv_input(std::string_view text, std::string_view name, std::string_view label) {
  const auto fail = [&](std::size_t line, std::string_view message) {
    return make_error(errc::invalid_input, fmt::format("{}:{}: {}", label, line, message));
  };
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM

  OpInput input;
  input.name = std::string(name);
  std::vector<std::string> header;
  std::vector<std::vector<double>*> targets;  // per header cell; nullptr for the date column
  std::size_t date_column = 0;
  std::vector<std::string> cells;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  bool have_header = false;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (trim(line).empty()) continue;
    if (!split_cells(line, cells)) return fail(line_no, "unterminated quoted cell");
    if (!have_header) {
      have_header = true;
      bool has_date = false;
      bool has_close = false;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        std::string column;
        for (const char c : trim(cells[i])) column.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        if (column.empty()) return fail(line_no, fmt::format("header cell {} is empty", i + 1));
        for (const auto& seen : header) {
          if (seen == column) return fail(line_no, fmt::format("column '{}' appears twice in the header", column));
        }
        if (column == "date") {
          has_date = true;
          date_column = i;
        }
        if (column == "close") has_close = true;
        header.push_back(column);
      }
      if (!has_date) return fail(line_no, "the header has no 'date' column");
      if (!has_close) return fail(line_no, "the header has no 'close' column");
      for (std::size_t i = 0; i < header.size(); ++i) {
        targets.push_back(i == date_column ? nullptr : &input.columns[header[i]]);
      }
      continue;
    }
    if (cells.size() != header.size()) {
      return fail(line_no, fmt::format("{} cells, the header has {}", cells.size(), header.size()));
    }
    const std::string_view date_text = trim(cells[date_column]);
    auto date = Date::parse(date_text);
    if (!date) return fail(line_no, fmt::format("'{}' is not an ISO date (YYYY-MM-DD)", date_text));
    const std::int32_t days = date->days();
    if (!input.dates.empty() && days <= input.dates.back()) {
      return fail(line_no, fmt::format("date {} is not after the previous row's", date_text));
    }
    input.dates.push_back(days);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (targets[i] != nullptr) targets[i]->push_back(parse_number(cells[i]));
    }
  }
  if (!have_header) return fail(1, "empty file: expected a header with 'date' and 'close'");
  return input;
}

}  // namespace streams::analytics
