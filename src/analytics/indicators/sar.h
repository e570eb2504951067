#pragma once
// Parabolic SAR (TA-Lib TA_SAR) and its extended form with separate long/short acceleration,
// a start value and an offset on reversal (TA_SAREXT, which writes short positions as negative
// values). Shape: indicator.h; the algorithm and TA-Lib's initial-direction rule: sar.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// acceleration, maximum in [0, 3e37] (defaults 0.02, 0.2); lookback 1.
int sar_lookback();
Result<OutRange> sar(std::span<const double> high, std::span<const double> low, double acceleration, double maximum,
                     std::span<double> out);

struct SarExtParams {
  double startvalue = 0.0;       // 0: direction from the first two bars; >0 long from it; <0 short from |it|
  double offsetonreverse = 0.0;  // fraction added to (short) or removed from (long) the SAR on reversal
  double accelerationinitlong = 0.02;
  double accelerationlong = 0.02;
  double accelerationmaxlong = 0.2;
  double accelerationinitshort = 0.02;
  double accelerationshort = 0.02;
  double accelerationmaxshort = 0.2;
};
// startvalue in [-3e37, 3e37], the others in [0, 3e37]; lookback 1.
int sarext_lookback();
Result<OutRange> sarext(std::span<const double> high, std::span<const double> low, const SarExtParams& params,
                        std::span<double> out);

}  // namespace streams::analytics
