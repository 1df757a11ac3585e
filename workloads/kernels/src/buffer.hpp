// Message buffers placed as the benchmark being reproduced places them, because placement changes
// copy speed (measured here, Open MPI shared memory, reduce 4-64 KiB: 16-byte-aligned buffers
// 7-10 % slower than page-aligned ones), so both sides of a comparison must agree on it:
//  - page: page-aligned, as OSU allocates them (the default);
//  - mpi_alloc_mem: from MPI_Alloc_mem at whatever address the MPI returns, as IMB allocates
//    them (Open MPI and MPICH hand out heap memory: 16-byte aligned, anywhere within a page).
// Either way every byte is written once before timing, so no page is first touched while timed.
#pragma once

#include <mpi.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <span>

namespace hpcpat::kernels {

enum class Placement { page, mpi_alloc_mem };

class Buffer {
 public:
  explicit Buffer(std::size_t bytes, Placement placement = Placement::page)
      : data_(nullptr, Free{placement}), size_(bytes) {
    const std::size_t n = std::max<std::size_t>(bytes, 1);
    void *p = nullptr;
    if (placement == Placement::page) {
      constexpr std::size_t kAlign = 4096;
      p = std::aligned_alloc(kAlign, (n + kAlign - 1) / kAlign * kAlign);
    } else if (MPI_Alloc_mem(static_cast<MPI_Aint>(n), MPI_INFO_NULL, &p) != MPI_SUCCESS) {
      p = nullptr;
    }
    if (p == nullptr) throw std::bad_alloc();
    data_.reset(static_cast<std::byte *>(p));
    std::memset(data_.get(), 'a', n);  // OSU's fill: touches every page before timing
  }
  std::byte *data() { return data_.get(); }
  const std::byte *data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  std::span<std::byte> bytes(std::size_t offset, std::size_t n) { return {data() + offset, n}; }
  std::span<float> floats(std::size_t n) { return {reinterpret_cast<float *>(data()), n}; }

 private:
  struct Free {
    Placement placement;
    void operator()(std::byte *p) const {
      if (placement == Placement::page) {
        std::free(p);
      } else {
        MPI_Free_mem(p);
      }
    }
  };
  std::unique_ptr<std::byte, Free> data_;
  std::size_t size_;
};

}  // namespace hpcpat::kernels
