#include "core/errc.h"

#include <string>

namespace streams::core {
namespace {

class CoreCategory final : public std::error_category {
 public:
  [[nodiscard]] const char* name() const noexcept override { return "core"; }
  [[nodiscard]] std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::ok: return "ok";
      case errc::invalid_symbol: return "invalid symbol";
      case errc::invalid_date: return "invalid date";
      case errc::invalid_timestamp: return "invalid timestamp";
      case errc::invalid_timespan: return "invalid timespan";
      case errc::invalid_argument: return "invalid argument";
      case errc::not_found: return "not found";
      case errc::io_error: return "input/output error";
      case errc::parse_error: return "parse error";
    }
    return "unknown core error";
  }
};

}  // namespace

const std::error_category& core_category() {
  static const CoreCategory category;
  return category;
}

}  // namespace streams::core
