#include "sources/errc.h"

#include <string>

namespace streams::sources {
namespace {

class SourcesCategory final : public std::error_category {
 public:
  [[nodiscard]] const char* name() const noexcept override { return "sources"; }
  [[nodiscard]] std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::ok: return "ok";
      case errc::bad_url: return "malformed URL";
      case errc::network: return "network error";
      case errc::http_status: return "HTTP error status";
      case errc::rate_limited: return "rate limited";
      case errc::malformed: return "malformed response";
      case errc::provider: return "provider error";
      case errc::no_api_key: return "no API key";
    }
    return "unknown sources error";
  }
};

}  // namespace

const std::error_category& sources_category() {
  static const SourcesCategory category;
  return category;
}

}  // namespace streams::sources
