// OpSpec adapters of the support/resistance levels (levels.h): `pivots(period=month)` and
// `support_resistance(timeperiod=5)`, reading high, low and close of the first input.
#include <fmt/format.h>

#include <array>

#include "analytics/errc.h"
#include "analytics/levels/levels.h"
#include "analytics/ops.h"

namespace streams::analytics {
namespace {

Result<std::span<const double>> column_of(std::span<const OpInput> inputs, std::string_view name) {
  if (inputs.empty()) return make_error(errc::missing_input, "no input series");
  const std::vector<double>* values = inputs.front().column(name);
  if (values == nullptr) {
    return make_error(errc::missing_input, fmt::format("input '{}' has no '{}' column", inputs.front().name, name));
  }
  return std::span<const double>(*values);
}

Result<OpResult> run_pivots(std::span<const OpInput> inputs, OpArgs& args) {
  static constexpr std::array<std::string_view, 5> periods{"day", "week", "month", "quarter", "year"};
  auto period_text = args.get_choice("period", "month", periods);
  if (!period_text) return period_text.error();
  if (auto done = args.finish(); !done) return done.error();
  auto period = levels::parse_pivot_period(*period_text);
  if (!period) return period.error();
  auto high = column_of(inputs, "high");
  if (!high) return high.error();
  auto low = column_of(inputs, "low");
  if (!low) return low.error();
  auto close = column_of(inputs, "close");
  if (!close) return close.error();
  auto pivots = levels::pivot_points(inputs.front().dates, *high, *low, *close, *period);
  if (!pivots) return pivots.error();
  OpResult out;
  out.outputs.push_back({"pp", std::move(pivots->pp)});
  out.outputs.push_back({"r1", std::move(pivots->r1)});
  out.outputs.push_back({"r2", std::move(pivots->r2)});
  out.outputs.push_back({"r3", std::move(pivots->r3)});
  out.outputs.push_back({"s1", std::move(pivots->s1)});
  out.outputs.push_back({"s2", std::move(pivots->s2)});
  out.outputs.push_back({"s3", std::move(pivots->s3)});
  return out;
}

Result<OpResult> run_support_resistance(std::span<const OpInput> inputs, OpArgs& args) {
  auto timeperiod = args.get_int("timeperiod", 5, 1, 100000);
  if (!timeperiod) return timeperiod.error();
  if (auto done = args.finish(); !done) return done.error();
  auto high = column_of(inputs, "high");
  if (!high) return high.error();
  auto low = column_of(inputs, "low");
  if (!low) return low.error();
  auto levels = levels::rolling_levels(*high, *low, *timeperiod);
  if (!levels) return levels.error();
  OpResult out;
  out.outputs.push_back({"support", std::move(levels->support)});
  out.outputs.push_back({"resistance", std::move(levels->resistance)});
  return out;
}

}  // namespace

std::vector<OpSpec> level_ops() {
  std::vector<OpSpec> ops;
  OpSpec pivots{"pivots",
                "Support/Resistance",
                "Classic pivot points (PP, R1-R3, S1-S3) from the previous period's high, low and close",
                {{"period", "choice", "month", "day | week | month | quarter | year"}},
                {"pp", "r1", "r2", "r3", "s1", "s2", "s3"},
                false,
                &run_pivots};
  pivots.overlay = true;
  ops.push_back(std::move(pivots));
  OpSpec rolling{"support_resistance",
                 "Support/Resistance",
                 "Rolling-window support (lowest low) and resistance (highest high) of the last N bars",
                 {{"timeperiod", "int", "5", "1 .. 100000", 1, 100000}},
                 {"support", "resistance"},
                 false,
                 &run_support_resistance};
  rolling.overlay = true;
  ops.push_back(std::move(rolling));
  return ops;
}

}  // namespace streams::analytics
