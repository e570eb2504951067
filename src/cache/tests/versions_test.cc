#include "cache/versions.h"

#include <gtest/gtest.h>

#include "cache/versioned_store.h"

namespace streams::cache {
namespace {

Symbol sym(std::string_view text) { return *Symbol::parse(text); }

TEST(VersionsTest, SymbolBumpChangesOnlyThatSymbol) {
  Versions versions;
  const auto aapl = versions.symbol(sym("AAPL"));
  const auto msft = versions.symbol(sym("MSFT"));
  const auto ref = versions.reference();
  versions.bump_symbol(sym("AAPL"));
  EXPECT_GT(versions.symbol(sym("AAPL")), aapl);
  EXPECT_EQ(versions.symbol(sym("MSFT")), msft);
  EXPECT_EQ(versions.reference(), ref);
}

TEST(VersionsTest, ReferenceBumpLeavesSymbols) {
  Versions versions;
  versions.bump_symbol(sym("AAPL"));
  const auto aapl = versions.symbol(sym("AAPL"));
  const auto ref = versions.reference();
  versions.bump_reference();
  EXPECT_GT(versions.reference(), ref);
  EXPECT_EQ(versions.symbol(sym("AAPL")), aapl);
}

TEST(VersionsTest, BumpAllMovesEverySymbolAndTheReference) {
  Versions versions;
  versions.bump_symbol(sym("AAPL"));
  const auto aapl = versions.symbol(sym("AAPL"));
  const auto never = versions.symbol(sym("XOM"));
  const auto ref = versions.reference();
  versions.bump_all();
  EXPECT_GT(versions.symbol(sym("AAPL")), aapl);
  EXPECT_GT(versions.symbol(sym("XOM")), never);
  EXPECT_GT(versions.reference(), ref);
}

// A store that records writes and answers nothing else.
class RecordingStore final : public store::Store {
 public:
  int writes = 0;
  Result<store::SchemaStatus> migrate() override { return store::SchemaStatus{1, 1}; }
  Result<store::SchemaStatus> schema_status() override { return store::SchemaStatus{1, 1}; }
  Result<store::WriteReport> write(const store::WriteBatch&) override {
    ++writes;
    return store::WriteReport{};
  }
  Result<std::vector<Instrument>> instruments(const store::InstrumentFilter&) override { return std::vector<Instrument>{}; }
  Result<std::optional<Instrument>> instrument(const Symbol&) override { return std::optional<Instrument>{}; }
  Result<std::vector<store::SectorSummary>> sectors() override { return std::vector<store::SectorSummary>{}; }
  Result<std::vector<Bar>> bars(const Symbol&, Timespan, const store::TimeRange&) override { return std::vector<Bar>{}; }
  Result<std::int64_t> bar_count() override { return std::int64_t{0}; }
  Result<std::vector<Event>> events(const Symbol&, std::optional<Date>, std::optional<Date>) override {
    return std::vector<Event>{};
  }
  Result<std::vector<std::string>> macro_series() override { return std::vector<std::string>{}; }
  Result<std::vector<MacroPoint>> macro(std::string_view, std::optional<Date>, std::optional<Date>) override {
    return std::vector<MacroPoint>{};
  }
  Result<std::optional<std::string>> ingest_state(std::string_view) override { return std::optional<std::string>{}; }
};

TEST(VersionedStoreTest, WriteBumpsTheSymbolsItTouches) {
  Versions versions;
  auto inner = std::make_unique<RecordingStore>();
  RecordingStore* recording = inner.get();
  VersionedStore store(std::move(inner), versions);
  const auto aapl = versions.symbol(sym("AAPL"));
  const auto msft = versions.symbol(sym("MSFT"));
  const auto ref = versions.reference();

  store::WriteBatch batch;
  batch.bars.push_back(store::BarSeries{sym("AAPL"), Timespan::daily(), {}});
  ASSERT_TRUE(store.write(batch).ok());
  EXPECT_EQ(recording->writes, 1);
  EXPECT_GT(versions.symbol(sym("AAPL")), aapl);
  EXPECT_EQ(versions.symbol(sym("MSFT")), msft);
  EXPECT_EQ(versions.reference(), ref);

  store::WriteBatch events;
  events.events.push_back(Event{sym("MSFT"), Date::from_ymd(2020, 1, 2), EventKind::dividend, 0.5, {}});
  ASSERT_TRUE(store.write(events).ok());
  EXPECT_GT(versions.symbol(sym("MSFT")), msft);

  store::WriteBatch reference;
  reference.instruments.push_back(Instrument{sym("XOM"), "Exxon", "Energy", "Oil", "NYSE", "USD", true});
  ASSERT_TRUE(store.write(reference).ok());
  EXPECT_GT(versions.reference(), ref);
}

}  // namespace
}  // namespace streams::cache
