#include "app/redis_factory.h"

#include <fmt/format.h>

namespace streams::app {

Result<std::shared_ptr<cache::RedisConnection>> open_redis(const Config& config) {
  if (config.redis_url.empty()) return std::shared_ptr<cache::RedisConnection>();
  auto url = cache::parse_redis_url(config.redis_url);
  if (!url) return make_error(url.error().code, fmt::format("STREAMS_REDIS_URL / [redis] url: {}", url.error().message));
  cache::RedisOptions options;
  options.url = std::move(*url);
  return std::make_shared<cache::RedisConnection>(std::move(options));
}

}  // namespace streams::app
