#include "live/indicators.h"

#include <array>
#include <cmath>

#include "analytics/indicators/indicator_registry.h"
#include "analytics/indicators/streaming.h"
#include "analytics/op.h"
#include "analytics/spec.h"
#include "live/errc.h"

namespace streams::live {
namespace {

// make_streaming()'s states behind the LiveIndicator interface.
class FactoryIndicator final : public LiveIndicator {
 public:
  explicit FactoryIndicator(std::unique_ptr<analytics::StreamingIndicator> state) : state_(std::move(state)) {}
  std::span<const double> update(const IndicatorBar& b) override {
    return state_->update(analytics::StreamBar{b.session, b.open, b.high, b.low, b.close, b.volume});
  }

 private:
  std::unique_ptr<analytics::StreamingIndicator> state_;
};

bool has_factory_form(std::string_view name) {
  for (const auto n : analytics::streaming_indicator_names()) {
    if (n == name) return true;
  }
  return false;
}

}  // namespace

Result<IndicatorInstance> make_live_indicator(std::string_view text) {
  auto parsed = analytics::parse_spec(text);
  if (!parsed) return make_error(errc::bad_indicator, parsed.error().message);
  std::vector<double> params;
  IndicatorInstance out;
  if (parsed->name == "vwap") {
    if (!parsed->args.empty()) return make_error(errc::bad_indicator, "vwap takes no parameters");
    out.outputs.emplace_back("real");
  } else {
    const analytics::IndicatorSpec* spec = analytics::find_indicator(parsed->name);
    if (spec == nullptr) return make_error(errc::bad_indicator, "unknown indicator '" + parsed->name + "'");
    analytics::OpArgs args(parsed->args);
    for (const analytics::IndicatorParam& p : spec->params) {
      if (p.type == analytics::ParamType::real) {
        auto v = args.get_real(p.name, p.default_value, p.min, p.max);
        if (!v) return make_error(errc::bad_indicator, parsed->name + ": " + v.error().message);
        params.push_back(*v);
      } else {
        auto v = args.get_int(p.name, static_cast<int>(p.default_value), static_cast<int>(p.min), static_cast<int>(p.max));
        if (!v) return make_error(errc::bad_indicator, parsed->name + ": " + v.error().message);
        params.push_back(*v);
      }
    }
    if (auto s = args.finish(); !s) return make_error(errc::bad_indicator, parsed->name + ": " + s.error().message);
    for (const auto& o : spec->outputs) out.outputs.emplace_back(o.name);
  }
  if (has_factory_form(parsed->name)) {
    auto state = analytics::make_streaming(parsed->name, params);
    if (!state) return make_error(errc::bad_indicator, state.error().message);
    out.state = std::make_unique<FactoryIndicator>(std::move(*state));
    return out;
  }
  auto typed = detail::make_typed_indicator(parsed->name, params);
  if (!typed) return typed.error();
  out.state = std::move(*typed);
  return out;
}

}  // namespace streams::live
