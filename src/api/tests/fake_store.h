#pragma once
// An in-memory store::Store for the API tests: a few instruments, bars, events and macro points
// that a test sets up directly. Counts the bar queries so tests can see the response cache work.

#include <algorithm>
#include <atomic>
#include <map>
#include <stdexcept>

#include "core/errc.h"
#include "store/errc.h"
#include "store/store.h"

namespace streams::api::testing {

inline Symbol sym(std::string_view text) { return *Symbol::parse(text); }
inline Date day(std::string_view text) { return *Date::parse(text); }

inline Bar daily_bar(std::string_view date, double open, double high, double low, double close, double volume) {
  Bar bar;
  bar.ts = day(date).key();
  bar.open = open;
  bar.high = high;
  bar.low = low;
  bar.close = close;
  bar.volume = volume;
  return bar;
}

class FakeStore final : public store::Store {
 public:
  std::vector<Instrument> instrument_rows;
  std::map<std::string, std::vector<Bar>> daily;   // by symbol
  std::map<std::string, std::vector<Bar>> minute;  // by symbol
  std::vector<Event> event_rows;
  std::map<std::string, std::vector<MacroPoint>> macro_rows;
  bool available = true;
  bool throw_on_instruments = false;  // a bug in a handler, for the server's catch boundary
  std::atomic<int> bar_queries{0};

  Result<store::SchemaStatus> migrate() override { return store::SchemaStatus{3, 3}; }
  Result<store::SchemaStatus> schema_status() override {
    if (!available) return make_error(store::errc::unavailable, "database is locked");
    return store::SchemaStatus{3, 3};
  }
  Result<store::WriteReport> write(const store::WriteBatch&) override { return store::WriteReport{}; }

  Result<std::vector<Instrument>> instruments(const store::InstrumentFilter& filter) override {
    if (!available) return make_error(store::errc::unavailable, "database is locked");
    if (throw_on_instruments) throw std::logic_error("instruments: simulated bug");
    std::vector<Instrument> out;
    for (const Instrument& row : instrument_rows) {
      if (!filter.sector.empty() && row.sector != filter.sector) continue;
      if (!filter.industry.empty() && row.industry != filter.industry) continue;
      if (!filter.query.empty() && lower(row.symbol.str()).find(lower(filter.query)) == std::string::npos &&
          lower(row.name).find(lower(filter.query)) == std::string::npos) {
        continue;
      }
      out.push_back(row);
    }
    return out;
  }
  Result<std::optional<Instrument>> instrument(const Symbol& symbol) override {
    for (const Instrument& row : instrument_rows) {
      if (row.symbol == symbol) return std::optional<Instrument>{row};
    }
    return std::optional<Instrument>{};
  }
  Result<std::vector<store::SectorSummary>> sectors() override {
    std::map<std::string, std::map<std::string, std::int64_t>> counts;
    for (const Instrument& row : instrument_rows) ++counts[row.sector][row.industry];
    std::vector<store::SectorSummary> out;
    for (const auto& [sector, industries] : counts) {
      store::SectorSummary summary{sector, 0, {}};
      for (const auto& [industry, n] : industries) {
        summary.count += n;
        summary.industries.push_back({industry, n});
      }
      out.push_back(summary);
    }
    return out;
  }
  Result<std::vector<Bar>> bars(const Symbol& symbol, Timespan timespan, const store::TimeRange& range) override {
    ++bar_queries;
    if (!available) return make_error(store::errc::unavailable, "database is locked");
    const auto& table = timespan.intraday() ? minute : daily;
    std::vector<Bar> out;
    auto found = table.find(symbol.str());
    if (found == table.end()) return out;
    for (const Bar& bar : found->second) {
      if (range.from && bar.ts < *range.from) continue;
      if (range.to && bar.ts > *range.to) continue;
      out.push_back(bar);
    }
    return out;
  }
  Result<std::int64_t> bar_count() override {
    std::int64_t n = 0;
    for (const auto& [symbol, rows] : daily) n += static_cast<std::int64_t>(rows.size());
    return n;
  }
  Result<std::vector<Event>> events(const Symbol& symbol, std::optional<Date> from, std::optional<Date> to) override {
    std::vector<Event> out;
    for (const Event& event : event_rows) {
      if (event.symbol != symbol || (from && event.date < *from) || (to && event.date > *to)) continue;
      out.push_back(event);
    }
    return out;
  }
  Result<std::vector<std::string>> macro_series() override {
    std::vector<std::string> out;
    for (const auto& [name, points] : macro_rows) out.push_back(name);
    return out;
  }
  Result<std::vector<MacroPoint>> macro(std::string_view series, std::optional<Date> from,
                                        std::optional<Date> to) override {
    std::vector<MacroPoint> out;
    auto found = macro_rows.find(std::string(series));
    if (found == macro_rows.end()) return out;
    for (const MacroPoint& point : found->second) {
      if ((from && point.date < *from) || (to && point.date > *to)) continue;
      out.push_back(point);
    }
    return out;
  }
  Result<std::optional<std::string>> ingest_state(std::string_view) override { return std::optional<std::string>{}; }

 private:
  static std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return text;
  }
};

// AAPL around its 4:1 split of 2020-08-31 (as traded, from data/demo/prices/AAPL.csv), MSFT, and
// one minute of JPM; CPIAUCSL with three points.
inline void fill_demo(FakeStore& store) {
  store.instrument_rows = {
      {sym("AAPL"), "Apple Inc.", "Information Technology", "Technology Hardware, Storage & Peripherals", "NASDAQ", "USD", true},
      {sym("MSFT"), "Microsoft Corp.", "Information Technology", "Systems Software", "NASDAQ", "USD", true},
      {sym("JPM"), "JPMorgan Chase & Co.", "Financials", "Diversified Banks", "NYSE", "USD", true},
      {sym("XOM"), "Exxon Mobil Corp.", "Energy", "Integrated Oil & Gas", "NYSE", "USD", true},
  };
  store.daily["AAPL"] = {
      daily_bar("2020-08-27", 508.57, 509.94, 495.33, 500.04, 38888096),
      daily_bar("2020-08-28", 504.05, 505.77, 498.31, 499.23, 46907479),
      daily_bar("2020-08-31", 127.58, 131.0, 126.0, 129.04, 223505733),
      daily_bar("2020-09-01", 132.76, 134.8, 130.53, 134.18, 152470142),
      daily_bar("2020-11-06", 118.32, 119.2, 116.13, 118.69, 114457922),
  };
  store.daily["MSFT"] = {
      daily_bar("2020-08-28", 228.18, 230.64, 226.58, 228.91, 26292896),
      daily_bar("2020-08-31", 227.0, 228.7, 224.31, 225.53, 28774154),
  };
  store.event_rows = {
      Event{sym("AAPL"), day("2020-08-07"), EventKind::dividend, 0.82, {}},
      Event{sym("AAPL"), day("2020-08-31"), EventKind::split, 4.0, {}},
      Event{sym("AAPL"), day("2020-10-30"), EventKind::earnings, 0, {}},
      Event{sym("AAPL"), day("2020-11-06"), EventKind::dividend, 0.205, {}},
  };
  Bar minute_bar = daily_bar("2019-02-11", 107.0, 107.2, 106.9, 107.1, 1000);
  minute_bar.ts = *Timestamp::parse("2019-02-11T14:31:00Z");
  store.minute["JPM"] = {minute_bar};
  store.macro_rows["CPIAUCSL"] = {{day("2020-01-01"), 258.682}, {day("2020-02-01"), 259.007}, {day("2020-03-01"), 258.165}};
  store.macro_rows["FEDFUNDS"] = {{day("2020-01-01"), 1.55}};
}

}  // namespace streams::api::testing
