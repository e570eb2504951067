#include "api/message.h"

#include <fmt/format.h>

#include "api/errc.h"

namespace streams::api {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view Request::header(std::string_view lower_case_name) const {
  auto found = headers.find(lower_case_name);
  return found == headers.end() ? std::string_view() : std::string_view(found->second);
}

Response json_response(std::string body, int status) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Result<std::string> percent_decode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size() || hex_value(text[i + 1]) < 0 || hex_value(text[i + 2]) < 0) {
        return make_error(errc::bad_request,
                          fmt::format("malformed percent-encoding at '{}'", text.substr(i, 3)));
      }
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<Query> parse_query(std::string_view query) {
  Query out;
  std::size_t count = 0;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    if (++count > max_query_parameters) {
      return make_error(errc::limit_exceeded, fmt::format("at most {} query parameters", max_query_parameters));
    }
    const std::size_t eq = piece.find('=');
    auto name = percent_decode(piece.substr(0, eq), true);
    if (!name) return name.error();
    std::string value;
    if (eq != std::string_view::npos) {
      auto decoded = percent_decode(piece.substr(eq + 1), true);
      if (!decoded) return make_error(errc::bad_request, fmt::format("parameter '{}': {}", *name, decoded.error().message));
      value = std::move(*decoded);
    }
    out.emplace(std::move(*name), std::move(value));
  }
  return out;
}

Result<Request> make_request(std::string_view method, std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return make_error(errc::bad_request, fmt::format("request target must start with '/'"));
  }
  Request request;
  request.method = std::string(method);
  const std::size_t question = target.find('?');
  auto path = percent_decode(target.substr(0, question), false);
  if (!path) return path.error();
  request.path = std::move(*path);
  if (question != std::string_view::npos) {
    auto query = parse_query(target.substr(question + 1));
    if (!query) return query.error();
    request.query = std::move(*query);
  }
  return request;
}

}  // namespace streams::api
