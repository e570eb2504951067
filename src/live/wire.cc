#include "live/wire.h"

#include <simdjson.h>

#include <fmt/format.h>

#include <limits>

#include "core/json_writer.h"
#include "core/log.h"
#include "live/errc.h"

namespace streams::live {
namespace {

Error bad(std::string_view what) { return make_error(errc::bad_message, fmt::format("live batch: {}", what)); }

Result<Symbol> symbol_at(simdjson::dom::array row) {
  std::string_view text;
  if (row.at(0).get(text) != simdjson::SUCCESS) return bad("a row without a symbol");
  auto s = Symbol::parse(text);
  if (!s) return bad(s.error().message);
  return *s;
}

bool real_at(simdjson::dom::array row, std::size_t i, double& out) {
  simdjson::dom::element e;
  if (row.at(i).get(e) != simdjson::SUCCESS) return false;
  if (e.is_null()) {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  return e.get(out) == simdjson::SUCCESS;
}

bool int_at(simdjson::dom::array row, std::size_t i, std::int64_t& out) {
  return row.at(i).get(out) == simdjson::SUCCESS;
}

}  // namespace

std::string encode_batch(const LiveBatch& batch) {
  JsonWriter w;
  w.reserve(64 + batch.trades.size() * 40 + batch.bars.size() * 100);
  w.begin_object().key("v").value(1);
  w.key("trades").begin_array();
  for (const Trade& t : batch.trades) {
    w.begin_array().value(t.symbol.view()).value(t.ts.millis()).value(t.price).value(t.size).end_array();
  }
  w.end_array();
  w.key("quotes").begin_array();
  for (const Quote& q : batch.quotes) {
    w.begin_array().value(q.symbol.view()).value(q.ts.millis()).value(q.bid_price).value(q.bid_size);
    w.value(q.ask_price).value(q.ask_size).end_array();
  }
  w.end_array();
  w.key("bars").begin_array();
  for (const LiveBar& b : batch.bars) {
    w.begin_array().value(b.symbol.view()).value(b.interval == BarInterval::second ? "s" : "m");
    w.value(b.bar.ts.millis()).value(b.bar.open).value(b.bar.high).value(b.bar.low).value(b.bar.close);
    w.value(b.bar.volume).value(b.bar.vwap).value(b.bar.trades).value(b.final).end_array();
  }
  w.end_array();
  if (batch.status) {
    const FeedStatus& s = *batch.status;
    w.key("status").begin_object().key("source").value(s.source).key("mode").value(s.mode);
    w.key("time").value(s.feed_time.millis()).key("symbols").begin_array();
    for (const Symbol& symbol : s.symbols) w.value(symbol.view());
    w.end_array().end_object();
  }
  w.end_object();
  return w.take();
}

Result<LiveBatch> decode_batch(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::dom::object doc;
  if (parser.parse(text.data(), text.size()).get(doc) != simdjson::SUCCESS) return bad("not a JSON object");
  std::int64_t version = 0;
  if (doc["v"].get(version) != simdjson::SUCCESS || version != 1) return bad("unknown version");
  LiveBatch batch;
  simdjson::dom::array rows;
  if (doc["trades"].get(rows) != simdjson::SUCCESS) return bad("no 'trades' array");
  for (simdjson::dom::element e : rows) {
    simdjson::dom::array row;
    if (e.get(row) != simdjson::SUCCESS || row.size() != 4) return bad("a trade is not a 4-element array");
    auto symbol = symbol_at(row);
    if (!symbol) return symbol.error();
    Trade t{*symbol, {}, 0, 0};
    std::int64_t ts = 0;
    if (!int_at(row, 1, ts) || !real_at(row, 2, t.price) || !real_at(row, 3, t.size)) return bad("a malformed trade");
    t.ts = Timestamp::from_millis(ts);
    batch.trades.push_back(std::move(t));
  }
  if (doc["quotes"].get(rows) != simdjson::SUCCESS) return bad("no 'quotes' array");
  for (simdjson::dom::element e : rows) {
    simdjson::dom::array row;
    if (e.get(row) != simdjson::SUCCESS || row.size() != 6) return bad("a quote is not a 6-element array");
    auto symbol = symbol_at(row);
    if (!symbol) return symbol.error();
    Quote q{*symbol, {}, 0, 0, 0, 0};
    std::int64_t ts = 0;
    if (!int_at(row, 1, ts) || !real_at(row, 2, q.bid_price) || !real_at(row, 3, q.bid_size) ||
        !real_at(row, 4, q.ask_price) || !real_at(row, 5, q.ask_size)) {
      return bad("a malformed quote");
    }
    q.ts = Timestamp::from_millis(ts);
    batch.quotes.push_back(std::move(q));
  }
  if (doc["bars"].get(rows) != simdjson::SUCCESS) return bad("no 'bars' array");
  for (simdjson::dom::element e : rows) {
    simdjson::dom::array row;
    if (e.get(row) != simdjson::SUCCESS || row.size() != 11) return bad("a bar is not an 11-element array");
    auto symbol = symbol_at(row);
    if (!symbol) return symbol.error();
    std::string_view interval;
    if (row.at(1).get(interval) != simdjson::SUCCESS || (interval != "s" && interval != "m")) {
      return bad("a bar's interval is not \"s\" or \"m\"");
    }
    LiveBar b{*symbol, interval == "s" ? BarInterval::second : BarInterval::minute, {}, true};
    std::int64_t ts = 0;
    bool final = true;
    if (!int_at(row, 2, ts) || !real_at(row, 3, b.bar.open) || !real_at(row, 4, b.bar.high) ||
        !real_at(row, 5, b.bar.low) || !real_at(row, 6, b.bar.close) || !real_at(row, 7, b.bar.volume) ||
        !real_at(row, 8, b.bar.vwap) || !int_at(row, 9, b.bar.trades) || row.at(10).get(final) != simdjson::SUCCESS) {
      return bad("a malformed bar");
    }
    b.bar.ts = Timestamp::from_millis(ts);
    b.final = final;
    batch.bars.push_back(std::move(b));
  }
  simdjson::dom::object status;
  if (doc["status"].get(status) == simdjson::SUCCESS) {
    FeedStatus s;
    std::string_view source;
    std::string_view mode;
    std::int64_t time = 0;
    simdjson::dom::array symbols;
    if (status["source"].get(source) != simdjson::SUCCESS || status["mode"].get(mode) != simdjson::SUCCESS ||
        status["time"].get(time) != simdjson::SUCCESS || status["symbols"].get(symbols) != simdjson::SUCCESS) {
      return bad("a malformed status");
    }
    s.source = std::string(source);
    s.mode = std::string(mode);
    s.feed_time = Timestamp::from_millis(time);
    for (simdjson::dom::element e : symbols) {
      std::string_view name;
      if (e.get(name) != simdjson::SUCCESS) return bad("a status symbol is not a string");
      auto symbol = Symbol::parse(name);
      if (!symbol) return bad(symbol.error().message);
      s.symbols.push_back(std::move(*symbol));
    }
    batch.status = std::move(s);
  }
  return batch;
}

class TransportBus::Sub final : public BusSubscription {
 public:
  explicit Sub(std::shared_ptr<void> handle) : handle_(std::move(handle)) {}

 private:
  std::shared_ptr<void> handle_;
};

TransportBus::TransportBus(MessageTransport& transport, std::string channel)
    : transport_(transport), channel_(std::move(channel)) {}

Status TransportBus::publish(const LiveBatch& batch) { return transport_.publish(channel_, encode_batch(batch)); }

std::unique_ptr<BusSubscription> TransportBus::subscribe(BusHandler handler) {
  auto handle = transport_.subscribe(channel_, [this, handler = std::move(handler)](std::string_view message) {
    auto batch = decode_batch(message);
    if (!batch) {
      if (undecodable_.fetch_add(1) % 1000 == 0) log::warn("live bus: skipping a message: {}", batch.error().message);
      return;
    }
    handler(*batch);
  });
  return std::make_unique<Sub>(std::move(handle));
}

}  // namespace streams::live
