#pragma once
// A small HTTP/1.1 client for the REST sources: GET over plain TCP or TLS (OpenSSL, peer and host
// name verified against the system store plus an optional extra CA file — verification is never
// switched off), one connection per request, a timeout on every step, a body size limit.
// Boost.Beast is kept inside http_client.cc: this header is cheap to include.
//
// Thread safety: get() may be called from several threads at once (each call has its own
// connection and I/O context; the TLS context is shared read-only).

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace streams::sources {

struct HttpOptions {
  std::chrono::milliseconds timeout{30'000};  // for each of connect, TLS handshake, write, read
  std::filesystem::path ca_file;              // extra trusted CA certificates (PEM); empty = system only
  std::size_t max_body_bytes = 256u << 20;
  std::string user_agent = "streams/0.1";
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::optional<std::chrono::seconds> retry_after;  // from a Retry-After header in seconds
};

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Any status is a response; errc::network when no complete response arrived (refused, timed out,
  // TLS failure, connection dropped, body cut short). Messages carry the URL redacted.
  Result<HttpResponse> get(std::string_view url);

  struct Impl;  // http_client.cc

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace streams::sources
