// GET /api/v1/bars: columnar OHLCV series of up to 20 symbols, split- (and dividend-) adjusted.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "api/bars_query.h"
#include "api/errc.h"
#include "api/handlers.h"
#include "api/params.h"
#include "core/adjustment.h"
#include "core/json_writer.h"

namespace streams::api {
namespace {

Result<std::vector<Symbol>> parse_symbols(const Query& query, const Limits& limits) {
  auto text = single(query, "symbols");
  if (!text) return text.error();
  if (!*text) {
    return make_error(errc::missing_parameter,
                      "parameter 'symbols' is required: comma-separated tickers, e.g. symbols=AAPL,MSFT");
  }
  std::vector<Symbol> out;
  std::string_view rest = **text;
  std::size_t position = 0;
  while (true) {
    ++position;
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    if (item.empty()) {
      return make_error(errc::invalid_parameter, fmt::format("parameter 'symbols': symbol {} is empty", position));
    }
    auto symbol = Symbol::parse(item);
    if (!symbol) return make_error(errc::invalid_parameter, fmt::format("parameter 'symbols': {}", symbol.error().message));
    if (std::find(out.begin(), out.end(), *symbol) == out.end()) out.push_back(std::move(*symbol));
    if (out.size() > limits.max_symbols) {
      return make_error(errc::limit_exceeded, fmt::format("parameter 'symbols': at most {} symbols", limits.max_symbols));
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

Result<BarsQuery> parse_bars_query(const Query& query, const Limits& limits, std::initializer_list<std::string_view> known) {
  if (auto check = check_known(query, known); !check) return check.error();
  BarsQuery out;
  auto symbols = parse_symbols(query, limits);
  if (!symbols) return symbols.error();
  out.symbols = std::move(*symbols);

  auto from = date_param(query, "from");
  if (!from) return from.error();
  auto to = date_param(query, "to");
  if (!to) return to.error();
  if (auto order = check_order(*from, *to); !order) return order.error();
  out.from = *from;
  out.to = *to;

  auto timespan = single(query, "timespan");
  if (!timespan) return timespan.error();
  if (*timespan && **timespan == "minute") {
    out.timespan = Timespan::minutes(1);
  } else if (*timespan && **timespan != "day") {
    return make_error(errc::invalid_parameter,
                      fmt::format("parameter 'timespan': expected day or minute, got '{}'", **timespan));
  }
  if (out.timespan.intraday() && out.from && out.to && out.to->days() - out.from->days() + 1 > limits.max_intraday_days) {
    return make_error(errc::limit_exceeded, fmt::format("parameters 'from'/'to': at most {} days of minute bars per request",
                                                        limits.max_intraday_days));
  }

  auto adjust = single(query, "adjust");
  if (!adjust) return adjust.error();
  if (*adjust) {
    if (**adjust == "none") {
      out.adjust = Adjust::none;
    } else if (**adjust == "splits") {
      out.adjust = Adjust::splits;
    } else if (**adjust == "all") {
      out.adjust = Adjust::all;
    } else {
      return make_error(errc::invalid_parameter,
                        fmt::format("parameter 'adjust': expected splits, all or none, got '{}'", **adjust));
    }
  }
  return out;
}

namespace {

// The stored range of a query: session-date keys for daily bars; for intraday bars the New York
// days from..to (a session date is an exchange-local day).
store::TimeRange time_range(const BarsQuery& query) {
  store::TimeRange range;
  if (query.timespan.intraday()) {
    if (query.from) range.from = exchange_time(*query.from, 0, 0);
    if (query.to) range.to = Timestamp::from_millis(exchange_time(*query.to + 1, 0, 0).millis() - 1);
  } else {
    if (query.from) range.from = query.from->key();
    if (query.to) range.to = query.to->key();
  }
  return range;
}

}  // namespace

std::string bars_cache_key(const BarsQuery& query, const cache::Versions& versions) {
  std::string key = "bars|";
  for (const Symbol& symbol : query.symbols) {
    key += symbol.view();
    key += '@';
    key += std::to_string(versions.symbol(symbol));
    key += ',';
  }
  key += '|';
  key += query.from ? query.from->iso() : std::string();
  key += '|';
  key += query.to ? query.to->iso() : std::string();
  key += '|';
  key += to_string(query.timespan.unit);
  key += '|';
  key += to_string(query.adjust);
  return key;
}

namespace {

void write_series(JsonWriter& json, const Symbol& symbol, const std::vector<Bar>& bars, bool intraday) {
  json.begin_object().key("symbol").value(symbol.view());
  json.key("t").begin_array();
  for (const Bar& bar : bars) {
    if (intraday) {
      json.value(bar.ts.iso());
    } else {
      json.value(Date::from_key(bar.ts).iso());
    }
  }
  json.end_array();
  const auto column = [&](std::string_view name, double Bar::*field) {
    json.key(name).begin_array();
    for (const Bar& bar : bars) json.value(bar.*field);
    json.end_array();
  };
  column("open", &Bar::open);
  column("high", &Bar::high);
  column("low", &Bar::low);
  column("close", &Bar::close);
  column("volume", &Bar::volume);
  json.end_object();
}

Date session_of(const Bar& bar, const Timespan& timespan) {
  return timespan.intraday() ? exchange_date(bar.ts) : Date::from_key(bar.ts);
}

// Adjusts one symbol's bars (core/adjustment.h). Events are read from the first bar's session on:
// splits after `to` still move every bar before them. A dividend after the last bar needs the
// close of its ex-date session, so that session's bars are read, appended for the computation,
// and dropped again — the result does not depend on where `to` ends.
Status apply_adjustment(const Symbol& symbol, const BarsQuery& query, std::vector<Bar>& bars, store::Store& source) {
  const Date first = session_of(bars.front(), query.timespan);
  const Date last = session_of(bars.back(), query.timespan);
  auto events = source.events(symbol, first, std::nullopt);
  if (!events) return events.error();
  const std::size_t requested = bars.size();
  if (query.adjust == Adjust::all) {
    std::vector<Date> later_dividends;
    for (const Event& event : *events) {
      if (event.kind == EventKind::dividend && event.date > last) later_dividends.push_back(event.date);
    }
    std::sort(later_dividends.begin(), later_dividends.end());
    later_dividends.erase(std::unique(later_dividends.begin(), later_dividends.end()), later_dividends.end());
    for (const Date ex_date : later_dividends) {
      BarsQuery session = query;
      session.from = ex_date;
      session.to = ex_date;
      auto extra = source.bars(symbol, query.timespan, time_range(session));
      if (!extra) return extra.error();
      bars.insert(bars.end(), extra->begin(), extra->end());
    }
  }
  adjust_bars(bars, *events, query.adjust, query.timespan);
  bars.resize(requested);
  return {};
}

}  // namespace

Result<std::vector<std::vector<Bar>>> load_bars(const BarsQuery& query, const Services& services) {
  const store::TimeRange range = time_range(query);
  std::vector<std::vector<Bar>> series;
  series.reserve(query.symbols.size());
  std::size_t points = 0;
  for (const Symbol& symbol : query.symbols) {
    auto bars = services.store.bars(symbol, query.timespan, range);
    if (!bars) return bars.error();
    if (bars->empty()) {
      // No bars in the range: a known instrument gets an empty series, anything else is a 404.
      auto instrument = services.store.instrument(symbol);
      if (!instrument) return instrument.error();
      if (!*instrument) {
        auto any = services.store.bars(symbol, query.timespan, store::TimeRange{});
        if (!any) return any.error();
        if (any->empty()) {
          return make_error(errc::not_found, fmt::format("parameter 'symbols': unknown symbol '{}'", symbol.view()));
        }
      }
    }
    points += bars->size();
    if (points > services.limits.max_points) {
      return make_error(errc::limit_exceeded,
                        fmt::format("parameters 'from'/'to': the request selects more than {} bars; narrow the range",
                                    services.limits.max_points));
    }
    if (query.adjust != Adjust::none && !bars->empty()) {
      auto status = apply_adjustment(symbol, query, *bars, services.store);
      if (!status) return status.error();
    }
    series.push_back(std::move(*bars));
  }
  return series;
}

namespace {

Result<std::string> produce_bars(const BarsQuery& query, const Services& services) {
  auto loaded = load_bars(query, services);
  if (!loaded) return loaded.error();
  const std::vector<std::vector<Bar>>& series = *loaded;
  std::size_t points = 0;
  for (const auto& bars : series) points += bars.size();
  JsonWriter json;
  json.reserve(points * (query.timespan.intraday() ? 90 : 70) + 256);
  json.begin_object();
  json.key("timespan").value(to_string(query.timespan.unit));
  json.key("adjust").value(to_string(query.adjust));
  json.key("series").begin_array();
  for (std::size_t k = 0; k < query.symbols.size(); ++k) {
    write_series(json, query.symbols[k], series[k], query.timespan.intraday());
  }
  json.end_array().end_object();
  return json.take();
}

}  // namespace

Response get_bars(const Request& request, const PathParams&, const Services& services) {
  auto query = parse_bars_query(request.query, services.limits, {"symbols", "from", "to", "timespan", "adjust"});
  if (!query) return error_response(query.error());
  if (services.cache == nullptr || services.versions == nullptr) {
    auto body = produce_bars(*query, services);
    return body ? json_response(std::move(*body)) : error_response(body.error());
  }
  return cached_json(services, bars_cache_key(*query, *services.versions), [&] { return produce_bars(*query, services); });
}

}  // namespace streams::api
