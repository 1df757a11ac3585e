"""Stand-ins for what an output path must never replace (issue 11): a FIFO (for a device such as
/dev/null, which a test must never touch), a symbolic link to a file outside, a directory. Shared
by the hpcpat command's tests (tests/e2e) and the interposer's (tests/mpi/profile)."""
import os
import stat

PRECIOUS = "precious\n"


def make(workdir):
    """Creates the stand-ins in workdir; returns {kind as messages name it: path}."""
    fifo = os.path.join(workdir, "fifo")
    os.mkfifo(fifo)
    elsewhere = os.path.join(workdir, "elsewhere")
    os.makedirs(elsewhere, exist_ok=True)
    outside = os.path.join(elsewhere, "precious.txt")
    with open(outside, "w") as f:
        f.write(PRECIOUS)
    link = os.path.join(workdir, "link.json")
    os.symlink(outside, link)
    adir = os.path.join(workdir, "adir")
    os.makedirs(adir, exist_ok=True)
    return {"a FIFO": fifo, "a symbolic link": link, "a directory": adir}


def untouched(targets):
    """'' when every stand-in is as make() left it, else what changed."""
    if not stat.S_ISFIFO(os.lstat(targets["a FIFO"]).st_mode):
        return "the FIFO is no longer a FIFO"
    link = targets["a symbolic link"]
    if not os.path.islink(link) or open(link).read() != PRECIOUS:
        return "the symbolic link or the file it names changed"
    adir = targets["a directory"]
    if not os.path.isdir(adir) or os.listdir(adir):
        return "the directory changed"
    return ""
