#pragma once
// PgStore::with_connection (private; included by the .cc files that implement PgStore).

#include "core/log.h"
#include "store/postgres/pg_store.h"

namespace streams::store::postgres {

template <class Body>
auto PgStore::with_connection(Body&& body) -> decltype(body(std::declval<PgConnection&>())) {
  for (int attempt = 0;; ++attempt) {
    auto lease = pool_.acquire();
    if (!lease) return lease.error();
    auto result = body(**lease);
    if (result.ok() || !(*lease)->broken() || attempt > 0) return result;
    log::warn("PostgreSQL connection lost ({}); retrying once on a new connection", result.error().message);
  }
}

}  // namespace streams::store::postgres
