#include "analytics/indicators/streaming_indicators.h"

#include <algorithm>

#include "analytics/indicators/detail.h"
#include "analytics/indicators/input_guard.h"
#include "analytics/indicators/macd.h"
#include "analytics/indicators/ma.h"
#include "analytics/indicators/stoch.h"

namespace streams::analytics {
namespace detail {

StreamingMa::StreamingMa(int period, MaType type)
    : period_(period), type_(type), k_(2.0 / (static_cast<double>(period) + 1.0)),
      ring_(static_cast<std::size_t>(period), 0.0) {}

std::optional<double> StreamingMa::push(double x) {
  if (period_ == 1) return x;  // TA-Lib's MA copies its input for period 1, whatever the type
  ++count_;
  if (type_ == MaType::ema) {
    if (count_ < period_) {
      total_ += x;
      return std::nullopt;
    }
    if (count_ == period_) {
      total_ += x;
      ema_ = total_ / period_;
    } else {
      ema_ = ((x - ema_) * k_) + ema_;
    }
    return ema_;
  }
  // SMA: add the newest, divide, then drop the oldest of the window.
  total_ += x;
  ring_[slot_] = x;
  if (++slot_ == ring_.size()) slot_ = 0;
  if (count_ < period_) return std::nullopt;
  const double value = total_ / period_;
  total_ -= ring_[slot_];
  return value;
}

std::optional<double> FastK::push(double high, double low, double close) {
  highest_.push(high);
  lowest_.push(low);
  if (++count_ < period_) return std::nullopt;
  const double ll = lowest_.value();
  const double diff = (highest_.value() - ll) / 100.0;
  return diff != 0.0 ? (close - ll) / diff : 0.0;
}

}  // namespace detail

namespace {

Status check_streaming_ma(std::string_view name, std::string_view param, int period, MaType type,
                          std::string_view type_name) {
  if (auto s = detail::check_int(name, param, period, 1, detail::max_period); !s) return s;
  if (type != MaType::sma && type != MaType::ema) {
    return detail::bad_param(name, type_name, "must be 0 (SMA) or 1 (EMA) when streaming");
  }
  return {};
}

}  // namespace

Result<RsiState> RsiState::create(int timeperiod) {
  if (auto s = detail::check_int("rsi", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  return RsiState(timeperiod);
}

std::optional<double> RsiState::update(const BarInput& bar) {
  core_.push(bar.close);
  if (!core_.defined()) return std::nullopt;
  return detail::rsi_value(core_.gain(), core_.loss());
}

Result<StochfState> StochfState::create(int fastk_period, int fastd_period, MaType fastd_matype) {
  if (auto s = detail::check_int("stochf", "fastk_period", fastk_period, 1, detail::max_period); !s) return s.error();
  if (auto s = check_streaming_ma("stochf", "fastd_period", fastd_period, fastd_matype, "fastd_matype"); !s) {
    return s.error();
  }
  return StochfState(fastk_period, fastd_period, fastd_matype,
                     stochf_lookback(fastk_period, fastd_period, fastd_matype));
}

std::optional<StochOutput> StochfState::update(const BarInput& bar) {
  const auto k = k_.push(bar.high, bar.low, bar.close);
  if (!k) return std::nullopt;
  const auto d = d_.push(*k);
  if (!d) return std::nullopt;
  return StochOutput{*k, *d};
}

Result<StochState> StochState::create(int fastk_period, int slowk_period, MaType slowk_matype, int slowd_period,
                                      MaType slowd_matype) {
  if (auto s = detail::check_int("stoch", "fastk_period", fastk_period, 1, detail::max_period); !s) return s.error();
  if (auto s = check_streaming_ma("stoch", "slowk_period", slowk_period, slowk_matype, "slowk_matype"); !s) {
    return s.error();
  }
  if (auto s = check_streaming_ma("stoch", "slowd_period", slowd_period, slowd_matype, "slowd_matype"); !s) {
    return s.error();
  }
  return StochState(fastk_period, slowk_period, slowk_matype, slowd_period, slowd_matype,
                    stoch_lookback(fastk_period, slowk_period, slowk_matype, slowd_period, slowd_matype));
}

std::optional<StochOutput> StochState::update(const BarInput& bar) {
  const auto k = k_.push(bar.high, bar.low, bar.close);
  if (!k) return std::nullopt;
  const auto slow_k = slowk_.push(*k);
  if (!slow_k) return std::nullopt;
  const auto slow_d = slowd_.push(*slow_k);
  if (!slow_d) return std::nullopt;
  return StochOutput{*slow_k, *slow_d};
}

Result<StochRsiState> StochRsiState::create(int timeperiod, int fastk_period, int fastd_period, MaType fastd_matype) {
  auto rsi = RsiState::create(timeperiod);
  if (!rsi) return rsi.error();
  auto stochf = StochfState::create(fastk_period, fastd_period, fastd_matype);
  if (!stochf) return stochf.error();
  return StochRsiState(std::move(*rsi), std::move(*stochf),
                       stochrsi_lookback(timeperiod, fastk_period, fastd_period, fastd_matype));
}

std::optional<StochOutput> StochRsiState::update(const BarInput& bar) {
  const auto r = rsi_.update(bar);
  if (!r) return std::nullopt;
  return stochf_.update(BarInput{*r, *r, *r, *r, nan});
}

Result<MacdState> MacdState::create(int fastperiod, int slowperiod, int signalperiod) {
  if (auto s = detail::check_int("macd", "fastperiod", fastperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_int("macd", "slowperiod", slowperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_int("macd", "signalperiod", signalperiod, 1, detail::max_period); !s) return s.error();
  if (slowperiod < fastperiod) std::swap(slowperiod, fastperiod);
  const auto k = [](int p) { return 2.0 / (static_cast<double>(p) + 1.0); };
  return MacdState(detail::MacdCore(fastperiod, k(fastperiod), slowperiod, k(slowperiod), signalperiod),
                   macd_lookback(fastperiod, slowperiod, signalperiod));
}

std::optional<detail::MacdValues> MacdState::update(const BarInput& bar) {
  detail::MacdValues v;
  if (!core_.push(bar.close, v)) return std::nullopt;
  return v;
}

std::optional<double> TrangeState::update(const BarInput& bar) {
  if (!started_) {
    started_ = true;
    prev_close_ = bar.close;
    return std::nullopt;
  }
  const double tr = detail::true_range(bar.high, bar.low, prev_close_);
  prev_close_ = bar.close;
  return tr;
}

Result<AtrState> AtrState::create(int timeperiod) {
  if (auto s = detail::check_int("atr", "timeperiod", timeperiod, 1, detail::max_period); !s) return s.error();
  return AtrState(timeperiod);
}

std::optional<double> AtrState::update(const BarInput& bar) {
  const auto tr = tr_.update(bar);
  if (!tr || period_ == 1) return tr;
  ++trs_;
  if (trs_ < period_) {
    sum_ += *tr;
    return std::nullopt;
  }
  if (trs_ == period_) {
    sum_ += *tr;
    value_ = sum_ / static_cast<double>(period_);
    return value_;
  }
  value_ *= static_cast<double>(period_ - 1);
  value_ += *tr;
  value_ /= static_cast<double>(period_);
  return value_;
}

Result<NatrState> NatrState::create(int timeperiod) {
  if (auto s = detail::check_int("natr", "timeperiod", timeperiod, 1, detail::max_period); !s) return s.error();
  return NatrState(timeperiod);
}

std::optional<double> NatrState::update(const BarInput& bar) {
  const auto value = AtrState::update(bar);
  if (!value || period_ == 1) return value;
  return detail::is_zero(bar.close) ? 0.0 : (*value / bar.close) * 100.0;
}

Result<AdxState> AdxState::create(int timeperiod) {
  if (auto s = detail::check_int("adx", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  return AdxState(timeperiod);
}

std::optional<double> AdxState::update(const BarInput& bar) {
  smoother_.push(bar.high, bar.low, bar.close);
  const long row = rows_++;
  const long period = period_;
  if (row < period) return std::nullopt;
  const double p = period_;
  double value = 0.0;
  const bool defined = detail::dx_value(smoother_.plus_dm(), smoother_.minus_dm(), smoother_.tr(), value);
  if (row < 2 * period - 1) {
    if (defined) sum_dx_ += value;
    return std::nullopt;
  }
  if (row == 2 * period - 1) {
    if (defined) sum_dx_ += value;
    adx_ = sum_dx_ / p;
  } else if (defined) {
    adx_ = ((adx_ * (p - 1)) + value) / p;
  }
  return adx_;
}

Result<CciState> CciState::create(int timeperiod) {
  if (auto s = detail::check_int("cci", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  return CciState(timeperiod);
}

std::optional<double> CciState::update(const BarInput& bar) {
  double value = 0.0;
  if (!core_.push(bar.high, bar.low, bar.close, value)) return std::nullopt;
  return value;
}

Result<WillrState> WillrState::create(int timeperiod) {
  if (auto s = detail::check_int("willr", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  return WillrState(timeperiod);
}

std::optional<double> WillrState::update(const BarInput& bar) {
  highest_.push(bar.high);
  lowest_.push(bar.low);
  if (++count_ < period_) return std::nullopt;
  const double hh = highest_.value();
  const double diff = (hh - lowest_.value()) / (-100.0);
  return diff != 0.0 ? (hh - bar.close) / diff : 0.0;
}

Result<MfiState> MfiState::create(int timeperiod) {
  if (auto s = detail::check_int("mfi", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  return MfiState(timeperiod);
}

std::optional<double> MfiState::update(const BarInput& bar) {
  double value = 0.0;
  if (!core_.push(bar.high, bar.low, bar.close, bar.volume, value)) return std::nullopt;
  return value;
}

std::optional<double> ObvState::update(const BarInput& bar) {
  if (!started_) {
    started_ = true;
    prev_close_ = bar.close;
    value_ = bar.volume;
    return value_;
  }
  if (bar.close > prev_close_) value_ += bar.volume;
  else if (bar.close < prev_close_) value_ -= bar.volume;
  prev_close_ = bar.close;
  return value_;
}

std::optional<double> AdState::update(const BarInput& bar) {
  value_ = detail::ad_step(value_, bar.high, bar.low, bar.close, bar.volume);
  return value_;
}

Result<AdoscState> AdoscState::create(int fastperiod, int slowperiod) {
  if (auto s = detail::check_int("adosc", "fastperiod", fastperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_int("adosc", "slowperiod", slowperiod, 2, detail::max_period); !s) return s.error();
  return AdoscState(fastperiod, slowperiod, std::max(fastperiod, slowperiod) - 1);
}

std::optional<double> AdoscState::update(const BarInput& bar) {
  double value = 0.0;
  if (!core_.push(bar.high, bar.low, bar.close, bar.volume, value)) return std::nullopt;
  return value;
}

std::optional<double> LaggedState::push(double x) {
  ring_[slot_] = x;
  if (++slot_ == ring_.size()) slot_ = 0;
  if (++count_ < ring_.size()) return std::nullopt;
  return ring_[slot_];  // the oldest of the last period+1 values: period bars back
}

Result<MomState> MomState::create(int timeperiod) {
  if (auto s = detail::check_int("mom", "timeperiod", timeperiod, 1, detail::max_period); !s) return s.error();
  return MomState(timeperiod);
}

std::optional<double> MomState::update(const BarInput& bar) {
  const auto prev = push(bar.close);
  if (!prev) return std::nullopt;
  return bar.close - *prev;
}

Result<RocState> RocState::create(int timeperiod) {
  if (auto s = detail::check_int("roc", "timeperiod", timeperiod, 1, detail::max_period); !s) return s.error();
  return RocState(timeperiod);
}

std::optional<double> RocState::update(const BarInput& bar) {
  const auto prev = push(bar.close);
  if (!prev) return std::nullopt;
  return *prev != 0.0 ? ((bar.close / *prev) - 1.0) * 100.0 : 0.0;
}

static_assert(StreamingIndicator<RsiState> && StreamingIndicator<StochState> && StreamingIndicator<StochfState> &&
              StreamingIndicator<StochRsiState> && StreamingIndicator<MacdState> && StreamingIndicator<AtrState> &&
              StreamingIndicator<NatrState> && StreamingIndicator<TrangeState> && StreamingIndicator<AdxState> &&
              StreamingIndicator<CciState> && StreamingIndicator<WillrState> && StreamingIndicator<MfiState> &&
              StreamingIndicator<ObvState> && StreamingIndicator<AdState> && StreamingIndicator<AdoscState> &&
              StreamingIndicator<RocState> && StreamingIndicator<MomState>);

}  // namespace streams::analytics
