#include "api/router.h"

#include <gtest/gtest.h>

#include <set>

#include "api/api.h"

namespace streams::api {
namespace {

TEST(RouterTest, EveryRouteIsReachableAndUnique) {
  const Router router(build_routes());
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (std::size_t i = 0; i < router.routes().size(); ++i) {
    const Route& route = router.routes()[i];
    EXPECT_TRUE(seen.emplace(route.method, route.pattern).second) << route.pattern;
    EXPECT_NE(route.handler, nullptr);
    std::string path(route.pattern);
    if (auto brace = path.find('{'); brace != std::string::npos) path = path.substr(0, brace) + "X";
    const RouteMatch match = router.match(route.method, path);
    ASSERT_EQ(match.kind, RouteMatch::Kind::found) << path;
    EXPECT_EQ(match.route, i) << path;
    EXPECT_TRUE(Api::owns(path)) << path;
  }
}

TEST(RouterTest, PlaceholdersCaptureOneSegment) {
  const Router router(build_routes());
  RouteMatch match = router.match("GET", "/api/v1/macro/CPIAUCSL");
  ASSERT_EQ(match.kind, RouteMatch::Kind::found);
  EXPECT_EQ(router.routes()[match.route].pattern, "/api/v1/macro/{series}");
  EXPECT_EQ(match.params.get("series"), "CPIAUCSL");
  EXPECT_EQ(match.params.get("other"), "");
  EXPECT_EQ(router.match("GET", "/api/v1/macro/CPIAUCSL/extra").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match("GET", "/api/v1/macro/").kind, RouteMatch::Kind::not_found);
  // The list and the series are different routes.
  match = router.match("GET", "/api/v1/macro");
  ASSERT_EQ(match.kind, RouteMatch::Kind::found);
  EXPECT_EQ(router.routes()[match.route].pattern, "/api/v1/macro");
}

TEST(RouterTest, UnknownPathsAreNotFound) {
  const Router router(build_routes());
  for (const char* path : {"/api/v2/bars", "/api/v1/bar", "/api/v1/bars/", "/api", "/", "/API/v1/bars"}) {
    EXPECT_EQ(router.match("GET", path).kind, RouteMatch::Kind::not_found) << path;
  }
}

TEST(RouterTest, WrongMethodListsTheAllowedOnes) {
  const Router router(build_routes());
  const RouteMatch match = router.match("POST", "/api/v1/bars");
  EXPECT_EQ(match.kind, RouteMatch::Kind::method_not_allowed);
  EXPECT_EQ(match.allow, "GET, HEAD");
  EXPECT_EQ(router.match("DELETE", "/api/v1/macro/CPIAUCSL").kind, RouteMatch::Kind::method_not_allowed);
}

TEST(RouterTest, HeadMatchesGetRoutes) {
  const Router router(build_routes());
  EXPECT_EQ(router.match("HEAD", "/healthz").kind, RouteMatch::Kind::found);
}

TEST(ApiOwnsTest, ApiAndOperationalPathsOnly) {
  EXPECT_TRUE(Api::owns("/api"));
  EXPECT_TRUE(Api::owns("/api/anything"));
  EXPECT_TRUE(Api::owns("/healthz"));
  EXPECT_TRUE(Api::owns("/readyz"));
  EXPECT_TRUE(Api::owns("/metrics"));
  EXPECT_FALSE(Api::owns("/"));
  EXPECT_FALSE(Api::owns("/apiary"));
  EXPECT_FALSE(Api::owns("/assets/index-abc.js"));
  EXPECT_FALSE(Api::owns("/overview"));
}

}  // namespace
}  // namespace streams::api
