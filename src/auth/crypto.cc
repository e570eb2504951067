#include "auth/crypto.h"

#include <sodium.h>

#include <array>
#include <stdexcept>
#include <string>

#include "auth/errc.h"

namespace streams::auth {
namespace {

struct Cost {
  unsigned long long ops;
  std::size_t mem;
};

Cost cost_of(PasswordCost cost) {
  if (cost == PasswordCost::minimum) return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

std::string base64url(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

// The password must be a NUL-terminated copy for crypto_pwhash_str_verify; wiped afterwards.
class SecretCopy {
 public:
  explicit SecretCopy(std::string_view text) : text_(text) {}
  ~SecretCopy() { sodium_memzero(text_.data(), text_.size()); }
  SecretCopy(const SecretCopy&) = delete;
  SecretCopy& operator=(const SecretCopy&) = delete;
  [[nodiscard]] const char* c_str() const { return text_.c_str(); }
  [[nodiscard]] std::size_t size() const { return text_.size(); }

 private:
  std::string text_;
};

}  // namespace

void init_crypto() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

Result<std::string> hash_password(std::string_view password, PasswordCost cost) {
  init_crypto();
  const Cost c = cost_of(cost);
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), c.ops, c.mem) != 0) {
    return make_error(errc::crypto_failed, "argon2id hashing failed (out of memory?)");
  }
  return std::string(out.data());
}

bool verify_password(std::string_view hash, std::string_view password) {
  init_crypto();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const SecretCopy stored(hash);
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view hash, PasswordCost cost) {
  init_crypto();
  if (hash.size() >= crypto_pwhash_STRBYTES) return true;
  const Cost c = cost_of(cost);
  const std::string stored(hash);
  return crypto_pwhash_str_needs_rehash(stored.c_str(), c.ops, c.mem) != 0;
}

std::string random_token(std::size_t bytes) {
  init_crypto();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out = base64url(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  sodium_memzero(raw.data(), raw.size());
  return out;
}

bool is_token(std::string_view text) {
  if (text.size() != 43) return false;
  for (const char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string sha256_hex(std::string_view text) {
  init_crypto();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

std::string csrf_token_for(std::string_view session_token) {
  init_crypto();
  static constexpr std::string_view label = "streams csrf v1";
  std::array<unsigned char, 32> out{};
  // The key must be 16..64 bytes; a session token is 43. Anything else gets a token nobody has.
  if (session_token.size() < crypto_generichash_KEYBYTES_MIN || session_token.size() > crypto_generichash_KEYBYTES_MAX) {
    return random_token();
  }
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(label.data()), label.size(),
                     reinterpret_cast<const unsigned char*>(session_token.data()), session_token.size());
  return base64url(out.data(), out.size());
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace streams::auth
