// Communication with the 6 face neighbours, as in LAMMPS and miniMD: two swaps per dimension
// (send down / receive from above, then send up / receive from below), dimension after dimension,
// so that edge and corner ghosts arrive in two or three hops without diagonal messages. Ranks that
// are their own neighbour (1 rank in a dimension) copy locally; periodic images get shifted by
// the box length when crossing the global boundary.
#pragma once

#include <array>
#include <vector>

#include "atoms.hpp"
#include "domain.hpp"

namespace minimd {

class GhostComm {
 public:
  // cutghost: atoms within this distance of a brick face are sent as ghosts. It must not exceed
  // the narrowest brick width (checked by the caller), so one hop per swap suffices.
  GhostComm(const Domain &dom, double cutghost);

  // Moves owned atoms that left this brick to the neighbour that now owns them, and wraps
  // positions into the periodic box. Drops ghosts. Called at reneighbouring steps.
  void migrate(Atoms &atoms);

  // Rebuilds the ghost atoms and remembers, per swap, which atoms were sent (for forward()).
  void borders(Atoms &atoms);

  // Refreshes ghost positions from their owners, using the lists of the last borders().
  void forward(Atoms &atoms);

 private:
  struct Swap {
    int dim = 0;
    int send_to = 0, recv_from = 0;
    double shift = 0;            // added to sent coordinates in `dim` (periodic image)
    std::vector<int> send_list;  // indices of atoms (local or earlier ghosts) sent
    int first_recv = 0, nrecv = 0;
  };

  // Exchanges `nsend` values of sendbuf_ for `nrecv` values into recvbuf_ (self copy when the
  // partner is this rank). Sizes are in doubles.
  void exchange(const Swap &s, int nsend, int nrecv);
  int exchange_count(const Swap &s, int nsend);

  const Domain &dom_;
  double cutghost_;
  std::array<Swap, 6> swaps_;
  std::vector<double> sendbuf_, recvbuf_;
};

}  // namespace minimd
