// Wavelets (src/analytics/wavelets): every golden output of tests/data/wavelets (PyWavelets 1.1.1,
// see its README.md) through the op engine at 1e-9 relative / 1e-12 absolute with identical
// lengths and null patterns; round trips for every wavelet and mode; edge cases and errors.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "analytics/analyze.h"
#include "analytics/errc.h"
#include "analytics/spec.h"
#include "analytics/tests/reference_data.h"
#include "analytics/wavelets/cwt.h"
#include "analytics/wavelets/dwt.h"
#include "analytics/wavelets/dwt_kernel.h"
#include "analytics/wavelets/filters.h"
#include "analytics/wavelets/scales.h"

namespace streams::analytics {
namespace {

namespace wv = wavelets;
constexpr double k_rel = 1e-9;
constexpr double k_abs = 1e-12;

OpInput input_from_csv(const std::string& stem) {
  const auto csv = testing::load_csv(testing::reference_dir() / ".." / "wavelets" / "inputs" / (stem + ".csv"));
  OpInput in;
  in.name = stem;
  in.columns["close"] = csv.columns.at("close");
  in.dates.assign(in.columns["close"].size(), 0);
  return in;
}

Result<OpResult> run(const std::string& text, const OpInput& input) {
  auto spec = parse_spec(text);
  if (!spec) return spec.error();
  return run_op(*spec, std::span<const OpInput>(&input, 1));
}

// Compares every op of one golden file; returns the number of ops checked.
std::size_t check_golden_file(const std::string& stem) {
  const OpInput input = input_from_csv(stem);
  const auto golden = testing::load_reference("../wavelets/" + stem + ".json");
  for (const auto& [op, outputs] : golden) {
    auto result = run(op, input);
    if (!result) {
      ADD_FAILURE() << stem << " " << op << ": " << result.error().message;
      continue;
    }
    EXPECT_EQ(result->outputs.size(), outputs.size()) << stem << " " << op;
    for (const OpOutput& out : result->outputs) {
      const auto ref = outputs.find(out.name);
      if (ref == outputs.end()) {
        ADD_FAILURE() << stem << " " << op << ": unexpected output " << out.name;
        continue;
      }
      std::vector<double> actual;
      std::size_t rows = 0;
      if (const auto* s = std::get_if<std::vector<double>>(&out.data)) {
        actual = *s;
      } else {
        const auto& m = std::get<std::vector<std::vector<double>>>(out.data);
        rows = m.size();
        for (const auto& r : m) actual.insert(actual.end(), r.begin(), r.end());
      }
      EXPECT_EQ(rows, ref->second.rows) << stem << " " << op << "." << out.name;
      EXPECT_EQ(testing::compare_series(ref->second.values, actual, k_rel, k_abs), "")
          << stem << " " << op << "." << out.name;
    }
  }
  return golden.size();
}

TEST(WaveletGolden, EveryFamilyAndModeOn600Values) {
  EXPECT_GT(check_golden_file("MSFT600"), 100U);
}
TEST(WaveletGolden, OddLengthEveryWaveletAndDefaultLevels) {
  EXPECT_GT(check_golden_file("MSFT301"), 200U);
}
TEST(WaveletGolden, NanInsidePropagatesLikePywt) {
  EXPECT_EQ(check_golden_file("MSFTNAN301"), 45U);
}
TEST(WaveletGolden, ShortInputs) {
  for (const char* stem : {"MSFT1", "MSFT2", "MSFT5", "MSFT13"}) EXPECT_GT(check_golden_file(stem), 100U) << stem;
}
TEST(WaveletGolden, EveryContinuousWavelet) {
  EXPECT_GT(check_golden_file("XOM512"), 50U);
}

TEST(WaveletFilters, AllPywtDiscreteWaveletsPresent) {
  EXPECT_EQ(wv::discrete_wavelets().size(), 106U);
  for (const char* name : {"haar", "db1", "db38", "sym2", "sym20", "coif1", "coif17", "bior1.1", "bior6.8", "rbio1.1",
                           "rbio6.8", "dmey"}) {
    const auto* w = wv::find_discrete_wavelet(name);
    ASSERT_NE(w, nullptr) << name;
    EXPECT_EQ(w->dec_lo.size(), w->rec_hi.size());
  }
  EXPECT_EQ(wv::find_discrete_wavelet("db38")->filter_length(), 76U);
  EXPECT_EQ(wv::find_discrete_wavelet("dmey")->filter_length(), 62U);
  EXPECT_NEAR(wv::find_discrete_wavelet("haar")->dec_lo[0], std::sqrt(0.5), 1e-16);
  EXPECT_EQ(wv::find_discrete_wavelet("db39"), nullptr);
  EXPECT_EQ(wv::find_discrete_wavelet(""), nullptr);
}

TEST(WaveletDwt, LengthsAndMaxLevelAsPywt) {
  EXPECT_EQ(wv::dwt_max_level(600, 8), 6);
  EXPECT_EQ(wv::dwt_max_level(600, 2), 9);
  EXPECT_EQ(wv::dwt_max_level(6, 8), 0);
  EXPECT_EQ(wv::dwt_max_level(0, 8), 0);
  EXPECT_EQ(wv::dwt_coeff_len(600, 8, wv::Mode::symmetric), 303U);
  EXPECT_EQ(wv::dwt_coeff_len(301, 8, wv::Mode::periodization), 151U);
}

std::vector<double> signal(std::size_t n) {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> d(0.0, 1.0);
  std::vector<double> x(n);
  double level = 50;
  for (auto& v : x) v = (level += d(rng));
  return x;
}

// Every SIMD version of the level loop this CPU runs against the portable one: filter lengths 2 to
// 9 (odd ones too) and longer ones, output counts around the vector widths and blocks, split
// signals 64-byte aligned (the compile-time-length loops for even F <= 20) and not.
TEST(WaveletDwt, LevelLoopMatchesScalarLoop) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> d(0.0, 1.0);
  for (std::size_t f : {2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 20, 22, 40}) {
    std::vector<double> lo(f), hi(f);
    for (std::size_t j = 0; j < f; ++j) {
      lo[j] = d(rng);
      hi[j] = d(rng);
    }
    for (std::size_t out_len : {1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 100}) {
      for (const std::size_t misalign : {0, 1}) {
        const std::size_t len = wv::detail::polyphase_length(out_len, f) + wv::detail::polyphase_padding;
        std::vector<double> buffer(2 * len + 24);
        auto* base = reinterpret_cast<double*>((reinterpret_cast<std::uintptr_t>(buffer.data()) + 63U) & ~63ULL);
        double* even = base + misalign;
        double* odd = even + (len + 7) / 8 * 8;
        double v = 50.0;
        for (std::size_t k = 0; k < len; ++k) {
          even[k] = (v += d(rng));
          odd[k] = (v += d(rng));
        }
        std::vector<double> a_ref(out_len + 1, -1.0), d_ref(out_len + 1, -1.0);
        wv::detail::dwt_polyphase(even, odd, lo, hi, out_len, a_ref.data(), d_ref.data(), wv::detail::Simd::none);
        // The portable loop is the definition: sum_j lo[j] * s[2o + F - 1 - j].
        for (std::size_t o = 0; o < out_len; ++o) {
          double a = 0.0;
          for (std::size_t j = 0; j < f; ++j) {
            const std::size_t m = 2 * o + f - 1 - j;
            a += lo[j] * (m % 2 == 0 ? even : odd)[m / 2];
          }
          EXPECT_EQ(a_ref[o], a) << "f=" << f << " o=" << o;
        }
        for (const auto simd : {wv::detail::Simd::avx2, wv::detail::Simd::avx512}) {
          if (simd > wv::detail::best_simd()) continue;
          std::vector<double> a(out_len + 1, -1.0), dd(out_len + 1, -1.0);
          wv::detail::dwt_polyphase(even, odd, lo, hi, out_len, a.data(), dd.data(), simd);
          for (std::size_t o = 0; o < out_len; ++o) {
            EXPECT_NEAR(a[o], a_ref[o], 1e-12 * (1.0 + std::abs(a_ref[o]))) << "f=" << f << " o=" << o;
            EXPECT_NEAR(dd[o], d_ref[o], 1e-12 * (1.0 + std::abs(d_ref[o]))) << "f=" << f << " o=" << o;
          }
          EXPECT_EQ(a[out_len], -1.0) << "wrote past the outputs, f=" << f << " n=" << out_len;
          EXPECT_EQ(dd[out_len], -1.0) << "wrote past the outputs, f=" << f << " n=" << out_len;
        }
      }
    }
  }
}

// Long signals go through a level in chunks of outputs: every chunk boundary, filter-loop version
// (even filters up to 20 taps, longer ones) and edge agrees with the definition, output
// o = sum_j dec_lo[j] * ext(2o + first - j), written out here for five modes.
TEST(WaveletDwt, LongSignalsAsTheDefinition) {
  const auto x = signal(9001);
  const auto n = static_cast<std::ptrdiff_t>(x.size());
  for (const char* name : {"haar", "db4", "sym10", "coif4", "bior3.9", "db20"}) {
    const auto* w = wv::find_discrete_wavelet(name);
    ASSERT_NE(w, nullptr) << name;
    for (const auto mode :
         {wv::Mode::symmetric, wv::Mode::periodic, wv::Mode::zero, wv::Mode::constant, wv::Mode::periodization}) {
      const auto f = static_cast<std::ptrdiff_t>(w->filter_length());
      auto ext = [&](std::ptrdiff_t i) {
        auto mod = [](std::ptrdiff_t a, std::ptrdiff_t m) { return ((a % m) + m) % m; };
        if (i >= 0 && i < n) return x[static_cast<std::size_t>(i)];
        switch (mode) {
          case wv::Mode::symmetric: {
            const auto p = mod(i, 2 * n);
            return x[static_cast<std::size_t>(p < n ? p : 2 * n - 1 - p)];
          }
          case wv::Mode::periodic:
            return x[static_cast<std::size_t>(mod(i, n))];
          case wv::Mode::constant:
            return i < 0 ? x.front() : x.back();
          case wv::Mode::periodization: {  // padded to even length with the last value, circular
            const auto p = mod(i, n + n % 2);
            return p < n ? x[static_cast<std::size_t>(p)] : x.back();
          }
          default:
            return 0.0;
        }
      };
      const std::ptrdiff_t first = mode == wv::Mode::periodization ? f / 2 : 1;
      auto c = wv::dwt(x, *w, mode);
      ASSERT_TRUE(c);
      ASSERT_EQ(c->approx.size(), wv::dwt_coeff_len(x.size(), w->filter_length(), mode));
      double worst = 0;
      for (std::size_t o = 0; o < c->approx.size(); ++o) {
        double a = 0.0;
        double d = 0.0;
        for (std::ptrdiff_t j = 0; j < f; ++j) {
          const double v = ext(2 * static_cast<std::ptrdiff_t>(o) + first - j);
          a += w->dec_lo[static_cast<std::size_t>(j)] * v;
          d += w->dec_hi[static_cast<std::size_t>(j)] * v;
        }
        worst = std::max(worst, std::abs(c->approx[o] - a) / (1.0 + std::abs(a)));
        worst = std::max(worst, std::abs(c->detail[o] - d) / (1.0 + std::abs(d)));
      }
      EXPECT_LT(worst, 1e-12) << name << " " << wv::mode_name(mode);
    }
  }
}

// wavedec is dwt applied to each approximation in turn: on long signals (a level read in chunks
// while it is written) and above the maximum level, for every mode.
TEST(WaveletDwt, WavedecIsRepeatedDwt) {
  const auto x = signal(9001);
  for (const char* name : {"db4", "sym12", "coif5"}) {
    const auto* w = wv::find_discrete_wavelet(name);
    ASSERT_NE(w, nullptr) << name;
    for (const auto mode_name : wv::mode_names()) {
      const auto mode = *wv::parse_mode(mode_name);
      const int levels = wv::dwt_max_level(x.size(), w->filter_length()) + 2;
      auto c = wv::wavedec(x, *w, mode, levels);
      ASSERT_TRUE(c) << name << " " << mode_name;
      ASSERT_EQ(c->size(), static_cast<std::size_t>(levels) + 1);
      std::vector<double> approx = x;
      for (int l = 1; l <= levels; ++l) {
        auto step = wv::dwt(approx, *w, mode);
        ASSERT_TRUE(step);
        const auto detail = (*c)[static_cast<std::size_t>(levels - l + 1)];
        ASSERT_TRUE(std::equal(detail.begin(), detail.end(), step->detail.begin(), step->detail.end()))
            << name << " " << mode_name << " cD" << l;
        approx = std::move(step->approx);
      }
      ASSERT_TRUE(std::equal(approx.begin(), approx.end(), (*c)[0].begin(), (*c)[0].end())) << name << " " << mode_name;
    }
  }
}

// waverec(wavedec(x)) == x to 1e-12 for every wavelet and mode (odd lengths give one extra value).
TEST(WaveletRoundTrip, EveryWaveletEveryMode) {
  for (const std::size_t n : {std::size_t{301}, std::size_t{64}}) {
    const auto x = signal(n);
    for (const auto& w : wv::discrete_wavelets()) {
      for (const auto name : wv::mode_names()) {
        const auto mode = *wv::parse_mode(name);
        for (const std::optional<int> level : {std::optional<int>{}, std::optional<int>{1}}) {
          auto c = wv::wavedec(x, w, mode, level);
          ASSERT_TRUE(c) << w.name << " " << name;
          auto r = wv::waverec(*c, w, mode);
          ASSERT_TRUE(r) << w.name << " " << name << ": " << r.error().message;
          ASSERT_GE(r->size(), n);
          ASSERT_LE(r->size(), n + 1);
          double worst = 0;
          for (std::size_t i = 0; i < n; ++i) worst = std::max(worst, std::abs((*r)[i] - x[i]) / std::abs(x[i]));
          // 1e-12 for symmetric and periodization, 1e-11 for the other extensions (pywt's own
          // round trip reaches 5e-12 there, e.g. sym16 antisymmetric): the filters are perfect-
          // reconstruction only to the precision pywt tabulates them with. That precision is lower
          // for sym3 and sym18-sym20 (pywt 1.1.1 itself: sym3 symmetric 1e-12 on 64 values), so
          // 5e-11 there. dmey is an FIR approximation of Meyer, not perfect reconstruction: pywt
          // itself is off by up to 5e-3 on such signals.
          const bool coarse = w.name == "sym3" || w.name == "sym18" || w.name == "sym19" || w.name == "sym20";
          const bool strict_mode = name == "symmetric" || name == "periodization";
          const double tol = w.name == "dmey" ? 1e-2 : coarse ? 5e-11 : strict_mode ? 1e-12 : 1e-11;
          EXPECT_LT(worst, tol) << w.name << " " << name << " n=" << n;
        }
      }
    }
  }
}

TEST(WaveletOps, RoundTripOpAndApprox) {
  OpInput in = input_from_csv("MSFT301");
  auto r = run("waverec(wavelet=sym8,level=3,mode=smooth)", in);
  ASSERT_TRUE(r) << r.error().message;
  const auto& y = std::get<std::vector<double>>(r->outputs.at(0).data);
  const auto& x = in.columns["close"];
  ASSERT_EQ(y.size(), x.size());
  for (std::size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(y[i], x[i], 1e-12 * x[i]);
}

TEST(WaveletOps, DefaultLevelAndOutputNames) {
  OpInput in = input_from_csv("MSFT600");
  auto r = run("wavedec", in);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->outputs.size(), 7U);  // db4, n=600: dwt_max_level = 6
  EXPECT_EQ(r->outputs.front().name, "cA6");
  EXPECT_EQ(r->outputs[1].name, "cD6");
  EXPECT_EQ(r->outputs.back().name, "cD1");
  auto level0 = run("wavedec(level=0)", in);
  ASSERT_TRUE(level0);
  ASSERT_EQ(level0->outputs.size(), 1U);
  EXPECT_EQ(level0->outputs[0].name, "cA0");
  EXPECT_EQ(std::get<std::vector<double>>(level0->outputs[0].data), in.columns["close"]);
}

void expect_error(const std::string& spec, const OpInput& in, errc code, const std::string& needle) {
  auto r = run(spec, in);
  ASSERT_FALSE(r) << spec;
  EXPECT_EQ(r.error().code, make_error_code(code)) << spec << ": " << r.error().message;
  EXPECT_NE(r.error().message.find(needle), std::string::npos) << spec << ": " << r.error().message;
}

TEST(WaveletOps, Errors) {
  OpInput in = input_from_csv("MSFT301");
  expect_error("wavedec(wavelet=db39)", in, errc::bad_param, "db39");
  expect_error("wavedec(wavelet=morl)", in, errc::bad_param, "morl");
  expect_error("wavedec(mode=mirror)", in, errc::bad_param, "mirror");
  expect_error("wavedec(level=-1)", in, errc::bad_param, "level");
  expect_error("wavedec(level=1.5)", in, errc::bad_param, "level");
  expect_error("wavedec(level=65)", in, errc::bad_param, "level");
  expect_error("wavedec(levels=2)", in, errc::bad_param, "levels");
  expect_error("cwt(wavelet=db4)", in, errc::bad_param, "db4");
  expect_error("cwt(wavelet=gaus9)", in, errc::bad_param, "gaus9");
  expect_error("cwt(wavelet=cmor1.5)", in, errc::bad_param, "cmor1.5");
  expect_error("cwt(wavelet=fbsp1.5-1-1)", in, errc::bad_param, "fbsp1.5-1-1");
  expect_error("cwt(scales=0:4)", in, errc::bad_param, "scales");
  expect_error("cwt(scales=4:1)", in, errc::bad_param, "scales");
  expect_error("cwt(scales=a:b)", in, errc::bad_param, "scales");
  expect_error("cwt(scales=1:2:0)", in, errc::bad_param, "scales");
  expect_error("cwt(scales=1:100000)", in, errc::bad_param, "scales");
  expect_error("cwt(sampling_period=0)", in, errc::bad_param, "sampling_period");
  expect_error("cwt(scales=0.01)", in, errc::bad_param, "too small");
  OpInput one = input_from_csv("MSFT1");
  expect_error("wavedec(wavelet=db2,level=1,mode=reflect)", one, errc::invalid_input, "reflect");
  expect_error("wavedec(wavelet=db2,level=1,mode=antireflect)", one, errc::invalid_input, "antireflect");
}

TEST(WaveletOps, EmptyInput) {
  OpInput empty;
  empty.name = "empty";
  empty.columns["close"] = {};
  auto r = run("wavedec", empty);  // default level 0: pywt returns [data]
  ASSERT_TRUE(r);
  ASSERT_EQ(r->outputs.size(), 1U);
  EXPECT_TRUE(std::get<std::vector<double>>(r->outputs[0].data).empty());
  expect_error("wavedec(level=1)", empty, errc::invalid_input, "empty");
  auto c = run("cwt(scales=1:3)", empty);
  ASSERT_TRUE(c);
  EXPECT_EQ(std::get<std::vector<std::vector<double>>>(c->outputs[0].data).size(), 3U);
}

TEST(WaveletCwt, ScalesGrammar) {
  auto a = wv::parse_scales("1:32");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->size(), 32U);
  EXPECT_EQ(a->back(), 32.0);
  auto b = wv::parse_scales("2:10:4");
  ASSERT_TRUE(b);
  EXPECT_EQ(*b, (std::vector<double>{2, 6, 10}));
  auto c = wv::parse_scales("0.5:2:0.5");
  ASSERT_TRUE(c);
  EXPECT_EQ(*c, (std::vector<double>{0.5, 1, 1.5, 2}));
  auto d = wv::parse_scales("7");
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, std::vector<double>{7});
  EXPECT_FALSE(wv::parse_scales(""));
  EXPECT_FALSE(wv::parse_scales("1:2:3:4"));
  EXPECT_FALSE(wv::parse_scales("-1"));
  EXPECT_FALSE(wv::parse_scales("1:"));
}

TEST(WaveletCwt, NanStaysLocal) {
  auto x = signal(256);
  x[128] = std::numeric_limits<double>::quiet_NaN();
  auto w = wv::parse_continuous_wavelet("mexh");
  ASSERT_TRUE(w);
  const std::vector<double> scales{1, 2};
  auto r = wv::cwt(x, scales, *w);
  ASSERT_TRUE(r);
  EXPECT_TRUE(std::isnan(r->real[0][128]));
  EXPECT_FALSE(std::isnan(r->real[0][0]));
  EXPECT_FALSE(std::isnan(r->real[1][255]));
}

}  // namespace
}  // namespace streams::analytics
