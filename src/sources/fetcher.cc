#include "sources/fetcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "core/log.h"
#include "sources/errc.h"
#include "sources/url.h"

namespace streams::sources {

RateLimiter::RateLimiter(double per_minute, double burst)
    : per_minute_(per_minute), burst_(std::max(burst, 1.0)), tokens_(std::max(burst, 1.0)),
      last_(std::chrono::steady_clock::now()) {}

void RateLimiter::acquire() {
  if (per_minute_ <= 0) return;  // unlimited
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    const double elapsed_minutes = std::chrono::duration<double, std::ratio<60>>(now - last_).count();
    tokens_ = std::min(burst_, tokens_ + elapsed_minutes * per_minute_);
    last_ = now;
    if (tokens_ >= 1) {
      tokens_ -= 1;
      return;
    }
    const double wait_minutes = (1 - tokens_) / per_minute_;
    // Sleeping with the lock held keeps the order fair: the next caller waits behind this one.
    std::this_thread::sleep_for(std::chrono::duration<double, std::ratio<60>>(wait_minutes));
  }
}

Fetcher::Fetcher(FetcherOptions options)
    : options_(std::move(options)), http_(options_.http), limiter_(options_.requests_per_minute, options_.burst) {}

Status Fetcher::get_raw(std::string_view url, const std::function<Status(std::string_view body)>& accept) {
  const std::string full =
      options_.key_param.empty() || options_.api_key.empty() ? std::string(url) : with_query(url, options_.key_param, options_.api_key);
  const std::string shown = redact_url(full);
  std::chrono::milliseconds backoff = options_.retry.backoff;
  Error last = make_error(errc::network, "no attempt");
  for (int attempt = 0; attempt <= options_.retry.retries; ++attempt) {
    if (attempt > 0) log::debug("GET {}: attempt {}", shown, attempt + 1);
    limiter_.acquire();
    requests_.fetch_add(1, std::memory_order_relaxed);
    auto response = http_.get(full);
    std::chrono::milliseconds pause = backoff;
    if (!response) {
      last = response.error();
    } else if (response->status == 429 || response->status >= 500) {
      last = make_error(response->status == 429 ? errc::rate_limited : errc::http_status,
                        fmt::format("GET {}: HTTP {}", shown, response->status));
      if (response->retry_after) {
        pause = std::min<std::chrono::milliseconds>(*response->retry_after, options_.retry.max_retry_after);
      }
    } else if (response->status < 200 || response->status >= 300) {
      std::string snippet = response->body.substr(0, 200);
      std::replace(snippet.begin(), snippet.end(), '\n', ' ');
      return make_error(errc::http_status, fmt::format("GET {}: HTTP {}: {}", shown, response->status, snippet));
    } else {
      Status accepted = accept(response->body);
      if (accepted) return {};
      if (accepted.error().code != errc::malformed) return accepted;
      last = make_error(errc::malformed, fmt::format("GET {}: {}", shown, accepted.error().message));
    }
    if (attempt == options_.retry.retries) break;
    log::warn("{}; retrying in {} ms ({} of {})", last.message, pause.count(), attempt + 1, options_.retry.retries);
    std::this_thread::sleep_for(pause);
    backoff = std::min(backoff * 2, options_.retry.max_backoff);
  }
  return make_error(last.code, fmt::format("{} (gave up after {} attempts)", last.message, options_.retry.retries + 1));
}

}  // namespace streams::sources
