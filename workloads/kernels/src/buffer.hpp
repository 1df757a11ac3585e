// Page-aligned message buffers, as OSU allocates them (alignment changes copy speed, so both
// benchmarks must agree on it to compare).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <span>

namespace hpcpat::kernels {

class Buffer {
 public:
  explicit Buffer(std::size_t bytes) : size_(bytes) {
    constexpr std::size_t kAlign = 4096;
    const std::size_t rounded = (std::max<std::size_t>(bytes, 1) + kAlign - 1) / kAlign * kAlign;
    data_.reset(static_cast<std::byte *>(std::aligned_alloc(kAlign, rounded)));
    if (!data_) throw std::bad_alloc();
    std::memset(data_.get(), 'a', rounded);  // OSU's fill: touches every page before timing
  }
  std::byte *data() { return data_.get(); }
  const std::byte *data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  std::span<std::byte> bytes(std::size_t offset, std::size_t n) { return {data() + offset, n}; }
  std::span<float> floats(std::size_t n) { return {reinterpret_cast<float *>(data()), n}; }

 private:
  struct Free {
    void operator()(std::byte *p) const { std::free(p); }
  };
  std::unique_ptr<std::byte, Free> data_;
  std::size_t size_;
};

}  // namespace hpcpat::kernels
