#pragma once
// Parabolic SAR (TA-Lib TA_SAR) one bar at a time: both the batch function (sar.cc) and its
// streaming form run this state, so they agree to the last bit. update() returns NaN for the
// first bar (lookback 1).

#include "analytics/indicators/indicator.h"

namespace streams::analytics {

class SarState {
 public:
  SarState(double acceleration, double maximum)
      : acceleration_(acceleration > maximum ? maximum : acceleration), maximum_(maximum), af_(acceleration_) {}
  double update(double high, double low) {
    if (seen_++ == 0) {
      first_high_ = high;
      first_low_ = low;
      return nan;
    }
    if (seen_ == 2) {
      const double up = high - first_high_;
      const double down = first_low_ - low;
      is_long_ = !(down > 0 && up < down);
      ep_ = is_long_ ? high : low;
      sar_ = is_long_ ? first_low_ : first_high_;
      new_low_ = low;
      new_high_ = high;
    }
    const double prev_low = new_low_;
    const double prev_high = new_high_;
    new_low_ = low;
    new_high_ = high;
    double out = 0;
    if (is_long_) {
      if (new_low_ <= sar_) {
        is_long_ = false;
        sar_ = ep_;
        if (sar_ < prev_high) sar_ = prev_high;
        if (sar_ < new_high_) sar_ = new_high_;
        out = sar_;
        af_ = acceleration_;
        ep_ = new_low_;
        sar_ = sar_ + af_ * (ep_ - sar_);
        if (sar_ < prev_high) sar_ = prev_high;
        if (sar_ < new_high_) sar_ = new_high_;
      } else {
        out = sar_;
        if (new_high_ > ep_) {
          ep_ = new_high_;
          af_ += acceleration_;
          if (af_ > maximum_) af_ = maximum_;
        }
        sar_ = sar_ + af_ * (ep_ - sar_);
        if (sar_ > prev_low) sar_ = prev_low;
        if (sar_ > new_low_) sar_ = new_low_;
      }
    } else {
      if (new_high_ >= sar_) {
        is_long_ = true;
        sar_ = ep_;
        if (sar_ > prev_low) sar_ = prev_low;
        if (sar_ > new_low_) sar_ = new_low_;
        out = sar_;
        af_ = acceleration_;
        ep_ = new_high_;
        sar_ = sar_ + af_ * (ep_ - sar_);
        if (sar_ > prev_low) sar_ = prev_low;
        if (sar_ > new_low_) sar_ = new_low_;
      } else {
        out = sar_;
        if (new_low_ < ep_) {
          ep_ = new_low_;
          af_ += acceleration_;
          if (af_ > maximum_) af_ = maximum_;
        }
        sar_ = sar_ + af_ * (ep_ - sar_);
        if (sar_ < prev_high) sar_ = prev_high;
        if (sar_ < new_high_) sar_ = new_high_;
      }
    }
    return out;
  }

 private:
  double acceleration_;
  double maximum_;
  double af_;
  int seen_ = 0;
  double first_high_ = 0;
  double first_low_ = 0;
  bool is_long_ = true;
  double ep_ = 0;
  double sar_ = 0;
  double new_low_ = 0;
  double new_high_ = 0;
};

}  // namespace streams::analytics
