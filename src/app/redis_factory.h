#pragma once
// The Redis connection of a subcommand, when `STREAMS_REDIS_URL` / `[redis] url` is set.

#include <memory>

#include "app/config.h"
#include "cache/redis/connection.h"
#include "core/result.h"

namespace streams::app {

// Null when no Redis is configured; an error only for a malformed URL. An unreachable Redis is not
// an error here: the connection retries with back-off and the roles degrade meanwhile.
Result<std::shared_ptr<cache::RedisConnection>> open_redis(const Config& config);

}  // namespace streams::app
