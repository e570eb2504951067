// GET /api/v1/live without a WebSocket upgrade: the endpoint is a WebSocket (server/ upgrades the
// connection before the API sees it), so a plain GET is told how to use it.
#include "api/errc.h"
#include "api/handlers.h"

namespace streams::api {

Response get_live(const Request&, const PathParams&, const Services&) {
  Response response = json_response(
      error_body("upgrade_required",
                 "GET /api/v1/live is a WebSocket endpoint: send 'Connection: Upgrade' and 'Upgrade: websocket'"),
      426);
  response.headers.emplace_back("Upgrade", "websocket");
  return response;
}

}  // namespace streams::api
