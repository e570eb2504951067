// argon2id hashing, random tokens, token hashes, CSRF derivation, constant-time comparison.
#include "auth/crypto.h"

#include <gtest/gtest.h>

#include <set>

namespace streams::auth {
namespace {

TEST(Password, HashIsArgon2idAndVerifies) {
  auto hash = hash_password("correct horse battery staple", PasswordCost::minimum);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$")) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
  EXPECT_TRUE(verify_password(*hash, "correct horse battery staple"));
  EXPECT_FALSE(verify_password(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(verify_password(*hash, ""));
}

TEST(Password, SaltMakesEveryHashDifferent) {
  auto a = hash_password("same password", PasswordCost::minimum).value();
  auto b = hash_password("same password", PasswordCost::minimum).value();
  EXPECT_NE(a, b);
  EXPECT_TRUE(verify_password(a, "same password"));
  EXPECT_TRUE(verify_password(b, "same password"));
}

TEST(Password, InteractiveCostUsesLibsodiumsInteractiveLimits) {
  auto hash = hash_password("interactive cost", PasswordCost::interactive).value();
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << hash;
  EXPECT_FALSE(needs_rehash(hash, PasswordCost::interactive));
  EXPECT_TRUE(needs_rehash(hash, PasswordCost::minimum));
  EXPECT_TRUE(verify_password(hash, "interactive cost"));
}

TEST(Password, MalformedHashesNeverVerify) {
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_FALSE(verify_password("plaintext", "plaintext"));
  EXPECT_FALSE(verify_password("$argon2id$v=19$m=8,t=1,p=1$garbage", "x"));
  EXPECT_FALSE(verify_password(std::string(500, 'a'), "x"));
  EXPECT_TRUE(needs_rehash("not a hash", PasswordCost::interactive));
}

TEST(Password, EmbeddedNulIsPartOfThePassword) {
  const std::string with_nul("abc\0def", 7);
  auto hash = hash_password(with_nul, PasswordCost::minimum).value();
  EXPECT_TRUE(verify_password(hash, with_nul));
  EXPECT_FALSE(verify_password(hash, "abc"));
}

TEST(Token, Is256BitsOfBase64Url) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string token = random_token();
    EXPECT_EQ(token.size(), 43u);
    EXPECT_TRUE(is_token(token)) << token;
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_EQ(random_token(16).size(), 22u);
}

TEST(Token, MalformedTokensAreRejected) {
  EXPECT_FALSE(is_token(""));
  EXPECT_FALSE(is_token(std::string(42, 'a')));
  EXPECT_FALSE(is_token(std::string(44, 'a')));
  EXPECT_FALSE(is_token(std::string(42, 'a') + "="));
  EXPECT_FALSE(is_token(std::string(42, 'a') + "+"));
  EXPECT_FALSE(is_token(std::string(42, 'a') + "'"));
  EXPECT_TRUE(is_token(std::string(42, 'a') + "_"));
}

TEST(Token, Sha256HexMatchesKnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Csrf, DerivedPerSessionAndStable) {
  const std::string a = random_token();
  const std::string b = random_token();
  EXPECT_EQ(csrf_token_for(a), csrf_token_for(a));
  EXPECT_NE(csrf_token_for(a), csrf_token_for(b));
  EXPECT_EQ(csrf_token_for(a).size(), 43u);
  EXPECT_NE(csrf_token_for(a), a);
  EXPECT_NE(csrf_token_for(a), sha256_hex(a));
  // A too-short key yields a random value nobody can predict.
  EXPECT_NE(csrf_token_for("short"), csrf_token_for("short"));
}

TEST(ConstantTime, ComparesContentAndLength) {
  EXPECT_TRUE(equal_constant_time("abc", "abc"));
  EXPECT_TRUE(equal_constant_time("", ""));
  EXPECT_FALSE(equal_constant_time("abc", "abd"));
  EXPECT_FALSE(equal_constant_time("abc", "abcd"));
  EXPECT_FALSE(equal_constant_time("", "a"));
}

}  // namespace
}  // namespace streams::auth
