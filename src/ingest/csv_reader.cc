#include "ingest/csv_reader.h"

#include <fmt/format.h>
#include <zlib.h>

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

Result<std::string> read_file(const std::filesystem::path& file) {
  std::unique_ptr<std::FILE, FileCloser> handle(std::fopen(file.c_str(), "rb"));
  if (!handle) {
    return make_error(errc::io_error, fmt::format("{}: cannot open: {}", file.string(), std::strerror(errno)));
  }
  std::string data;
  char buffer[1 << 16];
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
