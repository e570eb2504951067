#include "server/encoding.h"

#include <zlib.h>

#include <charconv>
#include <stdexcept>

namespace streams::server {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// The q-value of "gzip;q=0.5" → 0.5; 1 when absent; 0 when malformed.
double q_value(std::string_view params) {
  while (!params.empty()) {
    const std::size_t semi = params.find(';');
    const std::string_view param = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      const std::string_view number = param.substr(2);
      double q = 0;
      auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), q);
      if (ec != std::errc() || ptr != number.data() + number.size()) return 0;
      return q;
    }
  }
  return 1;
}

}  // namespace

bool accepts_encoding(std::string_view accept_encoding, std::string_view coding) {
  bool star = false;
  while (!accept_encoding.empty()) {
    const std::size_t comma = accept_encoding.find(',');
    const std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const std::size_t semi = item.find(';');
    const std::string_view token = trim(item.substr(0, semi));
    const double q = semi == std::string_view::npos ? 1.0 : q_value(item.substr(semi + 1));
    if (iequals(token, coding)) return q > 0;  // an explicit entry decides
    if (token == "*") star = q > 0;
  }
  return star;
}

std::string gzip_compress(std::string_view data, int level) {
  z_stream stream{};
  // windowBits 15 + 16: a gzip wrapper instead of zlib's.
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out;
  out.resize(deflateBound(&stream, static_cast<uLong>(data.size())) + 32);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));  // NOLINT: zlib's API is not const
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  out.resize(stream.total_out);
  return out;
}

}  // namespace streams::server
