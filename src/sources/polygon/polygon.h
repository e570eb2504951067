#pragma once
// polygon.io REST (also "Massive"): aggregates with next_url pagination, ticker details, splits,
// dividends and upcoming market holidays — the parsers (pure, simdjson) and a client over Fetcher.
// Formats: ../../../shared/data/polygon/FIELDS.md and polygon's OpenAPI document.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bar.h"
#include "core/instrument.h"
#include "core/result.h"
#include "core/symbol.h"
#include "sources/fetcher.h"

namespace streams::sources::polygon {

struct AggsPage {
  std::vector<Bar> bars;  // daily and longer bars keyed by their New York session date
  std::string next_url;   // empty on the last page
};

// GET /v2/aggs/ticker/{t}/range/{m}/{timespan}/{from}/{to}
Result<AggsPage> parse_aggs(std::string_view body, Timespan timespan);
// GET /v3/reference/tickers/{t}: name; sic_description → industry; primary_exchange; currency.
Result<Instrument> parse_ticker_details(std::string_view body);

struct EventsPage {
  std::vector<Event> events;
  std::string next_url;
};
// GET /v3/reference/splits: split_to / split_from on execution_date.
Result<EventsPage> parse_splits(std::string_view body);
// GET /v3/reference/dividends: cash_amount on ex_dividend_date.
Result<EventsPage> parse_dividends(std::string_view body);

struct MarketHoliday {
  Date date;
  std::string exchange;
  std::string name;
  std::string status;  // "closed" or "early-close"
};
// GET /v1/marketstatus/upcoming
Result<std::vector<MarketHoliday>> parse_upcoming_holidays(std::string_view body);

class Client {
 public:
  // base_url e.g. "https://api.polygon.io" (no trailing slash needed).
  Client(Fetcher& fetcher, std::string base_url);

  // Fetches [from, to] (dates "YYYY-MM-DD" or Unix-millisecond timestamps) page by page, calling
  // `on_page` after each; stops at the first error (of the fetch or of on_page). next_url is only
  // followed to the same scheme, host and port as base_url (the key is sent with it).
  Status aggregates(const Symbol& symbol, Timespan timespan, std::string_view from, std::string_view to, bool adjusted,
                    const std::function<Status(const AggsPage&)>& on_page);
  Result<Instrument> ticker(const Symbol& symbol);
  Result<std::vector<Event>> splits(const Symbol& symbol);
  Result<std::vector<Event>> dividends(const Symbol& symbol);
  Result<std::vector<MarketHoliday>> upcoming_holidays();

 private:
  Result<std::vector<Event>> events(const std::string& first_url,
                                    const std::function<Result<EventsPage>(std::string_view)>& parse);
  Status check_same_origin(std::string_view next_url) const;

  Fetcher& fetcher_;
  std::string base_url_;
};

}  // namespace streams::sources::polygon
