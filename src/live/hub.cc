#include "live/hub.h"

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/json_writer.h"
#include "core/log.h"
#include "live/errc.h"
#include "live/indicators.h"

namespace streams::live {
namespace {

constexpr std::uint8_t trades_bit = 1;
constexpr std::uint8_t bars1s_bit = 2;
constexpr std::uint8_t bars1m_bit = 4;
constexpr std::uint8_t all_channels = trades_bit | bars1s_bit | bars1m_bit;

std::uint8_t bar_bit(BarInterval interval) { return interval == BarInterval::second ? bars1s_bit : bars1m_bit; }

std::optional<std::uint8_t> channel_bit(std::string_view name) {
  if (name == "trades") return trades_bit;
  if (name == "bars1s") return bars1s_bit;
  if (name == "bars1m") return bars1m_bit;
  return std::nullopt;
}

void write_channels(JsonWriter& w, std::uint8_t channels) {
  w.begin_array();
  if (channels & trades_bit) w.value("trades");
  if (channels & bars1s_bit) w.value("bars1s");
  if (channels & bars1m_bit) w.value("bars1m");
  w.end_array();
}

int popcount(std::uint8_t bits) { return __builtin_popcount(bits); }

std::uint64_t series_key(const Symbol& symbol, BarInterval interval) {
  return (std::hash<Symbol>{}(symbol) << 2) | (static_cast<std::uint64_t>(interval) + 1);
}

std::int64_t now_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

SharedText share(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

IndicatorBar stream_bar(const Bar& bar) {
  return IndicatorBar{exchange_date(bar.ts).days(), bar.open, bar.high, bar.low, bar.close, bar.volume};
}

Result<IndicatorInstance> make_indicator(std::string_view text) { return make_live_indicator(text); }

void write_feed(JsonWriter& w, const FeedStatus& feed) {
  w.key("feed").begin_object();
  w.key("source").value(feed.source.empty() ? std::string_view("none") : std::string_view(feed.source));
  w.key("mode").value(feed.mode.empty() ? std::string_view("starting") : std::string_view(feed.mode));
  w.key("time").value(feed.feed_time.millis());
  w.key("symbols").value(feed.symbols.size());
  w.end_object();
}

}  // namespace

// A parsed client message.
struct ClientRequest {
  std::string type;
  std::vector<Symbol> symbols;
  std::uint8_t channels = 0;
  bool has_channels = false;
  std::optional<std::vector<std::string>> indicators;
};

namespace {

Result<ClientRequest> parse_request(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(text.data(), text.size()).get(doc) != simdjson::SUCCESS) {
    return make_error(errc::bad_message, "message is not valid JSON");
  }
  simdjson::dom::object object;
  if (doc.get(object) != simdjson::SUCCESS) return make_error(errc::bad_message, "message must be a JSON object");
  ClientRequest request;
  std::string_view type;
  if (object["type"].get(type) != simdjson::SUCCESS) {
    return make_error(errc::bad_message, "field 'type' (a string) is required");
  }
  request.type = std::string(type);
  for (auto [key, value] : object) {
    if (key == "type") continue;
    if (key == "symbols") {
      simdjson::dom::array array;
      if (value.get(array) != simdjson::SUCCESS) return make_error(errc::bad_message, "field 'symbols' must be an array of strings");
      for (auto item : array) {
        std::string_view s;
        if (item.get(s) != simdjson::SUCCESS) return make_error(errc::bad_message, "field 'symbols' must be an array of strings");
        auto symbol = Symbol::parse(s);
        if (!symbol) return make_error(errc::invalid_symbol, "field 'symbols': " + symbol.error().message);
        if (std::find(request.symbols.begin(), request.symbols.end(), *symbol) == request.symbols.end()) {
          request.symbols.push_back(std::move(*symbol));
        }
      }
    } else if (key == "channels") {
      simdjson::dom::array array;
      if (value.get(array) != simdjson::SUCCESS) return make_error(errc::bad_message, "field 'channels' must be an array of strings");
      request.has_channels = true;
      for (auto item : array) {
        std::string_view s;
        if (item.get(s) != simdjson::SUCCESS) return make_error(errc::bad_message, "field 'channels' must be an array of strings");
        auto bit = channel_bit(s);
        if (!bit) {
          return make_error(errc::unknown_channel,
                            "field 'channels': unknown channel '" + std::string(s) + "' (trades, bars1s, bars1m)");
        }
        request.channels |= *bit;
      }
    } else if (key == "indicators") {
      simdjson::dom::array array;
      if (value.get(array) != simdjson::SUCCESS) return make_error(errc::bad_message, "field 'indicators' must be an array of strings");
      std::vector<std::string> specs;
      for (auto item : array) {
        std::string_view s;
        if (item.get(s) != simdjson::SUCCESS) return make_error(errc::bad_message, "field 'indicators' must be an array of strings");
        if (std::find(specs.begin(), specs.end(), s) == specs.end()) specs.emplace_back(s);
      }
      request.indicators = std::move(specs);
    } else {
      return make_error(errc::bad_message, "unknown field '" + std::string(key) + "'");
    }
  }
  return request;
}

}  // namespace

// ---- Hub ----------------------------------------------------------------------------------------

Hub::Hub(Bus& bus, HubOptions options) : bus_(bus), options_(options) {
  heartbeat_thread_ = std::thread([this] { heartbeat_loop(); });
  subscription_ = bus_.subscribe([this](const LiveBatch& batch) { on_batch(batch); });
}

Hub::~Hub() {
  subscription_.reset();
  {
    const std::lock_guard lock(heartbeat_mutex_);
    stopping_ = true;
  }
  heartbeat_wake_.notify_all();
  heartbeat_thread_.join();
}

std::shared_ptr<HubClient> Hub::connect(WakeFn wake) {
  auto client = std::make_shared<HubClient>(*this, std::move(wake), options_.queue_capacity);
  const std::lock_guard lock(mutex_);
  clients_.insert(client.get());
  client->push(share(status_message("connected", client.get())), MessageClass::control);
  return client;
}

HubStats Hub::stats() const {
  HubStats s;
  {
    const std::lock_guard lock(mutex_);
    s.clients = clients_.size();
  }
  s.trades_in = trades_in_.load(std::memory_order_relaxed);
  s.bars_in = bars_in_.load(std::memory_order_relaxed);
  s.messages_out = messages_out_.load(std::memory_order_relaxed);
  return s;
}

FeedStatus Hub::feed_status() const {
  const std::lock_guard lock(mutex_);
  return feed_;
}

void Hub::remove(HubClient* client) {
  const std::lock_guard lock(mutex_);
  std::vector<Symbol> symbols;
  for (const auto& [symbol, channels] : client->channels_) symbols.push_back(symbol);
  for (const Symbol& symbol : symbols) set_channels(*client, symbol, 0);
  clients_.erase(client);
}

std::string Hub::status_message(std::string_view status, const HubClient* client) const {
  JsonWriter w;
  w.begin_object().key("type").value("status").key("status").value(status);
  write_feed(w, feed_);
  if (client != nullptr) {
    w.key("subscriptions").begin_array();
    std::vector<std::pair<Symbol, std::uint8_t>> sorted(client->channels_.begin(), client->channels_.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [symbol, channels] : sorted) {
      w.begin_object().key("symbol").value(symbol.view()).key("channels");
      write_channels(w, channels);
      w.end_object();
    }
    w.end_array();
    w.key("indicators").begin_array();
    for (const auto& spec : client->indicators_) w.value(spec);
    w.end_array();
  }
  w.key("limits").begin_object();
  w.key("max_subscriptions").value(options_.max_subscriptions);
  w.key("max_indicators").value(options_.max_indicators);
  w.key("queue").value(options_.queue_capacity);
  w.key("heartbeat_ms").value(static_cast<std::int64_t>(options_.heartbeat.count()));
  w.end_object();
  w.end_object();
  return w.take();
}

// Under mutex_: makes `channels` the client's channels of `symbol`, acquiring and releasing the
// client's indicators on the bar series it starts or stops receiving.
void Hub::set_channels(HubClient& client, const Symbol& symbol, std::uint8_t channels) {
  auto found = client.channels_.find(symbol);
  const std::uint8_t before = found == client.channels_.end() ? 0 : found->second;
  if (before == channels) return;
  SymbolState& state = symbols_[symbol];
  for (const BarInterval interval : {BarInterval::second, BarInterval::minute}) {
    const std::uint8_t bit = bar_bit(interval);
    Series& series = state.series[static_cast<int>(interval)];
    if ((channels & bit) && !(before & bit)) {
      for (const auto& spec : client.indicators_) (void)acquire(series, spec);
    } else if (!(channels & bit) && (before & bit)) {
      for (const auto& spec : client.indicators_) release(series, spec);
    }
  }
  auto& subs = state.subscribers;
  auto it = std::find_if(subs.begin(), subs.end(), [&](const Subscriber& s) { return s.client == &client; });
  if (channels == 0) {
    if (it != subs.end()) subs.erase(it);
    client.channels_.erase(symbol);
  } else {
    if (it == subs.end()) {
      subs.push_back(Subscriber{&client, channels});
    } else {
      it->channels = channels;
    }
    client.channels_[symbol] = channels;
  }
  client.subscription_count_ = client.subscription_count_ - static_cast<std::size_t>(popcount(before)) +
                               static_cast<std::size_t>(popcount(channels));
}

Status Hub::acquire(Series& series, const std::string& spec) {
  for (Indicator& indicator : series.indicators) {
    if (indicator.spec == spec) {
      ++indicator.refs;
      return {};
    }
  }
  auto made = make_indicator(spec);
  if (!made) return made.error();
  Indicator indicator{spec, std::move(made->outputs), std::move(made->state), {}, 1};
  indicator.last.assign(indicator.outputs.size(), std::nan(""));
  for (const Bar& bar : series.history) {
    const auto values = indicator.state->update(stream_bar(bar));
    indicator.last.assign(values.begin(), values.end());
  }
  series.indicators.push_back(std::move(indicator));
  return {};
}

void Hub::release(Series& series, const std::string& spec) {
  for (auto it = series.indicators.begin(); it != series.indicators.end(); ++it) {
    if (it->spec == spec && --it->refs <= 0) {
      series.indicators.erase(it);
      return;
    }
  }
}

std::string Hub::snapshot(const Symbol& symbol, BarInterval interval, const Series& series,
                          const std::vector<std::string>& specs) const {
  JsonWriter w;
  w.begin_object().key("type").value("snapshot").key("symbol").value(symbol.view());
  w.key("channel").value(channel_name(interval));
  const auto& h = series.history;
  w.key("bars").begin_object();
  w.key("t").begin_array();
  for (const Bar& b : h) w.value(b.ts.millis());
  w.end_array();
  const auto column = [&](std::string_view name, double Bar::*field) {
    w.key(name).begin_array();
    for (const Bar& b : h) w.value(b.*field);
    w.end_array();
  };
  column("open", &Bar::open);
  column("high", &Bar::high);
  column("low", &Bar::low);
  column("close", &Bar::close);
  column("volume", &Bar::volume);
  column("vwap", &Bar::vwap);
  w.key("trades").begin_array();
  for (const Bar& b : h) w.value(b.trades);
  w.end_array();
  w.end_object();
  w.key("indicators").begin_object();
  for (const std::string& spec : specs) {
    auto made = make_indicator(spec);
    if (!made) continue;
    std::vector<std::vector<double>> values(made->outputs.size());
    for (const Bar& b : h) {
      const auto out = made->state->update(stream_bar(b));
      for (std::size_t i = 0; i < values.size(); ++i) values[i].push_back(out[i]);
    }
    w.key(spec).begin_object();
    for (std::size_t i = 0; i < values.size(); ++i) w.key(made->outputs[i]).array(values[i]);
    w.end_object();
  }
  w.end_object();
  w.end_object();
  return w.take();
}

std::string Hub::render_bar(const LiveBar& bar, const Series* series) const {
  JsonWriter w;
  w.reserve(256);
  w.begin_object().key("type").value("bar").key("channel").value(channel_name(bar.interval));
  w.key("symbol").value(bar.symbol.view()).key("t").value(bar.bar.ts.millis());
  w.key("open").value(bar.bar.open).key("high").value(bar.bar.high).key("low").value(bar.bar.low);
  w.key("close").value(bar.bar.close).key("volume").value(bar.bar.volume).key("vwap").value(bar.bar.vwap);
  w.key("trades").value(bar.bar.trades).key("final").value(bar.final);
  if (series != nullptr && !series->indicators.empty()) {
    w.key("indicators").begin_object();
    for (const Indicator& indicator : series->indicators) {
      w.key(indicator.spec).begin_object();
      for (std::size_t i = 0; i < indicator.outputs.size(); ++i) w.key(indicator.outputs[i]).value(indicator.last[i]);
      w.end_object();
    }
    w.end_object();
  }
  w.end_object();
  return w.take();
}

void Hub::on_batch(const LiveBatch& batch) {
  std::vector<HubClient*> touched;
  const auto stage = [&](HubClient* client, const SharedText& text, std::optional<std::uint64_t> key) {
    if (client->staged_.empty()) touched.push_back(client);
    client->staged_.push_back(HubClient::Staged{text, MessageClass::droppable, key});
  };
  const std::lock_guard lock(mutex_);
  if (batch.status) {
    if (batch.status->symbols.size() != known_.size()) {
      known_.clear();
      known_.insert(batch.status->symbols.begin(), batch.status->symbols.end());
    }
    feed_ = *batch.status;
  }
  for (const Trade& trade : batch.trades) {
    auto found = symbols_.find(trade.symbol);
    if (found == symbols_.end() || found->second.subscribers.empty()) continue;
    SharedText text;
    for (const Subscriber& sub : found->second.subscribers) {
      if (!(sub.channels & trades_bit)) continue;
      if (!text) {
        JsonWriter w;
        w.reserve(128);
        w.begin_object().key("type").value("trade").key("symbol").value(trade.symbol.view());
        w.key("t").value(trade.ts.millis()).key("price").value(trade.price).key("size").value(trade.size).end_object();
        text = share(w.take());
      }
      stage(sub.client, text, std::nullopt);
    }
  }
  for (const LiveBar& bar : batch.bars) {
    SymbolState& state = symbols_[bar.symbol];
    Series& series = state.series[static_cast<int>(bar.interval)];
    if (bar.final) {
      if (!series.history.empty() && series.history.back().ts >= bar.bar.ts) continue;  // replayed or late
      series.history.push_back(bar.bar);
      if (series.history.size() > options_.history) series.history.pop_front();
      if (!series.indicators.empty()) {
        const IndicatorBar input = stream_bar(bar.bar);
        for (Indicator& indicator : series.indicators) {
          const auto values = indicator.state->update(input);
          indicator.last.assign(values.begin(), values.end());
        }
      }
    }
    const std::uint8_t bit = bar_bit(bar.interval);
    SharedText text;
    for (const Subscriber& sub : state.subscribers) {
      if (!(sub.channels & bit)) continue;
      if (!text) text = share(render_bar(bar, bar.final ? &series : nullptr));
      stage(sub.client, text, series_key(bar.symbol, bar.interval));
    }
  }
  trades_in_.fetch_add(batch.trades.size(), std::memory_order_relaxed);
  bars_in_.fetch_add(batch.bars.size(), std::memory_order_relaxed);
  for (HubClient* client : touched) client->flush_staged();
}

void Hub::heartbeat_now() {
  const std::lock_guard lock(mutex_);
  const std::int64_t now = now_millis();
  for (HubClient* client : clients_) {
    JsonWriter w;
    w.begin_object().key("type").value("heartbeat").key("t").value(now);
    write_feed(w, feed_);
    w.key("dropped").value(static_cast<std::int64_t>(client->dropped()));
    w.key("conflated").value(static_cast<std::int64_t>(client->conflated()));
    w.end_object();
    client->push(share(w.take()), MessageClass::control);
  }
}

void Hub::heartbeat_loop() {
  std::unique_lock lock(heartbeat_mutex_);
  while (!stopping_) {
    if (heartbeat_wake_.wait_for(lock, options_.heartbeat, [this] { return stopping_; })) break;
    lock.unlock();
    heartbeat_now();
    lock.lock();
  }
}

void Hub::handle_subscribe(HubClient& client, const ClientRequest& request) {
  // Validate everything before changing anything.
  if (request.symbols.empty()) return client.push_error("bad_message", "field 'symbols' must name at least one symbol");
  if (!request.has_channels || request.channels == 0) {
    return client.push_error("bad_message", "field 'channels' must name at least one channel (trades, bars1s, bars1m)");
  }
  if (!known_.empty()) {
    for (const Symbol& symbol : request.symbols) {
      if (!known_.contains(symbol)) {
        return client.push_error("unknown_symbol", "symbol '" + symbol.str() + "' is not streamed by the feed");
      }
    }
  }
  std::size_t added = 0;
  for (const Symbol& symbol : request.symbols) {
    auto found = client.channels_.find(symbol);
    const std::uint8_t before = found == client.channels_.end() ? 0 : found->second;
    added += static_cast<std::size_t>(popcount(static_cast<std::uint8_t>(request.channels & ~before)));
  }
  if (client.subscription_count_ + added > options_.max_subscriptions) {
    return client.push_error("too_many_subscriptions",
                             "at most " + std::to_string(options_.max_subscriptions) +
                                 " subscriptions (symbol × channel) per connection; this request would make " +
                                 std::to_string(client.subscription_count_ + added));
  }
  if (request.indicators) {
    if (request.indicators->size() > options_.max_indicators) {
      return client.push_error("too_many_indicators",
                               "at most " + std::to_string(options_.max_indicators) + " indicators per connection");
    }
    for (const std::string& spec : *request.indicators) {
      auto made = make_indicator(spec);
      if (!made) return client.push_error("bad_indicator", "indicator '" + spec + "': " + made.error().message);
    }
    // Swap the client's indicator set on every bar series it receives.
    const std::vector<std::string> old = client.indicators_;
    for (auto& [symbol, channels] : client.channels_) {
      SymbolState& state = symbols_[symbol];
      for (const BarInterval interval : {BarInterval::second, BarInterval::minute}) {
        if (!(channels & bar_bit(interval))) continue;
        Series& series = state.series[static_cast<int>(interval)];
        for (const auto& spec : old) release(series, spec);
        for (const auto& spec : *request.indicators) (void)acquire(series, spec);
      }
    }
    client.indicators_ = *request.indicators;
  }
  std::vector<std::pair<Symbol, BarInterval>> snapshots;
  for (const Symbol& symbol : request.symbols) {
    auto found = client.channels_.find(symbol);
    const std::uint8_t before = found == client.channels_.end() ? 0 : found->second;
    const std::uint8_t after = before | request.channels;
    for (const BarInterval interval : {BarInterval::second, BarInterval::minute}) {
      // A snapshot for every bar series requested (new, or re-requested with new indicators).
      if (after & request.channels & bar_bit(interval)) snapshots.emplace_back(symbol, interval);
    }
    set_channels(client, symbol, after);
  }
  client.push(share(status_message("subscribed", &client)), MessageClass::control);
  for (const auto& [symbol, interval] : snapshots) {
    const Series& series = symbols_[symbol].series[static_cast<int>(interval)];
    client.push(share(snapshot(symbol, interval, series, client.indicators_)), MessageClass::control);
  }
}

void Hub::handle_unsubscribe(HubClient& client, const ClientRequest& request) {
  const std::uint8_t remove = request.has_channels ? request.channels : all_channels;
  for (const Symbol& symbol : request.symbols) {
    auto found = client.channels_.find(symbol);
    if (found == client.channels_.end()) continue;
    set_channels(client, symbol, static_cast<std::uint8_t>(found->second & ~remove));
  }
  if (request.symbols.empty() && !request.has_channels) {
    std::vector<Symbol> all;
    for (const auto& [symbol, channels] : client.channels_) all.push_back(symbol);
    for (const Symbol& symbol : all) set_channels(client, symbol, 0);
  }
  client.push(share(status_message("unsubscribed", &client)), MessageClass::control);
}

// ---- HubClient ----------------------------------------------------------------------------------

HubClient::~HubClient() { hub_.remove(this); }

void HubClient::push(SharedText text, MessageClass kind, std::optional<std::uint64_t> key) {
  bool wake = false;
  {
    const std::lock_guard lock(outbox_mutex_);
    queue_.push(std::move(text), kind, key);
    if (!notified_) {
      notified_ = true;
      wake = true;
    }
  }
  hub_.messages_out_.fetch_add(1, std::memory_order_relaxed);
  if (wake && wake_) wake_();
}

void HubClient::flush_staged() {
  bool wake = false;
  {
    const std::lock_guard lock(outbox_mutex_);
    for (Staged& s : staged_) queue_.push(std::move(s.text), s.kind, s.key);
    if (!notified_) {
      notified_ = true;
      wake = true;
    }
  }
  hub_.messages_out_.fetch_add(staged_.size(), std::memory_order_relaxed);
  staged_.clear();
  if (wake && wake_) wake_();
}

void HubClient::push_error(std::string_view code, std::string_view message) {
  JsonWriter w;
  w.begin_object().key("type").value("error").key("code").value(code).key("message").value(message).end_object();
  push(share(w.take()), MessageClass::control);
}

void HubClient::receive(std::string_view text) {
  if (text.size() > hub_.options_.max_message_bytes) {
    return push_error("bad_message", "message larger than " + std::to_string(hub_.options_.max_message_bytes) + " bytes");
  }
  auto request = parse_request(text);
  if (!request) {
    const auto code = static_cast<errc>(request.error().code.value());
    return push_error(code == errc::invalid_symbol    ? "invalid_symbol"
                      : code == errc::unknown_channel ? "unknown_channel"
                                                      : "bad_message",
                      request.error().message);
  }
  const std::lock_guard lock(hub_.mutex_);
  if (request->type == "subscribe") {
    hub_.handle_subscribe(*this, *request);
  } else if (request->type == "unsubscribe") {
    hub_.handle_unsubscribe(*this, *request);
  } else if (request->type == "ping") {
    JsonWriter w;
    w.begin_object().key("type").value("heartbeat").key("t").value(now_millis());
    write_feed(w, hub_.feed_);
    w.end_object();
    push(share(w.take()), MessageClass::control);
  } else {
    push_error("bad_message", "unknown message type '" + request->type + "' (subscribe, unsubscribe, ping)");
  }
}

bool HubClient::take_frame(std::string& frame) {
  drained_.clear();
  {
    const std::lock_guard lock(outbox_mutex_);
    queue_.drain(drained_);
    notified_ = false;
  }
  if (drained_.empty()) return false;
  std::size_t bytes = 2;
  for (const auto& text : drained_) bytes += text->size() + 1;
  frame.clear();
  frame.reserve(bytes);
  frame.push_back('[');
  for (std::size_t i = 0; i < drained_.size(); ++i) {
    if (i > 0) frame.push_back(',');
    frame += *drained_[i];
  }
  frame.push_back(']');
  drained_.clear();
  return true;
}

std::uint64_t HubClient::dropped() const {
  const std::lock_guard lock(outbox_mutex_);
  return queue_.dropped();
}

std::uint64_t HubClient::conflated() const {
  const std::lock_guard lock(outbox_mutex_);
  return queue_.conflated();
}

}  // namespace streams::live
