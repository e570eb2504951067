#pragma once
// Streaming states (streaming.h) for rsi, stoch, stochf, stochrsi, macd, atr, natr, trange, adx,
// cci, willr, mfi, obv, ad, adosc, roc, mom. Stoch/stochf/stochrsi stream the SMA and EMA
// matypes (TA-Lib's default and the common choice); other matypes are rejected by create().

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "analytics/indicators/indicator.h"
#include "analytics/indicators/macd_core.h"
#include "analytics/indicators/oscillator_core.h"
#include "analytics/indicators/streaming_state.h"
#include "analytics/indicators/volume_core.h"
#include "analytics/indicators/wilder.h"
#include "core/result.h"

namespace streams::analytics {

namespace detail {

// SMA or EMA fed one value at a time, TA-Lib's operations (SMA: add, divide, drop the oldest;
// EMA: seeded with the SMA of its first `period` values, then ((x - ema) * k) + ema).
class StreamingMa {
 public:
  StreamingMa(int period, MaType type);
  std::optional<double> push(double x);

 private:
  int period_;
  MaType type_;
  double k_;
  std::vector<double> ring_;
  std::size_t slot_ = 0;
  long count_ = 0;
  double total_ = 0.0;
  double ema_ = 0.0;
};

// Fast %K over the last `period` bars (highest high, lowest low, close).
class FastK {
 public:
  explicit FastK(int period) : period_(period), highest_(static_cast<std::size_t>(period)),
                               lowest_(static_cast<std::size_t>(period)) {}
  std::optional<double> push(double high, double low, double close);

 private:
  long period_;
  long count_ = 0;
  MonotonicExtreme<std::greater<>> highest_;
  MonotonicExtreme<std::less<>> lowest_;
};

}  // namespace detail

class RsiState {
 public:
  using Output = double;
  static Result<RsiState> create(int timeperiod = 14);
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return period_; }

 private:
  explicit RsiState(int period) : period_(period), core_(period) {}
  int period_;
  detail::WilderGainLoss core_;
};

struct StochOutput {
  double k = 0.0;  // slowk (stoch) or fastk (stochf, stochrsi)
  double d = 0.0;  // slowd or fastd
  bool operator==(const StochOutput&) const = default;
};

class StochfState {
 public:
  using Output = StochOutput;
  static Result<StochfState> create(int fastk_period = 5, int fastd_period = 3, MaType fastd_matype = MaType::sma);
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return lookback_; }

 private:
  StochfState(int fastk, int fastd, MaType type, int lookback) : k_(fastk), d_(fastd, type), lookback_(lookback) {}
  detail::FastK k_;
  detail::StreamingMa d_;
  int lookback_;
};

class StochState {
 public:
  using Output = StochOutput;
  static Result<StochState> create(int fastk_period = 5, int slowk_period = 3, MaType slowk_matype = MaType::sma,
                                   int slowd_period = 3, MaType slowd_matype = MaType::sma);
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return lookback_; }

 private:
  StochState(int fastk, int slowk, MaType slowk_type, int slowd, MaType slowd_type, int lookback)
      : k_(fastk), slowk_(slowk, slowk_type), slowd_(slowd, slowd_type), lookback_(lookback) {}
  detail::FastK k_;
  detail::StreamingMa slowk_;
  detail::StreamingMa slowd_;
  int lookback_;
};

class StochRsiState {
 public:
  using Output = StochOutput;
  static Result<StochRsiState> create(int timeperiod = 14, int fastk_period = 5, int fastd_period = 3,
                                      MaType fastd_matype = MaType::sma);
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return lookback_; }

 private:
  StochRsiState(RsiState rsi, StochfState stochf, int lookback)
      : rsi_(std::move(rsi)), stochf_(std::move(stochf)), lookback_(lookback) {}
  RsiState rsi_;
  StochfState stochf_;
  int lookback_;
};

class MacdState {
 public:
  using Output = detail::MacdValues;  // macd, signal, hist
  static Result<MacdState> create(int fastperiod = 12, int slowperiod = 26, int signalperiod = 9);
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return lookback_; }

 private:
  MacdState(detail::MacdCore core, int lookback) : core_(core), lookback_(lookback) {}
  detail::MacdCore core_;
  int lookback_;
};

class TrangeState {
 public:
  using Output = double;
  static Result<TrangeState> create() { return TrangeState(); }
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return 1; }

 private:
  bool started_ = false;
  double prev_close_ = 0.0;
};

class AtrState {
 public:
  using Output = double;
  static Result<AtrState> create(int timeperiod = 14);
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return period_; }

 protected:
  explicit AtrState(int period) : period_(period) {}
  int period_;
  TrangeState tr_;
  long trs_ = 0;
  double sum_ = 0.0;
  double value_ = 0.0;
};

// ATR / close * 100 (0 when close is 0); period 1 is TRANGE unnormalised, as TA-Lib's NATR.
class NatrState : private AtrState {
 public:
  using Output = double;
  static Result<NatrState> create(int timeperiod = 14);
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return period_; }

 private:
  explicit NatrState(int period) : AtrState(period) {}
};

class AdxState {
 public:
  using Output = double;
  static Result<AdxState> create(int timeperiod = 14);
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return 2 * period_ - 1; }

 private:
  explicit AdxState(int period) : period_(period), smoother_(period) {}
  int period_;
  detail::DirectionalSmoother smoother_;
  long rows_ = 0;
  double sum_dx_ = 0.0;
  double adx_ = 0.0;
};

class CciState {
 public:
  using Output = double;
  static Result<CciState> create(int timeperiod = 14);
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return period_ - 1; }

 private:
  explicit CciState(int period) : period_(period), core_(period) {}
  int period_;
  detail::CciCore core_;
};

class WillrState {
 public:
  using Output = double;
  static Result<WillrState> create(int timeperiod = 14);
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return period_ - 1; }

 private:
  explicit WillrState(int period)
      : period_(period), highest_(static_cast<std::size_t>(period)), lowest_(static_cast<std::size_t>(period)) {}
  int period_;
  long count_ = 0;
  detail::MonotonicExtreme<std::greater<>> highest_;
  detail::MonotonicExtreme<std::less<>> lowest_;
};

class MfiState {
 public:
  using Output = double;
  static Result<MfiState> create(int timeperiod = 14);
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return period_; }

 private:
  explicit MfiState(int period) : period_(period), core_(period) {}
  int period_;
  detail::MfiCore core_;
};

class ObvState {
 public:
  using Output = double;
  static Result<ObvState> create() { return ObvState(); }
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return 0; }

 private:
  bool started_ = false;
  double prev_close_ = 0.0;
  double value_ = 0.0;
};

class AdState {
 public:
  using Output = double;
  static Result<AdState> create() { return AdState(); }
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return 0; }

 private:
  double value_ = 0.0;
};

class AdoscState {
 public:
  using Output = double;
  static Result<AdoscState> create(int fastperiod = 3, int slowperiod = 10);
  std::optional<Output> update(const BarInput& bar);
  [[nodiscard]] int lookback() const { return lookback_; }

 private:
  AdoscState(int fast, int slow, int lookback) : core_(fast, slow), lookback_(lookback) {}
  detail::AdoscCore core_;
  int lookback_;
};

// MOM and ROC over close: the value `timeperiod` bars back from a ring of period+1 closes.
class LaggedState {
 public:
  [[nodiscard]] int lookback() const { return static_cast<int>(ring_.size()) - 1; }

 protected:
  explicit LaggedState(int period) : ring_(static_cast<std::size_t>(period) + 1, 0.0) {}
  // Pushes x; returns the value timeperiod bars back once there is one.
  std::optional<double> push(double x);

 private:
  std::vector<double> ring_;
  std::size_t slot_ = 0;
  std::size_t count_ = 0;
};

class MomState : public LaggedState {
 public:
  using Output = double;
  static Result<MomState> create(int timeperiod = 10);
  std::optional<Output> update(const BarInput& bar);

 private:
  explicit MomState(int period) : LaggedState(period) {}
};

class RocState : public LaggedState {
 public:
  using Output = double;
  static Result<RocState> create(int timeperiod = 10);
  std::optional<Output> update(const BarInput& bar);

 private:
  explicit RocState(int period) : LaggedState(period) {}
};

}  // namespace streams::analytics
