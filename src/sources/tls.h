#pragma once
// The TLS client setup every connection of streams to the internet uses (the HTTPS client here and
// live/polygon's WebSocket): peer verification always on, against the system store plus an optional
// extra CA file (tests trust a throwaway certificate this way), TLS 1.2 or later; and, per
// connection, SNI plus verification of the host name — or of the IP address for a literal.
// Written against OpenSSL's handles so that this header pulls in neither Asio nor OpenSSL.

#include <filesystem>
#include <string>

#include "core/result.h"

struct ssl_ctx_st;  // SSL_CTX
struct ssl_st;      // SSL

namespace streams::sources {

// errc::network naming the CA file when it cannot be loaded.
Status configure_tls_client(ssl_ctx_st* context, const std::filesystem::path& ca_file);
// Before the handshake of one connection to `host` (a name or an IP literal, without brackets).
void set_tls_peer(ssl_st* connection, const std::string& host);

}  // namespace streams::sources
