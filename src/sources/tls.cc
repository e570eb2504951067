#include "sources/tls.h"

#include <boost/asio/ip/address.hpp>
#include <fmt/format.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "sources/errc.h"

namespace streams::sources {

Status configure_tls_client(ssl_ctx_st* context, const std::filesystem::path& ca_file) {
  SSL_CTX_set_default_verify_paths(context);  // a missing system store leaves only ca_file
  SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
  if (!ca_file.empty() && SSL_CTX_load_verify_locations(context, ca_file.c_str(), nullptr) != 1) {
    return make_error(errc::network, fmt::format("CA file {}: cannot be loaded", ca_file.string()));
  }
  return {};
}

void set_tls_peer(ssl_st* connection, const std::string& host) {
  boost::system::error_code not_an_address;
  boost::asio::ip::make_address(host, not_an_address);
  X509_VERIFY_PARAM* param = SSL_get0_param(connection);
  if (not_an_address) {
    SSL_ctrl(connection, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(host.c_str()));
    X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
  } else {
    X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
  }
}

}  // namespace streams::sources
