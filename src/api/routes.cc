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
      {"GET", "/api/v1/macro", get_macro_list},
      {"GET", "/api/v1/macro/{series}", get_macro_series},
      {"GET", "/api/v1/live", get_live},
      {"GET", "/api/v1/openapi.json", get_openapi},
      {"GET", "/healthz", get_healthz},
      {"GET", "/readyz", get_readyz},
      {"GET", "/metrics", get_metrics},
  };
}

}  // namespace streams::api
