#include "requests.hpp"

#include <new>

namespace hpcpat::pmpi {

RequestSet::~RequestSet() {
  delete[] slots_;
}

bool RequestSet::put(const TrackedRequest &r) noexcept {
  if (slots_ == nullptr) {
    slots_ = new (std::nothrow) TrackedRequest[kSlots];
    if (slots_ == nullptr) return false;
  }
  for (std::uint32_t i = home(r.key);; i = (i + 1) & (kSlots - 1)) {
    if (slots_[i].key == r.key) {
      slots_[i] = r;
      return true;
    }
    if (slots_[i].key == 0) {
      if (size_ >= kLimit) return false;
      slots_[i] = r;
      ++size_;
      return true;
    }
  }
}

const TrackedRequest *RequestSet::find(std::uintptr_t key) const noexcept {
  if (size_ == 0) return nullptr;
  for (std::uint32_t i = home(key);; i = (i + 1) & (kSlots - 1)) {
    if (slots_[i].key == key) return &slots_[i];
    if (slots_[i].key == 0) return nullptr;
  }
}

void RequestSet::erase(std::uintptr_t key) noexcept {
  if (size_ == 0) return;
  std::uint32_t i = home(key);
  while (slots_[i].key != key) {
    if (slots_[i].key == 0) return;
    i = (i + 1) & (kSlots - 1);
  }
  // Backward-shift deletion: move later members of the probe run into the hole when their home
  // lies at or before it, so lookups never need tombstones.
  std::uint32_t hole = i;
  for (std::uint32_t j = (hole + 1) & (kSlots - 1); slots_[j].key != 0;
       j = (j + 1) & (kSlots - 1)) {
    const std::uint32_t h = home(slots_[j].key);
    const bool movable = (hole <= j) ? (h <= hole || h > j) : (h <= hole && h > j);
    if (movable) {
      slots_[hole] = slots_[j];
      hole = j;
    }
  }
  slots_[hole] = TrackedRequest{};
  --size_;
}

}  // namespace hpcpat::pmpi
