// GET /api/v1/wavelets: the wavelet names and extension modes the analytics engine accepts, for
// the dashboard's choosers (wavedec's wavelet= and mode=, cwt's wavelet=).
#include <string>
#include <vector>

#include "analytics/wavelets/cwt.h"
#include "analytics/wavelets/dwt.h"
#include "analytics/wavelets/filters.h"
#include "api/errc.h"
#include "api/handlers.h"
#include "api/params.h"
#include "core/json_writer.h"

namespace streams::api {
namespace {

// pywt's continuous wavelets as the engine names them; parameterised families with pywt's
// common parameters (cmorB-C, shanB-C, fbspM-B-C).
std::vector<std::string> continuous_names() {
  std::vector<std::string> names{"morl", "mexh"};
  for (int order = 1; order <= 8; ++order) names.push_back("gaus" + std::to_string(order));
  for (int order = 1; order <= 8; ++order) names.push_back("cgau" + std::to_string(order));
  for (const char* name : {"cmor1.5-1.0", "cmor1.0-0.5", "shan1.5-1.0", "shan1.0-0.5", "fbsp1-1.5-1.0", "fbsp2-1.0-0.5"}) {
    names.emplace_back(name);
  }
  std::erase_if(names, [](const std::string& name) { return !analytics::wavelets::parse_continuous_wavelet(name).ok(); });
  return names;
}

}  // namespace

Response get_wavelets(const Request& request, const PathParams&, const Services&) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  JsonWriter json;
  json.begin_object();
  json.key("discrete").begin_array();
  for (const auto& wavelet : analytics::wavelets::discrete_wavelets()) json.value(wavelet.name);
  json.end_array();
  json.key("families").begin_array();
  std::string_view last;
  for (const auto& wavelet : analytics::wavelets::discrete_wavelets()) {
    if (wavelet.short_family == last) continue;
    last = wavelet.short_family;
    json.value(wavelet.short_family);
  }
  json.end_array();
  json.key("continuous").begin_array();
  for (const std::string& name : continuous_names()) json.value(std::string_view(name));
  json.end_array();
  json.key("modes").begin_array();
  for (std::string_view mode : analytics::wavelets::mode_names()) json.value(mode);
  json.end_array();
  json.end_object();
  return json_response(json.take());
}

}  // namespace streams::api
