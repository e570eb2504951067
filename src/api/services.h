#pragma once
// What handlers may use: the store, the query cache and the metrics. Built by Api; handlers get
// it by reference and must only read it (everything in it is thread-safe).

#include <cstddef>

#include "auth/auth.h"
#include "cache/cache.h"
#include "cache/versions.h"
#include "store/store.h"

namespace streams::api {

class Metrics;

struct Limits {
  std::size_t max_symbols = 20;            // per /bars request
  std::size_t max_points = 2'000'000;      // bars of all series of one response
  int max_intraday_days = 31;              // from..to span of a minute request
  std::size_t max_query_length = 100;      // the instruments search text
};

struct Services {
  store::Store& store;
  cache::Cache* cache = nullptr;              // null = no response cache
  const cache::Versions* versions = nullptr;  // required with a cache: the keys name versions
  Metrics* metrics = nullptr;
  Limits limits;
  auth::Authenticator* auth = nullptr;  // null = no accounts: every route open, favourites 401

};

}  // namespace streams::api
