#pragma once
// Internal building blocks shared by the batch indicators and their streaming states, so both
// run the very same floating-point operations (and agree bit for bit):
//  - WilderGainLoss: RSI/CMO's average gain and loss;
//  - DirectionalSmoother: the Wilder sums of +DM, -DM and TR behind PLUS_DI … ADX.

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "analytics/indicators/detail.h"
#include "analytics/indicators/input_guard.h"

namespace streams::analytics::detail {

// Fed one price at a time. The first push only records the price; pushes 2..period+1 accumulate
// the changes, and the (period+1)-th divides them by period (the seed, defined() turns true);
// later pushes smooth: avg = avg * (period-1)/period + change * 1/period (see step()).
class WilderGainLoss {
 public:
  explicit WilderGainLoss(int period)
      : period_(period), keep_((period_ - 1.0) / period_), weight_(1.0 / period_) {}
  // One Wilder step. TA-Lib computes (avg * (period-1) + change) / period, whose division sits on
  // the loop-carried chain (about 20 cycles per element); multiplying by precomputed factors takes
  // the division off the chain (2x faster). The two differ by a few ulps per step and the
  // smoothing contracts old errors by (period-1)/period, so the results stay within ~period ulps
  // of TA-Lib's (1e-14 relative), far inside the 1e-9 contract.
  static double step(double avg, double change, double keep, double weight) { return avg * keep + change * weight; }
  // The two halves of a change. On x86 they are maxsd instructions: GCC turns a ?: or std::max
  // into a branch that the predictor misses on every other row of market data (3x slower on 1M
  // rows). A NaN change goes to the gain, as in TA-Lib's "if (diff < 0) loss -= diff; else gain
  // += diff": maxsd returns its second operand when either is NaN.
#if defined(__SSE2__)
  static double down(double diff) { return _mm_cvtsd_f64(_mm_max_sd(_mm_set_sd(-diff), _mm_setzero_pd())); }
  static double up(double diff) { return _mm_cvtsd_f64(_mm_max_sd(_mm_setzero_pd(), _mm_set_sd(diff))); }
#else
  static double down(double diff) { return diff < 0 ? -diff : 0.0; }
  static double up(double diff) { return diff < 0 ? 0.0 : diff; }
#endif
  void push(double x) {
    if (count_ == 0) {
      prev_ = x;
      ++count_;
      return;
    }
    const double diff = x - prev_;
    prev_ = x;
    if (count_ <= period_) {
      if (diff < 0) loss_ -= diff;
      else gain_ += diff;
      if (count_ == period_) {
        loss_ /= period_;
        gain_ /= period_;
      }
      ++count_;
      return;
    }
    smooth(diff);
  }
  // After the seed: one Wilder step per change. Branch-free (the sign of a change is a coin flip
  // on market data) and bit-identical to TA-Lib's "if (diff < 0) loss -= diff; else gain += diff":
  // the other average gets + 0.0, which leaves it unchanged; a NaN change goes to the gain.
  void smooth(double diff) {
    loss_ = step(loss_, down(diff), keep_, weight_);
    gain_ = step(gain_, up(diff), keep_, weight_);
  }
  // push() for a state already seeded (defined()): the batch loop's fast path.
  void push_seeded(double x) {
    const double diff = x - prev_;
    prev_ = x;
    smooth(diff);
  }
  [[nodiscard]] bool defined() const { return count_ > period_; }
  [[nodiscard]] double gain() const { return gain_; }
  [[nodiscard]] double loss() const { return loss_; }
  [[nodiscard]] double keep() const { return keep_; }
  [[nodiscard]] double weight() const { return weight_; }

 private:
  double period_;
  double keep_;
  double weight_;
  int count_ = 0;
  double prev_ = 0.0;
  double gain_ = 0.0;
  double loss_ = 0.0;
};

inline double rsi_value(double gain, double loss) {
  const double total = gain + loss;
  return is_zero(total) ? 0.0 : 100.0 * (gain / total);
}
inline double cmo_value(double gain, double loss) {
  const double total = gain + loss;
  return is_zero(total) ? 0.0 : 100.0 * ((gain - loss) / total);
}

// Directional movement of one bar against the previous one (TA-Lib's rule: +DM when the high
// rises more than the low falls, -DM in the opposite case, never both).
struct DirectionalMove {
  double plus = 0.0;   // diffP when it counts, else 0
  double minus = 0.0;  // diffM when it counts, else 0
  bool has_plus = false;
  bool has_minus = false;
};
inline DirectionalMove directional_move(double prev_high, double prev_low, double high, double low) {
  DirectionalMove m;
  const double diff_p = high - prev_high;
  const double diff_m = prev_low - low;
  if (diff_p > 0 && diff_p > diff_m) {
    m.plus = diff_p;
    m.has_plus = true;
  } else if (diff_m > 0 && diff_p < diff_m) {
    m.minus = diff_m;
    m.has_minus = true;
  }
  return m;
}

// Wilder sums of +DM, -DM and TR over `period` (period >= 2): the first period-1 moves are summed
// plainly, then each new move gives sum = sum - sum/period + move.
class DirectionalSmoother {
 public:
  explicit DirectionalSmoother(int period) : period_(period), prime_(period - 1) {}
  // Returns the number of moves seen so far (0 after the first bar).
  int push(double high, double low, double close) {
    if (moves_ < 0) {
      prev_high_ = high;
      prev_low_ = low;
      prev_close_ = close;
      moves_ = 0;
      return 0;
    }
    const DirectionalMove m = directional_move(prev_high_, prev_low_, high, low);
    const double tr = true_range(high, low, prev_close_);
    prev_high_ = high;
    prev_low_ = low;
    prev_close_ = close;
    if (moves_ < prime_) {
      if (m.has_plus) plus_ += m.plus;
      if (m.has_minus) minus_ += m.minus;
      tr_ += tr;
    } else {
      plus_ = m.has_plus ? plus_ - (plus_ / period_) + m.plus : plus_ - (plus_ / period_);
      minus_ = m.has_minus ? minus_ - (minus_ / period_) + m.minus : minus_ - (minus_ / period_);
      tr_ = tr_ - (tr_ / period_) + tr;
    }
    return ++moves_;
  }
  [[nodiscard]] double plus_dm() const { return plus_; }
  [[nodiscard]] double minus_dm() const { return minus_; }
  [[nodiscard]] double tr() const { return tr_; }

 private:
  double period_;
  int prime_;
  int moves_ = -1;
  double prev_high_ = 0.0;
  double prev_low_ = 0.0;
  double prev_close_ = 0.0;
  double plus_ = 0.0;
  double minus_ = 0.0;
  double tr_ = 0.0;
};

// DX from smoothed sums; `fallback` is what TA-Lib keeps when TR or the DI sum is zero.
inline bool dx_value(double plus_dm, double minus_dm, double tr, double& dx) {
  if (is_zero(tr)) return false;
  const double minus_di = 100.0 * (minus_dm / tr);
  const double plus_di = 100.0 * (plus_dm / tr);
  const double total = minus_di + plus_di;
  if (is_zero(total)) return false;
  const double diff = minus_di > plus_di ? minus_di - plus_di : plus_di - minus_di;
  dx = 100.0 * (diff / total);
  return true;
}

}  // namespace streams::analytics::detail
