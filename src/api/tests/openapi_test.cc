// The OpenAPI document is the contract: it must parse, be served as is, and describe exactly the
// routes of the route table.
#include <set>

#include "api/openapi_document.h"
#include "api/tests/api_test_util.h"

namespace streams::api::testing {
namespace {

class OpenApiTest : public ApiTest {};

TEST_F(OpenApiTest, ServedDocumentIsTheSchemaFile) {
  const Response response = get("/api/v1/openapi.json");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.body, openapi_document());
  auto doc = json(response);
  EXPECT_EQ(doc["openapi"].get_string().value().substr(0, 2), "3.");
}

TEST_F(OpenApiTest, PathsEqualTheRouteTable) {
  auto doc = json(get("/api/v1/openapi.json"));
  std::set<std::string> documented;
  for (auto [path, item] : doc["paths"].get_object()) {
    for (auto [method, operation] : item.get_object()) {
      std::string upper(method);
      for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
      documented.insert(upper + " " + std::string(path));
      EXPECT_EQ(operation["responses"].error(), simdjson::SUCCESS) << path;
    }
  }
  std::set<std::string> routed;
  for (const Route& route : api_.router().routes()) routed.insert(std::string(route.method) + " " + std::string(route.pattern));
  EXPECT_EQ(documented, routed);
}

TEST_F(OpenApiTest, BarsParametersMatchTheHandler) {
  auto doc = json(get("/api/v1/openapi.json"));
  std::set<std::string> names;
  for (auto parameter : doc["paths"]["/api/v1/bars"]["get"]["parameters"].get_array()) {
    names.emplace(parameter["name"].get_string().value());
  }
  EXPECT_EQ(names, (std::set<std::string>{"symbols", "from", "to", "timespan", "adjust"}));
}

}  // namespace
}  // namespace streams::api::testing
