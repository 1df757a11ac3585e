! Fortran ranks ("use mpi") must be profiled too: Open MPI's Fortran bindings call PMPI_* directly,
! bypassing C wrappers. The program mirrors each call into an expectation (count, bytes, size bins,
! partners) written to ARG1.rank<N>.json, checked exactly by check_profile.py like the C mix.
! Covers: blocking ring, Irecv/Isend + Waitall(MPI_STATUSES_IGNORE), Test loop, Recv with
! MPI_STATUS_IGNORE, Bcast, Allreduce, Allgather with MPI_IN_PLACE, Barrier, a split with reversed
! ranks + Sendrecv on it (partner translation), Comm_free.
module expect
  implicit none
  integer, parameter :: maxcalls = 32, nbins = 48
  character(len=32) :: names(maxcalls)
  integer(kind=8) :: bin_count(0:nbins - 1, maxcalls) = 0, bin_bytes(0:nbins - 1, maxcalls) = 0
  integer(kind=8) :: sent_msgs(0:63) = 0, sent_bytes(0:63) = 0
  integer :: ncalls = 0
contains
  integer function size_bin(bytes)
    integer(kind=8), intent(in) :: bytes
    integer(kind=8) :: v
    size_bin = 0
    v = bytes
    do while (v > 0)
      size_bin = size_bin + 1
      v = ishft(v, -1)
    end do
  end function

  subroutine called(name, bytes)
    character(len=*), intent(in) :: name
    integer, intent(in) :: bytes
    integer :: i, b
    do i = 1, ncalls
      if (names(i) == name) exit
    end do
    if (i > ncalls) then
      ncalls = ncalls + 1
      names(ncalls) = name
      i = ncalls
    end if
    b = size_bin(int(bytes, 8))
    bin_count(b, i) = bin_count(b, i) + 1
    bin_bytes(b, i) = bin_bytes(b, i) + bytes
  end subroutine

  subroutine sent(to, bytes)
    integer, intent(in) :: to, bytes
    sent_msgs(to) = sent_msgs(to) + 1
    sent_bytes(to) = sent_bytes(to) + bytes
  end subroutine

  subroutine write_expectation(prefix, rank, nprocs)
    character(len=*), intent(in) :: prefix
    integer, intent(in) :: rank, nprocs
    character(len=600) :: path
    character(len=2) :: sep
    integer :: i, b, u, to
    logical :: first
    write (path, '(a,a,i0,a)') trim(prefix), '.rank', rank, '.json'
    open (newunit=u, file=trim(path) // '.tmp', status='replace', action='write')
    write (u, '(a,i0,a)', advance='no') '{"rank": ', rank, ', "calls": {'
    do i = 1, ncalls
      sep = ', '
      if (i == 1) sep = '  '
      write (u, '(a,a,a,a,i0,a,i0,a)', advance='no') trim(sep), '"', trim(names(i)), &
        '": {"count": ', sum(bin_count(:, i)), ', "bytes": ', sum(bin_bytes(:, i)), ', "bins": {'
      first = .true.
      do b = 0, nbins - 1
        if (bin_count(b, i) == 0) cycle
        if (.not. first) write (u, '(a)', advance='no') ', '
        write (u, '(a,i0,a,i0,a,i0,a)', advance='no') '"', b, '": [', bin_count(b, i), ', ', &
          bin_bytes(b, i), ']'
        first = .false.
      end do
      write (u, '(a)', advance='no') '}}'
    end do
    write (u, '(a)', advance='no') '}, "sent": {'
    first = .true.
    do to = 0, nprocs - 1
      if (sent_msgs(to) == 0) cycle
      if (.not. first) write (u, '(a)', advance='no') ', '
      write (u, '(a,i0,a,i0,a,i0,a)', advance='no') '"', to, '": [', sent_msgs(to), ', ', &
        sent_bytes(to), ']'
      first = .false.
    end do
    write (u, '(a)') '}}'
    close (u)
    call rename(trim(path) // '.tmp', trim(path))
  end subroutine
end module

program fortran_mix
  use mpi
  use expect
  implicit none
  integer :: ierr, rank, nprocs, left, right, sub, srank, partner_sub, partner_world
  logical :: flag
  integer :: req(2), st(MPI_STATUS_SIZE)
  integer :: dout(800), din(800)  ! one buffer type for every call: MPICH's `use mpi` has no
                                  ! choice-buffer interfaces, gfortran rejects mixed types
  integer :: iout(64), iin(64), three(3), total(3), gathered(2 * 64)
  character(len=512) :: prefix

  call get_command_argument(1, prefix)
  call MPI_Init(ierr)
  call called('MPI_Init', 0)
  call MPI_Comm_rank(MPI_COMM_WORLD, rank, ierr)
  call MPI_Comm_size(MPI_COMM_WORLD, nprocs, ierr)
  left = mod(rank + nprocs - 1, nprocs)
  right = mod(rank + 1, nprocs)
  dout = 1
  iout = rank

  ! Blocking ring: 20*(rank+1) integers to the right.
  if (mod(rank, 2) == 0) then
    call MPI_Send(dout, 20 * (rank + 1), MPI_INTEGER, right, 1, MPI_COMM_WORLD, ierr)
    call MPI_Recv(din, 800, MPI_INTEGER, left, 1, MPI_COMM_WORLD, st, ierr)
  else
    call MPI_Recv(din, 800, MPI_INTEGER, left, 1, MPI_COMM_WORLD, st, ierr)
    call MPI_Send(dout, 20 * (rank + 1), MPI_INTEGER, right, 1, MPI_COMM_WORLD, ierr)
  end if
  call called('MPI_Send', 80 * (rank + 1))
  call sent(right, 80 * (rank + 1))
  call called('MPI_Recv', 80 * (left + 1))

  ! Nonblocking, statuses ignored: the receive still counts.
  call MPI_Irecv(iin, 64, MPI_INTEGER, left, 2, MPI_COMM_WORLD, req(1), ierr)
  call MPI_Isend(iout, 20 + rank, MPI_INTEGER, right, 2, MPI_COMM_WORLD, req(2), ierr)
  call MPI_Waitall(2, req, MPI_STATUSES_IGNORE, ierr)
  call called('MPI_Irecv', 0)
  call called('MPI_Isend', 4 * (20 + rank))
  call sent(right, 4 * (20 + rank))
  call called('MPI_Waitall', 4 * (20 + left))

  ! Test loop on a receive with a real status; Wait on the send (never counted).
  call MPI_Irecv(iin, 64, MPI_INTEGER, left, 3, MPI_COMM_WORLD, req(1), ierr)
  call MPI_Isend(iout, 5, MPI_INTEGER, right, 3, MPI_COMM_WORLD, req(2), ierr)
  call called('MPI_Irecv', 0)
  call called('MPI_Isend', 20)
  call sent(right, 20)
  flag = .false.
  do while (.not. flag)
    call MPI_Test(req(1), flag, st, ierr)
    if (flag) then
      call called('MPI_Test', 20)
    else
      call called('MPI_Test', 0)
    end if
  end do
  call MPI_Wait(req(2), MPI_STATUS_IGNORE, ierr)
  call called('MPI_Wait', 0)

  ! Receive with MPI_STATUS_IGNORE.
  call MPI_Send(iout, 7, MPI_INTEGER, right, 4, MPI_COMM_WORLD, ierr)
  call MPI_Recv(iin, 64, MPI_INTEGER, left, 4, MPI_COMM_WORLD, MPI_STATUS_IGNORE, ierr)
  call called('MPI_Send', 28)
  call sent(right, 28)
  call called('MPI_Recv', 28)

  ! Collectives, one with Fortran's MPI_IN_PLACE.
  three = rank
  call MPI_Bcast(three, 3, MPI_INTEGER, 0, MPI_COMM_WORLD, ierr)
  call called('MPI_Bcast', 12)
  call MPI_Allreduce(three, total, 3, MPI_INTEGER, MPI_SUM, MPI_COMM_WORLD, ierr)
  call called('MPI_Allreduce', 12)
  call MPI_Allgather(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, gathered, 2, MPI_INTEGER, &
                     MPI_COMM_WORLD, ierr)
  call called('MPI_Allgather', 8)
  call MPI_Barrier(MPI_COMM_WORLD, ierr)
  call called('MPI_Barrier', 0)

  ! Split into two halves with reversed keys; partner = the other member (needs 4 ranks).
  call MPI_Comm_split(MPI_COMM_WORLD, mod(rank, 2), -rank, sub, ierr)
  call called('MPI_Comm_split', 0)
  call MPI_Comm_rank(sub, srank, ierr)
  partner_sub = 1 - srank
  ! Members of my colour, descending: sub rank 0 is the larger world rank.
  if (srank == 0) then
    partner_world = rank - 2
  else
    partner_world = rank + 2
  end if
  call MPI_Sendrecv(iout, 3, MPI_INTEGER, partner_sub, 5, iin, 3, MPI_INTEGER, partner_sub, 5, &
                    sub, st, ierr)
  call called('MPI_Sendrecv', 12)
  call sent(partner_world, 12)
  call MPI_Comm_free(sub, ierr)
  call called('MPI_Comm_free', 0)

  call called('MPI_Finalize', 0)
  call write_expectation(trim(prefix), rank, nprocs)
  call MPI_Finalize(ierr)
end program
