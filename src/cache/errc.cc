#include "cache/errc.h"

#include <string>

namespace streams::cache {
namespace {

class CacheCategory final : public std::error_category {
 public:
  [[nodiscard]] const char* name() const noexcept override { return "cache"; }
  [[nodiscard]] std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::ok: return "ok";
      case errc::bad_url: return "malformed redis URL";
      case errc::unavailable: return "cache backend unavailable";
      case errc::command_failed: return "cache backend command failed";
      case errc::protocol: return "unexpected answer from the cache backend";
      case errc::timed_out: return "cache backend did not come back in time";
    }
    return "unknown cache error";
  }
};

}  // namespace

const std::error_category& cache_category() {
  static const CacheCategory category;
  return category;
}

}  // namespace streams::cache
