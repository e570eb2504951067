#pragma once
// The OpenAPI document (src/api/schema/openapi.json), compiled into the binary by a CMake step.

#include <string_view>

namespace streams::api {

std::string_view openapi_document();

}  // namespace streams::api
