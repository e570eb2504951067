#include "store/postgres/tunnel.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/log.h"
#include "store/errc.h"

namespace streams::store::postgres {
namespace {

using namespace std::chrono_literals;

// A child that stayed up this long was healthy: the next failure starts the back-off afresh.
constexpr auto healthy_uptime = std::chrono::seconds(60);

bool is_numeric_address(const std::string& host) {
  in6_addr buffer{};
  return ::inet_pton(AF_INET, host.c_str(), &buffer) == 1 || ::inet_pton(AF_INET6, host.c_str(), &buffer) == 1;
}

// The first address of `host` (IPv4 preferred), as text.
Result<std::string> resolve(const std::string& host) {
  if (is_numeric_address(host)) return host;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &found); rc != 0) {
    return make_error(errc::unavailable, fmt::format("cannot resolve {}: {}", host, ::gai_strerror(rc)));
  }
  const addrinfo* pick = found;
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    if (a->ai_family == AF_INET) {
      pick = a;
      break;
    }
  }
  if (pick == nullptr) {
    ::freeaddrinfo(found);
    return make_error(errc::unavailable, fmt::format("cannot resolve {}: no address", host));
  }
  char text[NI_MAXHOST] = {};
  const int rc = ::getnameinfo(pick->ai_addr, pick->ai_addrlen, text, sizeof text, nullptr, 0, NI_NUMERICHOST);
  ::freeaddrinfo(found);
  if (rc != 0) return make_error(errc::unavailable, fmt::format("cannot resolve {}: {}", host, ::gai_strerror(rc)));
  return std::string(text);
}

std::string bracketed(const std::string& address) {
  return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

Result<int> pick_free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return make_error(errc::unavailable, fmt::format("socket: {}", std::strerror(errno)));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  if (port == 0) return make_error(errc::unavailable, "cannot find a free local port for the tunnel");
  return port;
}

bool can_connect(int port, std::chrono::milliseconds timeout) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    ok = true;
  } else if (errno == EINPROGRESS) {
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) == 1) {
      int error = 0;
      socklen_t length = sizeof error;
      ok = ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
    }
  }
  ::close(fd);
  return ok;
}

// The path of `binary` (searched in PATH when it has no slash), resolved before fork so the child
// only calls async-signal-safe functions.
std::string find_binary(const std::string& binary) {
  if (binary.find('/') != std::string::npos) return binary;
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/bin:/bin";
  while (!dirs.empty()) {
    const auto colon = dirs.find(':');
    const std::string candidate = std::string(dirs.substr(0, colon)) + "/" + binary;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return binary;
}

}  // namespace

SshTunnel::SshTunnel(TunnelOptions options) : options_(std::move(options)) {}

Result<std::unique_ptr<SshTunnel>> SshTunnel::start(TunnelOptions options) {
  if (options.ssh_host.empty()) return make_error(errc::unavailable, "[tunnel] needs ssh_host");
  if (options.remote_port <= 0 || options.remote_port > 65535) {
    return make_error(errc::unavailable, fmt::format("[tunnel] remote_port {} is not a port", options.remote_port));
  }
  std::unique_ptr<SshTunnel> tunnel(new SshTunnel(std::move(options)));
  TunnelOptions& o = tunnel->options_;
  auto ssh_address = resolve(o.ssh_host);
  if (!ssh_address) return ssh_address.error();
  tunnel->ssh_address_ = *ssh_address;
  const std::string remote_host = o.remote_host.empty() ? std::string("127.0.0.1") : o.remote_host;
  if (auto remote = resolve(remote_host)) {
    tunnel->remote_address_ = *remote;
  } else {
    // Only the SSH server may know this name: let it resolve it.
    log::warn("tunnel: {} does not resolve here; the SSH server resolves it", remote_host);
    tunnel->remote_address_ = remote_host;
  }
  if (o.local_port == 0) {
    auto port = pick_free_port();
    if (!port) return port.error();
    tunnel->local_port_ = *port;
  } else {
    tunnel->local_port_ = o.local_port;
  }

  std::vector<std::string>& argv = tunnel->argv_;
  argv = {find_binary(o.ssh_binary), "-N", "-T", "-L",
          fmt::format("127.0.0.1:{}:{}:{}", tunnel->local_port_, bracketed(tunnel->remote_address_), o.remote_port),
          "-p", std::to_string(o.ssh_port),
          "-o", "ExitOnForwardFailure=yes",
          "-o", fmt::format("ServerAliveInterval={}", o.keepalive_interval_seconds),
          "-o", fmt::format("ServerAliveCountMax={}", o.keepalive_count),
          "-o", "BatchMode=yes",
          "-o", "StrictHostKeyChecking=yes",
          "-o", "ConnectTimeout=10"};
  if (!is_numeric_address(o.ssh_host)) {
    // We connect to the address; known_hosts knows the name.
    const std::string alias = o.ssh_port == 22 ? o.ssh_host : fmt::format("[{}]:{}", o.ssh_host, o.ssh_port);
    argv.insert(argv.end(), {"-o", "HostKeyAlias=" + alias, "-o", "CheckHostIP=no"});
  }
  if (!o.identity_file.empty()) argv.insert(argv.end(), {"-i", o.identity_file, "-o", "IdentitiesOnly=yes"});
  if (!o.known_hosts.empty()) argv.insert(argv.end(), {"-o", "UserKnownHostsFile=" + o.known_hosts});
  if (!o.ssh_user.empty()) argv.insert(argv.end(), {"-l", o.ssh_user});
  argv.insert(argv.end(), {"--", tunnel->ssh_address_});

  log::info("tunnel: starting {}", tunnel->describe());
  SshTunnel* raw = tunnel.get();
  tunnel->supervisor_ = std::thread([raw] { raw->supervise(); });
  const auto deadline = std::chrono::steady_clock::now() + o.start_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (raw->pid() != 0 && can_connect(raw->local_port_, 200ms)) {
      log::info("tunnel: forwarding 127.0.0.1:{} (ssh pid {})", raw->local_port_, raw->pid());
      return tunnel;
    }
    if (raw->exits_.load() > 0) break;
    std::this_thread::sleep_for(50ms);
  }
  std::string reason = tunnel->last_error();
  const bool exited = tunnel->exits_.load() > 0;
  tunnel->stop();
  if (exited) {
    return make_error(errc::unavailable, fmt::format("SSH tunnel {} failed: ssh says: {}", tunnel->describe(), reason));
  }
  return make_error(errc::unavailable,
                    fmt::format("SSH tunnel {} did not come up within {} s{}{}", tunnel->describe(),
                                std::chrono::duration_cast<std::chrono::seconds>(o.start_timeout).count(),
                                reason.empty() ? "" : ": ssh says: ", reason));
}

SshTunnel::~SshTunnel() { stop(); }

void SshTunnel::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (const pid_t child = pid_.load(); child > 0) ::kill(child, SIGTERM);
  if (supervisor_.joinable()) supervisor_.join();
}

bool SshTunnel::forwarding() const { return pid_.load() > 0 && can_connect(local_port_, 1000ms); }

std::string SshTunnel::describe() const {
  const std::string user = options_.ssh_user.empty() ? std::string() : options_.ssh_user + "@";
  return fmt::format("127.0.0.1:{} → ssh {}{}:{} → {}:{}", local_port_, user, bracketed(ssh_address_),
                     options_.ssh_port, bracketed(remote_address_), options_.remote_port);
}

std::string SshTunnel::last_error() const {
  const std::lock_guard lock(mutex_);
  return last_error_;
}

void SshTunnel::supervise() {
  auto backoff = options_.initial_backoff;
  for (;;) {
    {
      const std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    const auto lived = run_child();
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    if (lived >= healthy_uptime) backoff = options_.initial_backoff;
    log::warn("tunnel: ssh exited{}{}; restarting in {} ms", last_error_.empty() ? "" : ": ", last_error_,
              backoff.count());
    wake_.wait_for(lock, backoff, [&] { return stopping_; });
    if (stopping_) return;
    backoff = std::min(backoff * 2, options_.max_backoff);
    restarts_.fetch_add(1);
  }
}

std::chrono::steady_clock::duration SshTunnel::run_child() {
  const auto began = std::chrono::steady_clock::now();
  int err_pipe[2];
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    const std::lock_guard lock(mutex_);
    last_error_ = fmt::format("pipe: {}", std::strerror(errno));
    return {};
  }
  std::vector<char*> argv;
  argv.reserve(argv_.size() + 1);
  for (std::string& arg : argv_) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const int dev_null = ::open("/dev/null", O_RDWR | O_CLOEXEC);

  const pid_t child = ::fork();
  if (child == 0) {
    // In the child: async-signal-safe calls only.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    ::dup2(dev_null, STDIN_FILENO);
    ::dup2(dev_null, STDOUT_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    ::syscall(SYS_close_range, 3U, ~0U, 0U);
    ::execv(argv[0], argv.data());
    static constexpr char message[] = "cannot execute ssh\n";
    [[maybe_unused]] auto written = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(127);
  }
  ::close(err_pipe[1]);
  if (dev_null >= 0) ::close(dev_null);
  if (child < 0) {
    ::close(err_pipe[0]);
    const std::lock_guard lock(mutex_);
    last_error_ = fmt::format("fork: {}", std::strerror(errno));
    return {};
  }
  pid_.store(child);
  started_.fetch_add(1);
  {
    // stop() may have run between the check in supervise() and the store above.
    const std::lock_guard lock(mutex_);
    if (stopping_) ::kill(child, SIGTERM);
  }

  // ssh's stderr until it closes (the child exited); keep the last non-empty line.
  std::string output;
  char buffer[1024];
  for (;;) {
    const ssize_t n = ::read(err_pipe[0], buffer, sizeof buffer);
    if (n > 0) {
      output.append(buffer, static_cast<std::size_t>(n));
      if (output.size() > 8192) output.erase(0, output.size() - 4096);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  ::close(err_pipe[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  pid_.store(0);

  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  std::string line = output.substr(output.find_last_of('\n') == std::string::npos ? 0 : output.find_last_of('\n') + 1);
  if (line.empty()) {
    line = WIFSIGNALED(status) ? fmt::format("killed by signal {}", WTERMSIG(status))
                               : fmt::format("exit status {}", WEXITSTATUS(status));
  }
  {
    const std::lock_guard lock(mutex_);
    last_error_ = line;
  }
  exits_.fetch_add(1);
  return std::chrono::steady_clock::now() - began;
}

}  // namespace streams::store::postgres
