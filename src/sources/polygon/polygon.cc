#include "sources/polygon/polygon.h"

#include <fmt/format.h>

#include <cmath>

#include "sources/json_util.h"
#include "sources/url.h"

namespace streams::sources::polygon {

Result<AggsPage> parse_aggs(std::string_view body, Timespan timespan) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (Status s = json::parse(parser, body, doc, "polygon aggregates"); !s) return s.error();
  if (!doc.is_object()) return make_error(errc::malformed, "polygon aggregates: the body is not a JSON object");
  if (auto status = json::string(doc, "status"); status && *status == "ERROR") {
    return make_error(errc::provider, fmt::format("polygon aggregates: status ERROR: {}",
                                                  json::string(doc, "error").value_or("(no message)")));
  }
  AggsPage page;
  if (auto next = json::string(doc, "next_url")) page.next_url = std::string(*next);
  simdjson::dom::element results;
  if (doc["results"].get(results) == simdjson::NO_SUCH_FIELD) return page;  // no bars in the range
  simdjson::dom::array array;
  if (results.get(array) != simdjson::SUCCESS) return make_error(errc::malformed, "polygon aggregates: 'results' is not an array");
  page.bars.reserve(array.size());
  std::size_t index = 0;
  for (simdjson::dom::element r : array) {
    std::int64_t t = 0;
    if (!r.is_object()) return make_error(errc::malformed, fmt::format("polygon results[{}]: not an object", index));
    if (r["t"].get(t) != simdjson::SUCCESS) return json::field_error("polygon results", index, "t", "an integer (ms)");
    Bar bar;
    bar.ts = Timestamp::from_millis(t);
    if (!timespan.intraday()) bar.ts = exchange_date(bar.ts).key();
    struct Field {
      const char* name;
      double* out;
    };
    for (auto [name, out] : {Field{"o", &bar.open}, Field{"h", &bar.high}, Field{"l", &bar.low},
                             Field{"c", &bar.close}, Field{"v", &bar.volume}}) {
      auto value = json::number(r, name);
      if (!value || !std::isfinite(*value)) return json::field_error("polygon results", index, name, "a number");
      *out = *value;
    }
    if (auto vw = json::number(r, "vw")) bar.vwap = *vw;
    if (auto n = json::number(r, "n")) bar.trades = static_cast<std::int64_t>(*n);
    page.bars.push_back(bar);
    ++index;
  }
  return page;
}

Result<Instrument> parse_ticker_details(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (Status s = json::parse(parser, body, doc, "polygon ticker details"); !s) return s.error();
  simdjson::dom::element r;
  if (doc["results"].get(r) != simdjson::SUCCESS || !r.is_object()) {
    return make_error(errc::malformed, "polygon ticker details: no 'results' object");
  }
  auto ticker = json::string(r, "ticker");
  if (!ticker) return make_error(errc::malformed, "polygon ticker details: no 'ticker'");
  auto symbol = Symbol::parse(*ticker);
  if (!symbol) return make_error(errc::malformed, fmt::format("polygon ticker details: {}", symbol.error().message));
  Instrument instrument{*symbol, {}, {}, {}, {}, "USD", true};
  instrument.name = std::string(json::string(r, "name").value_or(""));
  instrument.industry = std::string(json::string(r, "sic_description").value_or(""));
  instrument.exchange = std::string(json::string(r, "primary_exchange").value_or(""));
  std::string currency(json::string(r, "currency_name").value_or("usd"));
  for (char& c : currency) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  instrument.currency = currency;
  bool active = true;
  if (r["active"].get(active) == simdjson::SUCCESS) instrument.active = active;
  return instrument;
}

namespace {

Result<EventsPage> parse_events(std::string_view body, std::string_view what,
                                const std::function<Result<Event>(simdjson::dom::element, std::size_t)>& one) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (Status s = json::parse(parser, body, doc, what); !s) return s.error();
  if (!doc.is_object()) return make_error(errc::malformed, fmt::format("{}: the body is not a JSON object", what));
  EventsPage page;
  if (auto next = json::string(doc, "next_url")) page.next_url = std::string(*next);
  simdjson::dom::element results;
  if (doc["results"].get(results) == simdjson::NO_SUCH_FIELD) return page;
  simdjson::dom::array array;
  if (results.get(array) != simdjson::SUCCESS) return make_error(errc::malformed, fmt::format("{}: 'results' is not an array", what));
  std::size_t index = 0;
  for (simdjson::dom::element r : array) {
    auto event = one(r, index++);
    if (!event) return event.error();
    page.events.push_back(std::move(*event));
  }
  return page;
}

Result<std::pair<Symbol, Date>> symbol_and_date(simdjson::dom::element r, std::size_t index, std::string_view what,
                                                std::string_view date_field) {
  auto ticker = json::string(r, "ticker");
  if (!ticker) return json::field_error(what, index, "ticker", "a string");
  auto symbol = Symbol::parse(*ticker);
  if (!symbol) return make_error(errc::malformed, fmt::format("{}[{}]: {}", what, index, symbol.error().message));
  auto date_text = json::string(r, date_field);
  if (!date_text) return json::field_error(what, index, date_field, "a date");
  auto date = Date::parse(*date_text);
  if (!date) return make_error(errc::malformed, fmt::format("{}[{}]: {}", what, index, date.error().message));
  return std::pair{*symbol, *date};
}

}  // namespace

Result<EventsPage> parse_splits(std::string_view body) {
  return parse_events(body, "polygon splits", [](simdjson::dom::element r, std::size_t index) -> Result<Event> {
    auto head = symbol_and_date(r, index, "polygon splits", "execution_date");
    if (!head) return head.error();
    auto from = json::number(r, "split_from");
    auto to = json::number(r, "split_to");
    if (!from || !(*from > 0)) return json::field_error("polygon splits", index, "split_from", "a positive number");
    if (!to || !(*to > 0)) return json::field_error("polygon splits", index, "split_to", "a positive number");
    return Event{head->first, head->second, EventKind::split, *to / *from, ""};
  });
}

Result<EventsPage> parse_dividends(std::string_view body) {
  return parse_events(body, "polygon dividends", [](simdjson::dom::element r, std::size_t index) -> Result<Event> {
    auto head = symbol_and_date(r, index, "polygon dividends", "ex_dividend_date");
    if (!head) return head.error();
    auto cash = json::number(r, "cash_amount");
    if (!cash || !(*cash >= 0)) return json::field_error("polygon dividends", index, "cash_amount", "a number >= 0");
    return Event{head->first, head->second, EventKind::dividend, *cash, ""};
  });
}

Result<std::vector<MarketHoliday>> parse_upcoming_holidays(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (Status s = json::parse(parser, body, doc, "polygon upcoming holidays"); !s) return s.error();
  simdjson::dom::array array;
  if (doc.get(array) != simdjson::SUCCESS) return make_error(errc::malformed, "polygon upcoming holidays: not a JSON array");
  std::vector<MarketHoliday> out;
  std::size_t index = 0;
  for (simdjson::dom::element r : array) {
    auto date_text = json::string(r, "date");
    if (!date_text) return json::field_error("polygon holidays", index, "date", "a date");
    auto date = Date::parse(*date_text);
    if (!date) return make_error(errc::malformed, fmt::format("polygon holidays[{}]: {}", index, date.error().message));
    out.push_back({*date, std::string(json::string(r, "exchange").value_or("")),
                   std::string(json::string(r, "name").value_or("")), std::string(json::string(r, "status").value_or(""))});
    ++index;
  }
  return out;
}

// ---- client --------------------------------------------------------------------------------

Client::Client(Fetcher& fetcher, std::string base_url) : fetcher_(fetcher), base_url_(std::move(base_url)) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

Status Client::check_same_origin(std::string_view next_url) const {
  auto base = parse_url(base_url_);
  auto next = parse_url(next_url);
  if (!base) return base.error();
  if (!next) return next.error();
  if (base->scheme != next->scheme || base->host != next->host || base->port != next->port) {
    return make_error(errc::malformed, fmt::format("polygon next_url {} leaves {}: not followed (the API key would go with it)",
                                                   redact_url(next_url), base_url_));
  }
  return {};
}

Status Client::aggregates(const Symbol& symbol, Timespan timespan, std::string_view from, std::string_view to,
                          bool adjusted, const std::function<Status(const AggsPage&)>& on_page) {
  std::string url = fmt::format("{}/v2/aggs/ticker/{}/range/{}/{}/{}/{}?adjusted={}&sort=asc&limit=50000", base_url_,
                                percent_encode(symbol.str()), timespan.multiplier, to_string(timespan.unit), from, to,
                                adjusted ? "true" : "false");
  for (;;) {
    auto page = fetcher_.get<AggsPage>(url, [timespan](std::string_view body) { return parse_aggs(body, timespan); });
    if (!page) return page.error();
    if (Status s = on_page(*page); !s) return s;
    if (page->next_url.empty()) return {};
    if (Status s = check_same_origin(page->next_url); !s) return s;
    url = page->next_url;
  }
}

Result<Instrument> Client::ticker(const Symbol& symbol) {
  return fetcher_.get<Instrument>(fmt::format("{}/v3/reference/tickers/{}", base_url_, percent_encode(symbol.str())),
                                  [](std::string_view body) { return parse_ticker_details(body); });
}

Result<std::vector<Event>> Client::events(const std::string& first_url,
                                          const std::function<Result<EventsPage>(std::string_view)>& parse) {
  std::vector<Event> out;
  std::string url = first_url;
  for (int pages = 0; pages < 1000; ++pages) {
    auto page = fetcher_.get<EventsPage>(url, parse);
    if (!page) return page.error();
    out.insert(out.end(), page->events.begin(), page->events.end());
    if (page->next_url.empty()) return out;
    if (Status s = check_same_origin(page->next_url); !s) return s.error();
    url = page->next_url;
  }
  return out;
}

Result<std::vector<Event>> Client::splits(const Symbol& symbol) {
  return events(fmt::format("{}/v3/reference/splits?ticker={}&limit=1000", base_url_, percent_encode(symbol.str())),
                [](std::string_view body) { return parse_splits(body); });
}

Result<std::vector<Event>> Client::dividends(const Symbol& symbol) {
  return events(fmt::format("{}/v3/reference/dividends?ticker={}&limit=1000", base_url_, percent_encode(symbol.str())),
                [](std::string_view body) { return parse_dividends(body); });
}

Result<std::vector<MarketHoliday>> Client::upcoming_holidays() {
  return fetcher_.get<std::vector<MarketHoliday>>(fmt::format("{}/v1/marketstatus/upcoming", base_url_),
                                                  [](std::string_view body) { return parse_upcoming_holidays(body); });
}

}  // namespace streams::sources::polygon
