#pragma once
// Internal: MACD fed one value at a time, shared by the batch macd/macdfix and MacdState so both
// perform identical operations. Seeding (TA-Lib's): both EMAs output first at row slow-1, each
// seeded with the SMA of its own last `period` values there (so the fast EMA ignores rows before
// slow-fast); the signal EMA is seeded with the SMA of the first `signal` MACD values.

#include <algorithm>

namespace streams::analytics::detail {

struct MacdValues {
  double macd = 0.0;
  double signal = 0.0;
  double hist = 0.0;
};

class MacdCore {
 public:
  // Periods already validated and ordered (slow >= fast); k factors given explicitly.
  MacdCore(int fast, double fast_k, int slow, double slow_k, int signal)
      : fast_(fast), slow_(slow), signal_(signal), fast_k_(fast_k), slow_k_(slow_k),
        signal_k_(2.0 / (static_cast<double>(signal) + 1.0)) {}

  // Returns true when `out` holds all three values (from row (slow-1)+(signal-1) on).
  bool push(double x, MacdValues& out) {
    const long row = rows_++;
    if (row < slow_ - 1) {
      slow_sum_ += x;
      if (row >= slow_ - fast_) fast_sum_ += x;
      return false;
    }
    if (row == slow_ - 1) {
      slow_sum_ += x;
      fast_sum_ += x;
      fast_ema_ = fast_sum_ / fast_;
      slow_ema_ = slow_sum_ / slow_;
    } else {
      fast_ema_ = ((x - fast_ema_) * fast_k_) + fast_ema_;
      slow_ema_ = ((x - slow_ema_) * slow_k_) + slow_ema_;
    }
    const double line = fast_ema_ - slow_ema_;
    const long signal_row = row - (slow_ - 1);
    if (signal_row < signal_ - 1) {
      signal_sum_ += line;
      return false;
    }
    if (signal_row == signal_ - 1) {
      signal_sum_ += line;
      signal_ema_ = signal_sum_ / signal_;
    } else {
      signal_ema_ = ((line - signal_ema_) * signal_k_) + signal_ema_;
    }
    out.macd = line;
    out.signal = signal_ema_;
    out.hist = line - signal_ema_;
    return true;
  }

 private:
  long fast_;
  long slow_;
  long signal_;
  double fast_k_;
  double slow_k_;
  double signal_k_;
  long rows_ = 0;
  double fast_sum_ = 0.0;
  double slow_sum_ = 0.0;
  double signal_sum_ = 0.0;
  double fast_ema_ = 0.0;
  double slow_ema_ = 0.0;
  double signal_ema_ = 0.0;
};

}  // namespace streams::analytics::detail
