#pragma once
// StaticFiles: the dashboard's built files (web/dist) over HTTP, without a transport.
//  - Path resolution that cannot leave the web root: the path is percent-decoded once, then
//    rejected when it holds NUL, a backslash, or a "." / ".." segment (so "%2e%2e" is caught after
//    decoding); hidden files (".env") are not served; the joined path is canonicalised (symlinks
//    resolved) and must still lie under the canonical root.
//  - SPA fallback: a path without an extension that names no file gets index.html (client-side
//    routes such as /overview); /assets/ paths never fall back.
//  - Caching: hashed files under /assets/ are `public, max-age=31536000, immutable`; everything
//    else (index.html first) is `no-cache`, revalidated with a strong ETag (size + mtime) →
//    304 Not Modified on If-None-Match.
//  - Precompressed siblings (`app.js.br`, `app.js.gz`) are served with Content-Encoding when the
//    client accepts them (br preferred), with `Vary: Accept-Encoding`.
//  - /favicon.ico falls back to a built-in icon when the web root has none.
//
// Thread safety: const methods only; any thread.

#include <filesystem>
#include <string>
#include <string_view>

#include "api/message.h"

namespace streams::server {

struct StaticRequest {
  std::string_view method;           // GET or HEAD (others: 405)
  std::string_view raw_path;         // as on the wire, still percent-encoded, without the query
  std::string_view accept_encoding;  // the request's Accept-Encoding
  std::string_view if_none_match;    // the request's If-None-Match
};

struct ResolvedPath {
  enum class Kind { file, spa_fallback, not_found, bad_request };
  Kind kind = Kind::not_found;
  std::filesystem::path file;  // the file to serve (index.html for spa_fallback)
};

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  [[nodiscard]] ResolvedPath resolve(std::string_view raw_path) const;
  [[nodiscard]] api::Response serve(const StaticRequest& request) const;
  [[nodiscard]] const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;  // canonical
};

// The built-in favicon (assets/favicon.ico, compiled in).
std::string_view builtin_favicon();

}  // namespace streams::server
