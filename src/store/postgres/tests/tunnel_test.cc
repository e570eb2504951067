// The supervised SSH tunnel, for real: the sshd fixture (throwaway keys on 127.0.0.1) forwards to
// the postgres fixture. The store's URL names a dead port, so every query has to go through the
// tunnel. The test kills ssh and asserts that queries succeed again within 10 s.
//
//   tunnel_test --services-dir=DIR   (DIR/postgres.env, DIR/sshd.env; exit 77 when missing)

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "store/errc.h"
#include "store/postgres/pg_store.h"
#include "store/postgres/tunnel.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace streams::store::postgres {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

fs::path g_services_dir;

std::map<std::string, std::string> read_env(const fs::path& file) {
  std::map<std::string, std::string> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

class TunnelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pg_ = read_env(g_services_dir / "postgres.env");
    ssh_ = read_env(g_services_dir / "sshd.env");
  }
  TunnelOptions tunnel_options() {
    return TunnelOptions{.ssh_host = ssh_.at("STREAMS_TEST_SSH_HOST"),
                         .ssh_port = std::stoi(ssh_.at("STREAMS_TEST_SSH_PORT")),
                         .ssh_user = ssh_.at("STREAMS_TEST_SSH_USER"),
                         .identity_file = ssh_.at("STREAMS_TEST_SSH_KEY"),
                         .known_hosts = ssh_.at("STREAMS_TEST_SSH_KNOWN_HOSTS"),
                         .remote_host = "localhost",  // resolved to 127.0.0.1 before ssh runs
                         .remote_port = std::stoi(pg_.at("STREAMS_TEST_PG_PORT")),
                         .keepalive_interval_seconds = 2,
                         .keepalive_count = 2};
  }
  // The fixture's role and password, but port 1: only the tunnel leads to the server.
  std::string unreachable_url() {
    return fmt::format("postgresql://{}:{}@127.0.0.1:1/streams_tunnel", pg_.at("STREAMS_TEST_PG_USER"),
                       pg_.at("STREAMS_TEST_PG_PASSWORD"));
  }

  std::map<std::string, std::string> pg_;
  std::map<std::string, std::string> ssh_;
};

TEST_F(TunnelTest, ThePoolReachesPostgresThroughTheTunnelAndRecoversWhenSshIsKilled) {
  auto opened = PgStore::open(PgOptions{.url = unreachable_url(), .pool_size = 3, .tunnel = tunnel_options()});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  PgStore& store = **opened;
  ASSERT_NE(store.tunnel(), nullptr);
  EXPECT_TRUE(store.tunnel()->forwarding());
  EXPECT_NE(store.tunnel()->describe().find("127.0.0.1:" + pg_.at("STREAMS_TEST_PG_PORT")), std::string::npos)
      << "localhost must be resolved to a numeric address: " << store.tunnel()->describe();
  ASSERT_TRUE(store.migrate().ok());

  WriteBatch batch;
  Bar bar{.ts = Date::parse("2021-03-01").value().key(), .open = 1, .high = 2, .low = 0.5, .close = 1.5, .volume = 9};
  batch.bars.push_back(BarSeries{.symbol = Symbol::parse("TUN").value(), .timespan = Timespan::daily(), .bars = {bar}});
  ASSERT_TRUE(store.write(batch).ok());
  const std::int64_t before = store.bar_count().value();
  ASSERT_GE(before, 1);

  const pid_t first = store.tunnel()->pid();
  ASSERT_GT(first, 0);
  ASSERT_EQ(::kill(first, SIGKILL), 0);
  const auto killed_at = std::chrono::steady_clock::now();

  // Queries fail while ssh is down, then succeed again once the supervisor restarted it.
  int failures = 0;
  Result<std::int64_t> count = store.bar_count();
  while (!count.ok() && std::chrono::steady_clock::now() - killed_at < 15s) {
    ++failures;
    EXPECT_EQ(count.error().code, errc::unavailable) << count.error().message;
    std::this_thread::sleep_for(100ms);
    count = store.bar_count();
  }
  const auto recovered = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                                killed_at);
  ASSERT_TRUE(count.ok()) << count.error().message;
  EXPECT_EQ(*count, before);
  EXPECT_LT(recovered, 10s) << "queries came back after " << recovered.count() << " ms";
  std::printf("tunnel: queries succeed again %lld ms after kill -9 of ssh (%d failed attempts)\n",
              static_cast<long long>(recovered.count()), failures);
  EXPECT_GE(store.tunnel()->restarts(), 1);
  EXPECT_NE(store.tunnel()->pid(), first);
  EXPECT_NE(store.tunnel()->pid(), 0);
  EXPECT_EQ(store.bars(Symbol::parse("TUN").value(), Timespan::daily(), {})->at(0).close, 1.5);

  // Stopping the tunnel ends ssh: nothing outlives the store.
  const pid_t second = store.tunnel()->pid();
  opened->reset();
  EXPECT_NE(::kill(second, 0), 0) << "ssh still running after the store closed";
}

TEST_F(TunnelTest, AWrongKeyFailsWithSshsReason) {
  TunnelOptions options = tunnel_options();
  options.identity_file = ssh_.at("STREAMS_TEST_SSH_KNOWN_HOSTS");  // not a private key
  options.start_timeout = 5s;
  auto tunnel = SshTunnel::start(options);
  ASSERT_FALSE(tunnel.ok());
  EXPECT_EQ(tunnel.error().code, errc::unavailable);
  EXPECT_NE(tunnel.error().message.find("Permission denied"), std::string::npos) << tunnel.error().message;
}

TEST_F(TunnelTest, AnUnknownHostKeyIsRefused) {
  const fs::path empty = fs::temp_directory_path() / ("streams_empty_known_hosts_" + std::to_string(::getpid()));
  std::ofstream(empty).close();
  TunnelOptions options = tunnel_options();
  options.known_hosts = empty.string();
  options.start_timeout = 5s;
  auto tunnel = SshTunnel::start(options);
  fs::remove(empty);
  ASSERT_FALSE(tunnel.ok());
  EXPECT_NE(tunnel.error().message.find("Host key verification failed"), std::string::npos) << tunnel.error().message;
}

}  // namespace
}  // namespace streams::store::postgres

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--services-dir=")) streams::store::postgres::g_services_dir = std::string(arg.substr(15));
  }
  for (const char* needed : {"postgres.env", "sshd.env"}) {
    if (!std::filesystem::exists(streams::store::postgres::g_services_dir / needed)) {
      std::fprintf(stderr, "skipped: %s not found (start the fixtures)\n", needed);
      return 77;
    }
  }
  return RUN_ALL_TESTS();
}
