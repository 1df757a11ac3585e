#include "fixed_json.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace hpcpat::pmpi::report {

void FixedJson::put(char c) noexcept {
  if (len_ + 1 > cap_) {
    overflow_ = true;
    return;
  }
  buf_[len_++] = c;
}

void FixedJson::put(const char *s, std::size_t n) noexcept {
  if (len_ + n > cap_) {
    overflow_ = true;
    return;
  }
  std::memcpy(buf_ + len_, s, n);
  len_ += n;
}

void FixedJson::before_value() noexcept {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ > 0) {
    if (!first_[depth_ - 1]) put(',');
    first_[depth_ - 1] = false;
  }
}

void FixedJson::open(char c) noexcept {
  before_value();
  put(c);
  if (depth_ >= kMaxDepth) {
    overflow_ = true;
    return;
  }
  first_[depth_++] = true;
}

void FixedJson::close(char c) noexcept {
  if (depth_ > 0) --depth_;
  put(c);
}

void FixedJson::key(const char *k) noexcept {
  before_value();
  put_string(k);
  put(':');
  after_key_ = true;
}

void FixedJson::string(const char *s) noexcept {
  before_value();
  put_string(s);
}

void FixedJson::put_string(const char *s) noexcept {
  static constexpr char kHex[] = "0123456789abcdef";
  put('"');
  for (const char *p = s; p != nullptr && *p != '\0'; ++p) {
    const auto u = static_cast<unsigned char>(*p);
    if (u == '"' || u == '\\') {
      put('\\');
      put(*p);
    } else if (u < 0x20) {
      const char esc[6] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 15]};
      put(esc, sizeof esc);
    } else {
      put(*p);
    }
  }
  put('"');
}

void FixedJson::uint(std::uint64_t v) noexcept {
  before_value();
  char tmp[24];
  const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
  put(tmp, static_cast<std::size_t>(r.ptr - tmp));
}

void FixedJson::sint(std::int64_t v) noexcept {
  before_value();
  char tmp[24];
  const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
  put(tmp, static_cast<std::size_t>(r.ptr - tmp));
}

void FixedJson::number(double v) noexcept {
  before_value();
  if (!std::isfinite(v)) v = 0.0;
  char tmp[40];
  const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
  put(tmp, static_cast<std::size_t>(r.ptr - tmp));
}

void FixedJson::boolean(bool v) noexcept {
  before_value();
  if (v)
    put("true", 4);
  else
    put("false", 5);
}

void FixedJson::null() noexcept {
  before_value();
  put("null", 4);
}

void FixedJson::members(const char *fragment) noexcept {
  const std::size_t n = std::strlen(fragment);
  if (n == 0) return;
  before_value();
  put(fragment, n);
}

}  // namespace hpcpat::pmpi::report
