#pragma once
// Content codings: reading Accept-Encoding and gzip-compressing a body (zlib).

#include <string>
#include <string_view>

namespace streams::server {

// Whether an Accept-Encoding header value accepts `coding` ("gzip", "br"): listed (or "*") with a
// q-value above 0. Tokens are case-insensitive.
bool accepts_encoding(std::string_view accept_encoding, std::string_view coding);

// gzip (RFC 1952) of `data`; level 1 (fast) to 9 (small).
std::string gzip_compress(std::string_view data, int level = 1);

}  // namespace streams::server
