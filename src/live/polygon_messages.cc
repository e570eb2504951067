#include "live/polygon_messages.h"

#include <fmt/format.h>
#include <simdjson.h>

#include "core/json_writer.h"
#include "live/errc.h"

namespace streams::live {
namespace {

Error bad(std::size_t index, std::string_view what) {
  return make_error(errc::bad_message, fmt::format("polygon frame: event {}: {}", index, what));
}

Result<double> number(simdjson::dom::object& event, std::string_view key, std::size_t index) {
  simdjson::dom::element value;
  if (event[key].get(value) != simdjson::SUCCESS) return bad(index, fmt::format("missing field '{}'", key));
  double out = 0;
  if (value.get(out) == simdjson::SUCCESS) return out;  // simdjson converts integers too
  std::int64_t i = 0;
  if (value.get(i) == simdjson::SUCCESS) return static_cast<double>(i);
  return bad(index, fmt::format("field '{}' is not a number", key));
}

Result<Symbol> symbol(simdjson::dom::object& event, std::size_t index) {
  std::string_view text;
  if (event["sym"].get(text) != simdjson::SUCCESS) return bad(index, "missing field 'sym'");
  auto parsed = Symbol::parse(text);
  if (!parsed) return bad(index, parsed.error().message);
  return *parsed;
}

}  // namespace

Result<PolygonFrame> parse_polygon_frame(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(text.data(), text.size()).get(doc) != simdjson::SUCCESS) {
    return make_error(errc::bad_message, "polygon frame: not valid JSON");
  }
  simdjson::dom::array events;
  if (doc.get(events) != simdjson::SUCCESS) return make_error(errc::bad_message, "polygon frame: not a JSON array");
  PolygonFrame frame;
  std::size_t index = 0;
  for (simdjson::dom::element element : events) {
    simdjson::dom::object event;
    if (element.get(event) != simdjson::SUCCESS) return bad(index, "not an object");
    std::string_view ev;
    if (event["ev"].get(ev) != simdjson::SUCCESS) return bad(index, "missing field 'ev'");
    if (ev == "status") {
      std::string_view status;
      std::string_view message;
      if (event["status"].get(status) != simdjson::SUCCESS) return bad(index, "missing field 'status'");
      if (event["message"].get(message) != simdjson::SUCCESS) message = {};
      frame.statuses.push_back(PolygonStatus{std::string(status), std::string(message)});
    } else if (ev == "T") {
      auto sym = symbol(event, index);
      if (!sym) return sym.error();
      auto p = number(event, "p", index);
      if (!p) return p.error();
      auto s = number(event, "s", index);
      if (!s) return s.error();
      auto t = number(event, "t", index);
      if (!t) return t.error();
      frame.trades.push_back(Trade{*sym, Timestamp::from_millis(static_cast<std::int64_t>(*t)), *p, *s});
    } else if (ev == "Q") {
      auto sym = symbol(event, index);
      if (!sym) return sym.error();
      Quote q{*sym, {}, 0, 0, 0, 0};
      for (auto [key, field] : {std::pair{"bp", &Quote::bid_price}, std::pair{"bs", &Quote::bid_size},
                                std::pair{"ap", &Quote::ask_price}, std::pair{"as", &Quote::ask_size}}) {
        auto v = number(event, key, index);
        if (!v) return v.error();
        q.*field = *v;
      }
      auto t = number(event, "t", index);
      if (!t) return t.error();
      q.ts = Timestamp::from_millis(static_cast<std::int64_t>(*t));
      frame.quotes.push_back(std::move(q));
    } else if (ev == "A" || ev == "AM") {
      auto sym = symbol(event, index);
      if (!sym) return sym.error();
      Bar bar;
      for (auto [key, field] : {std::pair{"o", &Bar::open}, std::pair{"h", &Bar::high}, std::pair{"l", &Bar::low},
                                std::pair{"c", &Bar::close}, std::pair{"v", &Bar::volume}}) {
        auto v = number(event, key, index);
        if (!v) return v.error();
        bar.*field = *v;
      }
      auto start = number(event, "s", index);
      if (!start) return start.error();
      bar.ts = Timestamp::from_millis(static_cast<std::int64_t>(*start));
      if (auto vw = number(event, "vw", index); vw) bar.vwap = *vw;  // optional
      if (auto z = number(event, "z", index); z && bar.volume > 0 && *z > 0) {
        bar.trades = static_cast<std::int64_t>(bar.volume / *z + 0.5);  // z = average trade size
      }
      frame.bars.push_back(LiveBar{*sym, ev == "A" ? BarInterval::second : BarInterval::minute, bar, true});
    } else {
      ++frame.ignored;
    }
    ++index;
  }
  return frame;
}

std::string polygon_auth_message(std::string_view api_key) {
  JsonWriter w;
  w.begin_object().key("action").value("auth").key("params").value(api_key).end_object();
  return w.take();
}

std::string polygon_subscription_message(std::string_view action, std::span<const Symbol> symbols,
                                         std::span<const PolygonChannel> channels) {
  std::string params;
  for (const PolygonChannel channel : channels) {
    const std::string_view prefix = channel == PolygonChannel::trades              ? "T."
                                    : channel == PolygonChannel::quotes            ? "Q."
                                    : channel == PolygonChannel::second_aggregates ? "A."
                                                                                   : "AM.";
    for (const Symbol& s : symbols) {
      if (!params.empty()) params += ',';
      params += prefix;
      params += s.view();
    }
  }
  JsonWriter w;
  w.begin_object().key("action").value(action).key("params").value(params).end_object();
  return w.take();
}

PolygonSession::PolygonSession(std::string api_key, std::vector<Symbol> symbols, std::vector<PolygonChannel> channels)
    : api_key_(std::move(api_key)), symbols_(std::move(symbols)), channels_(std::move(channels)) {}

void PolygonSession::on_connected() {
  if (state_ != State::failed) state_ = State::connecting;
}

Status PolygonSession::on_frame(std::string_view text, std::vector<std::string>& outgoing, PolygonFrame& data) {
  auto frame = parse_polygon_frame(text);
  if (!frame) return frame.error();
  for (const PolygonStatus& s : frame->statuses) {
    // client-python's mock server says "connected"; the spec's example says "success" with the
    // message "Connected Successfully": both open the session.
    const bool connected = s.status == "connected" || (s.status == "success" && s.message.starts_with("Connected"));
    if (connected && state_ == State::connecting) {
      outgoing.push_back(polygon_auth_message(api_key_));
      state_ = State::authenticating;
    } else if (s.status == "auth_success" && state_ == State::authenticating) {
      outgoing.push_back(polygon_subscription_message("subscribe", symbols_, channels_));
      state_ = State::subscribed;
    } else if (s.status == "auth_failed" || s.status == "max_connections") {
      state_ = State::failed;
      retryable_ = false;
      return make_error(errc::feed_unavailable,
                        fmt::format("polygon.io refused the connection: {} ({})", s.status, s.message));
    }
  }
  data.trades.insert(data.trades.end(), frame->trades.begin(), frame->trades.end());
  data.quotes.insert(data.quotes.end(), frame->quotes.begin(), frame->quotes.end());
  data.bars.insert(data.bars.end(), frame->bars.begin(), frame->bars.end());
  data.statuses.insert(data.statuses.end(), frame->statuses.begin(), frame->statuses.end());
  data.ignored += frame->ignored;
  return {};
}

}  // namespace streams::live
