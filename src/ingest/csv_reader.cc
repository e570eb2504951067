#include "ingest/csv_reader.h"

#include <fmt/format.h>
#include <zlib.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>

#include "ingest/errc.h"

namespace streams::ingest {
namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

Result<std::string> gunzip(const std::filesystem::path& file, std::string_view compressed) {
  z_stream stream{};
  // 16 + MAX_WBITS: expect a gzip header.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    return make_error(errc::io_error, fmt::format("{}: cannot initialise zlib", file.string()));
  }
  std::string out;
  out.resize(compressed.size() * 4 + 4096);
  // zlib's API is not const-correct; it never writes through next_in.
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::size_t produced = 0;
  int rc = Z_OK;
  while (true) {
    if (produced == out.size()) out.resize(out.size() * 2);
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    stream.avail_out = static_cast<uInt>(out.size() - produced);
    rc = inflate(&stream, Z_NO_FLUSH);
    produced = out.size() - stream.avail_out;
    if (rc == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      inflateReset(&stream);  // another gzip member follows (as `cat a.gz b.gz` makes)
      continue;
    }
    if (rc == Z_BUF_ERROR && stream.avail_in == 0) break;  // input ended inside the stream
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
  }
  const std::string why = stream.msg != nullptr ? stream.msg : "";
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) {
    const std::string detail = rc == Z_BUF_ERROR ? "unexpected end of the compressed data"
                                                 : (why.empty() ? fmt::format("zlib error {}", rc) : why);
    return make_error(errc::io_error, fmt::format("{}:1:1: corrupt gzip data: {}", file.string(), detail));
  }
  out.resize(produced);
  return out;
}

}  // namespace

// Decimal text to double, correctly rounded. Plain decimals of at most 15 significant digits
// (every price and volume in practice) take Clinger's exact fast path: the digits as an integer
// m < 2^53 and a power of ten 10^k with k <= 22 are both exact doubles, so one IEEE division
// rounds m / 10^k correctly — the same double std::from_chars returns, in a fraction of its time.
// Everything else goes to std::from_chars.
bool parse_double(std::string_view t, double& out) {
  static constexpr std::array<double, 23> powers{1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  constexpr int max_exact_digits = 15;
  const char* p = t.data();
  const char* const end = p + t.size();
  const bool negative = p != end && *p == '-';
  if (negative) ++p;
  std::uint64_t mantissa = 0;
  int digits = 0;
  int fraction = 0;
  while (p != end && static_cast<unsigned>(*p - '0') < 10U) {
    mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
    ++p;
    ++digits;
  }
  if (p != end && *p == '.') {
    ++p;
    while (p != end && static_cast<unsigned>(*p - '0') < 10U) {
      mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
      ++p;
      ++digits;
      ++fraction;
    }
  }
  if (p == end && digits > 0 && digits <= max_exact_digits) {
    const double value = static_cast<double>(mantissa) / powers[static_cast<std::size_t>(fraction)];
    out = negative ? -value : value;
    return true;
  }
  auto [ptr, ec] = std::from_chars(t.data(), end, out);
  return !t.empty() && ec == std::errc() && ptr == end;
}

Result<std::string> read_file(const std::filesystem::path& file) {
  std::unique_ptr<std::FILE, FileCloser> handle(std::fopen(file.c_str(), "rb"));
  if (!handle) {
    return make_error(errc::io_error, fmt::format("{}: cannot open: {}", file.string(), std::strerror(errno)));
  }
  std::string data;
  std::error_code size_error;
  const auto size = std::filesystem::file_size(file, size_error);
  data.resize(size_error ? 0 : static_cast<std::size_t>(size));
  std::size_t filled = data.empty() ? 0 : std::fread(data.data(), 1, data.size(), handle.get());
  data.resize(filled);
  char buffer[1 << 14];  // whatever the file grew by since its size was read (or a pipe)
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, handle.get())) > 0) data.append(buffer, n);
  if (std::ferror(handle.get()) != 0) {
    return make_error(errc::io_error, fmt::format("{}: read error: {}", file.string(), std::strerror(errno)));
  }
  if (data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f && static_cast<unsigned char>(data[1]) == 0x8b) {
    return gunzip(file, data);
  }
  if (file.extension() == ".gz") {
    return make_error(errc::io_error, fmt::format("{}:1:1: corrupt gzip data: not a gzip stream", file.string()));
  }
  return data;
}

CsvReader::CsvReader(std::string_view data) : data_(data) {
  if (data_.starts_with(utf8_bom)) pos_ = utf8_bom.size();
}

Result<bool> CsvReader::next(std::vector<CsvField>& fields) {
  fields.clear();
  unescaped_.clear();
  while (pos_ < data_.size()) {
    const char* begin = data_.data() + pos_;
    const std::size_t remaining = data_.size() - pos_;
    const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', remaining));
    const std::size_t length = newline != nullptr ? static_cast<std::size_t>(newline - begin) : remaining;
    std::string_view line(begin, length);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line_ = next_line_;
    if (line.empty()) {
      pos_ += length + (newline != nullptr ? 1 : 0);
      ++next_line_;
      continue;
    }
    if (line.find('"') == std::string_view::npos) {  // the fast path: no quoting on this line
      std::size_t start = 0;
      while (true) {
        const std::size_t comma = line.find(',', start);
        if (comma == std::string_view::npos) {
          fields.push_back({line.substr(start), static_cast<int>(start + 1)});
          break;
        }
        fields.push_back({line.substr(start, comma - start), static_cast<int>(start + 1)});
        start = comma + 1;
      }
      end_column_ = static_cast<int>(line.size() + 1);
      pos_ += length + (newline != nullptr ? 1 : 0);
      ++next_line_;
      return true;
    }
    break;
  }
  if (pos_ >= data_.size()) return false;

  // Quoted fields, possibly spanning lines.
  std::size_t i = pos_;
  int column = 1;
  const auto at_record_end = [&](std::size_t k) {
    return k >= data_.size() || data_[k] == '\n' || (data_[k] == '\r' && (k + 1 >= data_.size() || data_[k + 1] == '\n'));
  };
  while (true) {
    const int field_column = column;
    if (i < data_.size() && data_[i] == '"') {
      const int quote_line = next_line_;
      std::string value;
      ++i;
      ++column;
      while (true) {
        if (i >= data_.size()) {
          return make_error(errc::malformed_row,
                            fmt::format("{}:{}: unterminated quoted field", quote_line, field_column));
        }
        const char c = data_[i];
        if (c == '"') {
          if (i + 1 < data_.size() && data_[i + 1] == '"') {
            value += '"';
            i += 2;
            column += 2;
            continue;
          }
          ++i;
          ++column;
          break;
        }
        value += c;
        ++i;
        if (c == '\n') {
          ++next_line_;
          column = 1;
        } else {
          ++column;
        }
      }
      if (!at_record_end(i) && data_[i] != ',') {
        return make_error(errc::malformed_row,
                          fmt::format("{}:{}: unexpected character after a closing quote", next_line_, column));
      }
      unescaped_.push_back(std::move(value));
      fields.push_back({unescaped_.back(), field_column});
    } else {
      const std::size_t start = i;
      while (!at_record_end(i) && data_[i] != ',') ++i;
      fields.push_back({data_.substr(start, i - start), field_column});
      column += static_cast<int>(i - start);
    }
    if (i < data_.size() && data_[i] == ',') {
      ++i;
      ++column;
      continue;
    }
    end_column_ = column;
    if (i < data_.size() && data_[i] == '\r') ++i;
    if (i < data_.size() && data_[i] == '\n') ++i;
    ++next_line_;
    pos_ = i;
    return true;
  }
}

}  // namespace streams::ingest
