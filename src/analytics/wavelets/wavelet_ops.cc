// OpSpec adapters of the wavelet family: wavedec, waverec and cwt with PyWavelets' keyword names
// and defaults, reading `close` of the first input.

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <string>

#include "analytics/errc.h"
#include "analytics/ops.h"
#include "analytics/wavelets/cwt.h"
#include "analytics/wavelets/dwt.h"
#include "analytics/wavelets/scales.h"

namespace streams::analytics {

namespace {

namespace wv = wavelets;
constexpr int k_max_level = 64;

Result<std::span<const double>> first_close(std::span<const OpInput> inputs) {
  if (inputs.empty()) return make_error(errc::missing_input, "no input series");
  const std::vector<double>* close = inputs.front().column("close");
  if (close == nullptr) {
    return make_error(errc::missing_input, fmt::format("input '{}' has no 'close' column", inputs.front().name));
  }
  return std::span<const double>(*close);
}

struct DiscreteArgs {
  const wv::DiscreteWavelet* wavelet = nullptr;
  wv::Mode mode = wv::Mode::symmetric;
  std::optional<int> level;
};

Result<DiscreteArgs> read_discrete(OpArgs& args) {
  DiscreteArgs out;
  auto name = args.get_text("wavelet", "db4");
  if (!name) return name.error();
  out.wavelet = wv::find_discrete_wavelet(*name);
  if (out.wavelet == nullptr) {
    return bad_param("wavelet", fmt::format("unknown discrete wavelet '{}' (haar, db1-db38, sym2-sym20, "
                                            "coif1-coif17, bior*, rbio*, dmey)",
                                            *name));
  }
  auto mode = args.get_choice("mode", "symmetric", wv::mode_names());
  if (!mode) return mode.error();
  out.mode = *wv::parse_mode(*mode);
  if (args.has("level") && !args.take_none("level")) {
    // pywt: "Level value of L is too low. Minimum level is 0." Above dwt_max_level pywt only warns
    // and computes anyway; so do we.
    if (args.has("level")) {
      auto level = args.get_int("level", 0, -1'000'000, 1'000'000);
      if (!level) return level.error();
      if (*level < 0) return bad_param("level", fmt::format("{} is too low, the minimum is 0", *level));
      if (*level > k_max_level) return bad_param("level", fmt::format("{} is above the limit {}", *level, k_max_level));
      out.level = *level;
    }
  }
  return out;
}

Result<OpResult> run_wavedec(std::span<const OpInput> inputs, OpArgs& args) {
  auto x = first_close(inputs);
  if (!x) return x.error();
  auto a = read_discrete(args);
  if (!a) return a.error();
  if (auto s = args.finish(); !s) return s.error();
  auto lengths = wv::wavedec_lengths(x->size(), *a->wavelet, a->mode, a->level);
  if (!lengths) return lengths.error();
  // Straight into the result's columns.
  const std::size_t levels = lengths->size() - 1;
  OpResult r;
  r.outputs.reserve(lengths->size());
  std::array<std::span<double>, k_max_level + 1> arrays;  // levels <= 64: the level limit, and log2 of any n
  if (lengths->size() > arrays.size()) return bad_param("level", fmt::format("above the limit {}", k_max_level));
  for (std::size_t i = 0; i < lengths->size(); ++i) {
    std::string name = i == 0 ? "cA" : "cD";
    name += std::to_string(i == 0 ? levels : levels + 1 - i);
    auto& column = r.outputs.emplace_back(OpOutput{std::move(name), std::vector<double>((*lengths)[i])}).data;
    arrays[i] = std::get<std::vector<double>>(column);
  }
  if (auto s = wv::wavedec_into(*x, *a->wavelet, a->mode, std::span(arrays.data(), lengths->size())); !s) {
    return s.error();
  }
  return r;
}

Result<OpResult> run_waverec(std::span<const OpInput> inputs, OpArgs& args) {
  auto x = first_close(inputs);
  if (!x) return x.error();
  auto a = read_discrete(args);
  if (!a) return a.error();
  static constexpr std::array<std::string_view, 2> keeps{"all", "approx"};
  auto keep = args.get_choice("keep", "all", keeps);
  if (!keep) return keep.error();
  if (auto s = args.finish(); !s) return s.error();
  auto coeffs = wv::wavedec(*x, *a->wavelet, a->mode, a->level);
  if (!coeffs) return coeffs.error();
  if (*keep == "approx") {
    for (std::size_t i = 1; i < coeffs->size(); ++i) std::fill((*coeffs)[i].begin(), (*coeffs)[i].end(), 0.0);
  }
  auto rec = wv::waverec(*coeffs, *a->wavelet, a->mode);
  if (!rec) return rec.error();
  rec->resize(x->size());  // pywt returns one more value for odd lengths
  OpResult r;
  r.outputs.push_back({"real", std::move(*rec)});
  return r;
}

Result<OpResult> run_cwt(std::span<const OpInput> inputs, OpArgs& args) {
  auto x = first_close(inputs);
  if (!x) return x.error();
  auto name = args.get_text("wavelet", "morl");
  if (!name) return name.error();
  auto wavelet = wv::parse_continuous_wavelet(*name);
  if (!wavelet) return wavelet.error();
  auto scales_text = args.get_text("scales", "1:64");
  if (!scales_text) return scales_text.error();
  auto scales = wv::parse_scales(*scales_text);
  if (!scales) return scales.error();
  // Only pywt's `frequencies` depend on the sampling period; accepted for the same signature.
  auto period = args.get_real("sampling_period", 1.0, 0.0, 1e300);
  if (!period) return period.error();
  if (!(*period > 0)) return bad_param("sampling_period", "must be positive");
  if (auto s = args.finish(); !s) return s.error();
  auto result = wv::cwt(*x, *scales, *wavelet);
  if (!result) return result.error();
  OpResult r;
  if (wavelet->is_complex()) {
    r.outputs.push_back({"coefs_real", std::move(result->real)});
    r.outputs.push_back({"coefs_imag", std::move(result->imag)});
  } else {
    r.outputs.push_back({"coefs", std::move(result->real)});
  }
  return r;
}

}  // namespace

std::vector<OpSpec> wavelet_ops() {
  std::vector<OpSpec> ops;
  ops.push_back(OpSpec{
      "wavedec",
      "Wavelets",
      "Multilevel discrete wavelet decomposition (pywt.wavedec)",
      {{"wavelet", "text", "db4", "haar, db1-db38, sym2-sym20, coif1-coif17, bior1.1-bior6.8, rbio1.1-rbio6.8, dmey"},
       {"level", "int", "none", ">= 0; none: pywt.dwt_max_level(n, filter length)"},
       {"mode", "choice", "symmetric",
        "zero, constant, symmetric, periodic, smooth, periodization, reflect, antisymmetric, antireflect"}},
      {"cA<L>", "cD<L>", "...", "cD1"},
      false,
      &run_wavedec});
  ops.push_back(
      OpSpec{"waverec",
             "Wavelets",
             "Reconstruction from wavedec (pywt.waverec): keep=all is the round trip, keep=approx the level-L smooth",
             {{"wavelet", "text", "db4", "as wavedec"},
              {"level", "int", "none", "as wavedec"},
              {"mode", "choice", "symmetric", "as wavedec"},
              {"keep", "choice", "all", "all, approx"}},
             {"real"},
             false,
             &run_waverec});
  ops.push_back(
      OpSpec{"cwt",
             "Wavelets",
             "Continuous wavelet transform (pywt.cwt, method conv), one row per scale",
             {{"wavelet", "text", "morl", "morl, mexh, gaus1-8, cgau1-8, cmorB-C, shanB-C, fbspM-B-C"},
              {"scales", "text", "1:64", "a:b (inclusive), a:b:step, or one number; all > 0"},
              {"sampling_period", "real", "1", "> 0 (affects only pywt's frequencies, not the coefficients)"}},
             {"coefs", "coefs_real", "coefs_imag"},
             false,
             &run_cwt});
  return ops;
}

}  // namespace streams::analytics
