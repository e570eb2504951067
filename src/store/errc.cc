#include "store/errc.h"

#include <string>

namespace streams::store {
namespace {

class StoreCategory final : public std::error_category {
 public:
  [[nodiscard]] const char* name() const noexcept override { return "store"; }
  [[nodiscard]] std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::ok: return "ok";
      case errc::unavailable: return "store unavailable";
      case errc::migration_failed: return "migration failed";
      case errc::schema_too_new: return "schema is newer than this binary";
      case errc::constraint: return "constraint violated";
      case errc::query_failed: return "query failed";
    }
    return "unknown store error";
  }
};

}  // namespace

const std::error_category& store_category() {
  static const StoreCategory category;
  return category;
}

}  // namespace streams::store
