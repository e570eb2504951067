#pragma once
// Every endpoint's handler, one file per resource, each named after its endpoint. The route table
// (routes.cc) is the only caller. Handlers validate every parameter before touching the store and
// report the first failure only; they return errors as responses (errc.h), never throw on bad
// input.

#include <functional>
#include <string>

#include "api/router.h"

namespace streams::api {

// instruments.cc
Response get_instruments(const Request& request, const PathParams& params, const Services& services);
Response get_sectors(const Request& request, const PathParams& params, const Services& services);
// bars.cc
Response get_bars(const Request& request, const PathParams& params, const Services& services);
// analyze.cc
Response get_analyze(const Request& request, const PathParams& params, const Services& services);
// calendar.cc, events.cc, indicators.cc
Response get_calendar(const Request& request, const PathParams& params, const Services& services);
Response get_events(const Request& request, const PathParams& params, const Services& services);
Response get_indicators(const Request& request, const PathParams& params, const Services& services);
Response get_wavelets(const Request& request, const PathParams& params, const Services& services);
// macro.cc
Response get_macro_list(const Request& request, const PathParams& params, const Services& services);
Response get_macro_series(const Request& request, const PathParams& params, const Services& services);
// health.cc
Response get_healthz(const Request& request, const PathParams& params, const Services& services);
Response get_readyz(const Request& request, const PathParams& params, const Services& services);
Response get_metrics(const Request& request, const PathParams& params, const Services& services);
// accounts.cc (auth)
Response post_login(const Request& request, const PathParams& params, const Services& services);
Response post_logout(const Request& request, const PathParams& params, const Services& services);
Response get_me(const Request& request, const PathParams& params, const Services& services);
Response post_password(const Request& request, const PathParams& params, const Services& services);
// favourites.cc
Response get_favourite_symbols(const Request& request, const PathParams& params, const Services& services);
Response post_favourite_symbol(const Request& request, const PathParams& params, const Services& services);
Response delete_favourite_symbol(const Request& request, const PathParams& params, const Services& services);
Response get_favourite_views(const Request& request, const PathParams& params, const Services& services);
Response post_favourite_view(const Request& request, const PathParams& params, const Services& services);
Response get_favourite_view(const Request& request, const PathParams& params, const Services& services);
Response patch_favourite_view(const Request& request, const PathParams& params, const Services& services);
Response delete_favourite_view(const Request& request, const PathParams& params, const Services& services);
// openapi.cc
Response get_openapi(const Request& request, const PathParams& params, const Services& services);
// live.cc: the WebSocket endpoint answered without an upgrade (426).
Response get_live(const Request& request, const PathParams& params, const Services& services);

// The cached 200 JSON body under `key` or, on a miss, produce() stored under it (handlers.cc).
// Without a cache in `services` it just calls produce(). Errors are not cached.
Response cached_json(const Services& services, const std::string& key, const std::function<Result<std::string>()>& produce);

}  // namespace streams::api
