// Ground truth for the interposer's fidelity: programs whose MPI time, thread count, bytes and
// exit are known by construction, each measured by the program's own clock (steady_clock around
// MPI calls, or around loops that do nothing but MPI calls). Every rank writes its truth to
// <TRUTH_PREFIX>.rank<N> as "key value" lines for check_fidelity.py:
//   mpi_s     the rank's time inside MPI, summed over its threads
//   app_s     MPI_Init returning to MPI_Finalize being entered
//   threads   threads that made an MPI call in that window
//   plus scenario facts (expect.<call>.bytes, exit_code, ...).
//
// usage: fidelity SCENARIO TRUTH_PREFIX
//   poll        rank 1 polls MPI_Test, then MPI_Iprobe, while rank 0 computes
//   pingpong    a tight 8-byte ping-pong, then a little computation
//   short_work  bursts of MPI_Iprobe with 1 us of the application's work between them
//   threads     MPI_THREAD_MULTIPLE: 4 worker threads exchange and compute, main thread idle
//   first_send  the first send and the first thread of a run (run it with a large matrix cap)
//   big_type    one element of a 2^31-byte contiguous type, sent and received
//   comms       a round robin over 12 communicators
//   cart        neighbourhood collectives on a non-periodic Cartesian line
//   init_skew   how far apart the ranks leave MPI_Init (the first barrier's wait, per rank)
//   no_finalize MPI calls, then exit(3) without MPI_Finalize
#include <mpi.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "hpcpat/contract.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

void spin(double seconds) {
  const auto until = Clock::now() + std::chrono::duration<double>(seconds);
  volatile double sink = 0;
  while (Clock::now() < until) sink = sink + 1.0;
}

// Times `call` by the program's own clock and adds it to `mpi`. Every MPI call of a scenario goes
// through here or sits in a loop timed as a whole: the profile books them all.
template <class F>
void timed(double &mpi, F call) {
  const auto t = Clock::now();
  call();
  mpi += seconds_since(t);
}

// Seconds this thread has waited runnable but not running (Linux schedstat's run_delay), or -1
// where the kernel does not say. A preemption between two MPI calls is MPI time by a loop's own
// clock and compute by the profile's: the checker allows the rank what it measurably waited.
double runqueue_wait_s() {
  FILE *f = std::fopen("/proc/thread-self/schedstat", "r");
  if (f == nullptr) return -1;
  unsigned long long on_cpu = 0, waited = 0;
  const int got = std::fscanf(f, "%llu %llu", &on_cpu, &waited);
  std::fclose(f);
  return got == 2 ? static_cast<double>(waited) * 1e-9 : -1;
}

struct Truth {
  double mpi_s = 0;
  int threads = 1;
  std::map<std::string, std::string> facts;
};

int world_rank(Truth &t) {
  int r = 0;
  timed(t.mpi_s, [&] { MPI_Comm_rank(MPI_COMM_WORLD, &r); });
  return r;
}

std::string truth_path(const std::string &prefix, int rank) {
  return prefix + ".rank" + std::to_string(rank);
}

void write_truth(const std::string &prefix, int rank, const Truth &t, double app_s) {
  const std::string path = truth_path(prefix, rank);
  const std::string tmp = path + ".tmp";
  FILE *f = std::fopen(tmp.c_str(), "w");
  if (f == nullptr) {
    std::fprintf(stderr, "fidelity: cannot write %s\n", tmp.c_str());
    std::exit(1);
  }
  std::fprintf(f, "mpi_s %.9f\napp_s %.9f\nthreads %d\n", t.mpi_s, app_s, t.threads);
  for (const auto &[k, v] : t.facts) std::fprintf(f, "%s %s\n", k.c_str(), v.c_str());
  std::fclose(f);
  std::rename(tmp.c_str(), path.c_str());
}

// Whether the file path_of(r) exists for every rank r < size (each is written by a rename: whole).
template <class PathOf>
bool every_rank_wrote(int size, PathOf path_of) {
  for (int r = 0; r < size; ++r) {
    FILE *f = std::fopen(path_of(r).c_str(), "r");
    if (f == nullptr) return false;
    std::fclose(f);
  }
  return true;
}

// Bounded: a test never hangs on a file that does not come.
template <class Done>
void wait_until(Done done) {
  for (int waited_ms = 0; waited_ms < 30000 && !done(); ++waited_ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

// no_finalize: registered before MPI_Init, so it runs at exit after the interposer's own exit
// hook (registered inside MPI_Init) has written this rank's partial profile: the rank then waits
// for the others' (contract.h's names for HPCPAT_OUTPUT) before the process ends.
int g_world_size = 0;
void wait_for_partial_dumps() {
  const char *output = std::getenv("HPCPAT_OUTPUT");
  if (output == nullptr || g_world_size == 0) return;
  wait_until([&] {
    return every_rank_wrote(g_world_size,
                            [&](int r) { return hpcpat::contract::partial_name(output, r); });
  });
}

// Rank 1 polls while rank 0 computes: the loops hold nothing but MPI calls, so their whole
// duration is MPI time by the program's clock.
Truth poll() {
  Truth t;
  const int rank = world_rank(t);
  char byte = 0;
  for (int round = 0; round < 2; ++round) {
    if (rank == 0) {
      spin(0.15);
      timed(t.mpi_s, [&] { MPI_Send(&byte, 1, MPI_CHAR, 1, round, MPI_COMM_WORLD); });
    } else if (rank == 1) {
      const auto start = Clock::now();
      int done = 0;
      if (round == 0) {  // MPI_Test on a posted receive
        MPI_Request req;
        MPI_Irecv(&byte, 1, MPI_CHAR, 0, round, MPI_COMM_WORLD, &req);
        while (!done) MPI_Test(&req, &done, MPI_STATUS_IGNORE);
      } else {  // MPI_Iprobe, then the receive
        while (!done) MPI_Iprobe(0, round, MPI_COMM_WORLD, &done, MPI_STATUS_IGNORE);
        MPI_Recv(&byte, 1, MPI_CHAR, 0, round, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      }
      t.mpi_s += seconds_since(start);
    }
  }
  spin(0.1);  // both ranks: some computation of their own
  return t;
}

Truth pingpong() {
  Truth t;
  const int rank = world_rank(t);
  char msg[8] = {};
  const int peer = rank ^ 1;
  const auto start = Clock::now();
  for (int i = 0; i < 100000; ++i) {
    if (rank == 0) {
      MPI_Send(msg, 8, MPI_CHAR, peer, 0, MPI_COMM_WORLD);
      MPI_Recv(msg, 8, MPI_CHAR, peer, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    } else {
      MPI_Recv(msg, 8, MPI_CHAR, peer, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      MPI_Send(msg, 8, MPI_CHAR, peer, 0, MPI_COMM_WORLD);
    }
  }
  t.mpi_s += seconds_since(start);
  spin(0.25);  // long enough that one preemption of a few ms is a small share
  return t;
}

// Bursts of 192 MPI_Iprobe calls that match nothing, with 1 us of the application's own work
// between them: the bursts are MPI time by the program's clock, the work is not. The work is four
// times the span the interposer books whole between two calls (booking.hpp's 250 ns floor),
// close enough to be taken for a wrapper's tail and head if that bound grew: booked as MPI time,
// it would read about +10 pp. (A burst is long so that the part of the program's own two clock
// reads inside its window, ~25 ns, is small: with 32 calls a burst it read -0.9 pp; with 192,
// -0.3 to -0.5 pp under Open MPI and -0.5 to -0.7 pp under MPICH.)
Truth short_work() {
  Truth t;
  world_rank(t);
  int flag = 0;
  for (int i = 0; i < 15000; ++i) {
    const auto start = Clock::now();
    for (int k = 0; k < 192; ++k) {
      MPI_Iprobe(MPI_ANY_SOURCE, 99, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
    }
    t.mpi_s += seconds_since(start);
    spin(1e-6);
  }
  return t;
}

// 4 worker threads, each pairs with the same-numbered thread of the other rank (tag = thread);
// the main thread makes no MPI call between Init_thread and Finalize.
Truth threads() {
  Truth t;
  constexpr int kWorkers = 4;
  const int peer = world_rank(t) ^ 1;
  std::vector<double> mpi(kWorkers, 0.0);
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&, w] {
      int token = w;
      for (int i = 0; i < 6; ++i) {
        spin(0.004 * (w + 1));
        timed(mpi[w], [&] {
          MPI_Sendrecv_replace(&token, 1, MPI_INT, peer, w, peer, w, MPI_COMM_WORLD,
                               MPI_STATUS_IGNORE);
        });
      }
    });
  }
  for (std::thread &w : workers) w.join();
  for (double m : mpi) t.mpi_s += m;
  t.threads = kWorkers;
  return t;
}

// The first send of the main thread and the first calls of a new thread: whatever the
// interposer sets up there is paid inside those calls.
Truth first_send() {
  Truth t;
  const int rank = world_rank(t);
  const int peer = rank ^ 1;
  int v = rank;
  spin(0.02);
  timed(t.mpi_s, [&] {
    MPI_Sendrecv_replace(&v, 1, MPI_INT, peer, 0, peer, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  });
  std::thread([&] {
    timed(t.mpi_s, [&] {
      MPI_Sendrecv_replace(&v, 1, MPI_INT, peer, 1, peer, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    });
  }).join();
  spin(0.02);
  t.threads = 2;
  return t;
}

Truth big_type() {
  Truth t;
  const int rank = world_rank(t);
  constexpr std::int64_t kBytes = std::int64_t{1} << 31;
  MPI_Datatype half, big;
  timed(t.mpi_s, [&] {
    MPI_Type_contiguous(1 << 30, MPI_BYTE, &half);
    MPI_Type_contiguous(2, half, &big);
    MPI_Type_commit(&big);
  });
  std::vector<char> buf(static_cast<std::size_t>(kBytes), static_cast<char>(rank));
  timed(t.mpi_s, [&] {
    if (rank == 0) MPI_Send(buf.data(), 1, big, 1, 0, MPI_COMM_WORLD);
    if (rank == 1) MPI_Recv(buf.data(), 1, big, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  });
  if (rank == 1 && (buf.front() != 0 || buf.back() != 0)) std::exit(1);
  timed(t.mpi_s, [&] {
    MPI_Type_free(&big);
    MPI_Type_free(&half);
  });
  t.facts[rank == 0 ? "expect.MPI_Send.bytes" : "expect.MPI_Recv.bytes"] = std::to_string(kBytes);
  return t;
}

Truth comms() {
  Truth t;
  constexpr int kComms = 12;
  const int peer = world_rank(t) ^ 1;
  std::vector<MPI_Comm> comm(kComms);
  timed(t.mpi_s, [&] {
    for (MPI_Comm &c : comm) MPI_Comm_dup(MPI_COMM_WORLD, &c);
  });
  int v = 0;
  const auto start = Clock::now();
  for (int i = 0; i < 60000; ++i) {
    MPI_Sendrecv_replace(&v, 1, MPI_INT, peer, 0, peer, 0, comm[i % kComms], MPI_STATUS_IGNORE);
  }
  t.mpi_s += seconds_since(start);
  timed(t.mpi_s, [&] {
    for (MPI_Comm &c : comm) MPI_Comm_free(&c);
  });
  spin(0.25);
  t.facts["expect.MPI_Sendrecv_replace.bytes"] = std::to_string(60000 * sizeof(int));
  return t;
}

// A line of `size` ranks without wrap-around: the end ranks have one real neighbour and one
// MPI_PROC_NULL. Nothing moves to MPI_PROC_NULL, so nothing is counted for it.
Truth cart() {
  Truth t;
  int size = 1, rank = 0, left = 0, right = 0;
  MPI_Comm line;
  timed(t.mpi_s, [&] {
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const int dims[1] = {size}, periods[1] = {0};
    MPI_Cart_create(MPI_COMM_WORLD, 1, dims, periods, 0, &line);
    MPI_Comm_rank(line, &rank);
    MPI_Cart_shift(line, 0, 1, &left, &right);
  });
  const int real = (left != MPI_PROC_NULL) + (right != MPI_PROC_NULL);
  double send[2] = {1, 2}, recv[2] = {};
  const int counts[2] = {1, 1}, displs[2] = {0, 1};
  timed(t.mpi_s, [&] {
    MPI_Neighbor_alltoall(send, 1, MPI_DOUBLE, recv, 1, MPI_DOUBLE, line);
    MPI_Neighbor_allgather(send, 1, MPI_DOUBLE, recv, 1, MPI_DOUBLE, line);
    MPI_Neighbor_alltoallv(send, counts, displs, MPI_DOUBLE, recv, counts, displs, MPI_DOUBLE,
                           line);
  });
  timed(t.mpi_s, [&] { MPI_Comm_free(&line); });
  spin(0.02);  // a run long enough that the window's ends (microseconds) do not matter
  const std::string bytes = std::to_string(real * sizeof(double));
  for (const char *call :
       {"MPI_Neighbor_alltoall", "MPI_Neighbor_allgather", "MPI_Neighbor_alltoallv"}) {
    t.facts[std::string("expect.") + call + ".bytes"] = bytes;
  }
  return t;
}

Truth init_skew() {
  Truth t;
  double wait = 0;
  timed(wait, [] { MPI_Barrier(MPI_COMM_WORLD); });
  t.mpi_s = wait;
  spin(0.02);
  char text[32];
  std::snprintf(text, sizeof text, "%.9f", wait);
  t.facts["first_barrier_s"] = text;
  return t;
}

// Rank r writes to (r + 1) x 64 MiB of fresh pages, so each rank's resident high-water mark is
// larger than rank 0's by exactly r x 64 MiB of touched memory (the rest of the process is alike).
Truth memory() {
  Truth t;
  const int rank = world_rank(t);
  const std::size_t bytes = static_cast<std::size_t>(rank + 1) * (64u << 20);
  std::vector<char> block(bytes);  // zero-filled: every page written
  volatile char sink = block[bytes - 1];
  (void)sink;
  timed(t.mpi_s, [] { MPI_Barrier(MPI_COMM_WORLD); });
  spin(0.05);
  t.facts["touched_bytes"] = std::to_string(bytes);
  return t;
}

}  // namespace

int main(int argc, char **argv) {
  const std::string scenario = argc > 1 ? argv[1] : "";
  int provided = 0;
  const int required = scenario == "threads"      ? MPI_THREAD_MULTIPLE
                       : scenario == "first_send" ? MPI_THREAD_SERIALIZED
                                                  : MPI_THREAD_SINGLE;
  if (scenario == "no_finalize") std::atexit(wait_for_partial_dumps);
  MPI_Init_thread(&argc, &argv, required, &provided);
  const auto start = Clock::now();  // the profile's window opens when MPI_Init returns
  if (argc < 3) {
    std::fprintf(stderr, "usage: fidelity SCENARIO TRUTH_PREFIX\n");
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  if (scenario == "no_finalize") {
    Truth t;
    const int rank = world_rank(t);
    int size = 1;
    timed(t.mpi_s, [&] { MPI_Comm_size(MPI_COMM_WORLD, &size); });
    timed(t.mpi_s, [] { MPI_Barrier(MPI_COMM_WORLD); });
    spin(0.02);
    t.facts["exit_code"] = "3";
    t.facts["expect.MPI_Barrier.count"] = "1";
    write_truth(argv[2], rank, t, seconds_since(start));
    // The launcher kills the other ranks as soon as one exits with an error: none leaves before
    // every rank has written its truth, nor (wait_for_partial_dumps, at exit) its partial profile.
    wait_until(
        [&] { return every_rank_wrote(size, [&](int r) { return truth_path(argv[2], r); }); });
    g_world_size = size;
    std::exit(3);
  }
  static const std::map<std::string, std::function<Truth()>> scenarios = {
      {"poll", poll},
      {"pingpong", pingpong},
      {"short_work", short_work},
      {"threads", threads},
      {"first_send", first_send},
      {"big_type", big_type},
      {"comms", comms},
      {"cart", cart},
      {"init_skew", init_skew},
      {"memory", memory}};
  const auto it = scenarios.find(scenario);
  if (it == scenarios.end() || provided < required) {
    std::fprintf(stderr, "fidelity: unknown scenario '%s', or thread level %d < %d\n",
                 scenario.c_str(), provided, required);
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  const double waited_before = runqueue_wait_s();
  Truth truth = it->second();
  const double waited_after = runqueue_wait_s();
  if (waited_before >= 0 && waited_after >= 0) {
    truth.facts["runqueue_s"] = std::to_string(waited_after - waited_before);
  }
  const int rank = world_rank(truth);
  write_truth(argv[2], rank, truth, seconds_since(start));
  MPI_Finalize();
  return 0;
}
