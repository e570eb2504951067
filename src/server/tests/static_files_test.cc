#include "server/static_files.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

namespace streams::server {
namespace {
namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string header(const api::Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("streams-static-" + std::to_string(std::random_device{}()));
    root_ = base_ / "dist";
    write(root_ / "index.html", "<!doctype html><title>streams</title>");
    write(root_ / "assets/index-3f2a1b.js", "console.log('app')");
    write(root_ / "assets/index-3f2a1b.js.br", "BROTLI");
    write(root_ / "assets/index-3f2a1b.js.gz", "GZIP");
    write(root_ / "assets/style-99.css", "body{}");
    write(root_ / "logo.svg", "<svg/>");
    write(root_ / "fonts/inter.woff2", "wOF2");
    write(root_ / "docs/index.html", "<p>docs</p>");
    write(root_ / ".env", "SECRET=1");
    write(base_ / "dist-secret/passwd", "root:x:0:0");
    write(base_ / "outside.txt", "outside");
    fs::create_directory_symlink(base_ / "dist-secret", root_ / "link");
  }
  void TearDown() override { fs::remove_all(base_); }

  api::Response get(std::string_view path, std::string_view accept = "", std::string_view etag = "") {
    return StaticFiles(root_).serve(StaticRequest{"GET", path, accept, etag});
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesTest, ResolvesFilesUnderTheRoot) {
  const StaticFiles files(root_);
  const fs::path root = fs::canonical(root_);
  ResolvedPath r = files.resolve("/");
  EXPECT_EQ(r.kind, ResolvedPath::Kind::file);
  EXPECT_EQ(r.file, root / "index.html");
  r = files.resolve("/assets/index-3f2a1b.js");
  EXPECT_EQ(r.kind, ResolvedPath::Kind::file);
  EXPECT_EQ(r.file, root / "assets/index-3f2a1b.js");
  r = files.resolve("/docs/");
  EXPECT_EQ(r.kind, ResolvedPath::Kind::file);
  EXPECT_EQ(r.file, root / "docs/index.html");
  r = files.resolve("/assets%2Findex-3f2a1b.js");  // an encoded slash is a slash after decoding
  EXPECT_EQ(r.kind, ResolvedPath::Kind::file);
}

TEST_F(StaticFilesTest, ClientRoutesFallBackToIndex) {
  const StaticFiles files(root_);
  for (const char* path : {"/overview", "/returns/corr", "//etc/passwd", "/docs"}) {
    const ResolvedPath r = files.resolve(path);
    EXPECT_EQ(r.kind, ResolvedPath::Kind::spa_fallback) << path;
    EXPECT_EQ(r.file, fs::canonical(root_) / "index.html") << path;
  }
  // Files with an extension and /assets/ paths never fall back.
  for (const char* path : {"/missing.js", "/assets/missing", "/assets/x/y", "/favicon.ico"}) {
    EXPECT_EQ(files.resolve(path).kind, ResolvedPath::Kind::not_found) << path;
  }
}

TEST_F(StaticFilesTest, TraversalAttemptsAreRejected) {
  const StaticFiles files(root_);
  for (const char* path : {"/../outside.txt", "/assets/../../outside.txt", "/%2e%2e/outside.txt",
                           "/%2E%2E/outside.txt", "/%2e%2e%2foutside.txt", "/assets/..%2f..%2foutside.txt",
                           "/..", "/./index.html", "/.%2e/outside.txt", "/..\\outside.txt", "/a%5c..%5coutside.txt",
                           "/index.html%00.js", "/%00", "/%zz", "relative.txt", ""}) {
    EXPECT_EQ(files.resolve(path).kind, ResolvedPath::Kind::bad_request) << path;
  }
}

TEST_F(StaticFilesTest, HiddenFilesAndSymlinksOutOfTheRootAreNotServed) {
  const StaticFiles files(root_);
  EXPECT_EQ(files.resolve("/.env").kind, ResolvedPath::Kind::not_found);
  EXPECT_EQ(files.resolve("/%2eenv").kind, ResolvedPath::Kind::not_found);
  // root/link → ../dist-secret: canonicalised outside the root, so the file is not served.
  const ResolvedPath r = files.resolve("/link/passwd");
  EXPECT_NE(r.kind, ResolvedPath::Kind::file);
  EXPECT_EQ(get("/link/passwd").body.find("root:x"), std::string::npos);
  // Double encoding decodes once: "%252e%252e" is the literal name "%2e%2e", which does not exist.
  EXPECT_EQ(files.resolve("/%252e%252e/outside.txt").kind, ResolvedPath::Kind::not_found);
}

TEST_F(StaticFilesTest, ServesWithContentTypesAndCachePolicy) {
  api::Response r = get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, "<!doctype html><title>streams</title>");
  EXPECT_EQ(header(r, "Cache-Control"), "no-cache");
  EXPECT_FALSE(header(r, "ETag").empty());

  r = get("/assets/index-3f2a1b.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(r.body, "console.log('app')");
  EXPECT_EQ(header(r, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(header(r, "Vary"), "Accept-Encoding");
  EXPECT_EQ(header(r, "Content-Encoding"), "");

  EXPECT_EQ(get("/assets/style-99.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(get("/logo.svg").content_type, "image/svg+xml");
  EXPECT_EQ(get("/logo.svg").body, "<svg/>");
  EXPECT_EQ(get("/fonts/inter.woff2").content_type, "font/woff2");
}

TEST_F(StaticFilesTest, SpaFallbackIsIndexWithoutCaching) {
  const api::Response r = get("/overview");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, "<!doctype html><title>streams</title>");
  EXPECT_EQ(header(r, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, PrecompressedSiblingsWhenAccepted) {
  api::Response r = get("/assets/index-3f2a1b.js", "gzip, deflate, br");
  EXPECT_EQ(r.body, "BROTLI");
  EXPECT_EQ(header(r, "Content-Encoding"), "br");
  EXPECT_EQ(r.content_type, "text/javascript; charset=utf-8");
  r = get("/assets/index-3f2a1b.js", "gzip");
  EXPECT_EQ(r.body, "GZIP");
  EXPECT_EQ(header(r, "Content-Encoding"), "gzip");
  r = get("/assets/index-3f2a1b.js", "br;q=0, identity");
  EXPECT_EQ(r.body, "console.log('app')");
  // The ETag differs per coding, so caches never mix them up.
  EXPECT_NE(header(get("/assets/index-3f2a1b.js", "br"), "ETag"), header(get("/assets/index-3f2a1b.js"), "ETag"));
}

TEST_F(StaticFilesTest, IfNoneMatchGives304) {
  const std::string etag = header(get("/"), "ETag");
  ASSERT_FALSE(etag.empty());
  api::Response r = get("/", "", etag);
  EXPECT_EQ(r.status, 304);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(header(r, "ETag"), etag);
  EXPECT_EQ(header(r, "Cache-Control"), "no-cache");
  EXPECT_EQ(get("/", "", "\"other\", " + etag).status, 304);
  EXPECT_EQ(get("/", "", "W/" + etag).status, 304);
  EXPECT_EQ(get("/", "", "*").status, 304);
  EXPECT_EQ(get("/", "", "\"other\"").status, 200);
  // A changed file has a new ETag.
  write(root_ / "index.html", "<!doctype html><title>streams v2</title>");
  EXPECT_EQ(get("/", "", etag).status, 200);
}

TEST_F(StaticFilesTest, BuiltinFaviconUnlessTheRootHasOne) {
  api::Response r = get("/favicon.ico");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "image/x-icon");
  ASSERT_GE(r.body.size(), 4u);
  EXPECT_EQ(r.body.substr(0, 4), std::string("\0\0\1\0", 4));  // ICO header
  EXPECT_EQ(get("/favicon.ico", "", header(r, "ETag")).status, 304);
  write(root_ / "favicon.ico", "OWN");
  r = get("/favicon.ico");
  EXPECT_EQ(r.body, "OWN");
}

TEST_F(StaticFilesTest, ErrorsAndMethods) {
  EXPECT_EQ(get("/missing.js").status, 404);
  EXPECT_EQ(get("/../outside.txt").status, 400);
  EXPECT_EQ(get("/%2e%2e/outside.txt").status, 400);
  const api::Response post = StaticFiles(root_).serve(StaticRequest{"POST", "/", "", ""});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(header(post, "Allow"), "GET, HEAD");
}

TEST(StaticFilesNoRootTest, MissingWebRootExplainsItself) {
  const StaticFiles files("/nonexistent/streams/web/dist");
  const api::Response r = files.serve(StaticRequest{"GET", "/", "", ""});
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("not built"), std::string::npos);
  EXPECT_EQ(files.serve(StaticRequest{"GET", "/favicon.ico", "", ""}).status, 200);
}

}  // namespace
}  // namespace streams::server
