// GET/POST /api/v1/favourites/symbols, DELETE /api/v1/favourites/symbols/{symbol},
// GET/POST /api/v1/favourites/views, GET/PATCH/DELETE /api/v1/favourites/views/{id}.
// Strictly per user: every store call names the signed-in user, so another user's id is 404.
#include <fmt/format.h>

#include <charconv>

#include "api/errc.h"
#include "store/errc.h"
#include "api/handlers.h"
#include "api/json_body.h"
#include "api/params.h"
#include "core/json_writer.h"
#include "core/time.h"

namespace streams::api {
namespace {

constexpr std::size_t max_view_name = 100;    // characters (UTF-8 code points)
constexpr std::size_t max_view_state = 8192;  // bytes
constexpr std::size_t max_views = 200;
constexpr std::size_t max_starred = 200;

Response no_store(Response response) {
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

bool has_control(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

Status check_view_name(std::string_view name) {
  if (name.empty() || code_points(name) > max_view_name || has_control(name)) {
    return make_error(errc::invalid_parameter,
                      fmt::format("body member 'name': 1 to {} characters, no control characters", max_view_name));
  }
  return {};
}

Status check_view_state(std::string_view state) {
  if (state.size() > max_view_state || has_control(state)) {
    return make_error(errc::invalid_parameter,
                      fmt::format("body member 'state': at most {} bytes, no control characters", max_view_state));
  }
  return {};
}

Result<std::int64_t> view_id(const PathParams& params) {
  const std::string_view text = params.get("id");
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return make_error(errc::invalid_parameter, "path parameter 'id': a positive integer");
  }
  return id;
}

Error view_not_found(std::int64_t id) { return make_error(errc::not_found, fmt::format("no saved view {}", id)); }

void write_view(JsonWriter& json, const store::SavedView& view) {
  json.begin_object();
  json.key("id").value(view.id).key("name").value(view.name).key("state").value(view.state);
  json.key("created_at").value(Timestamp::from_millis(view.created_ms).iso());
  json.key("updated_at").value(Timestamp::from_millis(view.updated_ms).iso());
  json.end_object();
}

Response view_response(const store::SavedView& view, int status) {
  JsonWriter json;
  write_view(json, view);
  return no_store(json_response(json.take(), status));
}

// Signed-in routes run only with an Authenticator (Api::check_access answers 401 without one).
store::AccountStore& accounts(const Services& services) { return services.auth->accounts(); }

}  // namespace

Response get_favourite_symbols(const Request& request, const PathParams&, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  auto starred = accounts(services).starred_symbols(request.identity->user_id);
  if (!starred) return error_response(starred.error());
  JsonWriter json;
  json.begin_object().key("symbols").begin_array();
  for (const store::StarredSymbol& star : *starred) {
    json.begin_object().key("symbol").value(star.symbol.view());
    auto instrument = services.store.instrument(star.symbol);
    if (!instrument) return error_response(instrument.error());
    json.key("name").value(*instrument ? (*instrument)->name : std::string());
    auto bars = services.store.bars(star.symbol, Timespan::daily(), store::TimeRange{});
    if (!bars) return error_response(bars.error());
    if (bars->empty()) {
      json.key("date").null().key("last").null().key("previous").null().key("change").null().key("change_pct").null();
    } else {
      const Bar& last = bars->back();
      json.key("date").value(Date::from_days(static_cast<std::int32_t>(last.ts.millis() / 86'400'000)).iso());
      json.key("last").value(last.close);
      if (bars->size() >= 2) {
        const double previous = (*bars)[bars->size() - 2].close;
        json.key("previous").value(previous).key("change").value(last.close - previous);
        json.key("change_pct").value(previous != 0 ? (last.close / previous - 1) * 100 : 0.0);
      } else {
        json.key("previous").null().key("change").null().key("change_pct").null();
      }
    }
    json.key("starred_at").value(Timestamp::from_millis(star.created_ms).iso());
    json.end_object();
  }
  json.end_array().end_object();
  return no_store(json_response(json.take()));
}

Response post_favourite_symbol(const Request& request, const PathParams&, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  auto body = JsonBody::parse(request, {"symbol"});
  if (!body) return error_response(body.error());
  auto text = body->required("symbol");
  if (!text) return error_response(text.error());
  auto symbol = Symbol::parse(*text);
  if (!symbol) return error_response(make_error(errc::invalid_parameter, "body member 'symbol': " + symbol.error().message));
  auto instrument = services.store.instrument(*symbol);
  if (!instrument) return error_response(instrument.error());
  if (!*instrument) return error_response(make_error(errc::not_found, fmt::format("unknown symbol '{}'", symbol->view())));
  auto starred = accounts(services).starred_symbols(request.identity->user_id);
  if (!starred) return error_response(starred.error());
  if (starred->size() >= max_starred) {
    return error_response(make_error(errc::limit_exceeded, fmt::format("at most {} starred symbols", max_starred)));
  }
  auto added = accounts(services).star_symbol(request.identity->user_id, *symbol, services.auth->now_ms());
  if (!added) return error_response(added.error());
  JsonWriter json;
  json.begin_object().key("symbol").value(symbol->view()).key("starred").value(true).end_object();
  return no_store(json_response(json.take(), *added ? 201 : 200));
}

Response delete_favourite_symbol(const Request& request, const PathParams& params, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  auto symbol = Symbol::parse(params.get("symbol"));
  if (!symbol) return error_response(make_error(errc::invalid_parameter, "path parameter 'symbol': " + symbol.error().message));
  auto removed = accounts(services).unstar_symbol(request.identity->user_id, *symbol);
  if (!removed) return error_response(removed.error());
  if (!*removed) return error_response(make_error(errc::not_found, fmt::format("'{}' is not starred", symbol->view())));
  return no_store(Response{.status = 204, .content_type = "", .body = {}, .headers = {}, .cache_key = {}});
}

Response get_favourite_views(const Request& request, const PathParams&, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  auto views = accounts(services).views(request.identity->user_id);
  if (!views) return error_response(views.error());
  JsonWriter json;
  json.begin_object().key("views").begin_array();
  for (const store::SavedView& view : *views) write_view(json, view);
  json.end_array().end_object();
  return no_store(json_response(json.take()));
}

Response post_favourite_view(const Request& request, const PathParams&, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  auto body = JsonBody::parse(request, {"name", "state"});
  if (!body) return error_response(body.error());
  auto name = body->required("name");
  if (!name) return error_response(name.error());
  auto state = body->required("state");
  if (!state) return error_response(state.error());
  if (auto valid = check_view_name(*name); !valid) return error_response(valid.error());
  if (auto valid = check_view_state(*state); !valid) return error_response(valid.error());
  auto views = accounts(services).views(request.identity->user_id);
  if (!views) return error_response(views.error());
  if (views->size() >= max_views) {
    return error_response(make_error(errc::limit_exceeded, fmt::format("at most {} saved views", max_views)));
  }
  auto created = accounts(services).create_view(request.identity->user_id, *name, *state, services.auth->now_ms());
  if (!created) {
    if (created.error().code == store::errc::constraint) {
      return error_response(make_error(errc::conflict, "body member 'name': a view of that name exists already"));
    }
    return error_response(created.error());
  }
  return view_response(*created, 201);
}

Response get_favourite_view(const Request& request, const PathParams& params, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  auto id = view_id(params);
  if (!id) return error_response(id.error());
  auto view = accounts(services).view(request.identity->user_id, *id);
  if (!view) return error_response(view.error());
  if (!*view) return error_response(view_not_found(*id));
  return view_response(**view, 200);
}

Response patch_favourite_view(const Request& request, const PathParams& params, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  auto id = view_id(params);
  if (!id) return error_response(id.error());
  auto body = JsonBody::parse(request, {"name", "state"});
  if (!body) return error_response(body.error());
  store::ViewUpdate update{body->get("name"), body->get("state")};
  if (!update.name && !update.state) {
    return error_response(make_error(errc::missing_parameter, "body member 'name' or 'state' is required"));
  }
  if (update.name) {
    if (auto valid = check_view_name(*update.name); !valid) return error_response(valid.error());
  }
  if (update.state) {
    if (auto valid = check_view_state(*update.state); !valid) return error_response(valid.error());
  }
  auto updated = accounts(services).update_view(request.identity->user_id, *id, update, services.auth->now_ms());
  if (!updated) {
    if (updated.error().code == store::errc::constraint) {
      return error_response(make_error(errc::conflict, "body member 'name': a view of that name exists already"));
    }
    return error_response(updated.error());
  }
  if (!*updated) return error_response(view_not_found(*id));
  return view_response(**updated, 200);
}

Response delete_favourite_view(const Request& request, const PathParams& params, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  auto id = view_id(params);
  if (!id) return error_response(id.error());
  auto removed = accounts(services).delete_view(request.identity->user_id, *id);
  if (!removed) return error_response(removed.error());
  if (!*removed) return error_response(view_not_found(*id));
  return no_store(Response{.status = 204, .content_type = "", .body = {}, .headers = {}, .cache_key = {}});
}

}  // namespace streams::api
