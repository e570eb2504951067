#pragma once
// FRED (Federal Reserve Economic Data): the series observations API
// (GET /fred/series/observations?series_id=…&api_key=…&file_type=json) and its CSV download
// (GET /graph/fredgraph.csv?id=…, no key). Values "." (no observation) are left out.

#include <string>
#include <string_view>
#include <vector>

#include "core/instrument.h"
#include "core/result.h"
#include "sources/fetcher.h"

namespace streams::sources::fred {

struct Observations {
  std::vector<MacroPoint> points;  // ascending dates
  std::int64_t missing = 0;        // "." values left out
};

Result<Observations> parse_observations(std::string_view body);
// A FRED CSV export: header `DATE,<SERIES>` or `observation_date,<SERIES>` (or `date,value`),
// ISO dates ascending, "." for missing values.
Result<Observations> parse_csv(std::string_view text);

class Client {
 public:
  // api_base e.g. "https://api.stlouisfed.org"; the key goes as api_key (set in the Fetcher).
  Client(Fetcher& fetcher, std::string api_base);
  Result<Observations> observations(std::string_view series_id);

 private:
  Fetcher& fetcher_;
  std::string base_url_;
};

}  // namespace streams::sources::fred
