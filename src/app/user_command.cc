// `streams user add|passwd|remove|list`: account administration on the configured store.
// Passwords come from a prompt without echo (twice), or from the first line of standard input
// with --password-stdin; they are never printed or logged.

#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "app/commands.h"
#include "app/store_factory.h"
#include "auth/auth.h"
#include "core/time.h"

namespace streams::app {
namespace {

struct UserFlags {
  std::string name;
  bool password_stdin = false;
};

[[noreturn]] void fail(const std::string& message, int code = 1) {
  std::fprintf(stderr, "streams user: %s\n", message.c_str());
  throw CLI::RuntimeError(code);
}

void strip_newline(std::string& line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
}

std::string prompt_hidden(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  std::fflush(stderr);
  termios old{};
  const bool tty = ::tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
  std::fputc('\n', stderr);
  strip_newline(line);
  return line;
}

std::string read_password(const UserFlags& flags) {
  if (flags.password_stdin) {
    std::string line;
    if (!std::getline(std::cin, line)) fail("--password-stdin: no line on standard input");
    strip_newline(line);
    return line;
  }
  if (::isatty(STDIN_FILENO) != 1) fail("standard input is not a terminal: pass the password with --password-stdin");
  std::string first = prompt_hidden("Password: ");
  std::string second = prompt_hidden("Password again: ");
  if (first != second) fail("the passwords differ");
  return first;
}

struct Opened {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<auth::Authenticator> auth;
};

Opened open_accounts(const Config& config) {
  auto opened = open_store(config);
  if (!opened) fail("cannot open the store: " + opened.error().message);
  auto accounts = account_store(**opened);
  if (!accounts) fail(accounts.error().message);
  Opened out;
  try {
    out.auth = std::make_unique<auth::Authenticator>(**accounts, auth_options(config));
  } catch (const std::exception& e) {
    fail(e.what());
  }
  out.store = std::move(*opened);
  return out;
}

}  // namespace

void add_user_command(CLI::App& app, Config& config) {
  auto flags = std::make_shared<UserFlags>();
  CLI::App* user = app.add_subcommand("user", "user accounts: add, passwd, remove, list");
  user->require_subcommand(1);

  CLI::App* add = user->add_subcommand("add", "create a user (password prompted, or --password-stdin)");
  add->add_option("name", flags->name, "user name: 1-64 of A-Z a-z 0-9 . _ - @")->required();
  add->add_flag("--password-stdin", flags->password_stdin, "read the password from the first line of stdin");
  add_store_options(*add, config);
  add->callback([&config, flags] {
    if (auto valid = auth::check_user_name(flags->name); !valid) fail(valid.error().message);
    Opened opened = open_accounts(config);
    const std::string password = read_password(*flags);
    auto created = opened.auth->add_user(flags->name, password);
    if (!created) fail(created.error().message);
    std::printf("created user '%s'\n", created->name.c_str());
  });

  CLI::App* passwd = user->add_subcommand("passwd", "set a user's password (ends their sessions)");
  passwd->add_option("name", flags->name, "user name")->required();
  passwd->add_flag("--password-stdin", flags->password_stdin, "read the password from the first line of stdin");
  add_store_options(*passwd, config);
  passwd->callback([&config, flags] {
    Opened opened = open_accounts(config);
    const std::string password = read_password(*flags);
    if (auto changed = opened.auth->set_password(flags->name, password); !changed) fail(changed.error().message);
    std::printf("password of '%s' changed; their sessions ended\n", flags->name.c_str());
  });

  CLI::App* remove = user->add_subcommand("remove", "remove a user with their sessions and favourites");
  remove->add_option("name", flags->name, "user name")->required();
  add_store_options(*remove, config);
  remove->callback([&config, flags] {
    Opened opened = open_accounts(config);
    if (auto removed = opened.auth->remove_user(flags->name); !removed) fail(removed.error().message);
    std::printf("removed user '%s'\n", flags->name.c_str());
  });

  CLI::App* list = user->add_subcommand("list", "list users (name, created, password changed)");
  add_store_options(*list, config);
  list->callback([&config] {
    Opened opened = open_accounts(config);
    auto users = opened.auth->users();
    if (!users) fail(users.error().message);
    for (const store::User& u : *users) {
      std::printf("%s\tcreated %s\tpassword changed %s\n", u.name.c_str(),
                  Timestamp::from_millis(u.created_ms).iso().c_str(),
                  Timestamp::from_millis(u.password_changed_ms).iso().c_str());
    }
  });
}

}  // namespace streams::app
