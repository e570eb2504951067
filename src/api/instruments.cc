// GET /api/v1/instruments and GET /api/v1/sectors.
#include <fmt/format.h>

#include "api/errc.h"
#include "api/handlers.h"
#include "api/params.h"
#include "core/json_writer.h"

namespace streams::api {

Response get_instruments(const Request& request, const PathParams&, const Services& services) {
  if (auto known = check_known(request.query, {"sector", "industry", "q"}); !known) return error_response(known.error());
  store::InstrumentFilter filter;
  for (auto [name, field] : {std::pair<std::string_view, std::string*>{"sector", &filter.sector},
                             {"industry", &filter.industry}, {"q", &filter.query}}) {
    auto value = single(request.query, name);
    if (!value) return error_response(value.error());
    if (*value) *field = std::move(**value);
  }
  if (filter.query.size() > services.limits.max_query_length || filter.sector.size() > 200 ||
      filter.industry.size() > 200) {
    const std::string_view name = filter.query.size() > services.limits.max_query_length ? "q"
                                  : filter.sector.size() > 200                          ? "sector"
                                                                                        : "industry";
    return error_response(make_error(errc::limit_exceeded, fmt::format("parameter '{}' is too long", name)));
  }
  const std::string key = fmt::format("instruments|{}|{}:{}|{}:{}|{}:{}", services.versions ? services.versions->reference() : 0,
                                      filter.sector.size(), filter.sector, filter.industry.size(), filter.industry,
                                      filter.query.size(), filter.query);
  return cached_json(services, key, [&]() -> Result<std::string> {
    auto rows = services.store.instruments(filter);
    if (!rows) return rows.error();
    JsonWriter json;
    json.reserve(rows->size() * 160 + 64);
    json.begin_object().key("instruments").begin_array();
    for (const Instrument& row : *rows) {
      json.begin_object();
      json.key("symbol").value(row.symbol.view());
      json.key("name").value(row.name);
      json.key("sector").value(row.sector);
      json.key("industry").value(row.industry);
      json.key("exchange").value(row.exchange);
      json.key("currency").value(row.currency);
      json.end_object();
    }
    json.end_array().key("count").value(rows->size()).end_object();
    return json.take();
  });
}

Response get_sectors(const Request& request, const PathParams&, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  const std::string key = fmt::format("sectors|{}", services.versions ? services.versions->reference() : 0);
  return cached_json(services, key, [&]() -> Result<std::string> {
    auto rows = services.store.sectors();
    if (!rows) return rows.error();
    JsonWriter json;
    json.begin_object().key("sectors").begin_array();
    for (const store::SectorSummary& sector : *rows) {
      json.begin_object().key("sector").value(sector.sector).key("count").value(sector.count);
      json.key("industries").begin_array();
      for (const store::IndustryCount& industry : sector.industries) {
        json.begin_object().key("industry").value(industry.industry).key("count").value(industry.count).end_object();
      }
      json.end_array().end_object();
    }
    json.end_array().end_object();
    return json.take();
  });
}

}  // namespace streams::api
