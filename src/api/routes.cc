// The route table: every endpoint of the HTTP API, in one list.
#include "api/handlers.h"
#include "api/router.h"

namespace streams::api {

std::vector<Route> build_routes() {
  return {
      {"GET", "/api/v1/instruments", get_instruments},
      {"GET", "/api/v1/sectors", get_sectors},
      {"GET", "/api/v1/bars", get_bars},
      {"GET", "/api/v1/analyze", get_analyze},
      {"GET", "/api/v1/indicators", get_indicators},
      {"GET", "/api/v1/calendar", get_calendar},
      {"GET", "/api/v1/events", get_events},
      {"GET", "/api/v1/wavelets", get_wavelets},
      {"GET", "/api/v1/macro", get_macro_list},
      {"GET", "/api/v1/macro/{series}", get_macro_series},
      {"GET", "/api/v1/live", get_live},
      {"GET", "/api/v1/openapi.json", get_openapi, Access::open},
      {"GET", "/healthz", get_healthz, Access::open},
      {"GET", "/readyz", get_readyz, Access::open},
      {"GET", "/metrics", get_metrics, Access::open},
      {"POST", "/api/v1/auth/login", post_login, Access::open},
      {"POST", "/api/v1/auth/logout", post_logout, Access::signed_in},
      {"GET", "/api/v1/auth/me", get_me, Access::open},
      {"POST", "/api/v1/auth/password", post_password, Access::signed_in},
      {"GET", "/api/v1/favourites/symbols", get_favourite_symbols, Access::signed_in},
      {"POST", "/api/v1/favourites/symbols", post_favourite_symbol, Access::signed_in},
      {"DELETE", "/api/v1/favourites/symbols/{symbol}", delete_favourite_symbol, Access::signed_in},
      {"GET", "/api/v1/favourites/views", get_favourite_views, Access::signed_in},
      {"POST", "/api/v1/favourites/views", post_favourite_view, Access::signed_in},
      {"GET", "/api/v1/favourites/views/{id}", get_favourite_view, Access::signed_in},
      {"PATCH", "/api/v1/favourites/views/{id}", patch_favourite_view, Access::signed_in},
      {"DELETE", "/api/v1/favourites/views/{id}", delete_favourite_view, Access::signed_in},
  };
}

}  // namespace streams::api
