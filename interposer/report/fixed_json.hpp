// A minimal JSON emitter into a caller-provided, preallocated buffer: no allocation, no locks, no
// stdio, so the fault paths can use it inside a signal handler. Numbers go through std::to_chars,
// which libstdc++ implements without allocation or locale (not on POSIX's list of
// async-signal-safe functions, but a pure function of its arguments). Commas are managed by the
// caller-visible nesting: `key()` and the value functions insert them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hpcpat::pmpi::report {

class FixedJson {
 public:
  FixedJson(char *buf, std::size_t cap) noexcept : buf_(buf), cap_(cap) {}

  void begin_object() noexcept { open('{'); }
  void end_object() noexcept { close('}'); }
  void begin_array() noexcept { open('['); }
  void end_array() noexcept { close(']'); }

  void key(const char *k) noexcept;  // "k": (the next value follows without a comma)

  void string(const char *s) noexcept;  // escaped
  void uint(std::uint64_t v) noexcept;
  void sint(std::int64_t v) noexcept;
  void number(double v) noexcept;  // shortest round-trip form; NaN/inf become 0
  void boolean(bool v) noexcept;
  void null() noexcept;
  // Pastes a JSON fragment that the caller formatted earlier (outside the signal handler) as the
  // members of the object currently open: `"a":1,"b":2` without braces.
  void members(const char *fragment) noexcept;

  bool ok() const noexcept { return !overflow_ && depth_ == 0; }
  const char *data() const noexcept { return buf_; }
  std::size_t size() const noexcept { return len_; }

 private:
  void open(char c) noexcept;
  void close(char c) noexcept;
  void before_value() noexcept;
  void put(char c) noexcept;
  void put(const char *s, std::size_t n) noexcept;
  void put_string(const char *s) noexcept;  // quoted and escaped, no comma handling

  static constexpr int kMaxDepth = 32;
  char *buf_;
  std::size_t cap_;
  std::size_t len_ = 0;
  bool overflow_ = false;
  int depth_ = 0;
  bool first_[kMaxDepth] = {};
  bool after_key_ = false;
};

}  // namespace hpcpat::pmpi::report
