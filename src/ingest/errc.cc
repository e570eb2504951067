#include "ingest/errc.h"

#include <string>

namespace streams::ingest {
namespace {

class IngestCategory final : public std::error_category {
 public:
  [[nodiscard]] const char* name() const noexcept override { return "ingest"; }
  [[nodiscard]] std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::ok: return "ok";
      case errc::io_error: return "cannot read input";
      case errc::unknown_format: return "unknown file format";
      case errc::malformed_row: return "malformed row";
      case errc::store_failed: return "store refused the data";
      case errc::invalid_argument: return "invalid argument";
    }
    return "unknown ingest error";
  }
};

}  // namespace

const std::error_category& ingest_category() {
  static const IngestCategory category;
  return category;
}

}  // namespace streams::ingest
