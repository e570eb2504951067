#pragma once
// Internal: AD, ADOSC and OBV fed one bar at a time, shared by the batch functions and the
// streaming states (identical floating-point operations).

#include <algorithm>

namespace streams::analytics::detail {

inline double ad_step(double ad, double high, double low, double close, double volume) {
  const double range = high - low;
  if (range > 0.0) ad += (((close - low) - (high - close)) / range) * volume;
  return ad;
}

// ADOSC: both EMAs start at the first AD value, then ema = k*ad + (1-k)*ema.
class AdoscCore {
 public:
  AdoscCore(int fast, int slow)
      : fast_k_(2.0 / (static_cast<double>(fast) + 1.0)), slow_k_(2.0 / (static_cast<double>(slow) + 1.0)),
        fast_rest_(1.0 - fast_k_), slow_rest_(1.0 - slow_k_), lookback_(std::max(fast, slow) - 1) {}
  bool push(double high, double low, double close, double volume, double& out) {
    ad_ = ad_step(ad_, high, low, close, volume);
    if (rows_ == 0) {
      fast_ = ad_;
      slow_ = ad_;
    } else {
      fast_ = (fast_k_ * ad_) + (fast_rest_ * fast_);
      slow_ = (slow_k_ * ad_) + (slow_rest_ * slow_);
    }
    if (rows_++ < lookback_) return false;
    out = fast_ - slow_;
    return true;
  }

 private:
  double fast_k_;
  double slow_k_;
  double fast_rest_;
  double slow_rest_;
  long lookback_;
  long rows_ = 0;
  double ad_ = 0.0;
  double fast_ = 0.0;
  double slow_ = 0.0;
};

}  // namespace streams::analytics::detail
