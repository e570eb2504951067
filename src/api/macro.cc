// GET /api/v1/macro (the series held) and GET /api/v1/macro/{series}.
#include <fmt/format.h>

#include <algorithm>

#include "api/errc.h"
#include "api/handlers.h"
#include "api/params.h"
#include "core/json_writer.h"

namespace streams::api {
namespace {

constexpr std::size_t max_series_name = 32;

// FRED series ids: upper-case letters, digits and '_' ("CPIAUCSL", "DGS10").
bool valid_series_name(std::string_view name) {
  if (name.empty() || name.size() > max_series_name) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace

Response get_macro_list(const Request& request, const PathParams&, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  const std::string key = fmt::format("macro-list|{}", services.versions ? services.versions->reference() : 0);
  return cached_json(services, key, [&]() -> Result<std::string> {
    auto names = services.store.macro_series();
    if (!names) return names.error();
    JsonWriter json;
    json.begin_object().key("series").begin_array();
    for (const std::string& name : *names) {
      auto points = services.store.macro(name, std::nullopt, std::nullopt);
      if (!points) return points.error();
      json.begin_object().key("series").value(name).key("count").value(points->size());
      if (!points->empty()) {
        json.key("from").value(points->front().date.iso()).key("to").value(points->back().date.iso());
      }
      json.end_object();
    }
    json.end_array().end_object();
    return json.take();
  });
}

Response get_macro_series(const Request& request, const PathParams& params, const Services& services) {
  if (auto known = check_known(request.query, {"from", "to"}); !known) return error_response(known.error());
  const std::string_view name = params.get("series");
  if (!valid_series_name(name)) {
    return error_response(make_error(
        errc::invalid_parameter,
        fmt::format("path parameter 'series': '{}' is not a series id (1 to {} of A-Z, 0-9, _)", name, max_series_name)));
  }
  auto from = date_param(request.query, "from");
  if (!from) return error_response(from.error());
  auto to = date_param(request.query, "to");
  if (!to) return error_response(to.error());
  if (auto order = check_order(*from, *to); !order) return error_response(order.error());

  const std::string key = fmt::format("macro|{}|{}|{}|{}", services.versions ? services.versions->reference() : 0, name,
                                      *from ? (*from)->iso() : "", *to ? (*to)->iso() : "");
  return cached_json(services, key, [&]() -> Result<std::string> {
    auto names = services.store.macro_series();
    if (!names) return names.error();
    if (std::find(names->begin(), names->end(), name) == names->end()) {
      return make_error(errc::not_found, fmt::format("path parameter 'series': unknown macro series '{}'", name));
    }
    auto points = services.store.macro(name, *from, *to);
    if (!points) return points.error();
    JsonWriter json;
    json.reserve(points->size() * 24 + 64);
    json.begin_object().key("series").value(name).key("t").begin_array();
    for (const MacroPoint& point : *points) json.value(point.date.iso());
    json.end_array().key("value").begin_array();
    for (const MacroPoint& point : *points) json.value(point.value);
    json.end_array().end_object();
    return json.take();
  });
}

}  // namespace streams::api
