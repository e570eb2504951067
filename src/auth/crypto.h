#pragma once
// The cryptographic primitives of auth, all from libsodium: argon2id password hashes, random
// tokens, token hashes, the CSRF token derived from a session token, constant-time comparison.
// Secrets pass through here as string_views and are never logged.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace streams::auth {

// argon2id cost. interactive = libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE (2 passes, 64 MiB), the
// production setting; minimum is for unit tests only (cheap, still a valid argon2id string).
enum class PasswordCost { interactive, minimum };

// Initialises libsodium (idempotent, thread-safe). Throws std::runtime_error when it cannot.
void init_crypto();

// An argon2id string ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash") of `password`, random salt.
Result<std::string> hash_password(std::string_view password, PasswordCost cost = PasswordCost::interactive);
// Whether `password` matches the argon2id string `hash` (false for a malformed hash).
bool verify_password(std::string_view hash, std::string_view password);
// Whether `hash` was made with other parameters than `cost` (rehash after a successful login).
bool needs_rehash(std::string_view hash, PasswordCost cost);

// `bytes` random bytes as unpadded base64url (32 bytes → 43 characters).
std::string random_token(std::size_t bytes = 32);
// Whether `text` looks like a token of random_token(32): 43 base64url characters.
bool is_token(std::string_view text);
// Lower-case hex SHA-256 of `text` (64 characters): what the store keeps of a session token.
std::string sha256_hex(std::string_view text);
// The CSRF token of a session: a keyed BLAKE2b of a fixed label under the session token, as
// base64url. Only the holder of the session token (the cookie) can know it; nothing is stored.
std::string csrf_token_for(std::string_view session_token);
// Constant-time equality (lengths compared first; lengths are not secret).
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace streams::auth
