// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me, POST /api/v1/auth/password.
// Bodies are JSON; the session travels in an HttpOnly cookie, the CSRF token in the JSON answer.
// No password, token or hash is ever logged or echoed.
#include <fmt/format.h>

#include "api/errc.h"
#include "auth/errc.h"
#include "api/handlers.h"
#include "api/json_body.h"
#include "api/params.h"
#include "core/json_writer.h"
#include "core/time.h"

namespace streams::api {
namespace {

void no_store(Response& response) { response.headers.emplace_back("Cache-Control", "no-store"); }

std::string session_json(const auth::Identity& identity, auth::Mode mode) {
  JsonWriter json;
  json.begin_object();
  json.key("user").begin_object().key("id").value(identity.user_id).key("name").value(identity.user_name).end_object();
  json.key("csrf_token").value(identity.csrf_token);
  json.key("expires_at").value(Timestamp::from_millis(identity.expires_ms).iso());
  json.key("mode").value(auth::to_string(mode));
  json.end_object();
  return json.take();
}

Response throttled(const Error& error, std::chrono::seconds retry_after) {
  Response response = error_response(error);
  if (retry_after.count() > 0) response.headers.emplace_back("Retry-After", std::to_string(retry_after.count()));
  return response;
}

Response signed_in(const Services& services, const auth::LoginResult& login) {
  Response response = json_response(session_json(login.identity, services.auth->mode()));
  response.headers.emplace_back("Set-Cookie", services.auth->session_cookie(login.token));
  no_store(response);
  return response;
}

}  // namespace

Response post_login(const Request& request, const PathParams&, const Services& services) {
  if (services.auth == nullptr) return error_response(make_error(errc::unauthorized, "this server has no user accounts"));
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  auto body = JsonBody::parse(request, {"username", "password"});
  if (!body) return error_response(body.error());
  auto name = body->required("username");
  if (!name) return error_response(name.error());
  auto password = body->required("password");
  if (!password) return error_response(password.error());
  // A session cookie sent along (fixation attempt or an old login) is never reused: it ends here.
  const std::string_view old_token = auth::Authenticator::token_from_cookies(request.header("cookie"));
  if (!old_token.empty()) (void)services.auth->logout(old_token);
  std::chrono::seconds retry_after{0};
  auto login = services.auth->login(*name, *password, request.remote_address, &retry_after);
  if (!login) return throttled(login.error(), retry_after);
  return signed_in(services, *login);
}

Response post_logout(const Request& request, const PathParams&, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  const std::string_view token = auth::Authenticator::token_from_cookies(request.header("cookie"));
  if (auto ended = services.auth->logout(token); !ended) return error_response(ended.error());
  Response response = json_response(R"({"signed_out":true})");
  response.headers.emplace_back("Set-Cookie", services.auth->clearing_cookie());
  no_store(response);
  return response;
}

Response get_me(const Request& request, const PathParams&, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  if (services.auth == nullptr || !request.identity) {
    // Not signed in is an answer, not an error: the mode tells the dashboard whether it may show
    // market data before a login.
    JsonWriter json;
    json.begin_object().key("user").null().key("csrf_token").null();
    json.key("mode").value(services.auth == nullptr ? "none" : auth::to_string(services.auth->mode()));
    json.end_object();
    Response response = json_response(json.take());
    no_store(response);
    return response;
  }
  Response response = json_response(session_json(*request.identity, services.auth->mode()));
  no_store(response);
  return response;
}

Response post_password(const Request& request, const PathParams&, const Services& services) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  auto body = JsonBody::parse(request, {"current_password", "new_password"});
  if (!body) return error_response(body.error());
  auto current = body->required("current_password");
  if (!current) return error_response(current.error());
  auto next = body->required("new_password");
  if (!next) return error_response(next.error());
  std::chrono::seconds retry_after{0};
  auto changed = services.auth->change_password(*request.identity, *current, *next, request.remote_address, &retry_after);
  if (!changed) {
    if (changed.error().code == auth::errc::weak_password) {
      return error_response(make_error(errc::invalid_parameter, "body member 'new_password': " + changed.error().message));
    }
    if (changed.error().code == auth::errc::invalid_credentials) {
      // The session stays valid: a 401 here would read as "signed out" to clients.
      return error_response(make_error(errc::forbidden, "body member 'current_password': wrong password"));
    }
    return throttled(changed.error(), retry_after);
  }
  return signed_in(services, *changed);
}

}  // namespace streams::api
