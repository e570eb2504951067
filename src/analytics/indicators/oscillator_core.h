#pragma once
// Internal: CCI and MFI fed one bar at a time, shared by the batch functions and the streaming
// states so both perform identical floating-point operations.

#include <cstddef>
#include <vector>

#include "analytics/indicators/detail.h"

namespace streams::analytics::detail {

// CCI: typical prices in a ring of `period` slots (slot = row mod period); mean and mean
// deviation summed over the slots in slot order, as TA-Lib does. O(period) per row.
class CciCore {
 public:
  explicit CciCore(int period) : ring_(static_cast<std::size_t>(period), 0.0), period_(period) {}
  bool push(double high, double low, double close, double& out) {
    const double tp = (high + low + close) / 3.0;
    ring_[slot_] = tp;
    if (++slot_ == ring_.size()) slot_ = 0;
    if (filled_ < ring_.size()) ++filled_;
    if (filled_ < ring_.size()) return false;
    double average = 0.0;
    for (const double v : ring_) average += v;
    average /= period_;
    double deviation = 0.0;
    for (const double v : ring_) deviation += v > average ? v - average : average - v;
    const double centred = tp - average;
    out = (centred != 0.0 && deviation != 0.0) ? centred / (0.015 * (deviation / period_)) : 0.0;
    return true;
  }

 private:
  std::vector<double> ring_;
  double period_;
  std::size_t slot_ = 0;
  std::size_t filled_ = 0;
};

// MFI: positive and negative money flows of the last `period` changes in a ring; sums updated by
// subtracting the leaving flow, then adding the new one. 0 when the total flow is below 1.
class MfiCore {
 public:
  explicit MfiCore(int period)
      : positive_(static_cast<std::size_t>(period), 0.0), negative_(static_cast<std::size_t>(period), 0.0) {}
  bool push(double high, double low, double close, double volume, double& out) {
    const double tp = (high + low + close) / 3.0;
    if (!started_) {
      started_ = true;
      prev_tp_ = tp;
      return false;
    }
    const double change = tp - prev_tp_;
    prev_tp_ = tp;
    const double flow = tp * volume;
    if (changes_ >= positive_.size()) {
      pos_sum_ -= positive_[slot_];
      neg_sum_ -= negative_[slot_];
    }
    positive_[slot_] = 0.0;
    negative_[slot_] = 0.0;
    if (change < 0) {
      negative_[slot_] = flow;
      neg_sum_ += flow;
    } else if (change > 0) {
      positive_[slot_] = flow;
      pos_sum_ += flow;
    }
    if (++slot_ == positive_.size()) slot_ = 0;
    ++changes_;
    if (changes_ < positive_.size()) return false;
    const double total = pos_sum_ + neg_sum_;
    out = total < 1.0 ? 0.0 : 100.0 * (pos_sum_ / total);
    return true;
  }

 private:
  std::vector<double> positive_;
  std::vector<double> negative_;
  bool started_ = false;
  double prev_tp_ = 0.0;
  std::size_t slot_ = 0;
  std::size_t changes_ = 0;
  double pos_sum_ = 0.0;
  double neg_sum_ = 0.0;
};

}  // namespace streams::analytics::detail
