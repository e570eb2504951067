// GET /healthz, /readyz and /metrics: for load balancers, orchestrators and Prometheus.
#include "api/errc.h"
#include "api/handlers.h"
#include "api/metrics.h"
#include "api/params.h"
#include "core/json_writer.h"
#include "core/log.h"

namespace streams::api {

Response get_healthz(const Request&, const PathParams&, const Services&) {
  return json_response(R"({"status":"ok"})");
}

Response get_readyz(const Request&, const PathParams&, const Services& services) {
  bool ready = true;
  JsonWriter components;
  components.begin_object();

  components.key("store").begin_object();
  auto schema = services.store.schema_status();
  if (!schema) {
    ready = false;
    log::warn("readyz: store: {}", schema.error().message);
    components.key("status").value("unavailable");
  } else if (schema->version < schema->latest_version) {
    ready = false;
    components.key("status").value("migration_pending");
    components.key("schema_version").value(schema->version).key("latest_version").value(schema->latest_version);
  } else {
    components.key("status").value("ok").key("schema_version").value(schema->version);
  }
  components.end_object();

  components.key("cache").begin_object();
  // A remote cache that is unreachable degrades, never fails, readiness: reads go to the store.
  const bool cache_up = services.cache == nullptr || services.cache->available();
  if (services.cache != nullptr) {
    components.key("status").value(cache_up ? "ok" : "degraded").key("kind").value(services.cache->kind());
  } else {
    components.key("status").value("disabled");
  }
  components.end_object();
  if (services.cache != nullptr && services.cache->kind() == "redis") {
    components.key("redis").value(cache_up ? "ok" : "degraded");
  }
  components.end_object();

  JsonWriter json;
  json.begin_object().key("status").value(ready ? "ok" : "unavailable");
  json.key("components").raw(components.str()).end_object();
  return json_response(json.take(), ready ? 200 : 503);
}

Response get_metrics(const Request&, const PathParams&, const Services& services) {
  Response response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  if (services.metrics != nullptr) {
    if (services.cache != nullptr) {
      const cache::CacheStats stats = services.cache->stats();
      response.body = services.metrics->render(&stats);
    } else {
      response.body = services.metrics->render(nullptr);
    }
  }
  return response;
}

}  // namespace streams::api
