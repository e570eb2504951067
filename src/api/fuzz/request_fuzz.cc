// Fuzz target: one HTTP request through the whole API (route table, parameter parsing, handlers,
// JSON output) over an in-memory store with a few real bars. Input: "METHOD TARGET" on the first
// line. Invariants: the request parser rejects or accepts, every response is a status 200..599
// with a body, and errors are JSON objects with an "error" key.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/api.h"
#include "api/tests/fake_store.h"
#include "cache/lru_cache.h"
#include "cache/versions.h"

namespace {

struct World {
  streams::api::testing::FakeStore store;
  streams::cache::LruCache cache;
  streams::cache::Versions versions;
  streams::api::Api api{store, &cache, &versions};
  World() { streams::api::testing::fill_demo(store); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  std::string_view line(reinterpret_cast<const char*>(data), size);
  line = line.substr(0, line.find('\n'));
  const auto space = line.find(' ');
  if (space == std::string_view::npos) return 0;
  auto request = streams::api::make_request(line.substr(0, space), line.substr(space + 1));
  if (!request) return 0;
  const auto handled = world.api.handle(*request);
  const auto& response = handled.response;
  if (response.status < 200 || response.status > 599) std::abort();
  if (response.status >= 400 && response.content_type == "application/json" &&
      response.body.find("\"error\"") == std::string::npos) {
    std::abort();
  }
  return 0;
}
