#pragma once
// SshTunnel: one supervised OpenSSH local forward (BRIEF §2 "Remote database access"):
//
//   ssh -N -L 127.0.0.1:LOCAL:REMOTEADDR:REMOTEPORT -p SSHPORT -o ExitOnForwardFailure=yes
//       -o ServerAliveInterval=… -o ServerAliveCountMax=… -o BatchMode=yes
//       -o StrictHostKeyChecking=yes [-i IDENTITY -o IdentitiesOnly=yes] [-o UserKnownHostsFile=…]
//       [-l USER] SSHADDR
//
// Both the SSH server and the forward's target are resolved to numeric addresses before ssh runs
// (the original's "all-numeric forwarding addresses"; a host name keeps its known_hosts entry
// through HostKeyAlias). The local port is fixed for the tunnel's life (a free one is picked when
// the configuration says 0), so the connection pool's address never changes.
//
// Life cycle: start() spawns ssh and returns once the local end accepts connections (or fails
// with ssh's own words). A supervisor thread waits for the child; when it dies it is restarted
// with exponential back-off (initial_backoff doubling up to max_backoff; back to the initial
// delay once a child stayed up for a minute). stop() (and the destructor) end the child and the
// supervisor. ssh gets PR_SET_PDEATHSIG, so it never outlives the process. One tunnel per store,
// never one per request.
// Threading: every method may be called from any thread.

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"

namespace streams::store::postgres {

struct TunnelOptions {
  std::string ssh_host;       // the SSH server: a name or an address
  int ssh_port = 22;
  std::string ssh_user;       // empty: ssh's default (the current user)
  std::string identity_file;  // empty: ssh's defaults
  std::string known_hosts;    // empty: ~/.ssh/known_hosts
  std::string remote_host;    // the database as the SSH server sees it; empty: the URL's host
  int remote_port = 0;        // 0: the URL's port (5432 when it has none)
  int local_port = 0;         // 0: a free port on 127.0.0.1, picked once
  int keepalive_interval_seconds = 10;  // ServerAliveInterval
  int keepalive_count = 3;              // ServerAliveCountMax
  std::string ssh_binary = "ssh";
  std::chrono::milliseconds initial_backoff{250};
  std::chrono::milliseconds max_backoff{std::chrono::seconds(30)};
  std::chrono::milliseconds start_timeout{std::chrono::seconds(20)};
};

class SshTunnel {
 public:
  // Resolves the hosts, spawns ssh and waits until the local end accepts connections. Fails at
  // once, with ssh's last words, when the first ssh exits (refused key, unknown host key, …).
  static Result<std::unique_ptr<SshTunnel>> start(TunnelOptions options);
  ~SshTunnel();
  SshTunnel(const SshTunnel&) = delete;
  SshTunnel& operator=(const SshTunnel&) = delete;

  // Ends the ssh child and the supervisor; idempotent.
  void stop();

  [[nodiscard]] int local_port() const { return local_port_; }
  // The running ssh child's pid (0 between a death and its restart).
  [[nodiscard]] pid_t pid() const { return pid_.load(); }
  [[nodiscard]] int restarts() const { return restarts_.load(); }
  // Whether 127.0.0.1:local_port accepts a TCP connection now.
  [[nodiscard]] bool forwarding() const;
  // "user@203.0.113.5:22 → 10.0.0.7:5432" (no secrets), for logs and `streams doctor`.
  [[nodiscard]] std::string describe() const;
  // The last line ssh wrote to stderr (its reason for failing), empty when none.
  [[nodiscard]] std::string last_error() const;

 private:
  explicit SshTunnel(TunnelOptions options);
  void supervise();
  // Runs one ssh child to its end; returns how long it lived.
  std::chrono::steady_clock::duration run_child();

  TunnelOptions options_;
  std::string ssh_address_;     // numeric
  std::string remote_address_;  // numeric when it resolved locally
  int local_port_ = 0;
  std::vector<std::string> argv_;

  std::atomic<pid_t> pid_{0};
  std::atomic<int> restarts_{0};
  std::atomic<int> started_{0};  // children spawned so far
  std::atomic<int> exits_{0};    // children ended so far (counted after last_error_ is set)
  mutable std::mutex mutex_;     // guards stopping_, last_error_
  std::condition_variable wake_;
  bool stopping_ = false;
  std::string last_error_;
  std::thread supervisor_;
};

}  // namespace streams::store::postgres
