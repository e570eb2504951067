// `streams serve`: the HTTP server (REST API + the dashboard's static files) over the configured
// store; on first start with an empty store it imports the bundled demo data.

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "api/api.h"
#include "app/commands.h"
#include "app/redis_factory.h"
#include "app/live_feed.h"
#include "app/live_runtime.h"
#include "app/store_factory.h"
#include "auth/auth.h"
#include "cache/lru_cache.h"
#include "cache/redis/connection.h"
#include "cache/redis/redis_cache.h"
#include "cache/versioned_store.h"
#include "cache/versions.h"
#include "core/log.h"
#include "ingest/importer.h"
#include "server/server.h"

namespace streams::app {
namespace {

// Flags of `serve` that only it has (the shared ones live in Config).
struct ServeFlags {
  int threads = 0;
  bool no_access_log = false;
  std::size_t cache_mib = 64;
  LiveFlags live;
};

// One progress line for the demo import: redrawn on a terminal, every 20 files otherwise.
class DemoProgress {
 public:
  DemoProgress() : tty_(::isatty(::fileno(stderr)) == 1) {}
  void operator()(const ingest::ImportProgress& p) {
    const bool last = p.files_done == p.files_total;
    if (tty_) {
      std::fprintf(stderr, "\rimporting demo data: %zu/%zu files, %lld rows, %.1f s", p.files_done, p.files_total,
                   static_cast<long long>(p.rows_done), p.seconds);
      if (last) std::fputc('\n', stderr);
      std::fflush(stderr);
    } else if (last || p.files_done % 20 == 0) {
      log::info("importing demo data: {}/{} files, {} rows, {:.1f} s", p.files_done, p.files_total, p.rows_done,
                p.seconds);
    }
  }

 private:
  bool tty_;
};

std::string url_host(const std::string& host) {
  if (host.find(':') != std::string::npos) return "[" + host + "]";  // IPv6 literal
  return host;
}

int run_serve(const Config& config, const ServeFlags& flags) {
  log::info("streams serve: store {}", describe_store(config));
  auto opened = open_store(config);
  if (!opened) {
    log::error("cannot open the store: {}", opened.error().message);
    return 1;
  }
  auto accounts = account_store(**opened);
  if (!accounts) {
    log::error("{}", accounts.error().message);
    return 1;
  }
  auth::Options auth_opts;
  try {
    auth_opts = auth_options(config);
  } catch (const std::exception& e) {
    log::error("{}", e.what());
    return 1;
  }
  auth::Authenticator authenticator(**accounts, auth_opts);
  auto admin = authenticator.ensure_admin();
  if (!admin) {
    log::error("cannot create the first user: {}", admin.error().message);
    return 1;
  }
  if (*admin) {
    // Shown once, on the console only: never through the log facade (which may go to a file).
    std::fprintf(stderr,
                 "\n  First start without users: created user 'admin' with password\n\n      %s\n\n"
                 "  It is shown only now. Change it in the dashboard or with `streams user passwd admin`.\n\n",
                 (*admin)->c_str());
    std::fflush(stderr);
  }
  log::info("auth mode {}", auth::to_string(authenticator.mode()));

  // With Redis: the response cache and the versions its keys name live in Redis, shared with every
  // other `streams serve` and with `streams ingest`. Without: in process.
  auto redis = open_redis(config);
  if (!redis) {
    log::error("{}", redis.error().message);
    return 1;
  }
  std::unique_ptr<cache::Versions> versions_holder = *redis ? std::make_unique<cache::RedisVersions>(*redis)
                                                            : std::make_unique<cache::Versions>();
  cache::Versions& versions = *versions_holder;
  // Everything in this process writes through the versioned store, so cached responses of a
  // symbol are dropped as soon as its bars change.
  cache::VersionedStore store(std::move(*opened), versions);

  DemoProgress progress;
  auto imported = ingest::load_demo_data_if_empty(store, config.demo_dir,
                                                  [&progress](const ingest::ImportProgress& p) { progress(p); });
  if (!imported) {
    log::warn("demo data not loaded: {} (the store stays empty; load data with `streams ingest csv`)",
              imported.error().message);
  } else if (*imported) {
    log::info("demo data imported from {}", config.demo_dir.string());
  }

  std::unique_ptr<cache::Cache> response_cache;
  if (*redis) {
    response_cache = std::make_unique<cache::RedisCache>(*redis);
    log::info("response cache: redis {} ({})", (*redis)->options().url.redacted(),
              response_cache->available() ? "reachable" : "unreachable for now: reads go to the store");
  } else {
    response_cache = std::make_unique<cache::LruCache>(cache::LruOptions{
        .max_bytes = flags.cache_mib << 20,
        .shards = 8,
        // Writes by other processes (`streams ingest` on the same file) are not seen by `versions`.
        .max_age = std::chrono::seconds(60),
    });
  }
  api::Api api(store, flags.cache_mib > 0 ? response_cache.get() : nullptr, &versions, api::Limits{}, &authenticator);

  // The live feed in-process: simulated trades → bars → minute bars in the store and the hub
  // behind GET /api/v1/live. With Redis the hub shows what any worker publishes on the Redis bus,
  // and this process's own feed (unless --no-live-feed) is one more worker.
  std::unique_ptr<LiveRuntime> live;
  if (!flags.live.disabled) {
    auto started = LiveRuntime::start(store, with_config(flags.live, config), true, *redis);
    if (!started) {
      log::warn("live feed not started: {} (GET /api/v1/live answers 503)", started.error().message);
    } else {
      live = std::move(*started);
    }
  }

  server::ServerOptions options;
  options.host = config.host;
  options.port = static_cast<std::uint16_t>(config.port);
  options.threads = flags.threads;
  options.web_root = config.web_root;
  options.access_log = !flags.no_access_log;
  server::Server server(options, api, live ? live->hub() : nullptr);
  auto port = server.listen();
  if (!port) {
    log::error("{}", port.error().message);
    return 1;
  }
  log::info("streams listening on http://{}:{}", url_host(config.host), *port);
  server.run();
  live.reset();  // stops the feed and flushes the minute bars before the store closes
  log::info("streams stopped");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, Config& config) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* serve = app.add_subcommand("serve", "HTTP server: REST API and the dashboard (demo data on first start)");
  add_store_options(*serve, config);
  serve->add_option("--port", config.port, "TCP port (default 8050, or $PORT); 0 picks a free one")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--host", config.host, "address to listen on (default 127.0.0.1)");
  serve->add_option("--web-root", config.web_root, "folder of the built dashboard (default: web/dist)");
  serve->add_option("--demo-dir", config.demo_dir, "demo data imported into an empty store (default: data/demo)");
  serve->add_option("--threads", flags->threads, "worker threads (default: one per core)")->check(CLI::Range(0, 256));
  serve->add_option("--cache-mib", flags->cache_mib, "response cache size in MiB; 0 disables it (default 64)")
      ->check(CLI::Range(0, 65536));
  serve->add_option("--auth-mode", config.auth_mode, "required (default: sign in to see anything) or optional")
      ->check(CLI::IsMember({"required", "optional"}));
  serve->add_flag("--no-access-log", flags->no_access_log, "do not log a line per request");
  add_live_options(*serve, flags->live, true);
  serve->callback([&config, flags] {
    const int code = run_serve(config, *flags);
    if (code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace streams::app
