#include "api/errc.h"

#include <gtest/gtest.h>

#include "core/errc.h"
#include "store/errc.h"

namespace streams::api {
namespace {

TEST(ErrcTest, ApiCodesMapToStatusAndName) {
  struct Case {
    errc code;
    int status;
    std::string_view name;
  };
  for (const Case& c : {Case{errc::bad_request, 400, "bad_request"}, Case{errc::missing_parameter, 400, "missing_parameter"},
                        Case{errc::invalid_parameter, 400, "invalid_parameter"},
                        Case{errc::unknown_parameter, 400, "unknown_parameter"},
                        Case{errc::limit_exceeded, 400, "limit_exceeded"}, Case{errc::not_found, 404, "not_found"},
                        Case{errc::method_not_allowed, 405, "method_not_allowed"},
                        Case{errc::payload_too_large, 413, "payload_too_large"},
                        Case{errc::header_too_large, 431, "header_too_large"}, Case{errc::internal, 500, "internal"},
                        Case{errc::unavailable, 503, "unavailable"}}) {
    const HttpError mapped = http_error(c.code);
    EXPECT_EQ(mapped.status, c.status) << c.name;
    EXPECT_EQ(mapped.code, c.name);
  }
}

TEST(ErrcTest, ForeignCategoriesMap) {
  EXPECT_EQ(http_error(core::errc::invalid_date).status, 400);
  EXPECT_EQ(http_error(core::errc::invalid_symbol).code, "invalid_parameter");
  EXPECT_EQ(http_error(core::errc::not_found).status, 404);
  EXPECT_EQ(http_error(core::errc::io_error).status, 500);
  EXPECT_EQ(http_error(store::errc::unavailable).status, 503);
  EXPECT_EQ(http_error(store::errc::query_failed).status, 500);
  EXPECT_EQ(http_error(std::make_error_code(std::errc::no_such_file_or_directory)).status, 500);
}

TEST(ErrcTest, ErrorResponseIsJsonWithCodeAndMessage) {
  const Response response = error_response(make_error(errc::invalid_parameter, "parameter 'from': \"bad\""));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body, R"({"error":{"code":"invalid_parameter","message":"parameter 'from': \"bad\""}})");
}

TEST(ErrcTest, ServerErrorsHideTheirDetails) {
  const Response internal = error_response(make_error(store::errc::query_failed, "no such table: bars (/srv/x.db)"));
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(internal.body, R"({"error":{"code":"internal","message":"internal error"}})");
  const Response unavailable = error_response(make_error(store::errc::unavailable, "cannot open /srv/x.db"));
  EXPECT_EQ(unavailable.status, 503);
  EXPECT_EQ(unavailable.body.find("/srv"), std::string::npos);
}

}  // namespace
}  // namespace streams::api
