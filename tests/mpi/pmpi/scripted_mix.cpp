// A scripted mix of MPI calls on 4 ranks whose expected profile is computed by the script itself:
// sub-communicators (a split with reordered ranks), blocking / nonblocking / persistent
// point-to-point, Waitall / Testsome / Test / Waitany, probes (incl. matched), collectives
// (incl. v variants, IN_PLACE, nonblocking), one-sided put/get/accumulate/fetch_and_op with fence
// and locks. Every call is mirrored into an Expectation (counts, bytes under the interposer's
// rules, size bins, partners as world ranks), written to ARGV[1].rank<N>.json for
// check_profile.py. Usage: scripted_mix EXPECTED_PREFIX   (exactly 4 ranks)
#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "expectation.hpp"
#include "hpcpat/regions.h"

namespace {

hpcpat::test::Expectation E;
int P = 0, r = 0, left = 0, right = 0;

constexpr std::uint64_t kInt = sizeof(int), kDouble = sizeof(double);

void blocking_ring() {
  std::vector<double> out(100 * (r + 1), 1.0), in(400);
  const std::uint64_t mine = 100 * (r + 1) * kDouble, lefts = 100 * (left + 1) * kDouble;
  if (r % 2 == 0) {
    MPI_Send(out.data(), 100 * (r + 1), MPI_DOUBLE, right, 0, MPI_COMM_WORLD);
    MPI_Recv(in.data(), 400, MPI_DOUBLE, left, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  } else {
    MPI_Recv(in.data(), 400, MPI_DOUBLE, left, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Send(out.data(), 100 * (r + 1), MPI_DOUBLE, right, 0, MPI_COMM_WORLD);
  }
  E.call("MPI_Send", mine), E.sent(right, mine);
  E.call("MPI_Recv", lefts);  // bytes from the status we substituted for MPI_STATUS_IGNORE

  // Zero-byte synchronous send: a matrix row with 0 bytes, bin 0.
  MPI_Request rq;
  MPI_Irecv(nullptr, 0, MPI_INT, left, 1, MPI_COMM_WORLD, &rq);
  MPI_Ssend(nullptr, 0, MPI_INT, right, 1, MPI_COMM_WORLD);
  MPI_Status st;
  MPI_Wait(&rq, &st);
  E.call("MPI_Irecv"), E.call("MPI_Ssend", 0), E.sent(right, 0), E.call("MPI_Wait", 0);

  // MPI_PROC_NULL: the calls are counted, but nothing moves: 0 bytes and no partner.
  int five[5] = {};
  MPI_Send(five, 5, MPI_INT, MPI_PROC_NULL, 2, MPI_COMM_WORLD);
  MPI_Recv(five, 5, MPI_INT, MPI_PROC_NULL, 2, MPI_COMM_WORLD, &st);
  E.call("MPI_Send", 0), E.call("MPI_Recv", 0);
}

// Split with reversed keys: sub rank i of colour c is the i-th of c's world ranks, descending.
MPI_Comm split_reordered(int &partner_world, int &partner_sub) {
  MPI_Comm sub;
  MPI_Comm_split(MPI_COMM_WORLD, r % 2, -r, &sub);
  E.call("MPI_Comm_split");
  std::vector<int> members;
  for (int w = 0; w < P; ++w) {
    if (w % 2 == r % 2) members.push_back(w);
  }
  std::sort(members.begin(), members.end(), [](int a, int b) { return a > b; });
  const int me = static_cast<int>(std::find(members.begin(), members.end(), r) - members.begin());
  partner_sub = 1 - me;
  partner_world = members[partner_sub];
  return sub;
}

void on_sub(MPI_Comm sub, int partner_world, int partner_sub) {
  int out[7] = {}, in[7];
  MPI_Status st;
  MPI_Sendrecv(out, 7, MPI_INT, partner_sub, 3, in, 7, MPI_INT, partner_sub, 3, sub, &st);
  E.call("MPI_Sendrecv", 7 * kInt), E.sent(partner_world, 7 * kInt);
  double three[3] = {};
  MPI_Bcast(three, 3, MPI_DOUBLE, 0, sub);
  E.call("MPI_Bcast", 3 * kDouble);
  double two[2] = {}, sum[2];
  MPI_Allreduce(two, sum, 2, MPI_DOUBLE, MPI_SUM, sub);
  E.call("MPI_Allreduce", 2 * kDouble);
  int one = r, gathered[2];
  MPI_Gather(&one, 1, MPI_INT, gathered, 1, MPI_INT, 0, sub);
  E.call("MPI_Gather", kInt);
}

void nonblocking() {
  // Waitall with MPI_STATUSES_IGNORE: the receive bytes still count.
  std::vector<int> a(50 + r), b(60 + r), ra(50 + left), rb(60 + right);
  MPI_Request q[4];
  MPI_Irecv(ra.data(), 50 + left, MPI_INT, left, 10, MPI_COMM_WORLD, &q[0]);
  MPI_Irecv(rb.data(), 60 + right, MPI_INT, right, 11, MPI_COMM_WORLD, &q[1]);
  MPI_Isend(a.data(), 50 + r, MPI_INT, right, 10, MPI_COMM_WORLD, &q[2]);
  MPI_Isend(b.data(), 60 + r, MPI_INT, left, 11, MPI_COMM_WORLD, &q[3]);
  MPI_Waitall(4, q, MPI_STATUSES_IGNORE);
  E.call("MPI_Irecv"), E.call("MPI_Irecv");
  E.call("MPI_Isend", (50 + r) * kInt), E.sent(right, (50 + r) * kInt);
  E.call("MPI_Isend", (60 + r) * kInt), E.sent(left, (60 + r) * kInt);
  E.call("MPI_Waitall", (50 + left) * kInt + (60 + right) * kInt);

  // Testsome until all four complete; each call's bytes are its completed receives.
  std::vector<char> sa(10 * (r + 1)), sb(20), qa(10 * (left + 1)), qb(20);
  const std::uint64_t recv_bytes[2] = {qa.size(), qb.size()};
  MPI_Irecv(qa.data(), static_cast<int>(qa.size()), MPI_CHAR, left, 12, MPI_COMM_WORLD, &q[0]);
  MPI_Irecv(qb.data(), 20, MPI_CHAR, right, 13, MPI_COMM_WORLD, &q[1]);
  MPI_Isend(sa.data(), static_cast<int>(sa.size()), MPI_CHAR, right, 12, MPI_COMM_WORLD, &q[2]);
  MPI_Isend(sb.data(), 20, MPI_CHAR, left, 13, MPI_COMM_WORLD, &q[3]);
  E.call("MPI_Irecv"), E.call("MPI_Irecv");
  E.call("MPI_Isend", sa.size()), E.sent(right, sa.size());
  E.call("MPI_Isend", 20), E.sent(left, 20);
  for (int done = 0; done < 4;) {
    int outcount = 0, idx[4];
    MPI_Status sts[4];
    MPI_Testsome(4, q, &outcount, idx, sts);
    std::uint64_t bytes = 0;
    for (int i = 0; i < outcount; ++i) bytes += idx[i] < 2 ? recv_bytes[idx[i]] : 0;
    E.call("MPI_Testsome", bytes);
    done += outcount;
  }

  // Test (ignored status) on a receive, Wait on a send: a send status never counts.
  int three[3] = {}, got[3];
  MPI_Irecv(got, 3, MPI_INT, left, 14, MPI_COMM_WORLD, &q[0]);
  MPI_Isend(three, 3, MPI_INT, right, 14, MPI_COMM_WORLD, &q[1]);
  E.call("MPI_Irecv"), E.call("MPI_Isend", 3 * kInt), E.sent(right, 3 * kInt);
  for (int flag = 0; !flag;) {
    MPI_Test(&q[0], &flag, MPI_STATUS_IGNORE);
    E.call("MPI_Test", flag ? 3 * kInt : 0);
  }
  MPI_Wait(&q[1], MPI_STATUS_IGNORE);
  E.call("MPI_Wait", 0);

  // Waitany over a receive and a send.
  double d2[2] = {}, r2[2];
  MPI_Irecv(r2, 2, MPI_DOUBLE, left, 15, MPI_COMM_WORLD, &q[0]);
  MPI_Isend(d2, 2, MPI_DOUBLE, right, 15, MPI_COMM_WORLD, &q[1]);
  E.call("MPI_Irecv"), E.call("MPI_Isend", 2 * kDouble), E.sent(right, 2 * kDouble);
  for (int k = 0; k < 2; ++k) {
    int index = -1;
    MPI_Status st;
    MPI_Waitany(2, q, &index, &st);
    E.call("MPI_Waitany", index == 0 ? 2 * kDouble : 0);
  }
}

void persistent() {
  std::vector<int> out(8 + r), in(8 + left);
  const std::uint64_t sent = out.size() * kInt, received = in.size() * kInt;
  MPI_Request q[2];
  MPI_Recv_init(in.data(), static_cast<int>(in.size()), MPI_INT, left, 20, MPI_COMM_WORLD, &q[0]);
  MPI_Send_init(out.data(), static_cast<int>(out.size()), MPI_INT, right, 20, MPI_COMM_WORLD,
                &q[1]);
  E.call("MPI_Recv_init"), E.call("MPI_Send_init");  // bytes count at each start, not here
  for (int it = 0; it < 3; ++it) {
    MPI_Status sts[2];
    MPI_Startall(2, q);
    MPI_Waitall(2, q, sts);
    E.call("MPI_Startall", sent), E.sent(right, sent);
    E.call("MPI_Waitall", received);
  }
  MPI_Start(&q[0]);
  MPI_Start(&q[1]);
  MPI_Wait(&q[1], MPI_STATUS_IGNORE);
  MPI_Wait(&q[0], MPI_STATUS_IGNORE);
  E.call("MPI_Start", 0), E.call("MPI_Start", sent), E.sent(right, sent);
  E.call("MPI_Wait", 0), E.call("MPI_Wait", received);
  MPI_Request_free(&q[0]);
  MPI_Request_free(&q[1]);
  E.call("MPI_Request_free"), E.call("MPI_Request_free");
}

void probes() {
  int nine[9] = {}, buf[9];
  MPI_Status st;
  MPI_Request q, rq;
  MPI_Isend(nine, 9, MPI_INT, right, 30, MPI_COMM_WORLD, &q);
  MPI_Probe(left, 30, MPI_COMM_WORLD, &st);
  MPI_Recv(buf, 9, MPI_INT, left, 30, MPI_COMM_WORLD, &st);
  MPI_Wait(&q, MPI_STATUS_IGNORE);
  E.call("MPI_Isend", 9 * kInt), E.sent(right, 9 * kInt);
  E.call("MPI_Probe"), E.call("MPI_Recv", 9 * kInt), E.call("MPI_Wait");

  MPI_Isend(nine, 5, MPI_INT, right, 31, MPI_COMM_WORLD, &q);
  E.call("MPI_Isend", 5 * kInt), E.sent(right, 5 * kInt);
  for (int flag = 0; !flag;) {
    MPI_Iprobe(left, 31, MPI_COMM_WORLD, &flag, &st);
    E.call("MPI_Iprobe");
  }
  MPI_Recv(buf, 9, MPI_INT, left, 31, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  MPI_Wait(&q, MPI_STATUS_IGNORE);
  E.call("MPI_Recv", 5 * kInt), E.call("MPI_Wait");

  MPI_Message msg;
  MPI_Isend(nine, 6, MPI_INT, right, 32, MPI_COMM_WORLD, &q);
  MPI_Mprobe(left, 32, MPI_COMM_WORLD, &msg, &st);
  MPI_Mrecv(buf, 6, MPI_INT, &msg, MPI_STATUS_IGNORE);
  MPI_Wait(&q, MPI_STATUS_IGNORE);
  E.call("MPI_Isend", 6 * kInt), E.sent(right, 6 * kInt);
  E.call("MPI_Mprobe"), E.call("MPI_Mrecv", 6 * kInt), E.call("MPI_Wait");

  double four[4] = {}, got[4];
  MPI_Isend(four, 4, MPI_DOUBLE, right, 33, MPI_COMM_WORLD, &q);
  E.call("MPI_Isend", 4 * kDouble), E.sent(right, 4 * kDouble);
  for (int flag = 0; !flag;) {
    MPI_Improbe(left, 33, MPI_COMM_WORLD, &flag, &msg, &st);
    E.call("MPI_Improbe");
  }
  MPI_Imrecv(got, 4, MPI_DOUBLE, &msg, &rq);
  MPI_Wait(&rq, MPI_STATUS_IGNORE);
  MPI_Wait(&q, MPI_STATUS_IGNORE);
  E.call("MPI_Imrecv"), E.call("MPI_Wait", 4 * kDouble), E.call("MPI_Wait");
}

void collectives() {
  std::vector<char> big(8192);  // scratch large enough for every receive below
  void *rb = big.data();
  int i10[10] = {}, i3[3] = {}, i2[2] = {}, counts[4], displs[4];
  double d5[5] = {}, d3[3] = {}, d4[4] = {}, d1 = 0;
  MPI_Barrier(MPI_COMM_WORLD);
  E.call("MPI_Barrier");
  MPI_Bcast(i10, 10, MPI_INT, 0, MPI_COMM_WORLD);
  E.call("MPI_Bcast", 10 * kInt);
  MPI_Reduce(d5, rb, 5, MPI_DOUBLE, MPI_SUM, 1, MPI_COMM_WORLD);
  E.call("MPI_Reduce", 5 * kDouble);
  MPI_Allreduce(i3, rb, 3, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  E.call("MPI_Allreduce", 3 * kInt);
  MPI_Gather(i2, 2, MPI_INT, rb, 2, MPI_INT, 0, MPI_COMM_WORLD);
  E.call("MPI_Gather", 2 * kInt);
  // IN_PLACE at the root: the root's own block (recvcount) is what it contributes.
  if (r == 2) {
    std::vector<int> all(2 * P);
    MPI_Gather(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, all.data(), 2, MPI_INT, 2, MPI_COMM_WORLD);
  } else {
    MPI_Gather(i2, 2, MPI_INT, nullptr, 0, MPI_DATATYPE_NULL, 2, MPI_COMM_WORLD);
  }
  E.call("MPI_Gather", 2 * kInt);
  for (int i = 0; i < P; ++i) counts[i] = i + 1, displs[i] = i * 4;
  MPI_Gatherv(i10, r + 1, MPI_INT, rb, counts, displs, MPI_INT, 3, MPI_COMM_WORLD);
  E.call("MPI_Gatherv", (r + 1) * kInt);
  std::vector<double> scatter_src(3 * P);
  MPI_Scatter(scatter_src.data(), 3, MPI_DOUBLE, d3, 3, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  E.call("MPI_Scatter", r == 0 ? 3 * kDouble * P : 0);
  std::vector<int> scatterv_src(16);
  MPI_Scatterv(scatterv_src.data(), counts, displs, MPI_INT, i10, r + 1, MPI_INT, 1,
               MPI_COMM_WORLD);
  std::uint64_t all_counts = 0;
  for (int i = 0; i < P; ++i) all_counts += counts[i];
  E.call("MPI_Scatterv", r == 1 ? all_counts * kInt : 0);
  char c2[2] = {};
  MPI_Allgather(c2, 2, MPI_CHAR, rb, 2, MPI_CHAR, MPI_COMM_WORLD);
  E.call("MPI_Allgather", 2);
  std::vector<int> allv(16);
  MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, allv.data(), counts, displs, MPI_INT,
                 MPI_COMM_WORLD);
  E.call("MPI_Allgatherv", counts[r] * kInt);
  std::vector<int> a2a(3 * P);
  MPI_Alltoall(a2a.data(), 3, MPI_INT, rb, 3, MPI_INT, MPI_COMM_WORLD);
  E.call("MPI_Alltoall", 3 * kInt * P);
  int rcounts[4], rdispls[4];
  for (int i = 0; i < P; ++i) rcounts[i] = r + 1, rdispls[i] = i * 4;
  MPI_Alltoallv(scatterv_src.data(), counts, displs, MPI_INT, rb, rcounts, rdispls, MPI_INT,
                MPI_COMM_WORLD);
  E.call("MPI_Alltoallv", all_counts * kInt);
  std::vector<double> rsb(2 * P);
  MPI_Reduce_scatter_block(rsb.data(), d4, 2, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  E.call("MPI_Reduce_scatter_block", 2 * kDouble * P);
  int rs_counts[4] = {1, 1, 2, 2};
  std::vector<int> rs(6);
  MPI_Reduce_scatter(rs.data(), i10, rs_counts, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  E.call("MPI_Reduce_scatter", 6 * kInt);
  MPI_Scan(&d1, rb, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  E.call("MPI_Scan", kDouble);
  MPI_Exscan(i2, rb, 2, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  E.call("MPI_Exscan", 2 * kInt);

  MPI_Request q;
  MPI_Iallreduce(d4, rb, 4, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD, &q);
  MPI_Wait(&q, MPI_STATUS_IGNORE);
  E.call("MPI_Iallreduce", 4 * kDouble), E.call("MPI_Wait");
  char c6[6] = {};
  MPI_Ibcast(c6, 6, MPI_CHAR, 3, MPI_COMM_WORLD, &q);
  MPI_Wait(&q, MPI_STATUS_IGNORE);
  E.call("MPI_Ibcast", 6), E.call("MPI_Wait");
  MPI_Ibarrier(MPI_COMM_WORLD, &q);
  MPI_Wait(&q, MPI_STATUS_IGNORE);
  E.call("MPI_Ibarrier"), E.call("MPI_Wait");
}

void one_sided(MPI_Comm sub, int partner_world, int partner_sub) {
  std::vector<int> base(64, 0);
  MPI_Win win;
  MPI_Win_create(base.data(), 64 * sizeof(int), sizeof(int), MPI_INFO_NULL, MPI_COMM_WORLD, &win);
  E.call("MPI_Win_create");
  int four[4] = {1, 2, 3, 4}, three[3], one = 1, fetched = 0;
  const int across = (r + 2) % P;
  MPI_Win_fence(0, win);
  MPI_Put(four, 4, MPI_INT, right, 0, 4, MPI_INT, win);
  MPI_Get(three, 3, MPI_INT, across, 8, 3, MPI_INT, win);
  MPI_Win_fence(0, win);
  E.call("MPI_Win_fence"), E.call("MPI_Win_fence");
  E.call("MPI_Put", 4 * kInt), E.sent(right, 4 * kInt);
  E.call("MPI_Get", 3 * kInt), E.sent(across, 3 * kInt);
  MPI_Win_lock(MPI_LOCK_SHARED, left, 0, win);
  MPI_Accumulate(&one, 1, MPI_INT, left, 20, 1, MPI_INT, MPI_SUM, win);
  MPI_Win_unlock(left, win);
  E.call("MPI_Win_lock"), E.call("MPI_Accumulate", kInt), E.sent(left, kInt);
  E.call("MPI_Win_unlock");
  MPI_Win_lock_all(0, win);
  MPI_Fetch_and_op(&one, &fetched, MPI_INT, right, 30, MPI_SUM, win);
  MPI_Win_flush(right, win);
  MPI_Win_unlock_all(win);
  E.call("MPI_Win_lock_all"), E.call("MPI_Fetch_and_op", kInt), E.sent(right, kInt);
  E.call("MPI_Win_flush"), E.call("MPI_Win_unlock_all");
  MPI_Barrier(MPI_COMM_WORLD);
  MPI_Win_free(&win);
  E.call("MPI_Barrier"), E.call("MPI_Win_free");

  // A window over the reordered sub-communicator: the target is translated through its group.
  // Only colour 0 makes one: both colours' sub-communicators share a context id, and Open MPI
  // 4.1's osc/rdma names its shared-memory segment after it, so two such windows on one node
  // collide ("unlink /dev/shm/osc_rdma...") and can hang.
  if (r % 2 != 0) return;
  MPI_Win sw;
  MPI_Win_create(base.data(), 64 * sizeof(int), sizeof(int), MPI_INFO_NULL, sub, &sw);
  MPI_Win_fence(0, sw);
  MPI_Put(four, 2, MPI_INT, partner_sub, 40, 2, MPI_INT, sw);
  MPI_Win_fence(0, sw);
  MPI_Win_free(&sw);
  E.call("MPI_Win_create"), E.call("MPI_Win_fence"), E.call("MPI_Win_fence");
  E.call("MPI_Put", 2 * kInt), E.sent(partner_world, 2 * kInt), E.call("MPI_Win_free");
}

// MPI_Pcontrol: 0 pauses (calls pass through uncounted, including the Pcontrol(1) that resumes),
// k >= 2 opens region "pcontrol.k" and -k closes it.
void pcontrol_levels() {
  MPI_Pcontrol(0);
  E.call("MPI_Pcontrol");
  MPI_Barrier(MPI_COMM_WORLD);  // paused: not in the profile
  MPI_Pcontrol(1);              // called while paused: not counted either
  MPI_Pcontrol(2);
  MPI_Barrier(MPI_COMM_WORLD);
  MPI_Pcontrol(-2);
  E.call("MPI_Pcontrol"), E.call("MPI_Barrier"), E.call("MPI_Pcontrol");
  E.region("pcontrol.2");
}

}  // namespace

int main(int argc, char **argv) {
  // A stale profile must not pass for this run's: rank 0 (as the launcher numbers it: Open MPI
  // or PMI) removes it before anyone can write one.
  const char *launcher_rank = std::getenv("OMPI_COMM_WORLD_RANK");
  if (launcher_rank == nullptr) launcher_rank = std::getenv("PMI_RANK");
  const char *out = std::getenv("HPCPAT_OUTPUT");
  if (out != nullptr && launcher_rank != nullptr && std::string(launcher_rank) == "0") {
    std::remove(out);
  }
  MPI_Init(&argc, &argv);
  E.call("MPI_Init");
  MPI_Comm_size(MPI_COMM_WORLD, &P);
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  if (argc != 2 || P != 4) {
    if (r == 0) std::fprintf(stderr, "usage: scripted_mix EXPECTED_PREFIX, on exactly 4 ranks\n");
    MPI_Finalize();
    return 2;
  }
  left = (r + P - 1) % P;
  right = (r + 1) % P;

  blocking_ring();
  int partner_world = -1, partner_sub = -1;
  MPI_Comm sub = split_reordered(partner_world, partner_sub);
  on_sub(sub, partner_world, partner_sub);
  nonblocking();
  persistent();
  probes();
  {
    hpcpat::Region region("mix.collectives");
    collectives();
  }
  E.region("mix.collectives");
  pcontrol_levels();
  one_sided(sub, partner_world, partner_sub);
  MPI_Comm_free(&sub);
  E.call("MPI_Comm_free");
  MPI_Comm dup;
  MPI_Comm_dup(MPI_COMM_WORLD, &dup);
  int token = r, got = -1;
  MPI_Sendrecv(&token, 1, MPI_INT, right, 50, &got, 1, MPI_INT, left, 50, dup, MPI_STATUS_IGNORE);
  MPI_Comm_free(&dup);
  E.call("MPI_Comm_dup"), E.call("MPI_Sendrecv", kInt), E.sent(right, kInt);
  E.call("MPI_Comm_free");

  E.call("MPI_Finalize");
  E.write(argv[1], r);
  MPI_Finalize();
  return got == left ? 0 : 1;
}
