#include "analytics/errc.h"

#include <string>

namespace streams::analytics {
namespace {

class AnalyticsCategory final : public std::error_category {
 public:
  [[nodiscard]] const char* name() const noexcept override { return "analytics"; }
  [[nodiscard]] std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::ok: return "ok";
      case errc::bad_param: return "bad parameter";
      case errc::unknown_op: return "unknown op";
      case errc::missing_input: return "missing input";
      case errc::input_mismatch: return "input mismatch";
      case errc::invalid_input: return "invalid input";
      case errc::insufficient_data: return "insufficient data";
    }
    return "unknown analytics error";
  }
};

}  // namespace

const std::error_category& analytics_category() {
  static const AnalyticsCategory category;
  return category;
}

}  // namespace streams::analytics
