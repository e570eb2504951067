#include "analytics/indicators/hilbert_cycle.h"

#include <array>
#include <cmath>
#include <vector>

#include "analytics/indicators/detail.h"

namespace streams::analytics {
namespace {

// Lookbacks: 12 bars to prime the 4-bar smoother as TradeStation does, then the Hilbert filters'
// delays (6 + 6 + 3 + 3 + 1 + 1 = 20) for the 32-bar family; the 63-bar family adds the 50-bar
// dominant-cycle window's warm-up (TA-Lib 0.6 with unstable period 0).
constexpr int short_lookback = 32;
constexpr int long_lookback = 63;
// Bars of the smoother's warm-up before the Hilbert filters start (3 seeds + N priming steps).
constexpr int short_priming = 12;  // 3 + 9
constexpr int long_priming = 37;   // 3 + 34

constexpr double fir_a = 0.0962;
constexpr double fir_b = 0.5769;
constexpr std::size_t smooth_window = 50;

// Running 4-bar weighted average (weights 1..4 over 10), updated exactly as TA-Lib's WMA: the
// order of the additions decides the last bits of every downstream value.
class PriceSmoother {
 public:
  PriceSmoother(std::span<const double> in, std::size_t first) : in_(in), trailing_index_(first) {
    sub_ = in[first];
    sum_ = in[first];
    sub_ += in[first + 1];
    sum_ += in[first + 1] * 2.0;
    sub_ += in[first + 2];
    sum_ += in[first + 2] * 3.0;
  }
  double step(std::size_t t) {
    const double value = in_[t];
    sub_ += value;
    sub_ -= trailing_;
    sum_ += value * 4.0;
    trailing_ = in_[trailing_index_++];
    const double smoothed = sum_ * 0.1;
    sum_ -= sub_;
    return smoothed;
  }

 private:
  std::span<const double> in_;
  std::size_t trailing_index_;
  double sub_ = 0;
  double sum_ = 0;
  double trailing_ = 0;
};

// Ehlers' Hilbert FIR, 0.0962·x[t] + 0.5769·x[t−2] − 0.5769·x[t−4] − 0.0962·x[t−6], on one
// stream, scaled by the period adjustment. Values before the stream starts are zero.
class HilbertFir {
 public:
  double step(std::size_t t, double x, double adjust) {
    const std::size_t slot = t % 6;
    double r = 0.0 - fir_a * history_[slot];
    r += fir_a * x;
    r -= fir_b * history_[(t + 2) % 6];
    r += fir_b * history_[(t + 4) % 6];
    history_[slot] = x;
    return r * adjust;
  }

 private:
  std::array<double, 6> history_{};
};

// One bar of the engine's state, as the indicators read it.
struct HilbertBar {
  double price = 0;
  double smoothed = 0;
  double inphase = 0;     // I1: the detrender delayed 3 bars
  double quadrature = 0;  // Q1
  double smooth_period = 0;
};

// The engine shared by every member of the family: smoother, detrender, in-phase and quadrature
// components, homodyne discriminator and the smoothed dominant-cycle period.
class HilbertEngine {
 public:
  explicit HilbertEngine(double rad_to_deg) : rad_to_deg_(rad_to_deg) {}

  HilbertBar step(std::size_t t, double price, double smoothed) {
    const double adjust = 0.075 * period_ + 0.54;
    const double detrender = detrender_fir_.step(t, smoothed, adjust);
    const double q1 = q1_fir_.step(t, detrender, adjust);
    const double i1 = detrender_delay_[t % 3];
    detrender_delay_[t % 3] = detrender;
    const double ji = ji_fir_.step(t, i1, adjust);
    const double jq = jq_fir_.step(t, q1, adjust);
    const double q2 = 0.2 * (q1 + ji) + 0.8 * prev_q2_;
    const double i2 = 0.2 * (i1 - jq) + 0.8 * prev_i2_;

    re_ = 0.2 * (i2 * prev_i2_ + q2 * prev_q2_) + 0.8 * re_;
    im_ = 0.2 * (i2 * prev_q2_ - q2 * prev_i2_) + 0.8 * im_;
    prev_q2_ = q2;
    prev_i2_ = i2;
    const double previous = period_;
    if (im_ != 0.0 && re_ != 0.0) period_ = 360.0 / (std::atan(im_ / re_) * rad_to_deg_);
    if (period_ > 1.5 * previous) period_ = 1.5 * previous;
    if (period_ < 0.67 * previous) period_ = 0.67 * previous;
    if (period_ < 6) {
      period_ = 6;
    } else if (period_ > 50) {
      period_ = 50;
    }
    period_ = 0.2 * period_ + 0.8 * previous;
    smooth_period_ = 0.33 * period_ + 0.67 * smooth_period_;
    return HilbertBar{price, smoothed, i1, q1, smooth_period_};
  }

 private:
  double rad_to_deg_;
  HilbertFir detrender_fir_;
  HilbertFir q1_fir_;
  HilbertFir ji_fir_;
  HilbertFir jq_fir_;
  std::array<double, 3> detrender_delay_{};
  double period_ = 0;
  double smooth_period_ = 0;
  double prev_q2_ = 0;
  double prev_i2_ = 0;
  double re_ = 0;
  double im_ = 0;
};

// Runs the smoother and the engine over `in`, calling on_bar(t, bar) for every bar from the end
// of the smoother's priming on. Returns false when the input is shorter than the lookback.
template <class OnBar>
bool run_engine(std::span<const double> in, int lookback, int priming, double rad_to_deg, OnBar&& on_bar) {
  if (in.size() <= static_cast<std::size_t>(lookback)) return false;
  PriceSmoother smoother(in, 0);
  for (std::size_t t = 3; t < static_cast<std::size_t>(priming); ++t) smoother.step(t);
  HilbertEngine engine(rad_to_deg);
  for (std::size_t t = static_cast<std::size_t>(priming); t < in.size(); ++t) {
    const double smoothed = smoother.step(t);
    on_bar(t, engine.step(t, in[t], smoothed));
  }
  return true;
}

// TA-Lib computes the degree conversion two ways in this family; each indicator keeps its own so
// that results agree to the last bit.
double rad_to_deg_short() { return 180.0 / (4.0 * std::atan(1.0)); }
double rad_to_deg_long() { return 45.0 / std::atan(1.0); }

// The dominant-cycle phase, sine wave and trend line of the 63-bar family, bar by bar.
class DominantCycle {
 public:
  struct Values {
    double phase = 0;
    double sine = 0;
    double lead_sine = 0;
    double trendline = 0;
    int trend = 0;
  };

  DominantCycle() : rad_to_deg_(rad_to_deg_long()), deg_to_rad_(1.0 / rad_to_deg_), two_pi_(std::atan(1.0) * 8.0) {}

  // `in` and `t` give the raw prices for the trend line's average.
  Values step(std::span<const double> in, std::size_t t, const HilbertBar& bar) {
    smoothed_[slot_] = bar.smoothed;
    const double smooth_period = bar.smooth_period;
    const double previous_phase = phase_;
    const int period = static_cast<int>(smooth_period + 0.5);

    double real_part = 0.0;
    double imag_part = 0.0;
    std::size_t index = slot_;
    for (int k = 0; k < period; ++k) {
      const double angle = static_cast<double>(k) * two_pi_ / static_cast<double>(period);
      const double value = smoothed_[index];
      real_part += std::sin(angle) * value;
      imag_part += std::cos(angle) * value;
      index = index == 0 ? smooth_window - 1 : index - 1;
    }
    const double magnitude = std::fabs(imag_part);
    if (magnitude > 0.0) {
      phase_ = std::atan(real_part / imag_part) * rad_to_deg_;
    } else if (magnitude <= 0.01) {
      if (real_part < 0.0) {
        phase_ -= 90.0;
      } else if (real_part > 0.0) {
        phase_ += 90.0;
      }
    }
    phase_ += 90.0;
    phase_ += 360.0 / smooth_period;  // compensates the smoother's one-bar lag
    if (imag_part < 0.0) phase_ += 180.0;
    if (phase_ > 315.0) phase_ -= 360.0;

    const double previous_sine = sine_;
    const double previous_lead = lead_sine_;
    sine_ = std::sin(phase_ * deg_to_rad_);
    lead_sine_ = std::sin((phase_ + 45) * deg_to_rad_);

    // Instantaneous trend: the raw price averaged over the dominant cycle, then a 4-bar WMA.
    double average = 0.0;
    for (int k = 0; k < period; ++k) average += in[t - static_cast<std::size_t>(k)];
    if (period > 0) average = average / static_cast<double>(period);
    const double trendline = (4.0 * average + 3.0 * trend1_ + 2.0 * trend2_ + trend3_) / 10.0;
    trend3_ = trend2_;
    trend2_ = trend1_;
    trend1_ = average;

    int trend = 1;
    if ((sine_ > lead_sine_ && previous_sine <= previous_lead) ||
        (sine_ < lead_sine_ && previous_sine >= previous_lead)) {
      days_in_trend_ = 0;
      trend = 0;
    }
    ++days_in_trend_;
    if (days_in_trend_ < 0.5 * smooth_period) trend = 0;
    const double phase_change = phase_ - previous_phase;
    if (smooth_period != 0.0 && phase_change > 0.67 * 360.0 / smooth_period &&
        phase_change < 1.5 * 360.0 / smooth_period) {
      trend = 0;
    }
    if (trendline != 0.0 && std::fabs((smoothed_[slot_] - trendline) / trendline) >= 0.015) trend = 1;

    slot_ = slot_ + 1 == smooth_window ? 0 : slot_ + 1;
    return Values{phase_, sine_, lead_sine_, trendline, trend};
  }

 private:
  double rad_to_deg_;
  double deg_to_rad_;
  double two_pi_;
  std::array<double, smooth_window> smoothed_{};
  std::size_t slot_ = 0;
  double phase_ = 0;
  double sine_ = 0;
  double lead_sine_ = 0;
  double trend1_ = 0;
  double trend2_ = 0;
  double trend3_ = 0;
  int days_in_trend_ = 0;
};

// Validates output lengths; when an output shares memory with the input, `in` is redirected to a
// copy (outputs are aligned with the input, and the smoother and trend line read behind today).
Status prepare(std::string_view function, std::span<const double>& in, std::vector<double>& copy,
               std::initializer_list<std::span<double>> outputs) {
  for (const auto& out : outputs) {
    if (out.size() != in.size()) {
      return make_error(errc::input_mismatch, std::string(function) + ": inputs and outputs must have the same length");
    }
  }
  for (const auto& out : outputs) {
    if (detail::overlaps(in, out)) {
      copy.assign(in.begin(), in.end());
      in = copy;
      break;
    }
  }
  return {};
}

OutRange range_from(int lookback, std::size_t n) {
  const auto begin = static_cast<std::size_t>(lookback);
  return n > begin ? OutRange{begin, n - begin} : OutRange{};
}

// Shared body of the 63-bar family: runs the engine and the dominant-cycle stage and hands each
// output bar to `write`.
template <class Write>
OutRange run_dominant_cycle(std::span<const double> in, Write&& write) {
  DominantCycle cycle;
  const bool ran = run_engine(in, long_lookback, long_priming, rad_to_deg_long(), [&](std::size_t t, const HilbertBar& bar) {
    const DominantCycle::Values v = cycle.step(in, t, bar);
    if (t >= static_cast<std::size_t>(long_lookback)) write(t, v);
  });
  return ran ? range_from(long_lookback, in.size()) : OutRange{};
}

}  // namespace

int ht_dcperiod_lookback() { return short_lookback; }
int ht_phasor_lookback() { return short_lookback; }
int ht_dcphase_lookback() { return long_lookback; }
int ht_sine_lookback() { return long_lookback; }
int ht_trendmode_lookback() { return long_lookback; }
int ht_trendline_lookback() { return long_lookback; }
int mama_lookback(double /*fastlimit*/, double /*slowlimit*/) { return short_lookback; }

Result<OutRange> ht_dcperiod(std::span<const double> in, std::span<double> out) {
  std::vector<double> copy;
  if (auto s = prepare("ht_dcperiod", in, copy, {out}); !s) return s.error();
  const bool ran = run_engine(in, short_lookback, short_priming, rad_to_deg_short(), [&](std::size_t t, const HilbertBar& bar) {
    if (t >= static_cast<std::size_t>(short_lookback)) out[t] = bar.smooth_period;
  });
  return ran ? range_from(short_lookback, in.size()) : OutRange{};
}

Result<OutRange> ht_phasor(std::span<const double> in, std::span<double> inphase, std::span<double> quadrature) {
  std::vector<double> copy;
  if (auto s = prepare("ht_phasor", in, copy, {inphase, quadrature}); !s) return s.error();
  const bool ran = run_engine(in, short_lookback, short_priming, rad_to_deg_short(), [&](std::size_t t, const HilbertBar& bar) {
    if (t >= static_cast<std::size_t>(short_lookback)) {
      inphase[t] = bar.inphase;
      quadrature[t] = bar.quadrature;
    }
  });
  return ran ? range_from(short_lookback, in.size()) : OutRange{};
}

Result<OutRange> ht_dcphase(std::span<const double> in, std::span<double> out) {
  std::vector<double> copy;
  if (auto s = prepare("ht_dcphase", in, copy, {out}); !s) return s.error();
  return run_dominant_cycle(in, [&](std::size_t t, const DominantCycle::Values& v) { out[t] = v.phase; });
}

Result<OutRange> ht_sine(std::span<const double> in, std::span<double> sine, std::span<double> leadsine) {
  std::vector<double> copy;
  if (auto s = prepare("ht_sine", in, copy, {sine, leadsine}); !s) return s.error();
  return run_dominant_cycle(in, [&](std::size_t t, const DominantCycle::Values& v) {
    sine[t] = v.sine;
    leadsine[t] = v.lead_sine;
  });
}

Result<OutRange> ht_trendmode(std::span<const double> in, std::span<double> out) {
  std::vector<double> copy;
  if (auto s = prepare("ht_trendmode", in, copy, {out}); !s) return s.error();
  return run_dominant_cycle(in, [&](std::size_t t, const DominantCycle::Values& v) { out[t] = v.trend; });
}

Result<OutRange> ht_trendline(std::span<const double> in, std::span<double> out) {
  std::vector<double> copy;
  if (auto s = prepare("ht_trendline", in, copy, {out}); !s) return s.error();
  return run_dominant_cycle(in, [&](std::size_t t, const DominantCycle::Values& v) { out[t] = v.trendline; });
}

Result<OutRange> mama(std::span<const double> in, double fastlimit, double slowlimit, std::span<double> mama_out,
                      std::span<double> fama_out) {
  if (auto s = detail::check_real("mama", "fastlimit", fastlimit, 0.01, 0.99); !s) return s.error();
  if (auto s = detail::check_real("mama", "slowlimit", slowlimit, 0.01, 0.99); !s) return s.error();
  std::vector<double> copy;
  if (auto s = prepare("mama", in, copy, {mama_out, fama_out}); !s) return s.error();
  const double rad_to_deg = rad_to_deg_short();
  double previous_phase = 0.0;
  double mama_value = 0.0;
  double fama_value = 0.0;
  const bool ran = run_engine(in, short_lookback, short_priming, rad_to_deg, [&](std::size_t t, const HilbertBar& bar) {
    const double phase = bar.inphase != 0.0 ? std::atan(bar.quadrature / bar.inphase) * rad_to_deg : 0.0;
    double delta = previous_phase - phase;
    previous_phase = phase;
    if (delta < 1.0) delta = 1.0;
    double alpha = fastlimit;
    if (delta > 1.0) {
      alpha = fastlimit / delta;
      if (alpha < slowlimit) alpha = slowlimit;
    }
    mama_value = alpha * bar.price + (1 - alpha) * mama_value;
    alpha *= 0.5;
    fama_value = alpha * mama_value + (1 - alpha) * fama_value;
    if (t >= static_cast<std::size_t>(short_lookback)) {
      mama_out[t] = mama_value;
      fama_out[t] = fama_value;
    }
  });
  return ran ? range_from(short_lookback, in.size()) : OutRange{};
}

}  // namespace streams::analytics
