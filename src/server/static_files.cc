#include "server/static_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <system_error>
#include <vector>

#include "server/content_type.h"
#include "server/encoding.h"

namespace streams::server {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view immutable = "public, max-age=31536000, immutable";
constexpr std::string_view revalidate = "no-cache";
constexpr std::uintmax_t max_file_bytes = 256u << 20;

// Whether `path` lies under `root` (both canonical), compared element by element.
bool within(const fs::path& root, const fs::path& path) {
  auto r = root.begin();
  auto p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (r->empty() && std::next(r) == root.end()) break;  // trailing separator of the root
    if (p == path.end() || *r != *p) return false;
  }
  return true;
}

bool is_regular(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    const std::size_t comma = if_none_match.find(',');
    std::string_view tag = trim(if_none_match.substr(0, comma));
    if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);  // weak comparison, as RFC 9110 asks for If-None-Match
    if (tag == etag) return true;
  }
  return false;
}

api::Response plain(int status, std::string body) {
  api::Response response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(body);
  return response;
}

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0 || static_cast<std::uintmax_t>(size) > max_file_bytes) return false;
  in.seekg(0, std::ios::beg);
  out.resize(static_cast<std::size_t>(size));
  in.read(out.data(), size);
  return static_cast<bool>(in);
}

}  // namespace

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  root_ = fs::weakly_canonical(fs::absolute(root, ec), ec);
  if (ec) root_ = root.lexically_normal();
}

ResolvedPath StaticFiles::resolve(std::string_view raw_path) const {
  ResolvedPath out;
  if (raw_path.empty() || raw_path.front() != '/') {
    out.kind = ResolvedPath::Kind::bad_request;
    return out;
  }
  auto decoded = api::percent_decode(raw_path, false);
  if (!decoded || decoded->find('\0') != std::string::npos || decoded->find('\\') != std::string::npos) {
    out.kind = ResolvedPath::Kind::bad_request;
    return out;
  }
  fs::path relative;
  std::string_view rest = *decoded;
  std::string_view last;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty()) continue;
    if (segment == "." || segment == "..") {
      out.kind = ResolvedPath::Kind::bad_request;
      return out;
    }
    if (segment.front() == '.') return out;  // hidden files: not found
    relative /= fs::path(std::string(segment));
    last = segment;
  }
  const bool directory = relative.empty() || decoded->back() == '/';
  if (directory) relative /= "index.html";

  std::error_code ec;
  const fs::path candidate = fs::weakly_canonical(root_ / relative, ec);
  if (!ec && within(root_, candidate) && is_regular(candidate)) {
    out.kind = ResolvedPath::Kind::file;
    out.file = candidate;
    return out;
  }
  // Client-side routes: no extension, not under /assets/.
  const bool has_extension = last.find('.') != std::string_view::npos;
  if (!directory && !has_extension && !decoded->starts_with("/assets/")) {
    out.kind = ResolvedPath::Kind::spa_fallback;
    out.file = root_ / "index.html";
  } else if (directory && relative == fs::path("index.html")) {
    out.kind = ResolvedPath::Kind::spa_fallback;  // "/" without a built UI: reported below
    out.file = root_ / "index.html";
  }
  return out;
}

api::Response StaticFiles::serve(const StaticRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    api::Response response = plain(405, "method not allowed\n");
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  const ResolvedPath resolved = resolve(request.raw_path);
  if (resolved.kind == ResolvedPath::Kind::bad_request) return plain(400, "bad request path\n");

  const bool builtin_icon = request.raw_path == "/favicon.ico" && resolved.kind == ResolvedPath::Kind::not_found;
  if (builtin_icon) {
    api::Response response;
    response.content_type = "image/x-icon";
    response.body = std::string(builtin_favicon());
    const std::string etag = fmt::format("\"builtin-{:x}\"", response.body.size());
    response.headers.emplace_back("Cache-Control", "public, max-age=86400");
    if (etag_matches(request.if_none_match, etag)) {
      response.status = 304;
      response.body.clear();
      response.content_type.clear();
    }
    response.headers.emplace_back("ETag", etag);
    return response;
  }
  if (resolved.kind == ResolvedPath::Kind::not_found) return plain(404, "not found\n");
  if (!is_regular(resolved.file)) {
    return plain(404, "not found: the dashboard is not built (no index.html in the web root); "
                      "the API is at /api/v1/openapi.json\n");
  }

  const bool fallback = resolved.kind == ResolvedPath::Kind::spa_fallback;
  const std::string_view type = content_type_for(resolved.file.extension().string());
  const std::string_view cache_control =
      (!fallback && request.raw_path.starts_with("/assets/")) ? immutable : revalidate;

  // Precompressed siblings.
  fs::path chosen = resolved.file;
  std::string_view coding;
  bool has_sibling = false;
  if (compressible(type)) {
    for (const auto& [suffix, name] : {std::pair<std::string_view, std::string_view>{".br", "br"}, {".gz", "gzip"}}) {
      fs::path sibling = resolved.file;
      sibling += std::string(suffix);
      if (!is_regular(sibling)) continue;
      has_sibling = true;
      if (coding.empty() && accepts_encoding(request.accept_encoding, name)) {
        chosen = sibling;
        coding = name;
      }
    }
  }

  std::error_code ec;
  const std::uintmax_t size = fs::file_size(chosen, ec);
  const auto mtime = fs::last_write_time(chosen, ec);
  if (ec) return plain(404, "not found\n");
  const auto mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
  const std::string etag =
      fmt::format("\"{:x}-{:x}{}{}\"", size, mtime_ns, coding.empty() ? "" : "-", coding);

  api::Response response;
  response.headers.emplace_back("ETag", etag);
  response.headers.emplace_back("Cache-Control", std::string(cache_control));
  if (has_sibling) response.headers.emplace_back("Vary", "Accept-Encoding");
  if (etag_matches(request.if_none_match, etag)) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  if (!read_file(chosen, response.body)) return plain(404, "not found\n");
  response.content_type = std::string(type);
  if (!coding.empty()) response.headers.emplace_back("Content-Encoding", std::string(coding));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace streams::server
