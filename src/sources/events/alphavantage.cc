#include "sources/events/alphavantage.h"

#include <fmt/format.h>

#include <algorithm>

#include "sources/json_util.h"
#include "sources/url.h"

namespace streams::sources::alphavantage {

Result<std::vector<Event>> parse_earnings(std::string_view body, const Symbol& asked) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (Status s = json::parse(parser, body, doc, "Alpha Vantage EARNINGS"); !s) return s.error();
  if (!doc.is_object()) return make_error(errc::malformed, "Alpha Vantage EARNINGS: the body is not a JSON object");
  for (const char* key : {"Error Message", "Information", "Note"}) {
    if (auto message = json::string(doc, key)) {
      return make_error(errc::provider, fmt::format("Alpha Vantage: {}", *message));
    }
  }
  auto symbol_text = json::string(doc, "symbol");
  if (!symbol_text) return make_error(errc::malformed, "Alpha Vantage EARNINGS: no 'symbol'");
  if (*symbol_text != asked.str()) {
    return make_error(errc::malformed, fmt::format("Alpha Vantage EARNINGS: answered for '{}', asked for '{}'", *symbol_text, asked.str()));
  }
  simdjson::dom::array quarters;
  if (doc["quarterlyEarnings"].get(quarters) != simdjson::SUCCESS) {
    return make_error(errc::malformed, "Alpha Vantage EARNINGS: no 'quarterlyEarnings' array");
  }
  std::vector<Event> out;
  std::size_t index = 0;
  for (simdjson::dom::element q : quarters) {
    auto reported = json::string(q, "reportedDate");
    if (!reported) return json::field_error("Alpha Vantage quarterlyEarnings", index, "reportedDate", "a date");
    auto date = Date::parse(*reported);
    if (!date) return make_error(errc::malformed, fmt::format("Alpha Vantage quarterlyEarnings[{}]: {}", index, date.error().message));
    std::string time_of_day;
    if (auto when = json::string(q, "reportTime")) {
      if (*when == "pre-market") time_of_day = "bmo";
      if (*when == "post-market") time_of_day = "amc";
    }
    out.push_back(Event{asked, *date, EventKind::earnings, 0, std::move(time_of_day)});
    ++index;
  }
  std::sort(out.begin(), out.end(), [](const Event& a, const Event& b) { return a.date < b.date; });
  out.erase(std::unique(out.begin(), out.end(), [](const Event& a, const Event& b) { return a.date == b.date; }), out.end());
  return out;
}

Client::Client(Fetcher& fetcher, std::string base_url) : fetcher_(fetcher), base_url_(std::move(base_url)) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

Result<std::vector<Event>> Client::earnings(const Symbol& symbol) {
  return fetcher_.get<std::vector<Event>>(
      fmt::format("{}/query?function=EARNINGS&symbol={}", base_url_, percent_encode(symbol.str())),
      [&symbol](std::string_view body) { return parse_earnings(body, symbol); });
}

}  // namespace streams::sources::alphavantage
