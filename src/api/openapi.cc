// GET /api/v1/openapi.json: the contract, schema/openapi.json, embedded at build time.
#include "api/handlers.h"
#include "api/openapi_document.h"

namespace streams::api {

Response get_openapi(const Request&, const PathParams&, const Services&) {
  Response response = json_response(std::string(openapi_document()));
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

}  // namespace streams::api
