#pragma once
// Content types of the dashboard's static files, by extension.

#include <string_view>

namespace streams::server {

// "text/html; charset=utf-8" for ".html", …; "application/octet-stream" for anything unknown.
// `extension` includes the dot and is matched case-insensitively.
std::string_view content_type_for(std::string_view extension);

// Whether a response of this content type is worth compressing (text, JSON, JS, SVG, …).
bool compressible(std::string_view content_type);

}  // namespace streams::server
