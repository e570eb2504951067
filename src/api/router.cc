#include "api/router.h"

#include <algorithm>

namespace streams::api {
namespace {

// Splits "/a/b/c" into {"a","b","c"}; a trailing slash yields a final empty segment.
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool match_pattern(const std::vector<std::string_view>& parts, const std::vector<std::string_view>& path,
                   PathParams& params) {
  if (parts.size() != path.size()) return false;
  PathParams found;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const std::string_view part = parts[k];
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      if (path[k].empty()) return false;
      found.add(part.substr(1, part.size() - 2), std::string(path[k]));
    } else if (part != path[k]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

std::string_view PathParams::get(std::string_view name) const {
  for (const auto& [key, value] : values_) {
    if (key == name) return value;
  }
  return {};
}

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
  for (const Route& route : routes_) patterns_.push_back(segments(route.pattern));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  const std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  const std::vector<std::string_view> parts = segments(path);
  RouteMatch out;
  std::vector<std::string_view> allowed;
  for (std::size_t index = 0; index < routes_.size(); ++index) {
    PathParams params;
    if (!match_pattern(patterns_[index], parts, params)) continue;
    if (routes_[index].method == wanted) {
      out.kind = RouteMatch::Kind::found;
      out.route = index;
      out.params = std::move(params);
      return out;
    }
    allowed.push_back(routes_[index].method);
    if (routes_[index].method == "GET") allowed.emplace_back("HEAD");
  }
  if (!allowed.empty()) {
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    out.kind = RouteMatch::Kind::method_not_allowed;
    for (const std::string_view m : allowed) {
      if (!out.allow.empty()) out.allow += ", ";
      out.allow += m;
    }
  }
  return out;
}

}  // namespace streams::api
