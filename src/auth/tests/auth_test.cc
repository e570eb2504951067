// Authenticator over a real embedded store and a manual clock: login, the one answer for unknown
// user and wrong password, sessions and their expiry, CSRF, throttling, password changes.
#include "auth/auth.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "auth/errc.h"
#include "store/embedded/sqlite_store.h"

namespace streams::auth {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() / ("streams_auth_test_" + std::to_string(::getpid()) + "_" +
                                        std::to_string(counter++));
    fs::remove_all(dir_);
    auto opened = store::embedded::open_sqlite_store(dir_ / "streams.db");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    accounts_ = dynamic_cast<store::AccountStore*>(store_.get());
    ASSERT_NE(accounts_, nullptr);
    options_.cost = PasswordCost::minimum;
    options_.idle_timeout = 10min;
    options_.absolute_timeout = 60min;
    options_.user_free_failures = 3;
    options_.address_free_failures = 6;
    options_.delay_base = 1s;
    options_.delay_max = 8s;
    options_.throttle_window = 15min;
    make_auth();
  }
  void TearDown() override {
    auth_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }
  void make_auth() { auth_ = std::make_unique<Authenticator>(*accounts_, options_, [this] { return now_; }); }
  void advance(std::chrono::milliseconds by) { now_ += by.count(); }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  store::AccountStore* accounts_ = nullptr;
  Options options_;
  std::int64_t now_ = 1'700'000'000'000;
  std::unique_ptr<Authenticator> auth_;
};

TEST_F(AuthTest, LoginOpensASessionStoredOnlyAsAHash) {
  ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
  auto login = auth_->login("alice", "alice-password", "10.0.0.1");
  ASSERT_TRUE(login.ok()) << login.error().message;
  EXPECT_TRUE(is_token(login->token));
  EXPECT_EQ(login->identity.user_name, "alice");
  EXPECT_EQ(login->identity.csrf_token, csrf_token_for(login->token));
  EXPECT_EQ(login->identity.expires_ms, now_ + std::chrono::milliseconds(10min).count());
  // The store has the hash, not the token.
  EXPECT_FALSE(accounts_->session(login->token).value().has_value());
  EXPECT_TRUE(accounts_->session(sha256_hex(login->token)).value().has_value());
  auto user = accounts_->user_by_name("alice").value();
  EXPECT_TRUE(user->password_hash.starts_with("$argon2id$"));

  auto identity = auth_->authenticate(login->token).value();
  ASSERT_TRUE(identity.has_value());
  EXPECT_EQ(identity->user_id, user->id);
  EXPECT_EQ(identity->csrf_token, login->identity.csrf_token);
}

TEST_F(AuthTest, UnknownUserAndWrongPasswordGetTheSameAnswer) {
  ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
  auto wrong = auth_->login("alice", "wrong-password", "10.0.0.1");
  auto unknown = auth_->login("mallory", "alice-password", "10.0.0.2");
  auto malformed = auth_->login("'; DROP TABLE users; --", "x", "10.0.0.3");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(wrong.error().code, errc::invalid_credentials);
  EXPECT_EQ(unknown.error().code, errc::invalid_credentials);
  EXPECT_EQ(malformed.error().code, errc::invalid_credentials);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(wrong.error().message, malformed.error().message);
  EXPECT_EQ(accounts_->user_count().value(), 1);
}

TEST_F(AuthTest, EachLoginIssuesAFreshTokenAndForgedTokensAreNotSessions) {
  ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
  const std::string forged = random_token();
  auto first = auth_->login("alice", "alice-password", "a").value();
  auto second = auth_->login("alice", "alice-password", "a").value();
  EXPECT_NE(first.token, second.token);
  EXPECT_NE(first.token, forged);
  EXPECT_FALSE(auth_->authenticate(forged).value().has_value());
  EXPECT_FALSE(auth_->authenticate("").value().has_value());
  EXPECT_FALSE(auth_->authenticate("' OR 1=1 --").value().has_value());
  EXPECT_FALSE(auth_->authenticate(sha256_hex(first.token)).value().has_value());  // the hash is no token
  EXPECT_TRUE(auth_->authenticate(first.token).value().has_value());
  EXPECT_TRUE(auth_->authenticate(second.token).value().has_value());
}

TEST_F(AuthTest, IdleExpiryEndsAnUnusedSessionAndUseKeepsItAlive) {
  ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
  auto login = auth_->login("alice", "alice-password", "a").value();
  for (int i = 0; i < 5; ++i) {  // 45 minutes of use, a request every 9 minutes
    advance(9min);
    ASSERT_TRUE(auth_->authenticate(login.token).value().has_value()) << i;
  }
  advance(10min);  // idle for the whole idle timeout
  EXPECT_FALSE(auth_->authenticate(login.token).value().has_value());
  EXPECT_FALSE(accounts_->session(sha256_hex(login.token)).value().has_value());  // deleted
}

TEST_F(AuthTest, AbsoluteExpiryEndsEvenABusySession) {
  ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
  auto login = auth_->login("alice", "alice-password", "a").value();
  for (int i = 0; i < 11; ++i) {
    advance(5min);
    const bool alive = auth_->authenticate(login.token).value().has_value();
    EXPECT_EQ(alive, (i + 1) * 5 < 60) << i;
  }
  advance(5min);
  EXPECT_FALSE(auth_->authenticate(login.token).value().has_value());
}

TEST_F(AuthTest, TouchWritesAtMostEveryTenthOfTheIdleTimeout) {
  ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
  auto login = auth_->login("alice", "alice-password", "a").value();
  const std::int64_t start = now_;
  advance(30s);
  ASSERT_TRUE(auth_->authenticate(login.token).value().has_value());
  EXPECT_EQ(accounts_->session(sha256_hex(login.token)).value()->last_seen_ms, start);
  advance(40s);  // 70 s: past the minute
  ASSERT_TRUE(auth_->authenticate(login.token).value().has_value());
  EXPECT_EQ(accounts_->session(sha256_hex(login.token)).value()->last_seen_ms, now_);
}

TEST_F(AuthTest, LogoutEndsTheSession) {
  ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
  auto login = auth_->login("alice", "alice-password", "a").value();
  auto other = auth_->login("alice", "alice-password", "a").value();
  ASSERT_TRUE(auth_->logout(login.token).ok());
  EXPECT_FALSE(auth_->authenticate(login.token).value().has_value());
  EXPECT_TRUE(auth_->authenticate(other.token).value().has_value());
  EXPECT_TRUE(auth_->logout(login.token).ok());  // twice is fine
  EXPECT_TRUE(auth_->logout("garbage").ok());
}

TEST_F(AuthTest, CsrfCheckNeedsTheSessionsOwnToken) {
  ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
  ASSERT_TRUE(auth_->add_user("bob", "bob-password").ok());
  auto alice = auth_->login("alice", "alice-password", "a").value();
  auto bob = auth_->login("bob", "bob-password", "a").value();
  EXPECT_TRUE(Authenticator::csrf_ok(alice.identity, alice.identity.csrf_token));
  EXPECT_FALSE(Authenticator::csrf_ok(alice.identity, ""));
  EXPECT_FALSE(Authenticator::csrf_ok(alice.identity, bob.identity.csrf_token));
  EXPECT_FALSE(Authenticator::csrf_ok(alice.identity, alice.token));
  EXPECT_FALSE(Authenticator::csrf_ok(alice.identity, alice.identity.csrf_token + "x"));
}

TEST_F(AuthTest, ThrottleDelayGrowsAndIsCapped) {
  EXPECT_EQ(throttle_delay(0, 3, 1s, 8s), 0ms);
  EXPECT_EQ(throttle_delay(3, 3, 1s, 8s), 0ms);
  EXPECT_EQ(throttle_delay(4, 3, 1s, 8s), 1s);
  EXPECT_EQ(throttle_delay(5, 3, 1s, 8s), 2s);
  EXPECT_EQ(throttle_delay(6, 3, 1s, 8s), 4s);
  EXPECT_EQ(throttle_delay(7, 3, 1s, 8s), 8s);
  EXPECT_EQ(throttle_delay(50, 3, 1s, 8s), 8s);
  EXPECT_EQ(throttle_delay(1'000'000, 3, 1s, 8s), 8s);
}

TEST_F(AuthTest, FailuresPerUserThrottleEvenTheRightPassword) {
  ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
  for (int i = 0; i < 4; ++i) {
    auto failed = auth_->login("alice", "wrong", "10.0.0." + std::to_string(i));  // a new address each time
    EXPECT_EQ(failed.error().code, errc::invalid_credentials) << i;
  }
  std::chrono::seconds retry{0};
  auto throttled = auth_->login("alice", "alice-password", "10.0.0.9", &retry);
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().code, errc::throttled);
  EXPECT_EQ(retry, 1s);
  advance(1s);
  auto failed = auth_->login("alice", "wrong", "10.0.0.9");  // 5th failure: 2 s
  EXPECT_EQ(failed.error().code, errc::invalid_credentials);
  advance(1500ms);
  EXPECT_EQ(auth_->login("alice", "alice-password", "10.0.0.9", &retry).error().code, errc::throttled);
  EXPECT_EQ(retry, 1s);  // 0.5 s left, rounded up
  advance(500ms);
  auto ok = auth_->login("alice", "alice-password", "10.0.0.9");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  // Success clears the user's counter.
  EXPECT_EQ(auth_->login("alice", "wrong", "10.0.0.10").error().code, errc::invalid_credentials);
  EXPECT_TRUE(auth_->login("alice", "alice-password", "10.0.0.10").ok());
}

TEST_F(AuthTest, UnknownUsersAreThrottledLikeKnownOnes) {
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(auth_->login("ghost", "x", "10.1.0." + std::to_string(i)).error().code, errc::invalid_credentials);
  }
  EXPECT_EQ(auth_->login("ghost", "x", "10.1.0.9").error().code, errc::throttled);
  // The stored key does not contain the name typed (it might be a password).
  EXPECT_EQ(accounts_->login_failures("user:ghost").value().failures, 0);
  EXPECT_EQ(accounts_->login_failures("user:" + sha256_hex("ghost")).value().failures, 4);
}

TEST_F(AuthTest, FailuresPerAddressThrottleEveryUserName) {
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(auth_->login("user" + std::to_string(i), "x", "192.0.2.7").error().code, errc::invalid_credentials);
  }
  std::chrono::seconds retry{0};
  EXPECT_EQ(auth_->login("someone-else", "x", "192.0.2.7", &retry).error().code, errc::throttled);
  EXPECT_EQ(retry, 1s);
  EXPECT_EQ(auth_->login("someone-else", "x", "192.0.2.8").error().code, errc::invalid_credentials);
}

TEST_F(AuthTest, FailuresOutsideTheWindowAreForgotten) {
  ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
  for (int i = 0; i < 4; ++i) (void)auth_->login("alice", "wrong", "a");
  advance(16min);
  EXPECT_EQ(auth_->login("alice", "wrong", "a").error().code, errc::invalid_credentials);
  EXPECT_EQ(accounts_->login_failures("user:" + sha256_hex("alice")).value().failures, 1);
  EXPECT_TRUE(auth_->login("alice", "alice-password", "a").ok());
}

TEST_F(AuthTest, ChangePasswordChecksTheCurrentOneAndEndsOtherSessions) {
  ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
  auto first = auth_->login("alice", "alice-password", "a").value();
  auto second = auth_->login("alice", "alice-password", "a").value();
  auto wrong = auth_->change_password(first.identity, "not-it", "new-password-1", "a");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, errc::invalid_credentials);
  auto weak = auth_->change_password(first.identity, "alice-password", "short", "a");
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().code, errc::weak_password);
  auto changed = auth_->change_password(first.identity, "alice-password", "new-password-1", "a");
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_NE(changed->token, first.token);
  EXPECT_FALSE(auth_->authenticate(first.token).value().has_value());
  EXPECT_FALSE(auth_->authenticate(second.token).value().has_value());
  EXPECT_TRUE(auth_->authenticate(changed->token).value().has_value());
  EXPECT_FALSE(auth_->login("alice", "alice-password", "a").ok());
  EXPECT_TRUE(auth_->login("alice", "new-password-1", "a").ok());
}

TEST_F(AuthTest, AdministrationValidatesNamesAndPasswords) {
  EXPECT_EQ(auth_->add_user("", "long-enough").error().code, errc::invalid_name);
  EXPECT_EQ(auth_->add_user("a b", "long-enough").error().code, errc::invalid_name);
  EXPECT_EQ(auth_->add_user("<script>", "long-enough").error().code, errc::invalid_name);
  EXPECT_EQ(auth_->add_user("x'; DROP TABLE users;--", "long-enough").error().code, errc::invalid_name);
  EXPECT_EQ(auth_->add_user(std::string(65, 'a'), "long-enough").error().code, errc::invalid_name);
  EXPECT_EQ(auth_->add_user("alice", "short").error().code, errc::weak_password);
  EXPECT_EQ(auth_->add_user("alice", std::string(1025, 'p')).error().code, errc::weak_password);
  ASSERT_TRUE(auth_->add_user("alice.smith@example-1_x", "long-enough").ok());
  EXPECT_EQ(auth_->add_user("alice.smith@example-1_x", "long-enough").error().code, errc::user_exists);
  EXPECT_EQ(auth_->set_password("nobody", "long-enough").error().code, errc::no_such_user);
  EXPECT_EQ(auth_->remove_user("nobody").error().code, errc::no_such_user);
}

TEST_F(AuthTest, SetPasswordAndRemoveEndSessions) {
  ASSERT_TRUE(auth_->add_user("alice", "alice-password").ok());
  auto login = auth_->login("alice", "alice-password", "a").value();
  ASSERT_TRUE(auth_->set_password("alice", "another-password").ok());
  EXPECT_FALSE(auth_->authenticate(login.token).value().has_value());
  auto again = auth_->login("alice", "another-password", "a").value();
  ASSERT_TRUE(auth_->remove_user("alice").ok());
  EXPECT_FALSE(auth_->authenticate(again.token).value().has_value());
  EXPECT_TRUE(auth_->users().value().empty());
}

TEST_F(AuthTest, EnsureAdminCreatesAdminOnceWithARandomPassword) {
  auto password = auth_->ensure_admin().value();
  ASSERT_TRUE(password.has_value());
  EXPECT_EQ(password->size(), 22u);
  EXPECT_TRUE(auth_->login("admin", *password, "a").ok());
  EXPECT_FALSE(auth_->ensure_admin().value().has_value());
  EXPECT_EQ(accounts_->user_count().value(), 1);
}

TEST_F(AuthTest, CookiesAreHttpOnlyLaxAndSecureWhenConfigured) {
  const std::string token = random_token();
  const std::string cookie = auth_->session_cookie(token);
  EXPECT_EQ(cookie, "streams_session=" + token + "; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax");
  EXPECT_EQ(auth_->clearing_cookie(), "streams_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  options_.secure_cookies = true;
  make_auth();
  EXPECT_TRUE(auth_->session_cookie(token).ends_with("; Secure"));
  EXPECT_TRUE(auth_->clearing_cookie().ends_with("; Secure"));
}

TEST_F(AuthTest, TokenIsFoundAmongOtherCookies) {
  EXPECT_EQ(Authenticator::token_from_cookies("streams_session=abc"), "abc");
  EXPECT_EQ(Authenticator::token_from_cookies("theme=dark; streams_session=abc; x=1"), "abc");
  EXPECT_EQ(Authenticator::token_from_cookies("theme=dark;streams_session=\"abc\""), "abc");
  EXPECT_EQ(Authenticator::token_from_cookies("xstreams_session=abc"), "");
  EXPECT_EQ(Authenticator::token_from_cookies("streams_session"), "");
  EXPECT_EQ(Authenticator::token_from_cookies(""), "");
  EXPECT_EQ(Authenticator::token_from_cookies(";;; ;="), "");
}

TEST_F(AuthTest, ModesParse) {
  EXPECT_EQ(parse_mode("required").value(), Mode::required);
  EXPECT_EQ(parse_mode("optional").value(), Mode::optional);
  EXPECT_FALSE(parse_mode("Required").ok());
  EXPECT_FALSE(parse_mode("").ok());
}

}  // namespace
}  // namespace streams::auth
