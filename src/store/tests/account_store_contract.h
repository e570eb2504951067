#pragma once
// The contract every AccountStore (store/accounts.h) must pass, written once and run by each
// implementation's test executable: compile account_store_contract.cc into it and instantiate
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, AccountStoreContract,
//                            ::testing::Values(AccountStoreFactory{"sqlite", [] { return ...; }}));
//
// The factory returns a fresh, empty, migrated store each time (one per test); it may hold
// whatever owns the store (a temp folder, a database) through the shared_ptr's deleter.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "store/accounts.h"

namespace streams::store::contract {

struct AccountStoreFactory {
  std::string name;
  std::function<std::shared_ptr<AccountStore>()> make;
};

inline void PrintTo(const AccountStoreFactory& factory, std::ostream* out) { *out << factory.name; }

class AccountStoreContract : public ::testing::TestWithParam<AccountStoreFactory> {
 protected:
  void SetUp() override {
    store_ = GetParam().make();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override { store_.reset(); }
  AccountStore& store() { return *store_; }

 private:
  std::shared_ptr<AccountStore> store_;
};

}  // namespace streams::store::contract
