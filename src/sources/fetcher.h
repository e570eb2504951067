#pragma once
// Fetcher: how every REST source talks to its provider. A shared token-bucket rate limiter, the
// API key appended as a query parameter (never logged: log lines show URLs through redact_url),
// retries with exponential back-off on network errors, 429 and 5xx (a Retry-After header wins over
// the back-off), and a parse step that is retried too when a body is malformed (a proxy cut it).
//
// Thread safety: one Fetcher is shared by the workers of a backfill.

#include <atomic>
#include <chrono>
#include <optional>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"
#include "sources/http_client.h"

namespace streams::sources {

// A token bucket: `per_minute` tokens a minute, at most `burst` saved up. acquire() blocks.
class RateLimiter {
 public:
  explicit RateLimiter(double per_minute, double burst = 1);
  void acquire();
  [[nodiscard]] double per_minute() const { return per_minute_; }

 private:
  double per_minute_;
  double burst_;
  std::mutex mutex_;
  double tokens_;
  std::chrono::steady_clock::time_point last_;
};

struct RetryOptions {
  int retries = 5;                                   // after the first attempt
  std::chrono::milliseconds backoff{1000};           // first pause, doubled each time…
  std::chrono::milliseconds max_backoff{60'000};     // …up to this
  std::chrono::milliseconds max_retry_after{120'000};  // a larger Retry-After is capped to this
};

struct FetcherOptions {
  HttpOptions http;
  RetryOptions retry;
  double requests_per_minute = 5;  // polygon's free tier
  double burst = 1;
  std::string key_param;  // "apiKey", "api_key", "apikey"
  std::string api_key;    // secret
};

class Fetcher {
 public:
  explicit Fetcher(FetcherOptions options);

  // GET `url` (the key is appended here) and parse the body with `parse`; a parse error is retried
  // like a network error, and the final error names the URL (redacted). 4xx other than 429 fail at once.
  template <class T>
  Result<T> get(std::string_view url, const std::function<Result<T>(std::string_view body)>& parse) {
    std::optional<Result<T>> parsed;
    Status status = get_raw(url, [&](std::string_view body) -> Status {
      parsed.emplace(parse(body));
      if (!*parsed) return parsed->error();
      return {};
    });
    if (!status) return status.error();
    return std::move(*parsed);
  }

  // The number of HTTP requests made (attempts included).
  [[nodiscard]] long long requests() const { return requests_; }

 private:
  Status get_raw(std::string_view url, const std::function<Status(std::string_view body)>& accept);

  FetcherOptions options_;
  HttpClient http_;
  RateLimiter limiter_;
  std::atomic<long long> requests_{0};
};

}  // namespace streams::sources
