// The AccountStore contract (account_store_contract.h): values in, values out, per user.
#include "store/tests/account_store_contract.h"

#include "store/errc.h"

namespace streams::store::contract {
namespace {

Symbol sym(std::string_view text) { return Symbol::parse(text).value(); }

// Strings a careless store would mangle or execute: stored and returned byte for byte.
constexpr std::string_view nasty_strings[] = {
    "'; DROP TABLE users; --",
    "Robert'); DELETE FROM saved_views WHERE ('1'='1",
    "\" OR \"\"=\"",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "名前 \xF0\x9F\x93\x88 ünïcödé",
    "back\\slash %s %n {} $1 ?1 :name",
};

TEST_P(AccountStoreContract, UsersAreCreatedFoundListedAndRemoved) {
  EXPECT_EQ(store().user_count().value(), 0);
  auto alice = store().create_user("alice", "$argon2id$hash-a", 1000);
  ASSERT_TRUE(alice.ok()) << alice.error().message;
  EXPECT_GT(alice->id, 0);
  EXPECT_EQ(alice->name, "alice");
  EXPECT_EQ(alice->password_hash, "$argon2id$hash-a");
  EXPECT_EQ(alice->created_ms, 1000);
  EXPECT_EQ(alice->password_changed_ms, 1000);
  auto bob = store().create_user("bob", "$argon2id$hash-b", 2000);
  ASSERT_TRUE(bob.ok());
  EXPECT_NE(bob->id, alice->id);

  auto duplicate = store().create_user("alice", "other", 3000);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, errc::constraint);

  EXPECT_EQ(store().user_count().value(), 2);
  auto by_name = store().user_by_name("bob").value();
  ASSERT_TRUE(by_name.has_value());
  EXPECT_EQ(by_name->id, bob->id);
  auto by_id = store().user_by_id(alice->id).value();
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(by_id->name, "alice");
  EXPECT_FALSE(store().user_by_name("Alice").value().has_value());  // names are case-sensitive
  EXPECT_FALSE(store().user_by_id(alice->id + bob->id + 100).value().has_value());

  auto all = store().users().value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "alice");
  EXPECT_EQ(all[1].name, "bob");

  EXPECT_TRUE(store().set_password_hash(alice->id, "$argon2id$new", 5000).value());
  auto changed = store().user_by_id(alice->id).value();
  EXPECT_EQ(changed->password_hash, "$argon2id$new");
  EXPECT_EQ(changed->password_changed_ms, 5000);
  EXPECT_EQ(changed->created_ms, 1000);
  EXPECT_FALSE(store().set_password_hash(alice->id + bob->id + 100, "x", 5000).value());

  EXPECT_TRUE(store().remove_user("alice").value());
  EXPECT_FALSE(store().remove_user("alice").value());
  EXPECT_EQ(store().user_count().value(), 1);
}

TEST_P(AccountStoreContract, RemovedUserIdsAreNotReused) {
  auto first = store().create_user("first", "h", 1).value();
  auto second = store().create_user("second", "h", 1).value();
  ASSERT_TRUE(store().remove_user("second").value());
  auto third = store().create_user("third", "h", 1).value();
  EXPECT_GT(third.id, second.id);
  EXPECT_NE(third.id, first.id);
}

TEST_P(AccountStoreContract, SessionsAreFoundByTokenHashTouchedAndDeleted) {
  auto alice = store().create_user("alice", "h", 0).value();
  auto bob = store().create_user("bob", "h", 0).value();
  ASSERT_TRUE(store().create_session(Session{"hash-a1", alice.id, 100, 100}).ok());
  ASSERT_TRUE(store().create_session(Session{"hash-a2", alice.id, 200, 200}).ok());
  ASSERT_TRUE(store().create_session(Session{"hash-b1", bob.id, 300, 300}).ok());
  auto duplicate = store().create_session(Session{"hash-a1", bob.id, 400, 400});
  EXPECT_FALSE(duplicate.ok());

  auto found = store().session("hash-a1").value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_id, alice.id);
  EXPECT_EQ(found->created_ms, 100);
  EXPECT_EQ(found->last_seen_ms, 100);
  EXPECT_FALSE(store().session("hash-zz").value().has_value());

  ASSERT_TRUE(store().touch_session("hash-a1", 150).ok());
  EXPECT_EQ(store().session("hash-a1").value()->last_seen_ms, 150);
  ASSERT_TRUE(store().touch_session("hash-a1", 120).ok());  // never moves back
  EXPECT_EQ(store().session("hash-a1").value()->last_seen_ms, 150);

  EXPECT_EQ(store().delete_user_sessions(alice.id, "hash-a2").value(), 1);
  EXPECT_FALSE(store().session("hash-a1").value().has_value());
  EXPECT_TRUE(store().session("hash-a2").value().has_value());
  EXPECT_TRUE(store().session("hash-b1").value().has_value());

  EXPECT_TRUE(store().delete_session("hash-a2").value());
  EXPECT_FALSE(store().delete_session("hash-a2").value());

  // Removing a user removes their sessions.
  ASSERT_TRUE(store().remove_user("bob").value());
  EXPECT_FALSE(store().session("hash-b1").value().has_value());
}

TEST_P(AccountStoreContract, ExpiredSessionsArePrunedByEitherBound) {
  auto alice = store().create_user("alice", "h", 0).value();
  ASSERT_TRUE(store().create_session(Session{"old-created", alice.id, 10, 990}).ok());
  ASSERT_TRUE(store().create_session(Session{"idle", alice.id, 500, 600}).ok());
  ASSERT_TRUE(store().create_session(Session{"fresh", alice.id, 500, 990}).ok());
  EXPECT_EQ(store().delete_expired_sessions(100, 900).value(), 2);
  EXPECT_TRUE(store().session("fresh").value().has_value());
  EXPECT_FALSE(store().session("idle").value().has_value());
  EXPECT_FALSE(store().session("old-created").value().has_value());
}

TEST_P(AccountStoreContract, LoginFailuresCountWithinTheWindowAndRestartAfterIt) {
  EXPECT_EQ(store().login_failures("user:alice").value().failures, 0);
  EXPECT_EQ(store().record_login_failure("user:alice", 1000, 0).value().failures, 1);
  EXPECT_EQ(store().record_login_failure("user:alice", 2000, 0).value().failures, 2);
  auto third = store().record_login_failure("user:alice", 3000, 0).value();
  EXPECT_EQ(third.failures, 3);
  EXPECT_EQ(third.last_failure_ms, 3000);
  EXPECT_EQ(store().record_login_failure("address:127.0.0.1", 3000, 0).value().failures, 1);
  // The last failure (3000) is before the window's start: the count restarts.
  auto restarted = store().record_login_failure("user:alice", 10000, 5000).value();
  EXPECT_EQ(restarted.failures, 1);
  EXPECT_EQ(restarted.last_failure_ms, 10000);
  ASSERT_TRUE(store().clear_login_failures("user:alice").ok());
  EXPECT_EQ(store().login_failures("user:alice").value().failures, 0);
  EXPECT_EQ(store().login_failures("address:127.0.0.1").value().failures, 1);
  EXPECT_EQ(store().prune_login_failures(4000).value(), 1);
  EXPECT_EQ(store().login_failures("address:127.0.0.1").value().failures, 0);
}

TEST_P(AccountStoreContract, StarredSymbolsArePerUser) {
  auto alice = store().create_user("alice", "h", 0).value();
  auto bob = store().create_user("bob", "h", 0).value();
  EXPECT_TRUE(store().star_symbol(alice.id, sym("MSFT"), 10).value());
  EXPECT_TRUE(store().star_symbol(alice.id, sym("AAPL"), 20).value());
  EXPECT_FALSE(store().star_symbol(alice.id, sym("AAPL"), 30).value());  // already starred
  EXPECT_TRUE(store().star_symbol(bob.id, sym("JPM"), 40).value());

  auto starred = store().starred_symbols(alice.id).value();
  ASSERT_EQ(starred.size(), 2u);
  EXPECT_EQ(starred[0].symbol.view(), "AAPL");
  EXPECT_EQ(starred[0].created_ms, 20);
  EXPECT_EQ(starred[1].symbol.view(), "MSFT");
  auto bobs = store().starred_symbols(bob.id).value();
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_EQ(bobs[0].symbol.view(), "JPM");

  EXPECT_FALSE(store().unstar_symbol(bob.id, sym("AAPL")).value());  // not bob's
  EXPECT_EQ(store().starred_symbols(alice.id).value().size(), 2u);
  EXPECT_TRUE(store().unstar_symbol(alice.id, sym("AAPL")).value());
  EXPECT_FALSE(store().unstar_symbol(alice.id, sym("AAPL")).value());
  EXPECT_EQ(store().starred_symbols(alice.id).value().size(), 1u);

  ASSERT_TRUE(store().remove_user("alice").value());
  EXPECT_TRUE(store().starred_symbols(alice.id).value().empty());
  EXPECT_EQ(store().starred_symbols(bob.id).value().size(), 1u);
}

TEST_P(AccountStoreContract, SavedViewsAreCreatedRenamedAndDeletedPerUser) {
  auto alice = store().create_user("alice", "h", 0).value();
  auto bob = store().create_user("bob", "h", 0).value();
  auto tech = store().create_view(alice.id, "tech", "tab=overview&symbols=AAPL,MSFT", 100);
  ASSERT_TRUE(tech.ok()) << tech.error().message;
  EXPECT_GT(tech->id, 0);
  EXPECT_EQ(tech->name, "tech");
  EXPECT_EQ(tech->state, "tab=overview&symbols=AAPL,MSFT");
  EXPECT_EQ(tech->created_ms, 100);
  EXPECT_EQ(tech->updated_ms, 100);
  auto banks = store().create_view(alice.id, "banks", "symbols=JPM", 200).value();
  auto duplicate = store().create_view(alice.id, "tech", "x", 300);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, errc::constraint);
  auto bobs_tech = store().create_view(bob.id, "tech", "symbols=ORCL", 300);  // names are per user
  ASSERT_TRUE(bobs_tech.ok());

  auto listed = store().views(alice.id).value();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].name, "banks");
  EXPECT_EQ(listed[1].name, "tech");

  // Another user's id is not found: not readable, not changeable, not deletable.
  EXPECT_FALSE(store().view(bob.id, tech->id).value().has_value());
  EXPECT_FALSE(store().update_view(bob.id, tech->id, ViewUpdate{std::string("mine"), std::nullopt}, 400)
                   .value()
                   .has_value());
  EXPECT_FALSE(store().delete_view(bob.id, tech->id).value());
  EXPECT_EQ(store().view(alice.id, tech->id).value()->name, "tech");

  auto renamed = store().update_view(alice.id, tech->id, ViewUpdate{std::string("technology"), std::nullopt}, 500);
  ASSERT_TRUE(renamed.ok());
  ASSERT_TRUE(renamed->has_value());
  EXPECT_EQ((*renamed)->name, "technology");
  EXPECT_EQ((*renamed)->state, "tab=overview&symbols=AAPL,MSFT");
  EXPECT_EQ((*renamed)->updated_ms, 500);
  EXPECT_EQ((*renamed)->created_ms, 100);
  auto restated = store().update_view(alice.id, tech->id, ViewUpdate{std::nullopt, std::string("symbols=NVDA")}, 600);
  EXPECT_EQ(restated.value()->state, "symbols=NVDA");
  EXPECT_EQ(restated.value()->name, "technology");
  auto clash = store().update_view(alice.id, tech->id, ViewUpdate{std::string("banks"), std::nullopt}, 700);
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, errc::constraint);

  EXPECT_TRUE(store().delete_view(alice.id, banks.id).value());
  EXPECT_FALSE(store().delete_view(alice.id, banks.id).value());
  EXPECT_EQ(store().views(alice.id).value().size(), 1u);
  EXPECT_EQ(store().views(bob.id).value().size(), 1u);

  ASSERT_TRUE(store().remove_user("alice").value());
  EXPECT_TRUE(store().views(alice.id).value().empty());
}

TEST_P(AccountStoreContract, HostileStringsAreStoredVerbatim) {
  auto alice = store().create_user("alice", "h", 0).value();
  for (std::string_view text : nasty_strings) {
    auto user = store().create_user(text, text, 1);
    ASSERT_TRUE(user.ok()) << text;
    EXPECT_EQ(store().user_by_name(text).value()->password_hash, text);
    auto created = store().create_view(alice.id, text, text, 1);
    ASSERT_TRUE(created.ok()) << text << ": " << created.error().message;
    auto read = store().view(alice.id, created->id).value();
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->name, text);
    EXPECT_EQ(read->state, text);
    EXPECT_EQ(store().record_login_failure(std::string("user:") + std::string(text), 5, 0).value().failures, 1);
  }
  const auto count = static_cast<std::int64_t>(std::size(nasty_strings));
  EXPECT_EQ(store().user_count().value(), count + 1);
  EXPECT_EQ(static_cast<std::int64_t>(store().views(alice.id).value().size()), count);
}

}  // namespace
}  // namespace streams::store::contract
