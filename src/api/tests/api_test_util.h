#pragma once
// Helpers for the API tests: run a request through an Api over a FakeStore and read the JSON.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

#include "api/api.h"
#include "api/tests/fake_store.h"
#include "cache/lru_cache.h"
#include "cache/versions.h"

namespace streams::api::testing {

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() : api_(store_, &cache_, &versions_) { fill_demo(store_); }

  Response get(std::string_view target, std::string_view method = "GET") {
    auto request = make_request(method, target);
    EXPECT_TRUE(request.ok()) << target;
    if (!request) return {};
    return api_.handle(*request).response;
  }

  // The parsed body (valid until the next call).
  simdjson::dom::element json(const Response& response) {
    body_ = simdjson::padded_string(response.body);
    auto parsed = parser_.parse(body_);
    EXPECT_EQ(parsed.error(), simdjson::SUCCESS) << response.body;
    return parsed.value_unsafe();
  }

  // Asserts an error response: status, JSON code, and a message containing `fragment`.
  void expect_error(std::string_view target, int status, std::string_view code, std::string_view fragment) {
    const Response response = get(target);
    EXPECT_EQ(response.status, status) << target << " → " << response.body;
    EXPECT_EQ(response.content_type, "application/json");
    auto doc = json(response);
    std::string_view actual_code;
    std::string_view message;
    ASSERT_EQ(doc["error"]["code"].get(actual_code), simdjson::SUCCESS) << response.body;
    ASSERT_EQ(doc["error"]["message"].get(message), simdjson::SUCCESS) << response.body;
    EXPECT_EQ(actual_code, code) << target;
    EXPECT_NE(message.find(fragment), std::string_view::npos) << target << ": message '" << message
                                                               << "' lacks '" << fragment << "'";
  }

  static std::vector<double> numbers(simdjson::dom::element array) {
    std::vector<double> out;
    for (auto v : array.get_array()) out.push_back(v.get_double().value());
    return out;
  }
  static std::vector<std::string> strings(simdjson::dom::element array) {
    std::vector<std::string> out;
    for (auto v : array.get_array()) out.emplace_back(v.get_string().value());
    return out;
  }

  FakeStore store_;
  cache::LruCache cache_;
  cache::Versions versions_;
  Api api_;
  simdjson::dom::parser parser_;
  simdjson::padded_string body_;
};

}  // namespace streams::api::testing
