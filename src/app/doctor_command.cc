// `streams doctor`: checks every configured connection — the store (and its schema), the SSH
// tunnel, a pooler in front of PostgreSQL, Redis, the sources' credentials — and says what is
// wrong in plain words. Exit status 1 when something that is configured does not work. Secrets
// (passwords in URLs, API keys) are never printed.

#include <fmt/format.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "app/commands.h"
#include "app/store_factory.h"
#include "store/embedded/sqlite_store.h"
#include "store/postgres/pg_store.h"
#include "store/postgres/tunnel.h"

namespace streams::app {
namespace {

enum class Verdict { ok, failed, off };

class Report {
 public:
  void line(std::string_view what, Verdict verdict, const std::string& detail) {
    const char* word = verdict == Verdict::ok ? "ok" : verdict == Verdict::failed ? "FAILED" : "-";
    std::printf("%-10s %-7s %s\n", std::string(what).c_str(), word, detail.c_str());
    if (verdict == Verdict::failed) broken_ = true;
  }
  [[nodiscard]] bool broken() const { return broken_; }

 private:
  bool broken_ = false;
};

std::string schema_words(const store::SchemaStatus& schema) {
  if (schema.version < schema.latest_version) {
    return fmt::format("schema version {} of {} (run `streams db migrate`)", schema.version, schema.latest_version);
  }
  return fmt::format("schema version {} of {}", schema.version, schema.latest_version);
}

void check_embedded(const Config& config, Report& report) {
  const auto path = config.sqlite_path();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    report.line("store", Verdict::ok,
                fmt::format("SQLite {} does not exist yet; `streams serve` or `streams db migrate` creates it",
                            path.string()));
    return;
  }
  auto opened = store::embedded::SqliteStore::open(path);
  if (!opened) {
    report.line("store", Verdict::failed, fmt::format("SQLite {}: {}", path.string(), opened.error().message));
    return;
  }
  auto schema = (*opened)->schema_status();
  if (!schema) {
    report.line("store", Verdict::failed, fmt::format("SQLite {}: {}", path.string(), schema.error().message));
    return;
  }
  const bool too_new = schema->version > schema->latest_version;
  report.line("store", too_new ? Verdict::failed : Verdict::ok,
              fmt::format("SQLite {}: {}{}", path.string(), schema_words(*schema),
                          too_new ? " — newer than this streams; upgrade streams" : ""));
}

void check_postgres(const Config& config, Report& report) {
  const std::string where = "PostgreSQL " + store::postgres::describe_url(config.database_url);
  if (!store::postgres::is_postgres_url(config.database_url)) {
    report.line("store", Verdict::failed, "the database URL does not start with postgresql://");
    return;
  }
  store::postgres::PgOptions options = postgres_options(config);
  if (options.tunnel) {
    // The tunnel on its own first, so that its failure is named as such.
    store::postgres::TunnelOptions tunnel_options = *options.tunnel;
    if (tunnel_options.remote_port == 0) tunnel_options.remote_port = 5432;
    if (tunnel_options.remote_host.empty()) tunnel_options.remote_host = "127.0.0.1";
    auto tunnel = store::postgres::SshTunnel::start(tunnel_options);
    if (!tunnel) {
      report.line("tunnel", Verdict::failed, tunnel.error().message);
      report.line("store", Verdict::failed, where + ": not reachable without the tunnel");
      return;
    }
  }
  auto opened = store::postgres::PgStore::open(options);
  if (!opened) {
    if (options.tunnel) report.line("tunnel", Verdict::failed, opened.error().message);
    report.line("store", Verdict::failed, fmt::format("{}: {}", where, opened.error().message));
    return;
  }
  store::postgres::PgStore& pg = **opened;
  if (const auto* tunnel = pg.tunnel()) {
    report.line("tunnel", tunnel->forwarding() ? Verdict::ok : Verdict::failed,
                fmt::format("{}: {}", tunnel->describe(), tunnel->forwarding() ? "forwarding" : "not forwarding"));
  } else {
    report.line("tunnel", Verdict::off, "not configured ([tunnel] ssh_host)");
  }
  auto version = pg.server_version();
  auto schema = pg.schema_status();
  if (!version || !schema) {
    report.line("store", Verdict::failed,
                fmt::format("{}: {}", where, (!version ? version.error() : schema.error()).message));
    return;
  }
  auto layout = pg.storage_layout();
  const bool too_new = schema->version > schema->latest_version;
  report.line("store", too_new ? Verdict::failed : Verdict::ok,
              fmt::format("{}: {}, {}{}; {}", where, *version, schema_words(*schema),
                          too_new ? " — newer than this streams; upgrade streams" : "",
                          layout ? layout->description : layout.error().message));

  // A pooler in between: the server's own port differs from the one we connect to.
  PQconninfoOption* parsed = PQconninfoParse(config.database_url.c_str(), nullptr);
  int url_port = 5432;
  for (PQconninfoOption* o = parsed; o != nullptr && o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == "port" && o->val != nullptr && *o->val != '\0') url_port = std::atoi(o->val);
  }
  PQconninfoFree(parsed);
  if (options.tunnel && options.tunnel->remote_port != 0) url_port = options.tunnel->remote_port;
  auto server_port = pg.server_port();
  if (!server_port) {
    report.line("pgbouncer", Verdict::failed, server_port.error().message);
  } else if (*server_port != 0 && *server_port != url_port) {
    // Two transactions in a row prove transaction pooling works for us.
    const bool twice = pg.server_version().ok() && pg.server_version().ok();
    report.line("pgbouncer", twice ? Verdict::ok : Verdict::failed,
                fmt::format("port {} is a pooler (PgBouncer?) in front of PostgreSQL on port {}: {}", url_port,
                            *server_port, twice ? "connection ok" : "queries fail through it"));
  } else {
    report.line("pgbouncer", Verdict::off, "not in use (the URL points at PostgreSQL itself)");
  }
}

// redis://[[user]:password@]host[:port][/db] → host, port, user, password.
struct RedisTarget {
  std::string host = "127.0.0.1";
  std::string port = "6379";
  std::string user;
  std::string password;
};

std::optional<RedisTarget> parse_redis_url(std::string_view url) {
  if (!url.starts_with("redis://")) return std::nullopt;
  url.remove_prefix(8);
  RedisTarget target;
  if (const auto at = url.rfind('@'); at != std::string_view::npos) {
    const std::string_view credentials = url.substr(0, at);
    url.remove_prefix(at + 1);
    if (const auto colon = credentials.find(':'); colon != std::string_view::npos) {
      target.user = credentials.substr(0, colon);
      target.password = credentials.substr(colon + 1);
    } else {
      target.password = credentials;
    }
  }
  url = url.substr(0, url.find('/'));
  if (const auto colon = url.rfind(':'); colon != std::string_view::npos) {
    target.port = url.substr(colon + 1);
    url = url.substr(0, colon);
  }
  if (!url.empty()) target.host = url;
  return target;
}

// A RESP command as an array of bulk strings.
std::string resp(std::initializer_list<std::string_view> words) {
  std::string out = fmt::format("*{}\r\n", words.size());
  for (std::string_view word : words) out += fmt::format("${}\r\n{}\r\n", word.size(), word);
  return out;
}

// Sends `request` and reads one reply line (up to CRLF) within the timeout.
std::optional<std::string> round_trip(int fd, const std::string& request) {
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    return std::nullopt;
  }
  std::string reply;
  char buffer[512];
  while (reply.find("\r\n") == std::string::npos) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 2000) != 1) return std::nullopt;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return std::nullopt;
    reply.append(buffer, static_cast<std::size_t>(n));
  }
  return reply.substr(0, reply.find("\r\n"));
}

void check_redis(const Config& config, Report& report) {
  if (config.redis_url.empty()) {
    report.line("redis", Verdict::off, "not configured (STREAMS_REDIS_URL); the in-process cache and bus are used");
    return;
  }
  auto target = parse_redis_url(config.redis_url);
  if (!target) {
    report.line("redis", Verdict::failed, "STREAMS_REDIS_URL must look like redis://host:port");
    return;
  }
  const std::string where = fmt::format("{}:{}", target->host, target->port);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(target->host.c_str(), target->port.c_str(), &hints, &found); rc != 0) {
    report.line("redis", Verdict::failed, fmt::format("{}: cannot resolve: {}", where, ::gai_strerror(rc)));
    return;
  }
  int fd = -1;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd >= 0 && ::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) {
    report.line("redis", Verdict::failed, fmt::format("{}: cannot connect (is Redis running?)", where));
    return;
  }
  std::string problem;
  if (!target->password.empty()) {
    auto auth = target->user.empty() ? round_trip(fd, resp({"AUTH", target->password}))
                                     : round_trip(fd, resp({"AUTH", target->user, target->password}));
    if (!auth) problem = "no answer to AUTH";
    else if (!auth->starts_with("+OK")) problem = "the password was refused";  // never echo the reply: it may quote input
  }
  if (problem.empty()) {
    auto pong = round_trip(fd, resp({"PING"}));
    if (!pong) problem = "no answer to PING";
    else if (*pong != "+PONG") problem = pong->starts_with("-NOAUTH") ? "it wants a password (redis://:PASSWORD@host:port)"
                                                                      : "unexpected answer to PING";
  }
  ::close(fd);
  report.line("redis", problem.empty() ? Verdict::ok : Verdict::failed,
              fmt::format("{}: {}", where, problem.empty() ? "PING answered" : problem));
}

void check_credentials(Report& report) {
  const char* key = std::getenv("POLYGON_API_KEY");
  if (key != nullptr && *key != '\0') {
    report.line("polygon", Verdict::ok, "POLYGON_API_KEY is set (not shown)");
  } else {
    report.line("polygon", Verdict::off, "POLYGON_API_KEY is not set: `streams ingest polygon` cannot fetch data");
  }
  const char* fred = std::getenv("FRED_API_KEY");
  if (fred != nullptr && *fred != '\0') {
    report.line("fred", Verdict::ok, "FRED_API_KEY is set (not shown)");
  } else {
    report.line("fred", Verdict::off, "FRED_API_KEY is not set: FRED series come from CSV files only");
  }
}

int run_doctor(const Config& config) {
  Report report;
  if (config.database_url.empty()) {
    check_embedded(config, report);
    report.line("tunnel", Verdict::off, "not used by the embedded store");
    report.line("pgbouncer", Verdict::off, "not used by the embedded store");
  } else {
    check_postgres(config, report);
  }
  check_redis(config, report);
  check_credentials(report);
  std::printf("%s\n", report.broken() ? "streams doctor: something configured does not work (see FAILED above)"
                                      : "streams doctor: everything configured works");
  return report.broken() ? 1 : 0;
}

}  // namespace

void add_doctor_command(CLI::App& app, Config& config) {
  CLI::App* doctor = app.add_subcommand(
      "doctor", "check the store, tunnel, PgBouncer, Redis and source credentials; exit 1 when one is broken");
  add_store_options(*doctor, config);
  doctor->add_option("--redis-url", config.redis_url, "Redis to check (default: $STREAMS_REDIS_URL)");
  doctor->callback([&config] {
    if (const int code = run_doctor(config); code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace streams::app
