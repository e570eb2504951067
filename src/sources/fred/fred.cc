#include "sources/fred/fred.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "sources/json_util.h"
#include "sources/url.h"

namespace streams::sources::fred {
namespace {

Result<double> parse_value(std::string_view text, std::string_view where) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) {
    return make_error(errc::malformed, fmt::format("{}: value '{}' is not a number", where, text));
  }
  return value;
}

Status append_point(Observations& out, std::string_view date_text, std::string_view value_text, std::string_view where) {
  auto date = Date::parse(date_text);
  if (!date) return make_error(errc::malformed, fmt::format("{}: {}", where, date.error().message));
  if (!out.points.empty() && *date <= out.points.back().date) {
    return make_error(errc::malformed, fmt::format("{}: date {} is not after {}", where, date_text, out.points.back().date.iso()));
  }
  if (value_text == ".") {
    ++out.missing;
    return {};
  }
  auto value = parse_value(value_text, where);
  if (!value) return value.error();
  out.points.push_back({*date, *value});
  return {};
}

}  // namespace

Result<Observations> parse_observations(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (Status s = json::parse(parser, body, doc, "FRED observations"); !s) return s.error();
  if (auto message = json::string(doc, "error_message")) {
    return make_error(errc::provider, fmt::format("FRED: {}", *message));
  }
  simdjson::dom::array array;
  if (doc["observations"].get(array) != simdjson::SUCCESS) {
    return make_error(errc::malformed, "FRED observations: no 'observations' array");
  }
  Observations out;
  std::size_t index = 0;
  for (simdjson::dom::element o : array) {
    auto date = json::string(o, "date");
    auto value = json::string(o, "value");
    if (!date) return json::field_error("FRED observations", index, "date", "a string");
    if (!value) return json::field_error("FRED observations", index, "value", "a string");
    if (Status s = append_point(out, *date, *value, fmt::format("FRED observations[{}]", index)); !s) return s.error();
    ++index;
  }
  return out;
}

Result<Observations> parse_csv(std::string_view text) {
  Observations out;
  std::size_t line_number = 0;
  bool header_seen = false;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const auto comma = line.find(',');
    if (comma == std::string_view::npos || line.find(',', comma + 1) != std::string_view::npos) {
      return make_error(errc::malformed, fmt::format("FRED CSV line {}: expected two columns (date,value)", line_number));
    }
    std::string_view first = line.substr(0, comma);
    std::string_view second = line.substr(comma + 1);
    auto unquote = [](std::string_view s) {
      if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
      return s;
    };
    first = unquote(first);
    second = unquote(second);
    if (!header_seen) {
      std::string lower(first);
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower != "date" && lower != "observation_date") {
        return make_error(errc::malformed, fmt::format("FRED CSV line 1: header '{}' is not DATE/observation_date", first));
      }
      header_seen = true;
      continue;
    }
    if (Status s = append_point(out, first, second, fmt::format("FRED CSV line {}", line_number)); !s) return s.error();
  }
  if (!header_seen) return make_error(errc::malformed, "FRED CSV: empty");
  return out;
}

Client::Client(Fetcher& fetcher, std::string api_base) : fetcher_(fetcher), base_url_(std::move(api_base)) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

Result<Observations> Client::observations(std::string_view series_id) {
  return fetcher_.get<Observations>(
      fmt::format("{}/fred/series/observations?series_id={}&file_type=json", base_url_, percent_encode(series_id)),
      [](std::string_view body) { return parse_observations(body); });
}

}  // namespace streams::sources::fred
