// The SPEC grammar, the CSV reader, the engine's TA-Lib adapter and the JSON renderer: the
// pieces `streams analyze` and GET /api/v1/analyze share. Malformed input of each parser gets
// its own cases; messages must name the position / line / parameter.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "analytics/analyze.h"
#include "analytics/catalog.h"
#include "analytics/csv_input.h"
#include "analytics/errc.h"
#include "analytics/render.h"
#include "analytics/spec.h"

namespace streams::analytics {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// ---- SPEC -------------------------------------------------------------------------------------

TEST(Spec, BareName) {
  auto s = parse_spec("sma");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->name, "sma");
  EXPECT_EQ(s->text, "sma");
  EXPECT_TRUE(s->args.empty());
}

TEST(Spec, NameIsCaseInsensitiveKeyIsKeptAsGiven) {
  auto s = parse_spec("SMA(timeperiod=20)");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "sma");
  EXPECT_EQ(s->text, "SMA(timeperiod=20)");
}

TEST(Spec, ValuesOfEveryKind) {
  auto s = parse_spec("f(a=20, b=-2.5e-3, c=+.5, d=true, e=false, f=none, g=db4, h=1:64, i=cmor1.5-1.0, j=ols-inefficient)");
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->args.size(), 10U);
  EXPECT_EQ(std::get<double>(s->args[0].second), 20.0);
  EXPECT_EQ(std::get<double>(s->args[1].second), -2.5e-3);
  EXPECT_EQ(std::get<double>(s->args[2].second), 0.5);
  EXPECT_EQ(std::get<bool>(s->args[3].second), true);
  EXPECT_EQ(std::get<bool>(s->args[4].second), false);
  EXPECT_TRUE(std::holds_alternative<ParamNone>(s->args[5].second));
  EXPECT_EQ(std::get<std::string>(s->args[6].second), "db4");
  EXPECT_EQ(std::get<std::string>(s->args[7].second), "1:64");
  EXPECT_EQ(std::get<std::string>(s->args[8].second), "cmor1.5-1.0");
  EXPECT_EQ(std::get<std::string>(s->args[9].second), "ols-inefficient");
}

TEST(Spec, EmptyParentheses) {
  auto s = parse_spec("sma()");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->args.empty());
}

TEST(Spec, MalformedNamesThePosition) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "position 1"},
      {"(x=1)", "position 1"},
      {"sma(", "position 5"},
      {"sma(timeperiod)", "position 15"},
      {"sma(timeperiod=)", "position 16"},
      {"sma(timeperiod=20", "position 18"},
      {"sma(timeperiod=20,)", "position 19"},
      {"sma(timeperiod=20) x", "position 20"},
      {"sma(a=1,a=2)", "given twice"},
      {"sma(a=1e400)", "out of range"},
      {"sma(a=1+2)", "neither a number nor a name"},
      {"sma x", "position 5"},
      {"sma(a=\"x\")", "position 7"},
  };
  for (const auto& [text, expected] : cases) {
    auto s = parse_spec(text);
    ASSERT_FALSE(s) << "accepted: " << text;
    EXPECT_NE(s.error().message.find(expected), std::string::npos) << text << " -> " << s.error().message;
  }
}

// ---- CSV --------------------------------------------------------------------------------------

TEST(Csv, HeaderAnyOrderAndCaseExtraColumnsKept) {
  auto in = parse_csv_input("Close,Extra,DATE\n1.5,x,2020-01-02\n,7,2020-01-03\n2.5,8,2020-01-06\n", "AAA", "a.csv");
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->name, "AAA");
  ASSERT_EQ(in->size(), 3U);
  const auto* close = in->column("close");
  ASSERT_NE(close, nullptr);
  EXPECT_EQ((*close)[0], 1.5);
  EXPECT_TRUE(std::isnan((*close)[1]));  // empty cell
  EXPECT_EQ((*close)[2], 2.5);
  const auto* extra = in->column("extra");
  ASSERT_NE(extra, nullptr);
  EXPECT_TRUE(std::isnan((*extra)[0]));  // non-numeric cell
  EXPECT_EQ((*extra)[1], 7.0);
}

TEST(Csv, CrLfQuotesAndBlankLines) {
  auto in = parse_csv_input("date,close\r\n\r\n\"2020-01-02\",\"1\"\r\n2020-01-03, 2 \r\n", "s", "s.csv");
  ASSERT_TRUE(in) << in.error().message;
  ASSERT_EQ(in->size(), 2U);
  EXPECT_EQ((*in->column("close"))[1], 2.0);
}

TEST(Csv, MalformedNamesFileAndLine) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "f.csv:1:"},
      {"date,open\n2020-01-02,1\n", "f.csv:1: the header has no 'close'"},
      {"close\n1\n", "f.csv:1: the header has no 'date'"},
      {"date,close,close\n", "f.csv:1: column 'close' appears twice"},
      {"date,close\n2020-01-02,1\n2020-01-03\n", "f.csv:3:"},
      {"date,close\n2020-01-02,1\n2020-13-03,2\n", "f.csv:3:"},
      {"date,close\n2020-01-03,1\n2020-01-02,2\n", "f.csv:3: date 2020-01-02 is not after"},
      {"date,close\n2020-01-03,1\n2020-01-03,2\n", "f.csv:3:"},
      {"date,close\n\"2020-01-03,1\n", "f.csv:2: unterminated"},
  };
  for (const auto& [text, expected] : cases) {
    auto in = parse_csv_input(text, "f", "f.csv");
    ASSERT_FALSE(in) << "accepted: " << text;
    EXPECT_EQ(in.error().message.rfind(expected, 0), 0U) << in.error().message;
  }
}

// ---- Engine -----------------------------------------------------------------------------------

OpInput series(std::vector<double> close) {
  OpInput in;
  in.name = "T";
  for (std::size_t i = 0; i < close.size(); ++i) in.dates.push_back(static_cast<std::int32_t>(18000 + i));
  std::vector<double> high, low;
  for (const double c : close) {
    high.push_back(c + 1);
    low.push_back(c - 1);
  }
  in.columns["close"] = std::move(close);
  in.columns["high"] = std::move(high);
  in.columns["low"] = std::move(low);
  return in;
}

Result<OpResult> run_text(const std::string& text, const std::vector<OpInput>& inputs) {
  auto spec = parse_spec(text);
  if (!spec) return spec.error();
  return run_op(*spec, inputs);
}

const std::vector<double>& real(const OpResult& r, std::size_t k = 0) {
  return std::get<std::vector<double>>(r.outputs.at(k).data);
}

TEST(Engine, DefaultsNamesAndLength) {
  const std::vector<OpInput> in{series({1, 2, 3, 4, 5, 6})};
  auto r = run_text("sma(timeperiod=3)", in);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->outputs.size(), 1U);
  EXPECT_EQ(r->outputs[0].name, "real");
  const auto& v = real(*r);
  ASSERT_EQ(v.size(), 6U);
  EXPECT_TRUE(std::isnan(v[1]));
  EXPECT_EQ(v[2], 2.0);
  auto bands = run_text("bbands", in);  // default timeperiod 5
  ASSERT_TRUE(bands);
  ASSERT_EQ(bands->outputs.size(), 3U);
  EXPECT_EQ(bands->outputs[0].name, "upperband");
  EXPECT_TRUE(std::isnan(real(*bands, 1)[3]));
  EXPECT_EQ(real(*bands, 1)[4], 3.0);
}

TEST(Engine, PriceSelectsTheColumn) {
  const std::vector<OpInput> in{series({1, 2, 3, 4})};
  auto r = run_text("sma(timeperiod=2,price=high)", in);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(real(*r)[1], 2.5);
  auto sub = run_text("sub", in);  // price0=high, price1=low by default
  ASSERT_TRUE(sub);
  EXPECT_EQ(real(*sub)[0], 2.0);
  auto swapped = run_text("sub(price0=low,price1=high)", in);
  ASSERT_TRUE(swapped);
  EXPECT_EQ(real(*swapped)[0], -2.0);
  auto missing = run_text("sma(price=volume)", in);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, make_error_code(errc::missing_input));
  EXPECT_NE(missing.error().message.find("volume"), std::string::npos);
}

TEST(Engine, ParameterErrorsNameTheParameter) {
  const std::vector<OpInput> in{series({1, 2, 3, 4})};
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"sma(timeperiod=1)", "timeperiod"},     {"sma(timeperiod=100001)", "timeperiod"},
      {"sma(timeperiod=2.5)", "timeperiod"},   {"sma(timeperiod=abc)", "timeperiod"},
      {"ma(matype=9)", "matype"},              {"t3(vfactor=1.5)", "vfactor"},
      {"sma(timeperoid=3)", "timeperoid"},     {"sar(acceleration=-0.1)", "acceleration"},
  };
  for (const auto& [text, param] : cases) {
    auto r = run_text(text, in);
    ASSERT_FALSE(r) << "accepted: " << text;
    EXPECT_EQ(r.error().code, make_error_code(errc::bad_param)) << text;
    EXPECT_NE(r.error().message.find(param), std::string::npos) << text << " -> " << r.error().message;
  }
}

TEST(Engine, UnknownOp) {
  const std::vector<OpInput> in{series({1, 2})};
  auto r = run_text("nosuch(x=1)", in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "unknown op 'nosuch'");
  EXPECT_EQ(r.error().code, make_error_code(errc::unknown_op));
}

TEST(Engine, LeadingNaNRowsAreSkippedAsPythonTaLibDoes) {
  const std::vector<OpInput> in{series({nan, nan, 1, 2, 3, 4})};
  auto r = run_text("sma(timeperiod=3)", in);
  ASSERT_TRUE(r);
  const auto& v = real(*r);
  EXPECT_TRUE(std::isnan(v[3]));
  EXPECT_EQ(v[4], 2.0);  // lookback counted from the first number
  EXPECT_EQ(v[5], 3.0);
  const std::vector<OpInput> all_nan{series({nan, nan})};
  auto empty = run_text("sma(timeperiod=2)", all_nan);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(std::isnan(real(*empty)[1]));
}

// ---- Rendering --------------------------------------------------------------------------------

TEST(Render, KeysInOrderNullsSeventeenDigitsErrorsAndMatrices) {
  AnalyzeJson doc;
  OpResult a;
  a.outputs.push_back({"real", std::vector<double>{nan, 0.1, 4.0, INFINITY}});
  doc.add("sma(timeperiod=2)", a);
  doc.add("bad", Result<OpResult>(make_error(errc::unknown_op, "unknown op 'bad'")));
  OpResult m;
  m.outputs.push_back({"symbols", std::vector<std::string>{"A", "B"}});
  m.outputs.push_back({"matrix", std::vector<std::vector<double>>{{1, 0.5}, {0.5, 1}}});
  doc.add("corr", m);
  EXPECT_EQ(doc.finish(),
            "{\"sma(timeperiod=2)\":{\"real\":[null,0.10000000000000001,4,null]},"
            "\"bad\":{\"error\":\"unknown op 'bad'\"},"
            "\"corr\":{\"symbols\":[\"A\",\"B\"],\"matrix\":[[1,0.5],[0.5,1]]}}");
}

TEST(Catalog, ListsFunctionsWithRanges) {
  const std::string text = catalog_text();
  EXPECT_NE(text.find("bbands"), std::string::npos);
  EXPECT_NE(text.find("nbdevup=2 (real -3e37..3e37)"), std::string::npos);
  EXPECT_NE(text.find("timeperiod=30 (int 2..100000)"), std::string::npos);
  const std::string json = catalog_json();
  EXPECT_EQ(json.rfind("{\"talib\":[", 0), 0U);
  EXPECT_NE(json.find("\"name\":\"sarext\""), std::string::npos);
}

}  // namespace
}  // namespace streams::analytics
