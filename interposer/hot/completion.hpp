// Wait/Test families and MPI_Start(all): which of the requests are tracked receives (their bytes
// come from the completion status) or persistent sends (counted at each start).
//
// Templates over a language policy: CApi here, FApi in fortran.hpp (Fortran handles, 1-based
// indices, MPI_F_STATUS(ES)_IGNORE). When the caller ignores statuses but a tracked receive is
// among the requests, a local status array is passed down instead, so the caller's ignored
// status is never written and the bytes can still be read. Nothing is tracked -> nothing extra.
#pragma once

#include <mpi.h>

#include <cstdint>
#include <cstdlib>

#include "booking.hpp"
#include "bytes.hpp"
#include "record.hpp"

namespace hpcpat::pmpi {

struct CApi {
  using Req = MPI_Request;
  using Status = MPI_Status;
  static constexpr int kStride = 1;  // Status elements per status
  static MPI_Request req(Req r) noexcept { return r; }
  static bool ignored_one(const Status *s) noexcept { return s == MPI_STATUS_IGNORE; }
  static bool ignored_all(const Status *s) noexcept { return s == MPI_STATUSES_IGNORE; }
  static std::uint64_t bytes(const Status *s) noexcept { return status_bytes(s); }
  static int value(int v) noexcept { return v; }
  static int index(int i) noexcept { return i; }  // 0-based already
};

// One request of a Wait/Test call that this thread tracks.
struct Pending {
  int pos;
  TrackedRequest entry;
};

// Tracked requests among array_of_requests[0..n), in a small inline buffer (heap beyond).
class PendingList {
 public:
  PendingList() = default;
  PendingList(const PendingList &) = delete;
  PendingList &operator=(const PendingList &) = delete;
  ~PendingList() {
    if (items_ != inline_) std::free(items_);
  }

  template <class L>
  void scan(const RequestSet &set, const typename L::Req *reqs, int n) noexcept {
    if (set.empty()) return;
    for (int i = 0; i < n; ++i) {
      const TrackedRequest *t = set.find(handle_key(L::req(reqs[i])));
      if (t != nullptr) push({i, *t});
    }
  }
  bool any_receive() const noexcept {
    for (int i = 0; i < size_; ++i) {
      if (is_receive(items_[i].entry.kind)) return true;
    }
    return false;
  }
  const Pending *at_pos(int pos) const noexcept {
    for (int i = 0; i < size_; ++i) {
      if (items_[i].pos == pos) return &items_[i];
    }
    return nullptr;
  }
  int size() const noexcept { return size_; }
  const Pending &operator[](int i) const noexcept { return items_[i]; }

 private:
  void push(const Pending &p) noexcept {
    if (size_ == cap_) {
      const int cap = cap_ * 4;
      auto *grown = static_cast<Pending *>(std::malloc(sizeof(Pending) * cap));
      if (grown == nullptr) return;  // drop: bytes of this request are lost, never wrong
      for (int i = 0; i < size_; ++i) grown[i] = items_[i];
      if (items_ != inline_) std::free(items_);
      items_ = grown;
      cap_ = cap;
    }
    items_[size_++] = p;
  }
  Pending inline_[8];
  Pending *items_ = inline_;
  int size_ = 0;
  int cap_ = 8;
};

// Status storage handed to PMPI when the caller ignores statuses but we need them.
template <class L>
class LocalStatuses {
 public:
  LocalStatuses(typename L::Status *callers, bool ignored, bool needed, int n) noexcept
      : ptr_(callers) {
    if (!ignored || !needed) return;
    const std::size_t elems = static_cast<std::size_t>(n) * L::kStride;
    if (elems <= sizeof inline_ / sizeof inline_[0]) {
      ptr_ = inline_;
    } else if (auto *p = static_cast<typename L::Status *>(
                   std::malloc(elems * sizeof(typename L::Status)));
               p != nullptr) {
      ptr_ = heap_ = p;
    }
    local_ = ptr_ != callers;
  }
  ~LocalStatuses() {
    if (heap_ != nullptr) std::free(heap_);
  }
  LocalStatuses(const LocalStatuses &) = delete;
  LocalStatuses &operator=(const LocalStatuses &) = delete;
  typename L::Status *get() const noexcept { return ptr_; }
  // Statuses are readable (ours, or the caller's real ones).
  bool readable(bool caller_ignored) const noexcept { return local_ || !caller_ignored; }
  typename L::Status *at(int i) const noexcept {
    return ptr_ + static_cast<std::size_t>(i) * L::kStride;
  }

 private:
  typename L::Status inline_[16 * L::kStride];
  typename L::Status *ptr_;
  typename L::Status *heap_ = nullptr;
  bool local_ = false;
};

// A tracked request completed with `status` (null: unreadable): its bytes; forget one-shot ones.
template <class L>
std::uint64_t finish(ThreadState &s, const TrackedRequest &t,
                     const typename L::Status *status) noexcept {
  std::uint64_t bytes = 0;
  if (is_receive(t.kind) && status != nullptr) bytes = L::bytes(status);
  if (t.kind == ReqKind::recv) s.requests.erase(t.key);
  return bytes;
}

// The shape every Wait/Test wrapper shares: find this thread's tracked requests among
// reqs[0..n), hand PMPI statuses we can read (`slots` of them, standing in for the caller's
// `statuses` when those are ignored), call PMPI, then record the call with the bytes that
// `completed(pending, statuses)` counts -- asked only when PMPI succeeded -- and the time since the
// wrapper's entry t0 (the scans and statuses are the caller's wait too: booking.hpp). Inlined:
// the lambdas cost nothing over writing each wrapper out.
template <class L, class Call, class Completed>
int timed_completion(ThreadState &s, CallId id, Ticks t0, const typename L::Req *reqs, int n,
                     typename L::Status *statuses, bool ignored, int slots, Call call,
                     Completed completed) noexcept {
  int rc = MPI_SUCCESS;
  std::uint64_t bytes = 0;
  {  // destroyed before the booking: their clean-up is the caller's wait too
    PendingList p;
    p.scan<L>(s.requests, reqs, n);
    LocalStatuses<L> st(statuses, ignored, p.any_receive(), slots);
    rc = call(st.get());
    if (rc == MPI_SUCCESS) bytes = completed(p, st);
  }
  record_since(s, id, t0, bytes);
  return rc;
}

// Wait and Test (`flag` null for Wait): one request, one status.
template <class L, class Call>
int complete_one(ThreadState &s, CallId id, Ticks t0, typename L::Req *request, const int *flag,
                 typename L::Status *status, Call call) noexcept {
  const bool ignored = L::ignored_one(status);
  return timed_completion<L>(
      s, id, t0, request, 1, status, ignored, 1, call,
      [&](const PendingList &p, const LocalStatuses<L> &st) -> std::uint64_t {
        if ((flag != nullptr && *flag == 0) || p.size() == 0) return 0;
        return finish<L>(s, p[0].entry, st.readable(ignored) ? st.get() : nullptr);
      });
}

template <class L, class Call>
int complete_wait(ThreadState &s, CallId id, Ticks t0, typename L::Req *request, typename L::Status *status,
                  Call call) noexcept {
  return complete_one<L>(s, id, t0, request, nullptr, status, call);
}

template <class L, class Call>
int complete_test(ThreadState &s, CallId id, Ticks t0, typename L::Req *request, int *flag,
                  typename L::Status *status, Call call) noexcept {
  return complete_one<L>(s, id, t0, request, flag, status, call);
}

// Waitany and Testany (`flag` null for Waitany): the request at *index completed, if any.
template <class L, class Count, class Call>
int complete_any(ThreadState &s, CallId id, Ticks t0, Count count, typename L::Req *reqs, const int *index,
                 const int *flag, typename L::Status *status, Call call) noexcept {
  const bool ignored = L::ignored_one(status);
  return timed_completion<L>(
      s, id, t0, reqs, L::value(count), status, ignored, 1, call,
      [&](const PendingList &p, const LocalStatuses<L> &st) -> std::uint64_t {
        if ((flag != nullptr && *flag == 0) || *index == MPI_UNDEFINED) return 0;
        const Pending *q = p.at_pos(L::index(*index));
        if (q == nullptr) return 0;
        return finish<L>(s, q->entry, st.readable(ignored) ? st.get() : nullptr);
      });
}

template <class L, class Count, class Call>
int complete_waitany(ThreadState &s, CallId id, Ticks t0, Count count, typename L::Req *reqs, int *index,
                     typename L::Status *status, Call call) noexcept {
  return complete_any<L>(s, id, t0, count, reqs, index, nullptr, status, call);
}

template <class L, class Count, class Call>
int complete_testany(ThreadState &s, CallId id, Ticks t0, Count count, typename L::Req *reqs, int *index,
                     int *flag, typename L::Status *status, Call call) noexcept {
  return complete_any<L>(s, id, t0, count, reqs, index, flag, status, call);
}

// Waitall and Testall (`flag` null for Waitall): every request completes, or (Testall returning
// *flag == 0) none does.
template <class L, class Count, class Call>
int complete_every(ThreadState &s, CallId id, Ticks t0, Count count, typename L::Req *reqs, const int *flag,
                   typename L::Status *statuses, Call call) noexcept {
  const int n = L::value(count);
  const bool ignored = L::ignored_all(statuses);
  return timed_completion<L>(
      s, id, t0, reqs, n, statuses, ignored, n, call,
      [&](const PendingList &p, const LocalStatuses<L> &st) -> std::uint64_t {
        if (flag != nullptr && *flag == 0) return 0;
        std::uint64_t bytes = 0;
        for (int i = 0; i < p.size(); ++i) {
          bytes += finish<L>(s, p[i].entry, st.readable(ignored) ? st.at(p[i].pos) : nullptr);
        }
        return bytes;
      });
}

template <class L, class Count, class Call>
int complete_waitall(ThreadState &s, CallId id, Ticks t0, Count count, typename L::Req *reqs,
                     typename L::Status *statuses, Call call) noexcept {
  return complete_every<L>(s, id, t0, count, reqs, nullptr, statuses, call);
}

template <class L, class Count, class Call>
int complete_testall(ThreadState &s, CallId id, Ticks t0, Count count, typename L::Req *reqs, int *flag,
                     typename L::Status *statuses, Call call) noexcept {
  return complete_every<L>(s, id, t0, count, reqs, flag, statuses, call);
}

// Waitsome and Testsome: statuses[i] belongs to array_of_indices[i], not to the request index.
template <class L, class Count, class Call>
int complete_waitsome(ThreadState &s, CallId id, Ticks t0, Count incount, typename L::Req *reqs,
                      int *outcount, int *indices, typename L::Status *statuses,
                      Call call) noexcept {
  const int n = L::value(incount);
  const bool ignored = L::ignored_all(statuses);
  return timed_completion<L>(
      s, id, t0, reqs, n, statuses, ignored, n, call,
      [&](const PendingList &p, const LocalStatuses<L> &st) -> std::uint64_t {
        if (*outcount == MPI_UNDEFINED || p.size() == 0) return 0;
        const bool readable = st.readable(ignored);
        std::uint64_t bytes = 0;
        for (int i = 0; i < *outcount; ++i) {
          if (const Pending *q = p.at_pos(L::index(indices[i])); q != nullptr) {
            bytes += finish<L>(s, q->entry, readable ? st.at(i) : nullptr);
          }
        }
        return bytes;
      });
}

// MPI_Start / MPI_Startall: persistent sends count their bytes and partner at every start.
template <class L>
std::uint64_t started(ThreadState &s, const typename L::Req *reqs, int n) noexcept {
  if (s.requests.empty()) return 0;
  std::uint64_t bytes = 0;
  for (int i = 0; i < n; ++i) {
    const TrackedRequest *t = s.requests.find(handle_key(L::req(reqs[i])));
    if (t == nullptr || t->kind != ReqKind::persistent_send) continue;
    bytes += t->bytes;
    add_peer(s, t->world_peer, t->bytes);
  }
  return bytes;
}

inline void track_request(ThreadState &s, MPI_Request r, ReqKind kind, std::uint64_t bytes = 0,
                          int world_peer = -1) noexcept {
  if (r == MPI_REQUEST_NULL) return;
  TrackedRequest t;
  t.key = handle_key(r);
  t.kind = kind;
  t.bytes = bytes;
  t.world_peer = world_peer;
  if (!s.requests.put(t)) g_untracked_requests.fetch_add(1, std::memory_order_relaxed);
}

inline void forget_request(ThreadState &s, MPI_Request r) noexcept {
  if (!s.requests.empty()) s.requests.erase(handle_key(r));
}

}  // namespace hpcpat::pmpi
