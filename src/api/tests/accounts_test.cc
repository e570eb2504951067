// The account endpoints and the per-route access check, through Api::handle: market data behind a
// session in mode required and open in mode optional, favourites always behind one, CSRF on every
// state-changing request, login answers and throttling, request bodies, strictly per-user data.
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "api/tests/api_test_util.h"
#include "auth/auth.h"
#include "store/embedded/sqlite_store.h"

// Calls leave trailing fields (token, CSRF, content type) at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace streams::api::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct Call {
  std::string method;
  std::string target;
  std::string body;
  std::string token;
  std::string csrf;
  std::string content_type = "application/json";
};

class AccountsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("streams_api_accounts_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    auto opened = store::embedded::open_sqlite_store(dir_ / "streams.db");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    sqlite_ = std::move(*opened);
    accounts_ = dynamic_cast<store::AccountStore*>(sqlite_.get());
    fill_demo(market_);
    make(auth::Mode::required);
    ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
    ASSERT_TRUE(auth_->add_user("bob", "bob-password").ok());
  }
  void TearDown() override {
    api_.reset();
    auth_.reset();
    sqlite_.reset();
    fs::remove_all(dir_);
  }
  void make(auth::Mode mode) {
    auth::Options options;
    options.mode = mode;
    options.cost = auth::PasswordCost::minimum;
    options.user_free_failures = 2;
    api_.reset();
    auth_ = std::make_unique<auth::Authenticator>(*accounts_, options, [this] { return now_; });
    api_ = std::make_unique<Api>(market_, nullptr, nullptr, Limits{}, auth_.get());
  }

  Response send(const Call& call) {
    auto request = make_request(call.method, call.target);
    EXPECT_TRUE(request.ok()) << call.target;
    if (!request) return {};
    request->body = call.body;
    request->remote_address = "192.0.2.1";
    if (!call.body.empty()) request->headers.emplace("content-type", call.content_type);
    if (!call.token.empty()) request->headers.emplace("cookie", "streams_session=" + call.token);
    if (!call.csrf.empty()) request->headers.emplace("x-csrf-token", call.csrf);
    return api_->handle(std::move(*request)).response;
  }

  struct Signed {
    std::string token;
    std::string csrf;
  };
  Signed sign_in(const std::string& name, const std::string& password) {
    const Response r = send({"POST", "/api/v1/auth/login", R"({"username":")" + name + R"(","password":")" + password + "\"}"});
    EXPECT_EQ(r.status, 200) << r.body;
    Signed out;
    for (const auto& [header, value] : r.headers) {
      if (header == "Set-Cookie") out.token = std::string(auth::Authenticator::token_from_cookies(value.substr(0, value.find(';'))));
    }
    simdjson::dom::parser parser;
    out.csrf = std::string(parser.parse(r.body)["csrf_token"].get_string().value());
    return out;
  }

  static std::string header(const Response& r, std::string_view name) {
    for (const auto& [key, value] : r.headers) {
      if (key == name) return value;
    }
    return {};
  }

  fs::path dir_;
  FakeStore market_;
  std::unique_ptr<store::Store> sqlite_;
  store::AccountStore* accounts_ = nullptr;
  std::int64_t now_ = 1'700'000'000'000;
  std::unique_ptr<auth::Authenticator> auth_;
  std::unique_ptr<Api> api_;
};

TEST_F(AccountsApiTest, ModeRequiredClosesMarketDataButNotHealthOrLogin) {
  for (const char* target : {"/api/v1/instruments", "/api/v1/sectors", "/api/v1/bars?symbols=AAPL", "/api/v1/macro"}) {
    const Response r = send({"GET", target});
    EXPECT_EQ(r.status, 401) << target;
    EXPECT_NE(r.body.find("\"unauthorized\""), std::string::npos) << r.body;
  }
  for (const char* target : {"/healthz", "/readyz", "/metrics", "/api/v1/openapi.json", "/api/v1/auth/me"}) {
    EXPECT_EQ(send({"GET", target}).status, 200) << target;
  }
  const Signed alice = sign_in("alice", "alice-password");
  EXPECT_EQ(send({"GET", "/api/v1/instruments", "", alice.token}).status, 200);
  EXPECT_EQ(send({"GET", "/api/v1/instruments", "", auth::random_token()}).status, 401);
}

TEST_F(AccountsApiTest, ModeOptionalOpensMarketDataButNotFavourites) {
  make(auth::Mode::optional);
  EXPECT_EQ(send({"GET", "/api/v1/instruments"}).status, 200);
  EXPECT_EQ(send({"GET", "/api/v1/favourites/symbols"}).status, 401);
  EXPECT_EQ(send({"GET", "/api/v1/favourites/views"}).status, 401);
  const Response me = send({"GET", "/api/v1/auth/me"});
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.body, R"({"user":null,"csrf_token":null,"mode":"optional"})");
}

TEST_F(AccountsApiTest, WithoutAccountsFavouritesAreUnauthorised) {
  Api bare(market_, nullptr, nullptr);
  auto request = make_request("GET", "/api/v1/favourites/symbols");
  EXPECT_EQ(bare.handle(std::move(*request)).response.status, 401);
  auto market = make_request("GET", "/api/v1/instruments");
  EXPECT_EQ(bare.handle(std::move(*market)).response.status, 200);
}

TEST_F(AccountsApiTest, LoginSetsAHardenedCookieAndReturnsTheCsrfToken) {
  const Response r = send({"POST", "/api/v1/auth/login", R"({"username":"alice","password":"alice-password"})"});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = header(r, "Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("streams_session=")) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Lax"), std::string::npos);
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
  EXPECT_EQ(header(r, "Cache-Control"), "no-store");
  EXPECT_NE(r.body.find(R"("user":{"id":1,"name":"alice"})"), std::string::npos) << r.body;
  const std::string token(auth::Authenticator::token_from_cookies(cookie.substr(0, cookie.find(';'))));
  EXPECT_NE(r.body.find(auth::csrf_token_for(token)), std::string::npos);
  EXPECT_EQ(r.body.find(token), std::string::npos) << "the token travels only in the cookie";
}

TEST_F(AccountsApiTest, WrongPasswordAndUnknownUserAnswerAlike) {
  const Response wrong = send({"POST", "/api/v1/auth/login", R"({"username":"alice","password":"nope"})"});
  const Response unknown = send({"POST", "/api/v1/auth/login", R"({"username":"carol","password":"nope"})"});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(header(wrong, "Set-Cookie"), "");
}

TEST_F(AccountsApiTest, ThrottledLoginsGet429WithRetryAfter) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(send({"POST", "/api/v1/auth/login", R"({"username":"alice","password":"nope"})"}).status, 401);
  }
  const Response r = send({"POST", "/api/v1/auth/login", R"({"username":"alice","password":"alice-password"})"});
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(header(r, "Retry-After"), "1");
  now_ += 1000;
  EXPECT_EQ(send({"POST", "/api/v1/auth/login", R"({"username":"alice","password":"alice-password"})"}).status, 200);
}

TEST_F(AccountsApiTest, MalformedBodiesAreRefusedNamingTheProblem) {
  const struct {
    std::string body;
    std::string content_type;
    int status;
    std::string fragment;
  } cases[] = {
      {R"({"username":"alice","password":"alice-password"})", "text/plain", 400, "Content-Type"},
      {"username=alice&password=x", "application/x-www-form-urlencoded", 400, "Content-Type"},
      {R"({"username":"alice")", "application/json", 400, "not valid JSON"},
      {R"(["alice"])", "application/json", 400, "JSON object"},
      {R"({"username":"alice","password":"x","admin":"1"})", "application/json", 400, "unknown body member 'admin'"},
      {R"({"username":"alice","password":7})", "application/json", 400, "body member 'password': must be a string"},
      {R"({"username":"alice"})", "application/json", 400, "body member 'password' is required"},
      {R"({"username":"a","username":"b","password":"x"})", "application/json", 400, "given twice"},
      {"{\"username\":\"\xff\",\"password\":\"x\"}", "application/json", 400, "not valid JSON"},
      {"", "application/json", 400, "Content-Type"},  // no body: no content type sent
  };
  for (const auto& c : cases) {
    const Response r = send({"POST", "/api/v1/auth/login", c.body, "", "", c.content_type});
    EXPECT_EQ(r.status, c.status) << c.body;
    EXPECT_NE(r.body.find(c.fragment), std::string::npos) << c.body << " → " << r.body;
  }
  EXPECT_EQ(send({"POST", "/api/v1/auth/login", R"({"username":"alice","password":"alice-password"})", "", "",
                  "application/json; charset=utf-8"})
                .status,
            200);
}

TEST_F(AccountsApiTest, StateChangingRequestsNeedTheSessionsCsrfToken) {
  const Signed alice = sign_in("alice", "alice-password");
  const Signed bob = sign_in("bob", "bob-password");
  const std::string body = R"({"symbol":"AAPL"})";
  EXPECT_EQ(send({"POST", "/api/v1/favourites/symbols", body, alice.token}).status, 403);
  EXPECT_EQ(send({"POST", "/api/v1/favourites/symbols", body, alice.token, "wrong"}).status, 403);
  EXPECT_EQ(send({"POST", "/api/v1/favourites/symbols", body, alice.token, bob.csrf}).status, 403);
  EXPECT_EQ(send({"POST", "/api/v1/auth/logout", "", alice.token}).status, 403);
  EXPECT_EQ(send({"GET", "/api/v1/favourites/symbols", "", alice.token}).body.find("AAPL"), std::string::npos);
  EXPECT_EQ(send({"POST", "/api/v1/favourites/symbols", body, alice.token, alice.csrf}).status, 201);
  EXPECT_EQ(send({"POST", "/api/v1/favourites/symbols", body, alice.token, alice.csrf}).status, 200);
  EXPECT_EQ(send({"POST", "/api/v1/auth/logout", "", alice.token, alice.csrf}).status, 200);
  EXPECT_EQ(send({"GET", "/api/v1/favourites/symbols", "", alice.token}).status, 401);
}

TEST_F(AccountsApiTest, FavouritesAreStrictlyPerUser) {
  const Signed alice = sign_in("alice", "alice-password");
  const Signed bob = sign_in("bob", "bob-password");
  const Response created = send({"POST", "/api/v1/favourites/views", R"({"name":"<b>mine</b>","state":"tickers=AAPL"})",
                                 alice.token, alice.csrf});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_NE(created.body.find(R"("name":"\u003cb>mine\u003c/b>")"), std::string::npos) << created.body;
  const std::string path = "/api/v1/favourites/views/1";
  EXPECT_EQ(send({"GET", path, "", bob.token}).status, 404);
  EXPECT_EQ(send({"PATCH", path, R"({"name":"bob's"})", bob.token, bob.csrf}).status, 404);
  EXPECT_EQ(send({"DELETE", path, "", bob.token, bob.csrf}).status, 404);
  EXPECT_EQ(send({"GET", "/api/v1/favourites/views", "", bob.token}).body, R"({"views":[]})");
  const Response mine = send({"GET", path, "", alice.token});
  EXPECT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("tickers=AAPL"), std::string::npos);
  EXPECT_EQ(send({"GET", "/api/v1/favourites/views/0", "", alice.token}).status, 400);
  EXPECT_EQ(send({"GET", "/api/v1/favourites/views/abc", "", alice.token}).status, 400);
  EXPECT_EQ(send({"DELETE", path, "", alice.token, alice.csrf}).status, 204);
  EXPECT_EQ(send({"GET", path, "", alice.token}).status, 404);
}

TEST_F(AccountsApiTest, WatchlistCarriesTheLastCloseAndDayChange) {
  const Signed alice = sign_in("alice", "alice-password");
  ASSERT_EQ(send({"POST", "/api/v1/favourites/symbols", R"({"symbol":"aapl"})", alice.token, alice.csrf}).status, 201);
  EXPECT_EQ(send({"POST", "/api/v1/favourites/symbols", R"({"symbol":"NOPE"})", alice.token, alice.csrf}).status, 404);
  EXPECT_EQ(send({"POST", "/api/v1/favourites/symbols", R"({"symbol":"'; DROP TABLE x"})", alice.token, alice.csrf}).status,
            400);
  const Response r = send({"GET", "/api/v1/favourites/symbols", "", alice.token});
  ASSERT_EQ(r.status, 200);
  simdjson::dom::parser parser;
  auto row = parser.parse(r.body)["symbols"].at(0);
  EXPECT_EQ(row["symbol"].get_string().value(), "AAPL");
  EXPECT_EQ(row["name"].get_string().value(), "Apple Inc.");
  EXPECT_EQ(row["date"].get_string().value(), "2020-11-06");
  EXPECT_DOUBLE_EQ(row["last"].get_double().value(), 118.69);
  EXPECT_DOUBLE_EQ(row["previous"].get_double().value(), 134.18);
  EXPECT_DOUBLE_EQ(row["change"].get_double().value(), 118.69 - 134.18);
  EXPECT_DOUBLE_EQ(row["change_pct"].get_double().value(), (118.69 / 134.18 - 1) * 100);
}

TEST_F(AccountsApiTest, PasswordChangeIssuesANewSession) {
  const Signed alice = sign_in("alice", "alice-password");
  const Response weak = send({"POST", "/api/v1/auth/password", R"({"current_password":"alice-password","new_password":"x"})",
                              alice.token, alice.csrf});
  EXPECT_EQ(weak.status, 400);
  EXPECT_NE(weak.body.find("new_password"), std::string::npos);
  const Response wrong = send({"POST", "/api/v1/auth/password",
                               R"({"current_password":"nope-nope","new_password":"brand-new-pw"})", alice.token, alice.csrf});
  EXPECT_EQ(wrong.status, 403);
  const Response changed = send({"POST", "/api/v1/auth/password",
                                 R"({"current_password":"alice-password","new_password":"brand-new-pw"})", alice.token,
                                 alice.csrf});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_FALSE(header(changed, "Set-Cookie").empty());
  EXPECT_EQ(send({"GET", "/api/v1/instruments", "", alice.token}).status, 401);
}

}  // namespace
}  // namespace streams::api::testing
