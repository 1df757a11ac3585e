#include "hpcpat/fft/distributed_fft.hpp"

#include <hpcpat/regions.h>

#include <algorithm>
#include <climits>
#include <new>
#include <sstream>

namespace hpcpat::fft {

namespace {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return (a + b - 1) / b;
}

Layout make_layout(Range x, Range y, Range z, std::array<int, 3> order) {
  Layout l;
  l.box.lo = {x.lo, y.lo, z.lo};
  l.box.n = {x.n, y.n, z.n};
  l.order = order;
  return l;
}

}  // namespace

std::array<int, 2> process_grid(Decomp decomp, int ranks) {
  if (decomp == Decomp::kSlab) return {ranks, 1};
  int dims[2] = {0, 0};
  MPI_Dims_create(ranks, 2, dims);
  return {dims[0], dims[1]};
}

std::optional<std::string> why_not_decomposable(const Shape &shape, Decomp decomp, int ranks) {
  std::ostringstream why;
  if (shape.nx < 1 || shape.ny < 1 || shape.nz < 1) {
    why << "grid " << shape.nx << "x" << shape.ny << "x" << shape.nz
        << " is empty: every dimension must be at least 1";
    return why.str();
  }
  const auto [pr, pc] = process_grid(decomp, ranks);
  std::int64_t biggest = 0;  // largest part any rank holds in any stage, in elements
  if (decomp == Decomp::kSlab) {
    if (ranks > shape.nx || ranks > shape.ny) {
      why << "slab decomposition needs ranks <= nx and ranks <= ny (each rank owns at least one "
          << "x-plane, then one y-plane; uneven slabs are fine): " << ranks << " ranks, grid "
          << shape.nx << "x" << shape.ny << "x" << shape.nz << "; use fewer ranks, a larger grid "
          << "or --decomp pencil";
      return why.str();
    }
    biggest = std::max(ceil_div(shape.nx, ranks) * shape.ny, shape.nx * ceil_div(shape.ny, ranks)) *
              shape.nz;
  } else {
    if (pr > shape.nx || pr > shape.ny || pc > shape.ny || pc > shape.nz) {
      why << "pencil decomposition on a " << pr << "x" << pc << " process grid needs " << pr
          << " <= nx, " << pr << " <= ny, " << pc << " <= ny and " << pc
          << " <= nz (each rank owns at least one pencil in every stage; uneven pencils are "
          << "fine): grid " << shape.nx << "x" << shape.ny << "x" << shape.nz;
      return why.str();
    }
    biggest = std::max({ceil_div(shape.nx, pr) * ceil_div(shape.ny, pc) * shape.nz,
                        ceil_div(shape.nx, pr) * shape.ny * ceil_div(shape.nz, pc),
                        shape.nx * ceil_div(shape.ny, pr) * ceil_div(shape.nz, pc)});
  }
  if (biggest > INT_MAX) {
    why << "a rank's part of the grid (" << biggest << " points) exceeds an MPI count (" << INT_MAX
        << "); use more ranks or a smaller grid";
    return why.str();
  }
  return std::nullopt;
}

void DistributedFft::FftwFree::operator()(Complex *p) const {
  fftw_free(p);
}

DistributedFft::DistributedFft(MPI_Comm comm, const Shape &shape, Decomp decomp, Planner planner)
    : shape_(shape) {
  int rank = 0, ranks = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &ranks);
  const auto [pr, pc] = process_grid(decomp, ranks);
  const Range all_x{0, shape.nx}, all_y{0, shape.ny}, all_z{0, shape.nz};
  std::vector<MPI_Comm> links;  // communicator of the transpose after each stage
  if (decomp == Decomp::kSlab) {
    stages_.push_back(
        {make_layout(split(shape.nx, ranks, rank), all_y, all_z, {kX, kY, kZ}), {kY, kZ}});
    stages_.push_back(
        {make_layout(all_x, split(shape.ny, ranks, rank), all_z, {kY, kX, kZ}), {kX}});
    links.push_back(comm);
  } else {
    const int my_r = rank / pc, my_c = rank % pc;
    MPI_Comm row = MPI_COMM_NULL, column = MPI_COMM_NULL;
    MPI_Comm_split(comm, my_r, my_c, &row);     // ranks sharing x: exchange y for z
    MPI_Comm_split(comm, my_c, my_r, &column);  // ranks sharing z: exchange x for y
    owned_comms_ = {row, column};
    const Range x = split(shape.nx, pr, my_r);
    stages_.push_back({make_layout(x, split(shape.ny, pc, my_c), all_z, {kX, kY, kZ}), {kZ}});
    stages_.push_back({make_layout(x, all_y, split(shape.nz, pc, my_c), {kX, kZ, kY}), {kY}});
    stages_.push_back(
        {make_layout(all_x, split(shape.ny, pr, my_r), split(shape.nz, pc, my_c), {kZ, kY, kX}),
         {kX}});
    links = {row, column};
  }
  build(planner, links);
}

void DistributedFft::build(Planner planner, const std::vector<MPI_Comm> &links) {
  std::size_t capacity = 1;
  for (const Stage &s : stages_) capacity = std::max(capacity, s.layout.size());
  data_.reset(static_cast<Complex *>(fftw_malloc(capacity * sizeof(Complex))));
  if (!data_) throw std::bad_alloc();
  for (const Stage &s : stages_) {
    forward_ffts_.push_back(
        std::make_unique<LocalFft>(s.layout, s.axes, FFTW_FORWARD, planner, data_.get()));
    inverse_ffts_.push_back(
        std::make_unique<LocalFft>(s.layout, s.axes, FFTW_BACKWARD, planner, data_.get()));
  }
  for (std::size_t i = 0; i + 1 < stages_.size(); ++i) {
    forward_moves_.push_back(
        std::make_unique<Transpose>(links[i], stages_[i].layout, stages_[i + 1].layout));
    inverse_moves_.push_back(
        std::make_unique<Transpose>(links[i], stages_[i + 1].layout, stages_[i].layout));
  }
  std::fill_n(data_.get(), capacity, Complex{});
}

DistributedFft::~DistributedFft() {
  // The transposes hold the row/column communicators; release them before freeing those.
  forward_moves_.clear();
  inverse_moves_.clear();
  for (MPI_Comm &c : owned_comms_) MPI_Comm_free(&c);
}

void DistributedFft::forward(PhaseTimers &timers) {
  for (std::size_t i = 0; i < stages_.size(); ++i) {
    const double t0 = MPI_Wtime();
    {
      hpcpat::Region region("fft_local");
      forward_ffts_[i]->run();
    }
    timers.local_fft_s += MPI_Wtime() - t0;
    if (i + 1 < stages_.size()) forward_moves_[i]->run(data_.get(), timers);
  }
}

void DistributedFft::inverse(PhaseTimers &timers) {
  for (std::size_t i = stages_.size(); i-- > 0;) {
    const double t0 = MPI_Wtime();
    {
      hpcpat::Region region("fft_local");
      inverse_ffts_[i]->run();
      if (i == 0) {
        // FFTW's backward transform is unnormalised; scale once, where the data is back home.
        const double scale = 1.0 / static_cast<double>(shape_.points());
        Complex *d = data_.get();
        const std::size_t n = stages_[0].layout.size();
        for (std::size_t k = 0; k < n; ++k) d[k] *= scale;
      }
    }
    timers.local_fft_s += MPI_Wtime() - t0;
    if (i > 0) inverse_moves_[i - 1]->run(data_.get(), timers);
  }
}

std::string DistributedFft::exchange_kind() const {
  for (const auto &t : forward_moves_) {
    if (!t->uniform()) return "alltoallv";
  }
  for (const auto &t : inverse_moves_) {
    if (!t->uniform()) return "alltoallv";
  }
  return "alltoall";
}

}  // namespace hpcpat::fft
