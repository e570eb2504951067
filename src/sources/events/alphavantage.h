#pragma once
// Earnings dates from Alpha Vantage's EARNINGS endpoint
// (GET /query?function=EARNINGS&symbol=IBM&apikey=…): quarterlyEarnings[].reportedDate with
// reportTime "pre-market" → bmo, "post-market" → amc. Alpha Vantage reports errors and rate
// limits in a 200 body ("Error Message", "Information", "Note"): those become errc::provider.

#include <string>
#include <string_view>
#include <vector>

#include "core/instrument.h"
#include "core/result.h"
#include "core/symbol.h"
#include "sources/fetcher.h"

namespace streams::sources::alphavantage {

Result<std::vector<Event>> parse_earnings(std::string_view body, const Symbol& asked);

class Client {
 public:
  Client(Fetcher& fetcher, std::string base_url);
  Result<std::vector<Event>> earnings(const Symbol& symbol);

 private:
  Fetcher& fetcher_;
  std::string base_url_;
};

}  // namespace streams::sources::alphavantage
