#!/usr/bin/env python3
"""Generate libhpcpat-pmpi's wrappers from the declarative table (gen/mpi_calls.tbl).

    wrapgen.py TABLE OUTDIR [--fortran] [--f08] [--categories HEADER]

Writes into OUTDIR: calls.hpp (kNumCalls, CallId, kCalls), calls.cpp (the kCalls table),
wrappers_c.cpp (one C wrapper per routine), with --fortran wrappers_f.cpp (Fortran entry
points mpi_x_, mpi_x__, mpi_x, MPI_X that time the Fortran PMPI entry point pmpi_x_) and, with
--f08, wrappers_f08.cpp (`use mpi_f08` entry points mpi_x_f08_ that time the next definition of
the same symbol).

Files are only rewritten when their content changes, so a rerun does not force a rebuild. The
approach is mpiP's make-wrappers / LLNL's wrap.py: one table, every body generated; the helpers
the bodies call (src/*.hpp) hold the logic, so a body is a few lines of plumbing.
"""
import os
import re
import sys

# The table's short category codes. The names they stand for are owned by
# include/hpcpat/mpi_category.hpp (HEADER above): the generator refuses a table whose codes do not
# map one to one onto that list, so a renamed category fails the build, not a profile reader.
CATEGORIES = {
    "p2p": "point_to_point", "coll": "collective", "wait": "wait_sync",
    "rma": "one_sided", "io": "io", "other": "other",
}
HANDLE_F2C = {
    "MPI_Comm": "PMPI_Comm_f2c", "MPI_Datatype": "PMPI_Type_f2c", "MPI_Win": "PMPI_Win_f2c",
    "MPI_Op": "PMPI_Op_f2c", "MPI_File": "PMPI_File_f2c", "MPI_Group": "PMPI_Group_f2c",
    "MPI_Info": "PMPI_Info_f2c", "MPI_Request": "PMPI_Request_f2c",
}
WIDE_SCALARS = ("MPI_Aint", "MPI_Offset", "MPI_Count")  # Fortran passes INTEGER(KIND=...) by ref


class TableError(Exception):
    pass


def header_category_names(text):
    """The category names of include/hpcpat/mpi_category.hpp, in order: its X-macro's X(name)s."""
    m = re.search(r"#define HPCPAT_MPI_CATEGORIES\(X\)(.*?)\n\n", text, re.S)
    if not m:
        raise TableError("no HPCPAT_MPI_CATEGORIES(X) list in the category header")
    return re.findall(r"\bX\((\w+)\)", m.group(1))


def check_categories(header_path):
    with open(header_path, encoding="utf-8") as f:
        names = header_category_names(f.read())
    mapped = sorted(CATEGORIES.values())
    if sorted(names) != mapped:
        raise TableError(f"table categories {mapped} differ from {header_path}'s {names}")


class Param:
    def __init__(self, text):
        self.text = text.strip()
        m = re.match(r"^(.*?)([A-Za-z_]\w*)\s*(\[\])?$", self.text)
        if not m:
            raise TableError(f"cannot parse parameter '{text}'")
        self.type = m.group(1).strip()
        self.name = m.group(2)
        self.array = m.group(3) is not None
        self.const = self.type.startswith("const ")
        self.stars = self.type.count("*")
        self.base = self.type.replace("const ", "").replace("*", "").strip()
        self.indirect = self.array or self.stars > 0

    def fortran_type(self):
        if self.base == "void":
            return "void *"
        if self.base in WIDE_SCALARS:
            return f"{self.base} *"
        return "MPI_Fint *"


class Routine:
    def __init__(self, category, proto, notes, lineno):
        m = re.match(r"^int\s+(MPI_\w+)\s*\((.*)\)$", proto.strip())
        if not m:
            raise TableError(f"line {lineno}: expected 'int MPI_Name(args)', got '{proto}'")
        if category not in CATEGORIES:
            raise TableError(f"line {lineno}: unknown category '{category}'")
        self.name = m.group(1)
        self.category = CATEGORIES[category]
        args = m.group(2).strip()
        self.variadic = args.endswith("...")
        self.params = [] if args in ("void", "") else [
            Param(a) for a in args.split(",") if a.strip() != "..."]
        self.notes = notes
        self.lineno = lineno

    def note(self, key, default=None):
        return self.notes.get(key, default)

    def param(self, name):
        for p in self.params:
            if p.name == name:
                return p
        raise TableError(f"line {self.lineno}: {self.name} has no argument '{name}'")

    def call_args(self, rename=None, suffix=""):
        rename = rename or {}
        return ", ".join(rename.get(p.name, p.name + suffix) for p in self.params)


def parse_table(path):
    routines = []
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            category, _, rest = line.partition(" ")
            proto, _, ann = rest.partition("|")
            notes = {}
            for item in filter(None, (a.strip() for a in ann.split(";"))):
                key, sep, value = item.partition(":")
                if not sep:
                    raise TableError(f"{path}:{lineno}: annotation '{item}' lacks 'key: value'")
                notes[key.strip()] = value.strip()
            routines.append(Routine(category, proto, notes, lineno))
    names = [r.name for r in routines]
    if len(names) != len(set(names)):
        raise TableError(f"{path}: duplicate routine names")
    return routines


def peer_code(r, spec, bytes_expr, lang):
    rank, _, handle = (s.strip() for s in spec.partition("@"))
    kind = "comm" if r.param(handle).base == "MPI_Comm" else "win"
    return f"record_peer_{kind}(*s_, {handle}, {rank}, {bytes_expr});"


def moved_bytes(expr, peer_spec):
    """A message to MPI_PROC_NULL moves nothing: the call is counted, its bytes are 0."""
    if not peer_spec:
        return expr
    rank = peer_spec.partition("@")[0].strip()
    return f"({rank} == MPI_PROC_NULL ? std::uint64_t{{0}} : std::uint64_t({expr}))"


def world_peer_code(r, spec):
    rank, _, handle = (s.strip() for s in spec.partition("@"))
    kind = "comm" if r.param(handle).base == "MPI_Comm" else "win"
    return f"world_rank_{kind}(*s_, {handle}, {rank})"


def after_call_lines(r, lang):
    """Bookkeeping after the PMPI call: bytes, partners, requests, handles (C and Fortran)."""
    lines = []
    req_value = (lambda a: f"PMPI_Request_f2c(*{a}_f)") if lang == "f" else (lambda a: f"*{a}")
    if r.note("bytes"):
        lines.append(f"bytes_ = {moved_bytes(r.note('bytes'), r.note('peer'))};")
    if r.note("recv_status"):
        lines.append("if (ok_) bytes_ = Api::bytes(st_);")
    if r.note("peer"):
        lines.append("if (ok_) " + peer_code(r, r.note("peer"), "bytes_", lang))
    if r.note("request"):
        kind, arg = r.note("request").split()
        if kind == "recv":
            lines.append(f"if (ok_) track_request(*s_, {req_value(arg)}, ReqKind::recv);")
        elif kind == "precv":
            lines.append(f"if (ok_) track_request(*s_, {req_value(arg)}, ReqKind::persistent_recv);")
        elif kind == "psend":
            lines.append(f"if (ok_) track_request(*s_, {req_value(arg)}, ReqKind::persistent_send, "
                         f"{moved_bytes(r.note('start_bytes'), r.note('start_peer'))}, "
                         f"{world_peer_code(r, r.note('start_peer'))});")
        elif kind == "other":
            lines.append(f"if (ok_) forget_request(*s_, {req_value(arg)});")
        else:
            raise TableError(f"line {r.lineno}: unknown request kind '{kind}'")
    if r.note("handles_freed"):
        lines.append("if (ok_) handle_freed(freed_);")
    return lines


def freed_handle_line(r, lang):
    """handles_freed: ARG -- the key of *ARG, taken before the call frees (and nulls) it."""
    arg = r.note("handles_freed")
    if not arg:
        return []
    if lang == "c":
        return [f"  const std::uintptr_t freed_ = handle_key(*{arg});"]
    f2c = HANDLE_F2C[r.param(arg).base]
    return [f"  const std::uintptr_t freed_ = handle_key({f2c}(*{arg}_f));"]


def referenced_names(r):
    text = " ".join(r.note(k, "") for k in ("bytes", "peer", "start_bytes", "start_peer"))
    return [p for p in r.params if re.search(rf"\b{p.name}\b", text)]


# ----------------------------------------------------------------------------------------- C
def c_wrapper(r):
    sig = ", ".join(p.text for p in r.params) or "void"
    args = r.call_args()
    hook = r.note("hook")
    if hook in ("init", "init_thread"):  # pointers and an int: safe to pass through in C++
        head = f'extern "C" HPCPAT_EXPORT int {r.name}({sig}) {{\n'
    else:  # hot/entry.hpp: a trampoline that can step aside without touching the arguments
        head = (f"HPCPAT_ENTRY({r.name})\n"
                f'extern "C" HPCPAT_IMPL_EXPORT int HPCPAT_IMPL({r.name})({sig}) {{\n')
    if hook == "init":
        return head + (f"  if (!before_init()) return P{r.name}({args});\n"
                       f"  const int rc_ = P{r.name}({args});\n"
                       f"  if (rc_ == MPI_SUCCESS) after_init(-1, CallId::{r.name});\n"
                       "  return rc_;\n}\n")
    if hook == "init_thread":
        return head + (f"  if (!before_init()) return P{r.name}({args});\n"
                       f"  const int rc_ = P{r.name}({args});\n"
                       f"  if (rc_ == MPI_SUCCESS) after_init(*provided, CallId::{r.name});\n"
                       "  return rc_;\n}\n")
    if hook == "finalize":
        return head + f"  before_finalize(CallId::{r.name});\n  return P{r.name}();\n}}\n"
    if hook == "abort":
        return head + (f"  before_abort(CallId::{r.name}, comm, errorcode);\n"
                       f"  return P{r.name}({args});\n}}\n")
    # t0 first, before the thread's lookup (which may register it): see hot/booking.hpp.
    body = [f"  if (!collecting()) return P{r.name}({args});",
            "  const Ticks t0_ = now();",
            "  ThreadState *const s_ = hot_state();",
            f"  if (s_ == nullptr) return P{r.name}({args});",
            "  s_->site = HPCPAT_CALL_SITE();  // call sites: hot/callsites.hpp"]
    family = r.note("complete")
    if family:
        call_args = args.replace("array_of_statuses", "st_") if "array_of_statuses" in args \
            else re.sub(r"\bstatus\b", "st_", args)
        body.append(f"  return complete_{family}<CApi>(*s_, CallId::{r.name}, t0_, {completion_args(r)},"
                    f"\n      [&](MPI_Status *st_) {{ return P{r.name}({call_args}); }});")
        return head + "\n".join(body) + "\n}\n"
    start = r.note("start")
    if r.note("free_request"):
        body.append(f"  forget_request(*s_, *{r.note('free_request')});")
    body += freed_handle_line(r, "c")
    rename = {}
    if r.note("recv_status"):
        st = r.note("recv_status")
        body.append(f"  MPI_Status local_st_;")
        body.append(f"  MPI_Status *const st_ = {st} == MPI_STATUS_IGNORE ? &local_st_ : {st};")
        rename[st] = "st_"
    body += [f"  const int rc_ = P{r.name}({r.call_args(rename)});",
             "  [[maybe_unused]] const bool ok_ = rc_ == MPI_SUCCESS;",
             "  std::uint64_t bytes_ = 0;"]
    if start == "one":
        body.append("  if (ok_) bytes_ = started<CApi>(*s_, request, 1);")
    elif start == "all":
        body.append("  if (ok_) bytes_ = started<CApi>(*s_, array_of_requests, count);")
    body += ["  " + l for l in after_call_lines(r, "c")]
    body += [f"  record_since(*s_, CallId::{r.name}, t0_, bytes_);", "  return rc_;"]
    return head + "\n".join(body) + "\n}\n"


def completion_args(r):
    names = [p.name for p in r.params if p.name not in ("status", "array_of_statuses")]
    statuses = [p.name for p in r.params if p.name in ("status", "array_of_statuses")]
    return ", ".join(names + statuses)


# ----------------------------------------------------------------------------------- Fortran
def fortran_local(p):
    if p.base == "void":
        return f"const void *{p.name} = f_buf({p.name}_f);"
    if p.base in WIDE_SCALARS:
        return f"const {p.base} {p.name} = *{p.name}_f;"
    if p.base == "int":
        if p.indirect:
            return f"const int *{p.name} = {p.name}_f;"
        return f"const int {p.name} = static_cast<int>(*{p.name}_f);"
    if p.base == "MPI_Datatype" and p.array:
        return f"const FintTypes {p.name}{{{p.name}_f}};"
    if p.base in HANDLE_F2C and not p.indirect:
        return f"const {p.base} {p.name} = {HANDLE_F2C[p.base]}(*{p.name}_f);"
    raise TableError(f"no Fortran conversion for argument '{p.text}'")


class Binding:
    """One Fortran binding's entry points; the bodies are the same, only these details differ.

    legacy (`use mpi`, mpif.h; Open MPI only): mpi_send_ and three alias spellings, timing the
    Fortran PMPI entry point pmpi_send_ (linked), ierr always present.
    f08 (`use mpi_f08`, both MPIs): mpi_send_f08_, timing the next definition of that same symbol
    (dlsym RTLD_NEXT: MPICH has no pmpi_x_f08_), ierror OPTIONAL (NULL when absent), handles are
    TYPE(MPI_Comm) etc. holding the INTEGER handle (so MPI_Fint * like the legacy ones), statuses
    TYPE(MPI_Status) (F08Api, fortran_f08.hpp). MPICH names routines with a choice buffer
    mpi_send_f08ts_ and sends them through the C MPI_Send, which the C wrappers count; its
    mpi_send_f08_ does not exist, so that wrapper is never called there.
    """

    def __init__(self, f08):
        self.f08 = f08
        self.api = "F08Api" if f08 else "FApi"
        self.ierr_param = "MPI_Fint *ierror" if f08 else "MPI_Fint *ierr"

    def entry(self, r):
        return r.name.lower() + ("_f08_" if self.f08 else "_")

    def callee(self, r):
        return "next_" if self.f08 else f"p{r.name.lower()}_"

    def head(self, r, sig):
        """The declaration of the callee, the definition's first line and its prologue."""
        define = f'extern "C" HPCPAT_EXPORT void {self.entry(r)}({sig}) {{\n'
        if not self.f08:
            return f'extern "C" void p{r.name.lower()}_({sig});\n' + define
        return define + (
            "  MPI_Fint ierr_local_ = MPI_SUCCESS;  // OPTIONAL ierror: we always need the code\n"
            "  MPI_Fint *const ierr = ierror != nullptr ? ierror : &ierr_local_;\n"
            f'  static const auto next_ = f08_next<void (*)({sig})>("{self.entry(r)}");\n'
            "  if (next_ == nullptr) { *ierr = MPI_ERR_INTERN; return; }\n")

    def aliases(self, r, sig):
        if self.f08:
            return ""
        low = r.name.lower()
        out = ""
        for alias in (low, low + "__", r.name.upper()):
            out += (f'extern "C" HPCPAT_EXPORT void {alias}({sig}) '
                    f'__attribute__((alias("{low}_")));\n')
        return out


def f_hook_wrapper(r, b):
    """Init, Init_thread, Finalize, Abort: the same lifecycle calls as the C wrappers."""
    hook = r.note("hook")
    call_of = lambda *args: f"{b.callee(r)}({', '.join(list(args) + ['ierr'])})"
    if hook in ("init", "init_thread"):
        fargs = [] if hook == "init" else ["required_f", "provided_f"]
        sig = ", ".join([f"MPI_Fint *{a}" for a in fargs] + [b.ierr_param])
        call = call_of(*fargs)
        provided = "-1" if hook == "init" else "static_cast<int>(*provided_f)"
        body = (f"  if (!before_init()) {{ {call}; return; }}\n"
                f"  {call};\n"
                f"  if (*ierr == MPI_SUCCESS) after_init({provided}, CallId::{r.name});\n}}\n")
    elif hook == "finalize":
        sig = b.ierr_param
        body = f"  before_finalize(CallId::{r.name});\n  {call_of()};\n}}\n"
    else:  # abort
        sig = f"MPI_Fint *comm_f, MPI_Fint *errorcode_f, {b.ierr_param}"
        body = (f"  before_abort(CallId::{r.name}, PMPI_Comm_f2c(*comm_f), "
                f"static_cast<int>(*errorcode_f));\n"
                f"  {call_of('comm_f', 'errorcode_f')};\n}}\n")
    return b.head(r, sig) + body + b.aliases(r, sig)


def f_wrapper(r, b):
    if r.note("hook"):
        return f_hook_wrapper(r, b)
    api, callee = b.api, b.callee(r)
    sig = ", ".join([f"{p.fortran_type()}{p.name}_f" for p in r.params] + [b.ierr_param])
    args_f = ", ".join([p.name + "_f" for p in r.params] + ["ierr"])
    body = [f"  if (!collecting()) {{ {callee}({args_f}); return; }}",
            "  const Ticks t0_ = now();",
            "  ThreadState *const s_ = hot_state();",
            f"  if (s_ == nullptr) {{ {callee}({args_f}); return; }}",
            "  const FortranScope scope_;  // C wrappers reached from inside pass through",
            "  s_->site = HPCPAT_CALL_SITE();  // call sites: hot/callsites.hpp"]
    family = r.note("complete")
    if family:
        names = [p.name for p in r.params if p.name not in ("status", "array_of_statuses")]
        statuses = [p.name for p in r.params if p.name in ("status", "array_of_statuses")]
        cargs = ", ".join(n + "_f" for n in names + statuses)
        call_args = ", ".join(("st_" if p.name in ("status", "array_of_statuses") else p.name + "_f")
                              for p in r.params) + ", ierr"
        body.append(f"  complete_{family}<{api}>(*s_, CallId::{r.name}, t0_, {cargs},\n"
                    f"      [&](MPI_Fint *st_) {{ {callee}({call_args}); return *ierr; }});")
        return b.head(r, sig) + "\n".join(body) + "\n}\n" + b.aliases(r, sig)
    if r.note("free_request"):
        body.append(f"  forget_request(*s_, PMPI_Request_f2c(*{r.note('free_request')}_f));")
    body += freed_handle_line(r, "f")
    call_names = {p.name: p.name + "_f" for p in r.params}
    if r.note("recv_status"):
        st = r.note("recv_status")
        body.append(f"  {api}::StatusStorage local_st_;")
        body.append(f"  MPI_Fint *const st_ = {api}::ignored_one({st}_f) ? local_st_.v : {st}_f;")
        call_names[st] = "st_"
    call = f"{callee}({', '.join(call_names[p.name] for p in r.params)}{', ' if r.params else ''}ierr)"
    body += [f"  {call};",
             "  [[maybe_unused]] const bool ok_ = *ierr == MPI_SUCCESS;",
             "  [[maybe_unused]] std::uint64_t bytes_ = 0;"]
    if r.note("recv_status"):
        body.append(f"  using Api = {api};")
    body += ["  " + fortran_local(p) for p in referenced_names(r)]
    start = r.note("start")
    if start == "one":
        body.append(f"  if (ok_) bytes_ = started<{api}>(*s_, request_f, 1);")
    elif start == "all":
        body.append(f"  if (ok_) bytes_ = started<{api}>(*s_, array_of_requests_f, "
                    "static_cast<int>(*count_f));")
    body += ["  " + l for l in after_call_lines(r, "f")]
    body.append(f"  record_since(*s_, CallId::{r.name}, t0_, bytes_);")
    return b.head(r, sig) + "\n".join(body) + "\n}\n" + b.aliases(r, sig)


# ------------------------------------------------------------------------------------ output
BANNER = "// GENERATED by interposer/gen/wrapgen.py from gen/mpi_calls.tbl. Do not edit.\n"


def calls_hpp(routines):
    ids = "\n".join(f"  {r.name} = {i}," for i, r in enumerate(routines))
    return (BANNER + "#pragma once\n\n#include <cstdint>\n\n#include \"call_info.hpp\"\n\n"
            "namespace hpcpat::pmpi {\n\n"
            f"inline constexpr int kNumCalls = {len(routines)};\n\n"
            f"enum class CallId : std::uint16_t {{\n{ids}\n}};\n\n"
            "extern const CallInfo kCalls[kNumCalls];\n\n"
            "inline const CallInfo &call_info(CallId id) { return kCalls[static_cast<int>(id)]; }\n\n"
            "}  // namespace hpcpat::pmpi\n")


def calls_cpp(routines):
    rows = "\n".join(f'    {{"{r.name}", Category::{r.category}}},' for r in routines)
    return (BANNER + '#include "calls.hpp"\n\nnamespace hpcpat::pmpi {\n\n'
            f"const CallInfo kCalls[kNumCalls] = {{\n{rows}\n}};\n\n}}  // namespace hpcpat::pmpi\n")


PRELUDE = """#include <mpi.h>

#include <cstdint>

#include "calls.hpp"
#include "entry.hpp"
#include "hot_path.hpp"

// Every wrapper is extern "C" and exported through the version script; the helpers it calls
// are noexcept and this file is compiled without exceptions, so nothing unwinds into the host.
using namespace hpcpat::pmpi;
"""


def wrappers_c(routines):
    out = [BANNER, PRELUDE, "using Api = CApi;\n"]
    for r in routines:
        if r.note("custom") == "yes":
            continue
        out.append(c_wrapper(r))
    return "\n".join(out)


def wrappers_f(routines, binding, header):
    out = [BANNER, PRELUDE.replace('#include "hot_path.hpp"',
                                   f'#include "hot_path.hpp"\n#include "{header}"')]
    for r in routines:
        if r.note("custom") == "yes" or r.note("fortran") == "no":
            continue
        out.append(f_wrapper(r, binding))
    return "\n".join(out)


def write_if_changed(path, text):
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv):
    if len(argv) < 3:
        print("usage: wrapgen.py TABLE OUTDIR [--fortran] [--f08] [--categories HEADER]",
              file=sys.stderr)
        return 2
    table, outdir = argv[1], argv[2]
    try:
        if "--categories" in argv[3:]:
            check_categories(argv[argv.index("--categories") + 1])
        routines = parse_table(table)
        os.makedirs(outdir, exist_ok=True)
        write_if_changed(os.path.join(outdir, "calls.hpp"), calls_hpp(routines))
        write_if_changed(os.path.join(outdir, "calls.cpp"), calls_cpp(routines))
        write_if_changed(os.path.join(outdir, "wrappers_c.cpp"), wrappers_c(routines))
        if "--fortran" in argv[3:]:
            write_if_changed(os.path.join(outdir, "wrappers_f.cpp"),
                             wrappers_f(routines, Binding(f08=False), "fortran.hpp"))
        if "--f08" in argv[3:]:
            write_if_changed(os.path.join(outdir, "wrappers_f08.cpp"),
                             wrappers_f(routines, Binding(f08=True), "fortran_f08.hpp"))
    except (TableError, OSError) as e:
        print(f"wrapgen: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
