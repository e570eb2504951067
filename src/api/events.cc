// GET /api/v1/events: earnings dates, dividends and splits of up to 20 symbols from the store,
// columnar per symbol, in date order.
#include <fmt/format.h>

#include <array>

#include "api/bars_query.h"
#include "api/errc.h"
#include "api/handlers.h"
#include "api/params.h"
#include "core/json_writer.h"

namespace streams::api {
namespace {

constexpr std::array<EventKind, 3> all_kinds{EventKind::earnings, EventKind::dividend, EventKind::split};

// kind=earnings,split → those kinds; absent → every kind.
Result<std::vector<EventKind>> parse_kinds(const Query& query) {
  auto text = single(query, "kind");
  if (!text) return text.error();
  if (!*text) return std::vector<EventKind>(all_kinds.begin(), all_kinds.end());
  std::vector<EventKind> out;
  std::string_view rest = **text;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    auto kind = parse_event_kind(item);
    if (!kind) {
      return make_error(errc::invalid_parameter,
                        fmt::format("parameter 'kind': '{}' is not one of earnings, dividend, split", item));
    }
    if (std::find(out.begin(), out.end(), *kind) == out.end()) out.push_back(*kind);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

Result<std::string> produce_events(const BarsQuery& query, const std::vector<EventKind>& kinds,
                                   const Services& services) {
  JsonWriter json;
  json.begin_object().key("series").begin_array();
  for (const Symbol& symbol : query.symbols) {
    auto events = services.store.events(symbol, query.from, query.to);
    if (!events) return events.error();
    if (events->empty()) {
      auto instrument = services.store.instrument(symbol);
      if (!instrument) return instrument.error();
      if (!*instrument) {
        auto any = services.store.bars(symbol, Timespan::daily(), store::TimeRange{});
        if (!any) return any.error();
        if (any->empty()) {
          return make_error(errc::not_found, fmt::format("parameter 'symbols': unknown symbol '{}'", symbol.view()));
        }
      }
    }
    std::vector<const Event*> rows;
    for (const Event& event : *events) {
      if (std::find(kinds.begin(), kinds.end(), event.kind) != kinds.end()) rows.push_back(&event);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Event* a, const Event* b) { return a->date < b->date; });
    json.begin_object().key("symbol").value(symbol.view());
    json.key("t").begin_array();
    for (const Event* e : rows) json.value(e->date.iso());
    json.end_array().key("kind").begin_array();
    for (const Event* e : rows) json.value(to_string(e->kind));
    json.end_array().key("value").begin_array();
    for (const Event* e : rows) {
      if (e->kind == EventKind::earnings) {
        json.null();
      } else {
        json.value(e->value);
      }
    }
    json.end_array().key("time_of_day").begin_array();
    for (const Event* e : rows) {
      if (e->time_of_day.empty()) {
        json.null();
      } else {
        json.value(e->time_of_day);
      }
    }
    json.end_array().end_object();
  }
  json.end_array().end_object();
  return json.take();
}

}  // namespace

Response get_events(const Request& request, const PathParams&, const Services& services) {
  auto query = parse_bars_query(request.query, services.limits, {"symbols", "from", "to", "kind"});
  if (!query) return error_response(query.error());
  auto kinds = parse_kinds(request.query);
  if (!kinds) return error_response(kinds.error());
  const auto produce = [&] { return produce_events(*query, *kinds, services); };
  if (services.cache == nullptr || services.versions == nullptr) {
    auto body = produce();
    return body ? json_response(std::move(*body)) : error_response(body.error());
  }
  std::string key = "events|" + bars_cache_key(*query, *services.versions) + "|";
  for (const EventKind kind : *kinds) key += std::string(to_string(kind)) + ",";
  return cached_json(services, key, produce);
}

}  // namespace streams::api
