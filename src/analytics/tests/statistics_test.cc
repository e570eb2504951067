// Statistics ops against statsmodels 0.13.5 / numpy 1.24 / pandas 1.5 / scipy 1.10 references:
// the shared golden files (tests/data/reference) and the extra ones made by
// tests/tools/make_statistics_references.py (tests/data/statistics). Edge cases first.

#include "analytics/statistics/statistics.h"

#include <boost/math/special_functions/gamma.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "analytics/errc.h"
#include "analytics/ops.h"
#include "analytics/tests/reference_data.h"
#include "core/time.h"

namespace streams::analytics {
namespace {

namespace st = statistics;
namespace tst = testing;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ------------------------------------------------------------------ helpers

// Minimal SPEC parser for the tests (the real one belongs to the engine): name(k=v,...).
std::pair<std::string, OpArgs> parse_spec(const std::string& spec) {
  const auto open = spec.find('(');
  if (open == std::string::npos) return {spec, OpArgs{}};
  std::vector<std::pair<std::string, ParamValue>> values;
  const std::string body = spec.substr(open + 1, spec.size() - open - 2);
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t comma = body.find(',', start);
    if (comma == std::string::npos) comma = body.size();
    const std::string item = body.substr(start, comma - start);
    const auto eq = item.find('=');
    const std::string key = item.substr(0, eq);
    const std::string text = item.substr(eq + 1);
    ParamValue v;
    char* end = nullptr;
    const double d = std::strtod(text.c_str(), &end);
    if (text == "none") {
      v = ParamNone{};
    } else if (text == "true" || text == "false") {
      v = text == "true";
    } else if (!text.empty() && end == text.c_str() + text.size()) {
      v = d;
    } else {
      v = text;
    }
    values.emplace_back(key, v);
    start = comma + 1;
  }
  return {spec.substr(0, open), OpArgs(std::move(values))};
}

std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int32_t>(doe) - 719468;
}

OpInput load_input(const std::filesystem::path& file) {
  const tst::CsvColumns csv = tst::load_csv(file);
  OpInput in;
  in.name = file.stem().string();
  if (in.name.find('.') != std::string::npos) in.name = in.name.substr(0, in.name.find('.'));
  for (const std::string& date : csv.dates) {
    in.dates.push_back(days_from_civil(std::stoi(date.substr(0, 4)),
                                       static_cast<unsigned>(std::stoi(date.substr(5, 2))),
                                       static_cast<unsigned>(std::stoi(date.substr(8, 2)))));
  }
  for (const auto& [name, values] : csv.columns) in.columns[name] = values;
  return in;
}

OpInput make_input(std::vector<double> close, std::string name = "X") {
  OpInput in;
  in.name = std::move(name);
  for (std::size_t i = 0; i < close.size(); ++i) in.dates.push_back(static_cast<std::int32_t>(15000 + i));
  in.columns["close"] = std::move(close);
  return in;
}

const OpSpec* stats_op(const std::string& name) {
  static const std::vector<OpSpec> ops = statistics_ops();
  for (const OpSpec& op : ops) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

Result<OpResult> run(const std::string& spec, std::span<const OpInput> inputs) {
  auto [name, args] = parse_spec(spec);
  const OpSpec* op = stats_op(name);
  if (op == nullptr) return make_error(errc::unknown_op, name);
  return op->run(inputs, args);
}

std::vector<double> flatten(const OutputData& data) {
  if (const auto* s = std::get_if<std::vector<double>>(&data)) return *s;
  std::vector<double> flat;
  if (const auto* m = std::get_if<std::vector<std::vector<double>>>(&data)) {
    for (const auto& row : *m) flat.insert(flat.end(), row.begin(), row.end());
  }
  return flat;
}

// Worst relative error seen per op name (|a-b| beyond 1e-15 absolute, over max(|a|,|b|)),
// printed by the last test for the README's table.
std::map<std::string, std::pair<double, std::string>>& worst_errors() {
  static std::map<std::string, std::pair<double, std::string>> worst;
  return worst;
}

void record_error(const std::string& op, const std::string& where, const std::vector<double>& expected,
                  const std::vector<double>& actual) {
  static const bool verbose = std::getenv("STREAMS_STATS_VERBOSE") != nullptr;  // per-output figures
  auto& [worst, worst_where] = worst_errors()[op];
  if (verbose) {
    double w = 0;
    for (std::size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
      const double scale = std::max(std::fabs(expected[i]), std::fabs(actual[i]));
      const double excess = std::fabs(expected[i] - actual[i]) - 1e-15;
      if (!std::isnan(expected[i]) && !std::isnan(actual[i]) && excess > 0 && scale > 0)
        w = std::max(w, excess / scale);
    }
    std::cout << "error " << w << " " << where << "\n";
  }
  for (std::size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
    const double a = expected[i];
    const double b = actual[i];
    if (std::isnan(a) || std::isnan(b)) continue;
    const double scale = std::max(std::fabs(a), std::fabs(b));
    const double excess = std::fabs(a - b) - 1e-15;
    if (excess > 0 && scale > 0 && excess / scale > worst) {
      worst = excess / scale;
      worst_where = where;
    }
  }
}

// Compares every op of `ref_file` that this module owns; returns the number of outputs checked.
int check_reference_file(const std::string& ref_file, const std::vector<OpInput>& inputs, double rel) {
  const tst::ReferenceFile ref = tst::load_reference(ref_file);
  int checked = 0;
  for (const auto& [spec, outputs] : ref) {
    const std::string name = spec.substr(0, spec.find('('));
    if (stats_op(name) == nullptr) continue;  // wavedec, cwt: other modules
    auto result = run(spec, inputs);
    if (!result) {
      ADD_FAILURE() << ref_file << " " << spec << ": " << result.error().message;
      continue;
    }
    EXPECT_EQ(result->outputs.size(), outputs.size()) << ref_file << " " << spec;
    for (const auto& [out_name, expected] : outputs) {
      const OpOutput* got = nullptr;
      for (const OpOutput& o : result->outputs) {
        if (o.name == out_name) got = &o;
      }
      if (got == nullptr) {
        ADD_FAILURE() << ref_file << " " << spec << ": missing output " << out_name;
        continue;
      }
      if (const auto* names = std::get_if<std::vector<std::string>>(&got->data)) {
        EXPECT_EQ(names->size(), expected.values.size()) << spec;
        ++checked;
        continue;
      }
      record_error(name, ref_file + " " + spec + " " + out_name, expected.values, flatten(got->data));
      const std::string diff = tst::compare_series(expected.values, flatten(got->data), rel);
      EXPECT_EQ(diff, "") << ref_file << " " << spec << " " << out_name;
      ++checked;
    }
  }
  return checked;
}

std::vector<double> close_of(const std::string& file) {
  return tst::load_csv(tst::reference_dir() / file).columns.at("close");
}

// ------------------------------------------------------------------ edge cases

TEST(StatisticsEdge, EmptyAndSingleValue) {
  const std::vector<double> empty;
  EXPECT_TRUE(st::returns(empty, st::ReturnKind::log).empty());
  EXPECT_TRUE(st::normalize(empty).empty());
  const std::vector<double> one{5.0};
  ASSERT_EQ(st::returns(one, st::ReturnKind::simple).size(), 1u);
  EXPECT_TRUE(std::isnan(st::returns(one, st::ReturnKind::simple)[0]));
  EXPECT_EQ(st::cumreturns(one, st::ReturnKind::log)[0], 0.0);
  EXPECT_TRUE(std::isnan(st::standardize(one)[0]));  // ddof = 1 needs two values
  EXPECT_FALSE(st::acf(empty, {}).ok());
  EXPECT_FALSE(st::acf(one, {}).ok());
  EXPECT_FALSE(st::pacf(one, {}).ok());
  EXPECT_FALSE(st::ljungbox(one, {}).ok());
  st::StlOptions stl;
  stl.period = 5;
  EXPECT_FALSE(st::stl(empty, stl).ok());
  st::SeasonalDecomposeOptions sd;
  sd.period = 2;
  EXPECT_FALSE(st::seasonal_decompose(empty, sd).ok());
}

TEST(StatisticsEdge, ConstantSeries) {
  const std::vector<double> c(50, 3.0);
  for (double v : st::normalize(c)) EXPECT_TRUE(std::isnan(v));    // 0/0 as pandas
  for (double v : st::standardize(c)) EXPECT_TRUE(std::isnan(v));  // std = 0 -> NaN as pandas
  auto a = st::acf(c, {.nlags = 5});
  ASSERT_TRUE(a.ok());  // statsmodels: acov[0] = 0, so every acf value is 0/0 = NaN
  for (double v : a->acf) EXPECT_TRUE(std::isnan(v));
  auto p = st::pacf(c, {.nlags = 5});
  ASSERT_FALSE(p.ok());  // statsmodels raises LinAlgError (singular matrix)
  EXPECT_EQ(p.error().code, errc::invalid_input);
  auto lb = st::ljungbox(c, {.lags = 3});
  ASSERT_TRUE(lb.ok());
  for (double v : lb->lb_stat) EXPECT_TRUE(std::isnan(v));
  // A constant column has no correlation (pandas: NaN), including its diagonal.
  const auto m = st::corr_matrix({c, std::vector<double>(50, 1.0)}, st::CorrMethod::pearson);
  EXPECT_TRUE(std::isnan(m[0][1]));
  EXPECT_TRUE(std::isnan(m[0][0]));
}

TEST(StatisticsEdge, NanInside) {
  std::vector<double> x = close_of("derived/MSFT.logret.csv");
  x[100] = kNaN;
  // missing=none: statsmodels returns NaN for every lag, so do we.
  auto a = st::acf(x, {.nlags = 10});
  ASSERT_TRUE(a.ok());
  for (double v : a->acf) EXPECT_TRUE(std::isnan(v));
  EXPECT_FALSE(st::acf(x, {.nlags = 10, .missing = st::Missing::raise}).ok());
  auto dropped = st::acf(x, {.nlags = 10, .missing = st::Missing::drop});
  ASSERT_TRUE(dropped.ok());
  EXPECT_FALSE(std::isnan(dropped->acf[3]));
  EXPECT_FALSE(st::pacf(x, {.nlags = 10}).ok());
  st::StlOptions stl;
  stl.period = 5;
  EXPECT_FALSE(st::stl(x, stl).ok());
  st::SeasonalDecomposeOptions sd;
  sd.period = 5;
  EXPECT_FALSE(st::seasonal_decompose(x, sd).ok());
}

TEST(StatisticsEdge, LagLimits) {
  const std::vector<double> x = close_of("derived/JPM.logret.csv");
  // acf with nlags >= n: statsmodels truncates to the n available lags.
  const std::vector<double> head(x.begin(), x.begin() + 10);
  auto a = st::acf(head, {.nlags = 40});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->acf.size(), 10u);
  EXPECT_EQ(a->confint_lower.size(), 10u);
  // pacf: nlags must be < n/2 (statsmodels' check).
  EXPECT_FALSE(st::pacf(head, {.nlags = 5}).ok());
  EXPECT_TRUE(st::pacf(head, {.nlags = 4}).ok());
  EXPECT_FALSE(st::ljungbox(head, {.lags = 10}).ok());
}

TEST(StatisticsEdge, DecompositionPeriodChecks) {
  const std::vector<double> x = close_of("inputs/XOM.csv");
  st::SeasonalDecomposeOptions sd;
  sd.period = 301;  // needs 2 complete cycles: 602 > 600
  auto r = st::seasonal_decompose(x, sd);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("2 complete cycles"), std::string::npos);
  sd.period = 300;
  EXPECT_TRUE(st::seasonal_decompose(x, sd).ok());
  std::vector<double> neg = x;
  neg[3] = -1;
  sd.period = 5;
  sd.model = st::SeasonalModel::multiplicative;
  EXPECT_FALSE(st::seasonal_decompose(neg, sd).ok());
  st::StlOptions stl;
  stl.period = 1;
  EXPECT_FALSE(st::stl(x, stl).ok());
  stl.period = 5;
  stl.seasonal = 8;  // even
  EXPECT_FALSE(st::stl(x, stl).ok());
  stl.seasonal = 7;
  stl.trend = 5;  // must be > period
  EXPECT_FALSE(st::stl(x, stl).ok());
}

TEST(StatisticsOps, ArgumentErrors) {
  const std::vector<OpInput> one{make_input(close_of("inputs/MSFT.csv"), "MSFT")};
  EXPECT_FALSE(run("acf(nlag=3)", one).ok());  // unknown keyword
  EXPECT_FALSE(run("pacf(method=burg)", one).ok());
  EXPECT_FALSE(run("returns(kind=weird)", one).ok());
  EXPECT_FALSE(run("stl", one).ok());  // period required
  EXPECT_FALSE(run("stl(period=2.5)", one).ok());
  EXPECT_FALSE(run("acf(alpha=1.5)", one).ok());
  auto none = run("acf(nlags=5,alpha=none,qstat=true)", one);
  ASSERT_TRUE(none.ok());
  ASSERT_EQ(none->outputs.size(), 3u);
  EXPECT_EQ(none->outputs[1].name, "qstat");
  EXPECT_FALSE(run("corr", one).ok());  // < 2 inputs
  OpInput other = make_input({1, 2, 3}, "Y");
  for (auto& d : other.dates) d += 100000;  // no common date
  const std::vector<OpInput> disjoint{one[0], other};
  auto r = run("corr", disjoint);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, errc::input_mismatch);
  OpInput no_close;
  no_close.name = "Z";
  const std::vector<OpInput> missing{no_close};
  EXPECT_FALSE(run("returns", missing).ok());
}

TEST(StatisticsOps, RegistryMetadata) {
  const auto ops = statistics_ops();
  EXPECT_EQ(ops.size(), 11u);
  for (const OpSpec& op : ops) {
    EXPECT_FALSE(op.group.empty()) << op.name;
    EXPECT_FALSE(op.description.empty()) << op.name;
    EXPECT_FALSE(op.outputs.empty()) << op.name;
    EXPECT_NE(op.run, nullptr) << op.name;
    EXPECT_EQ(op.multi_input, op.name == "corr" || op.name == "rolling_corr") << op.name;
  }
}

// ------------------------------------------------------------------ building blocks

TEST(StatisticsUnits, RanksAndKendall) {
  const std::vector<double> x{3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
  const std::vector<double> expected{4.5, 1.5, 6, 1.5, 7.5, 10, 3, 9, 7.5, 4.5};  // scipy rankdata
  EXPECT_EQ(st::average_ranks(x), expected);
  const std::vector<double> y{2, 7, 1, 8, 2, 8, 1, 8, 2, 8};
  // scipy.stats.kendalltau(x, y).correlation
  EXPECT_NEAR(st::kendall_tau_b(x, y), 0.13041013273932525, 1e-15);
  const std::vector<double> same(10, 1.0);
  EXPECT_TRUE(std::isnan(st::kendall_tau_b(x, same)));
}

TEST(StatisticsUnits, ChiSquareAndNormal) {
  // scipy.stats.chi2.sf / norm.ppf
  EXPECT_NEAR(st::chi2_sf(3.84, 1) / 0.05004352124870519, 1, 1e-14);
  EXPECT_NEAR(st::chi2_sf(100, 10) / 5.4497019829205215e-17, 1, 1e-12);
  EXPECT_NEAR(st::norm_ppf(0.975) / 1.959963984540054, 1, 1e-15);
  EXPECT_EQ(st::chi2_sf(0, 3), 1.0);
}

TEST(StatisticsUnits, PairwiseSumMatchesNumpy) {
  std::vector<double> v(1000);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = 1.0 / static_cast<double>(i + 1);
  // np.sum(1 / np.arange(1, 1001))
  EXPECT_EQ(st::pairwise_sum(v.data(), v.size()), 7.485470860550345);
}

// ------------------------------------------------------------------ golden references

// chi2_sf takes closed forms for whole degrees of freedom: they agree with Boost's incomplete
// gamma function (used for the others) over small and large statistics, tiny p-values included.
TEST(StatisticsChi2, WholeDegreesOfFreedomAgreeWithBoost) {
  double worst = 0;
  for (int k = 1; k <= 300; ++k) {
    for (double x : {1e-9, 1e-3, 0.1, 0.5, 1.0, 3.84, 9.5, 10.0, 37.0, 100.0, 250.0, 499.0, 800.0, 1300.0, 1490.0}) {
      const double want = boost::math::gamma_q(k / 2.0, x / 2.0);
      const double got = st::chi2_sf(x, k);
      if (want < 1e-290) {
        EXPECT_LT(got, 1e-280) << "k=" << k << " x=" << x;
        continue;
      }
      worst = std::max(worst, std::abs(got - want) / want);
      EXPECT_NEAR(got / want, 1.0, 1e-12) << "k=" << k << " x=" << x;
    }
  }
  EXPECT_GT(worst, 0.0);  // the comparison ran on values that are not all identical by construction
}

class SharedReferences : public ::testing::TestWithParam<std::string> {};

TEST_P(SharedReferences, Levels) {
  const std::string sym = GetParam();
  const std::vector<OpInput> in{load_input(tst::reference_dir() / ("inputs/" + sym + ".csv"))};
  EXPECT_GE(check_reference_file(sym + ".stats.json", in, 1e-9), 30);
}

// STL keeps statsmodels' operations in statsmodels' order (the vectorised loess included), so
// its results are not only within 1e-9 but the same doubles; robust fits (15 reweightings) would
// amplify any drift first.
TEST_P(SharedReferences, StlSameDoublesAsStatsmodels) {
  const std::string sym = GetParam();
  const std::vector<OpInput> in{load_input(tst::reference_dir() / ("inputs/" + sym + ".csv"))};
  const tst::ReferenceFile ref = tst::load_reference(sym + ".stats.json");
  int checked = 0;
  for (const auto& [spec, outputs] : ref) {
    if (spec.rfind("stl(", 0) != 0) continue;
    auto result = run(spec, in);
    ASSERT_TRUE(result) << spec;
    for (const OpOutput& o : result->outputs) {
      const auto it = outputs.find(o.name);
      ASSERT_NE(it, outputs.end()) << spec << " " << o.name;
      EXPECT_EQ(tst::compare_series(it->second.values, flatten(o.data), 0.0, 0.0), "") << spec << " " << o.name;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 4 * 3);  // four stl specs (robust among them), trend/seasonal/resid each
}

TEST_P(SharedReferences, LogReturns) {
  const std::string sym = GetParam();
  const std::vector<OpInput> in{load_input(tst::reference_dir() / ("derived/" + sym + ".logret.csv"))};
  EXPECT_GE(check_reference_file(sym + ".logret.stats.json", in, 1e-9), 37);
}

INSTANTIATE_TEST_SUITE_P(Symbols, SharedReferences, ::testing::Values("MSFT", "XOM", "JPM"));

TEST(SharedReferencesCorr, ThreeInputs) {
  std::vector<OpInput> in;
  for (const char* sym : {"JPM", "MSFT", "XOM"}) {
    in.push_back(load_input(tst::reference_dir() / (std::string("inputs/") + sym + ".csv")));
  }
  EXPECT_EQ(check_reference_file("corr.stats.json", in, 1e-9), 10);
}

// Extra references (tests/tools/make_statistics_references.py, data/statistics/README.md).
std::filesystem::path extra_dir() {
  return tst::reference_dir().parent_path() / "statistics";
}

class ExtraReferences : public ::testing::TestWithParam<std::string> {};

TEST_P(ExtraReferences, Levels) {
  const std::string sym = GetParam();
  const std::vector<OpInput> in{load_input(tst::reference_dir() / ("inputs/" + sym + ".csv"))};
  EXPECT_EQ(check_reference_file("../statistics/" + sym + ".extra.json", in, 1e-9), 23 * 3 + 6 * 3);
}

TEST_P(ExtraReferences, LogReturns) {
  const std::string sym = GetParam();
  const std::vector<OpInput> in{load_input(tst::reference_dir() / ("derived/" + sym + ".logret.csv"))};
  EXPECT_GE(check_reference_file("../statistics/" + sym + ".logret.extra.json", in, 1e-9), 100);
}

INSTANTIATE_TEST_SUITE_P(Symbols, ExtraReferences, ::testing::Values("MSFT", "XOM", "JPM"));

TEST(ExtraReferencesMissing, AcfWithNaN) {
  const std::vector<OpInput> in{load_input(extra_dir() / "inputs/MSFTNAN.logret.csv")};
  EXPECT_GE(check_reference_file("../statistics/MSFTNAN.logret.extra.json", in, 1e-9), 18);
}

TEST(ExtraReferencesCorr, LevelsAndTies) {
  std::vector<OpInput> in;
  for (const char* sym : {"JPM", "MSFT", "XOM"}) {
    in.push_back(load_input(tst::reference_dir() / (std::string("inputs/") + sym + ".csv")));
  }
  EXPECT_EQ(check_reference_file("../statistics/corr.extra.json", in, 1e-9), 12);
}

TEST(ExtraReferencesCorr, MisalignedInputsWithNaN) {
  std::vector<OpInput> in;
  for (const char* stem : {"MSFTA", "XOMB", "JPMC", "MSFTD"}) {
    in.push_back(load_input(extra_dir() / "inputs" / (std::string(stem) + ".csv")));
  }
  EXPECT_EQ(check_reference_file("../statistics/corr4.extra.json", in, 1e-9), 12);
}

// rolling_corr against pandas x.rolling(window).corr(y) (make_statistics_references.py).
TEST(ExtraReferencesRollingCorr, ThreeInputs) {
  std::vector<OpInput> in;
  for (const char* sym : {"JPM", "MSFT", "XOM"}) {
    in.push_back(load_input(tst::reference_dir() / (std::string("inputs/") + sym + ".csv")));
  }
  EXPECT_EQ(check_reference_file("../statistics/rolling_corr.extra.json", in, 1e-9), 12);
}

TEST(ExtraReferencesRollingCorr, MisalignedInputsWithNaN) {
  std::vector<OpInput> in;
  for (const char* stem : {"MSFTA", "XOMB", "JPMC", "MSFTD"}) {
    in.push_back(load_input(extra_dir() / "inputs" / (std::string(stem) + ".csv")));
  }
  EXPECT_EQ(check_reference_file("../statistics/rolling_corr4.extra.json", in, 1e-9), 16);
  // The dates are the pair's common sessions, as ISO strings.
  auto r = run("rolling_corr(window=10,x=MSFTD,y=XOMB)", in);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& dates = std::get<std::vector<std::string>>(r->outputs[0].data);
  const auto& xomb = in[1];
  ASSERT_FALSE(dates.empty());
  EXPECT_EQ(dates.front(), Date::from_days(xomb.dates.front()).iso());
  EXPECT_EQ(std::get<std::vector<double>>(r->outputs[1].data).size(), dates.size());
}

TEST(StatisticsOps, RollingCorrArguments) {
  const std::vector<OpInput> two{make_input({1, 2, 4, 3, 5, 7, 6}, "X"), make_input({2, 1, 3, 5, 4, 6, 8}, "Y")};
  EXPECT_FALSE(run("rolling_corr(window=1)", two).ok());
  EXPECT_FALSE(run("rolling_corr(x=NOPE)", two).ok());
  EXPECT_FALSE(run("rolling_corr(of=prices)", two).ok());
  EXPECT_FALSE(run("rolling_corr(windw=3)", two).ok());
  EXPECT_FALSE(run("rolling_corr", std::vector<OpInput>{two[0]}).ok());
  auto r = run("rolling_corr(window=3,of=levels,x=Y,y=X)", two);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& v = std::get<std::vector<double>>(r->outputs[1].data);
  ASSERT_EQ(v.size(), 7u);
  EXPECT_TRUE(std::isnan(v[0]) && std::isnan(v[1]));
  EXPECT_NEAR(v[2], 0.6546536707079766, 1e-15);  // pandas: corr([2,1,3], [1,2,4])
  // Two points are perfectly correlated: exactly +-1 (pandas' running sums miss by up to 4e-4).
  auto pairs = run("rolling_corr(window=2,of=levels)", two);
  ASSERT_TRUE(pairs.ok());
  const auto& p = std::get<std::vector<double>>(pairs->outputs[1].data);
  for (std::size_t i = 1; i < p.size(); ++i) EXPECT_EQ(std::abs(p[i]), 1.0) << i;
  // A window longer than the series: all NaN, as pandas.
  auto longer = run("rolling_corr(window=8,of=levels)", two);
  ASSERT_TRUE(longer.ok());
  for (double x : std::get<std::vector<double>>(longer->outputs[1].data)) EXPECT_TRUE(std::isnan(x));
}

// Prints the worst error per op after every test ran (the figures quoted in data/statistics/README.md).
class WorstErrorReport : public ::testing::Environment {
 public:
  void TearDown() override {
    for (const auto& [op, worst] : worst_errors()) {
      std::cout << "worst relative error " << op << ": " << worst.first << " (" << worst.second << ")\n";
      EXPECT_LE(worst.first, 1e-9) << op;
    }
  }
};
[[maybe_unused]] ::testing::Environment* const kReport = ::testing::AddGlobalTestEnvironment(new WorstErrorReport);

}  // namespace
}  // namespace streams::analytics
