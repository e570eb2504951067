#include "store/store.h"

namespace streams::store {

Result<StoreCounts> Store::counts() {
  StoreCounts out;
  auto all = instruments(InstrumentFilter{});
  if (!all) return all.error();
  out.instruments = static_cast<std::int64_t>(all->size());
  for (const Instrument& instrument : *all) {
    auto rows = events(instrument.symbol, std::nullopt, std::nullopt);
    if (!rows) return rows.error();
    out.events += static_cast<std::int64_t>(rows->size());
  }
  auto bar_rows = bar_count();
  if (!bar_rows) return bar_rows.error();
  out.bars = *bar_rows;
  auto series = macro_series();
  if (!series) return series.error();
  for (const std::string& name : *series) {
    auto points = macro(name, std::nullopt, std::nullopt);
    if (!points) return points.error();
    out.macro_points += static_cast<std::int64_t>(points->size());
  }
  return out;
}

}  // namespace streams::store
