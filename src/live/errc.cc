#include "live/errc.h"

#include <string>

namespace streams::live {
namespace {

class Category final : public std::error_category {
 public:
  [[nodiscard]] const char* name() const noexcept override { return "live"; }
  [[nodiscard]] std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::ok: return "ok";
      case errc::bad_message: return "malformed message";
      case errc::invalid_symbol: return "invalid symbol";
      case errc::unknown_channel: return "unknown channel";
      case errc::bad_indicator: return "bad indicator";
      case errc::feed_unavailable: return "feed unavailable";
    }
    return "unknown live error";
  }
};

}  // namespace

const std::error_category& live_category() {
  static const Category category;
  return category;
}

}  // namespace streams::live
