! A `use mpi_f08` main program against the truth it knows by construction (check_fidelity.py):
! exact calls, bytes and partners, and its own MPI time (MPI_Wtime around every MPI call) against
! the window MPI_Init returning .. MPI_Finalize entered. Two ranks.
!
!   fidelity_f08 f08  PREFIX   f08 calls only: Send/Recv, Irecv/Isend/Wait(STATUS_IGNORE), Allreduce,
!                              Barrier -- Open MPI's f08 layer calls PMPI_* directly, MPICH's does
!                              for the routines without a choice buffer and for MPI_Init
!   fidelity_f08 f08c PREFIX   the same after MPI_Init_thread, plus a C function making
!                              MPI_Sendrecv calls each round: profiled only if the f08 Init opened
!                              the interposer's window
! Without arguments: a plain f08 run (check_bypass.py: profiled, or one hpcpat: line per rank).
program fidelity_f08
  use mpi_f08
  use, intrinsic :: iso_c_binding, only: c_int
  implicit none
  interface
    subroutine c_sendrecv(ints, partner) bind(C, name="fidelity_f08_c_sendrecv")
      import :: c_int
      integer(c_int), value :: ints, partner
    end subroutine c_sendrecv
  end interface
  integer, parameter :: rounds = 300, send_ints = 1000, back_ints = 2000, c_ints = 128
  integer, parameter :: red_doubles = 16
  real(8), parameter :: compute_s = 0.0008d0
  character(len=256) :: scenario, prefix
  integer :: rank, other, i, u, provided
  integer :: fwd(send_ints), back(back_ints)
  real(8) :: red_in(red_doubles), red_out(red_doubles), mpi_s, app0, app_s, t
  type(MPI_Status) :: st
  type(MPI_Request) :: req
  logical :: with_c

  call get_command_argument(1, scenario)
  call get_command_argument(2, prefix)
  with_c = trim(scenario) == "f08c"
  if (with_c) then
    call MPI_Init_thread(MPI_THREAD_FUNNELED, provided)
  else
    call MPI_Init()
  end if
  app0 = MPI_Wtime()
  mpi_s = 0
  t = MPI_Wtime()
  call MPI_Comm_rank(MPI_COMM_WORLD, rank)
  mpi_s = mpi_s + (MPI_Wtime() - t)
  if (len_trim(scenario) == 0) then
    call MPI_Barrier(MPI_COMM_WORLD)
    call MPI_Finalize()
    stop
  end if
  other = 1 - rank
  fwd = rank
  back = rank
  red_in = 1.0d0
  do i = 1, rounds
    call compute(compute_s)
    t = MPI_Wtime()
    if (rank == 0) then
      call MPI_Send(fwd, send_ints, MPI_INTEGER, other, 1, MPI_COMM_WORLD)
      call MPI_Irecv(back, back_ints, MPI_INTEGER, other, 2, MPI_COMM_WORLD, req)
      call MPI_Wait(req, MPI_STATUS_IGNORE)
    else
      call MPI_Recv(fwd, send_ints, MPI_INTEGER, other, 1, MPI_COMM_WORLD, st)
      call MPI_Isend(back, back_ints, MPI_INTEGER, other, 2, MPI_COMM_WORLD, req)
      call MPI_Wait(req, st)
    end if
    call MPI_Allreduce(red_in, red_out, red_doubles, MPI_DOUBLE_PRECISION, MPI_SUM, MPI_COMM_WORLD)
    if (with_c) call c_sendrecv(c_ints, other)
    call MPI_Barrier(MPI_COMM_WORLD)
    mpi_s = mpi_s + (MPI_Wtime() - t)
  end do
  app_s = MPI_Wtime() - app0

  open(newunit=u, file=trim(prefix)//".rank"//achar(48 + rank), status="replace", action="write")
  write(u, '(a,1x,f0.9)') "mpi_s", mpi_s
  write(u, '(a,1x,f0.9)') "app_s", app_s
  write(u, '(a)') "threads 1"
  call fact("expect.MPI_Init.count", merge(0_8, 1_8, with_c))
  call fact("expect.MPI_Init_thread.count", merge(1_8, 0_8, with_c))
  call fact("expect.MPI_Finalize.count", 1_8)
  call fact("expect.MPI_Allreduce.count", int(rounds, 8))
  call fact("expect.MPI_Allreduce.bytes", int(rounds, 8) * red_doubles * 8)
  call fact("expect.MPI_Barrier.count", int(rounds, 8))
  call fact("expect.MPI_Wait.count", int(rounds, 8))
  if (rank == 0) then
    call fact("expect.MPI_Send.count", int(rounds, 8))
    call fact("expect.MPI_Send.bytes", int(rounds, 8) * send_ints * 4)
    call fact("expect.MPI_Irecv.count", int(rounds, 8))
    call fact("expect.MPI_Wait.bytes", int(rounds, 8) * back_ints * 4)  ! receives: at completion
    call fact("expect.MPI_Isend.count", 0_8)
    call matrix(0, 1, send_ints * 4, with_c)
  else
    call fact("expect.MPI_Recv.count", int(rounds, 8))
    call fact("expect.MPI_Recv.bytes", int(rounds, 8) * send_ints * 4)
    call fact("expect.MPI_Isend.count", int(rounds, 8))
    call fact("expect.MPI_Isend.bytes", int(rounds, 8) * back_ints * 4)
    call fact("expect.MPI_Wait.bytes", 0_8)
    call fact("expect.MPI_Send.count", 0_8)
    call matrix(1, 0, back_ints * 4, with_c)
  end if
  call fact("expect.MPI_Sendrecv.count", merge(int(rounds, 8), 0_8, with_c))
  call fact("expect.MPI_Sendrecv.bytes", merge(int(rounds, 8) * c_ints * 4, 0_8, with_c))
  close(u)
  call MPI_Finalize()

contains

  ! Busy for `seconds` by MPI_Wtime (the program's clock), outside MPI.
  subroutine compute(seconds)
    real(8), intent(in) :: seconds
    real(8) :: t0
    t0 = MPI_Wtime()
    do while (MPI_Wtime() - t0 < seconds)
    end do
  end subroutine compute

  subroutine fact(key, value)
    character(len=*), intent(in) :: key
    integer(8), intent(in) :: value
    write(u, '(a,1x,i0)') key, value
  end subroutine fact

  ! Row src -> dst of the world matrix: per round one f08 message of `f08_bytes`, and with the C
  ! calls one MPI_Sendrecv of c_ints integers.
  subroutine matrix(src, dst, f08_bytes, c_too)
    integer, intent(in) :: src, dst, f08_bytes
    logical, intent(in) :: c_too
    integer(8) :: messages, bytes
    messages = rounds
    bytes = int(rounds, 8) * f08_bytes
    if (c_too) then
      messages = messages + rounds
      bytes = bytes + int(rounds, 8) * c_ints * 4
    end if
    write(u, '(a,i0,a,i0,1x,i0,1x,i0)') "matrix.", src, ".", dst, messages, bytes
  end subroutine matrix
end program fidelity_f08
