#include "analytics/indicators/ma.h"

#include "analytics/errc.h"

namespace streams::analytics {

bool to_ma_type(int value, MaType& type) {
  if (value < 0 || value > 8) return false;
  type = static_cast<MaType>(value);
  return true;
}

int ma_lookback(int period, MaType /*type*/) { return period <= 1 ? 0 : period - 1; }

Result<OutRange> ma(std::span<const double> /*in*/, int /*period*/, MaType /*type*/, std::span<double> /*out*/) {
  return make_error(errc::unknown_op, "ma: not implemented yet");
}

}  // namespace streams::analytics
