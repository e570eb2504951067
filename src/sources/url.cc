#include "sources/url.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "sources/errc.h"

namespace streams::sources {

Result<Url> parse_url(std::string_view text) {
  Url url;
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return make_error(errc::bad_url, fmt::format("'{}' has no scheme", redact_url(text)));
  url.scheme = std::string(text.substr(0, scheme_end));
  std::transform(url.scheme.begin(), url.scheme.end(), url.scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  if (url.scheme != "http" && url.scheme != "https") {
    return make_error(errc::bad_url, fmt::format("'{}': only http and https are supported", redact_url(text)));
  }
  std::string_view rest = text.substr(scheme_end + 3);
  const auto path_start = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_start);
  url.target = path_start == std::string_view::npos ? "/" : std::string(rest.substr(path_start));
  if (!url.target.empty() && url.target.front() == '?') url.target.insert(url.target.begin(), '/');
  if (authority.find('@') != std::string_view::npos) {
    return make_error(errc::bad_url, "credentials in a source URL are not supported (use the API key settings)");
  }
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return make_error(errc::bad_url, fmt::format("'{}': unterminated '['", redact_url(text)));
    url.host = std::string(authority.substr(1, close - 1));
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return make_error(errc::bad_url, fmt::format("'{}': junk after ']'", redact_url(text)));
      port = authority.substr(close + 2);
    }
  } else {
    const auto colon = authority.find(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (url.host.empty()) return make_error(errc::bad_url, fmt::format("'{}' has no host", redact_url(text)));
  if (port.empty()) {
    url.port = url.scheme == "https" ? "443" : "80";
  } else {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }) ||
        std::stoi(std::string(port)) == 0 || std::stoi(std::string(port)) > 65535) {
      return make_error(errc::bad_url, fmt::format("'{}': bad port", redact_url(text)));
    }
    url.port = std::string(port);
  }
  return url;
}

std::string percent_encode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string with_query(std::string_view url, std::string_view name, std::string_view value) {
  std::string out(url);
  out += url.find('?') == std::string_view::npos ? '?' : '&';
  out += name;
  out += '=';
  out += percent_encode(value);
  return out;
}

std::string redact_url(std::string_view url) {
  static constexpr std::array<std::string_view, 6> secrets{"apikey", "api_key", "token", "key", "password", "access_token"};
  const auto query = url.find('?');
  if (query == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, query + 1));
  std::string_view rest = url.substr(query + 1);
  bool first = true;
  while (true) {
    const auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    std::string name(pair.substr(0, eq));
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!first) out += '&';
    first = false;
    if (eq != std::string_view::npos && std::find(secrets.begin(), secrets.end(), lower) != secrets.end()) {
      out += name + "=****";
    } else {
      out += pair;
    }
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return out;
}

}  // namespace streams::sources
