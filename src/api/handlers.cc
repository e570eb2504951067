#include "api/handlers.h"

#include "api/errc.h"

namespace streams::api {

Response cached_json(const Services& services, const std::string& key,
                     const std::function<Result<std::string>()>& produce) {
  if (services.cache != nullptr) {
    if (auto hit = services.cache->get(key)) return json_response(*hit);
  }
  auto body = produce();
  if (!body) return error_response(body.error());
  if (services.cache != nullptr) {
    auto shared = std::make_shared<const std::string>(std::move(*body));
    services.cache->put(key, shared);
    return json_response(*shared);
  }
  return json_response(std::move(*body));
}

}  // namespace streams::api
