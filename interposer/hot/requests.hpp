// The requests a thread must recognise when they complete or start: nonblocking receives (bytes
// come from the completion status), persistent receives, and persistent sends (bytes and partner
// counted at each MPI_Start). Send requests are never tracked, so a send status is never read.
//
// One open-addressing set per thread (single writer: no locks, no atomics), keyed by the request
// handle, with backward-shift deletion (no tombstones). Bounded: when full, new requests go
// untracked and are counted in hot_path_notes(). A request completed or started on another thread
// than the one that created it is not recognised there (its receive bytes are lost; noted in the
// docs); creating any other request erases a stale entry of the same handle, so a recycled handle
// is never mistaken for a receive.
#pragma once

#include <mpi.h>

#include <cstdint>
#include <type_traits>

namespace hpcpat::pmpi {

enum class ReqKind : std::uint8_t { recv, persistent_recv, persistent_send };

inline bool is_receive(ReqKind k) {
  return k != ReqKind::persistent_send;
}

template <class Handle>
inline std::uintptr_t handle_key(Handle h) noexcept {
  if constexpr (std::is_pointer_v<Handle>) {
    return reinterpret_cast<std::uintptr_t>(h);
  } else {
    return static_cast<std::uintptr_t>(static_cast<std::uint32_t>(h)) + 1;  // never 0
  }
}

struct TrackedRequest {
  std::uintptr_t key = 0;        // 0: empty slot
  std::uint64_t bytes = 0;       // persistent sends: bytes per start
  std::int32_t world_peer = -1;  // persistent sends: partner (world rank), -1 none
  ReqKind kind = ReqKind::recv;
};

class RequestSet {
 public:
  static constexpr std::uint32_t kSlots = 4096;            // power of two
  static constexpr std::uint32_t kLimit = kSlots * 3 / 4;  // keeps probe sequences short

  RequestSet() = default;
  RequestSet(const RequestSet &) = delete;
  RequestSet &operator=(const RequestSet &) = delete;
  ~RequestSet();

  bool empty() const noexcept { return size_ == 0; }
  std::uint32_t size() const noexcept { return size_; }

  // Inserts or replaces. False when the set is full or its memory could not be allocated.
  bool put(const TrackedRequest &r) noexcept;
  const TrackedRequest *find(std::uintptr_t key) const noexcept;
  void erase(std::uintptr_t key) noexcept;

 private:
  static std::uint32_t home(std::uintptr_t key) noexcept {
    return static_cast<std::uint32_t>((key * 0x9E3779B97F4A7C15ull) >> 52) & (kSlots - 1);
  }
  TrackedRequest *slots_ = nullptr;  // allocated on first put
  std::uint32_t size_ = 0;
};

}  // namespace hpcpat::pmpi
