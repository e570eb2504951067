#include "api/errc.h"

#include "auth/errc.h"
#include "core/errc.h"
#include "core/json_writer.h"
#include "core/log.h"
#include "store/errc.h"

namespace streams::api {
namespace {

class ApiCategory final : public std::error_category {
 public:
  [[nodiscard]] const char* name() const noexcept override { return "api"; }
  [[nodiscard]] std::string message(int value) const override {
    return std::string(http_error(make_error_code(static_cast<errc>(value))).code);
  }
};

HttpError api_error(errc e) {
  switch (e) {
    case errc::ok: return {200, "ok"};
    case errc::bad_request: return {400, "bad_request"};
    case errc::missing_parameter: return {400, "missing_parameter"};
    case errc::invalid_parameter: return {400, "invalid_parameter"};
    case errc::unknown_parameter: return {400, "unknown_parameter"};
    case errc::limit_exceeded: return {400, "limit_exceeded"};
    case errc::unauthorized: return {401, "unauthorized"};
    case errc::forbidden: return {403, "forbidden"};
    case errc::not_found: return {404, "not_found"};
    case errc::conflict: return {409, "conflict"};
    case errc::too_many_requests: return {429, "too_many_requests"};
    case errc::method_not_allowed: return {405, "method_not_allowed"};
    case errc::payload_too_large: return {413, "payload_too_large"};
    case errc::header_too_large: return {431, "header_too_large"};
    case errc::internal: return {500, "internal"};
    case errc::unavailable: return {503, "unavailable"};
  }
  return {500, "internal"};
}

}  // namespace

const std::error_category& api_category() {
  static const ApiCategory category;
  return category;
}

HttpError http_error(const std::error_code& code) {
  if (code.category() == api_category()) return api_error(static_cast<errc>(code.value()));
  if (code.category() == core::core_category()) {
    switch (static_cast<core::errc>(code.value())) {
      case core::errc::invalid_symbol:
      case core::errc::invalid_date:
      case core::errc::invalid_timestamp:
      case core::errc::invalid_timespan:
      case core::errc::invalid_argument:
      case core::errc::parse_error: return api_error(errc::invalid_parameter);
      case core::errc::not_found: return api_error(errc::not_found);
      default: return api_error(errc::internal);
    }
  }
  if (code.category() == store::store_category() && static_cast<store::errc>(code.value()) == store::errc::unavailable) {
    return api_error(errc::unavailable);
  }
  if (code.category() == store::store_category() && static_cast<store::errc>(code.value()) == store::errc::constraint) {
    return api_error(errc::conflict);
  }
  if (code.category() == auth::auth_category()) {
    switch (static_cast<auth::errc>(code.value())) {
      case auth::errc::invalid_credentials:
      case auth::errc::unauthenticated: return api_error(errc::unauthorized);
      case auth::errc::throttled: return api_error(errc::too_many_requests);
      case auth::errc::csrf_mismatch: return api_error(errc::forbidden);
      case auth::errc::invalid_name:
      case auth::errc::weak_password: return api_error(errc::invalid_parameter);
      case auth::errc::user_exists: return api_error(errc::conflict);
      case auth::errc::no_such_user: return api_error(errc::not_found);
      default: return api_error(errc::internal);
    }
  }
  return api_error(errc::internal);
}

std::string error_body(std::string_view code, std::string_view message) {
  JsonWriter json;
  json.begin_object().key("error").begin_object();
  json.key("code").value(code).key("message").value(message);
  json.end_object().end_object();
  return json.take();
}

Response error_response(const Error& error) {
  const HttpError mapped = http_error(error.code);
  // Internal details (SQL, file names) stay in the log (Api::handle): clients get a generic message.
  std::string_view message = error.message;
  if (mapped.status >= 500) log::error("{} ({}): {}", mapped.code, error.code.message(), error.message);
  if (mapped.status == 503) {
    message = "the store is unavailable";
  } else if (mapped.status >= 500) {
    message = "internal error";
  }
  return json_response(error_body(mapped.code, message), mapped.status);
}

}  // namespace streams::api
