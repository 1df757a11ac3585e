#!/usr/bin/env python3
"""Checks that the tree keeps the layering docs/architecture.md describes.

The table under "## Layers" in docs/architecture.md is the one statement of which part may use
which; this script holds the build to it and fails (exit 1, one line per finding) when
  - a part includes or links a part of a higher layer (an arrow pointing up), or a part of its
    own layer that its row does not list (an arrow pointing sideways);
  - a header is reached by a relative path ("../x.hpp"), or a public header by any spelling but
    "hpcpat/<lib>/x.hpp", or a private header of another part by plain name;
  - a part's CMakeLists adds sources or include folders from outside its own folder;
  - the table's "uses" column differs from what the part's includes and links actually use
    (a stale row, either way).
Tests and benchmarks may use anything and are only checked for relative includes.

usage: check_layers.py [ROOT]        exit 0 clean, 1 findings, 2 unreadable table
"""
import os
import re
import sys

# Bottom to top: a part may use parts of lower layers, and listed parts of its own layer.
LAYERS = ["include", "core", "interposer", "workloads", "analysis", "synthesis", "containers",
          "harness", "cli"]
FREE = ["tests", "bench"]
SOURCE_SUFFIXES = (".c", ".cpp", ".hpp", ".h")
# Private headers written into the build tree: by interposer/gen/wrapgen.py, or configured from
# a NAME.in beside the sources (found as such).
GENERATED = {"calls.hpp"}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
COMMAND = re.compile(r"\b(target_link_libraries|target_sources|target_include_directories|"
                     r"add_library|add_executable)\s*\(([^)]*)\)", re.S)


def fail_usage(message):
    print(f"check_layers: {message}", file=sys.stderr)
    sys.exit(2)


def read_table(root):
    """{part folder: set of part folders it uses} from the Layers table."""
    path = os.path.join(root, "docs", "architecture.md")
    try:
        text = open(path, encoding="utf-8").read()
    except OSError as e:
        fail_usage(f"{path}: cannot read: {e.strerror}")
    section = text.split("## Layers", 1)[-1].split("\n## ", 1)[0]
    parts = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not cells[0].startswith("`"):
            continue
        folder = cells[0].strip("`").rstrip("/")
        uses = {u.strip().strip("`").rstrip("/") for u in cells[3].split(",")} - {"—", "-", ""}
        parts[folder] = uses
    if not parts:
        fail_usage(f"{path}: no rows in the table under '## Layers' "
                   "(expected | `folder/` | library | owns | uses | third-party |)")
    return parts


def layer_of(folder):
    return LAYERS.index(folder.split("/")[0])


def part_of(parts, path):
    """The longest table folder that contains path, or None."""
    best = None
    for folder in parts:
        if path == folder or path.startswith(folder + "/"):
            if best is None or len(folder) > len(best):
                best = folder
    return best


def walk(root, top):
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("build"))
        for name in sorted(filenames):
            yield os.path.relpath(os.path.join(dirpath, name), root)


def public_owners(root, parts):
    """{"hpcpat/<lib>/": part} for every public include folder, plus the top-level headers."""
    owners = {}
    for top in LAYERS:
        for dirpath, dirnames, _ in os.walk(os.path.join(root, top)):
            if dirpath.endswith(os.path.join("include", "hpcpat")):
                part = part_of(parts, os.path.relpath(dirpath, root))
                for lib in dirnames:
                    owners[f"hpcpat/{lib}/"] = part
    return owners


def check(root):
    parts = read_table(root)
    findings = []
    for folder in parts:
        if folder.split("/")[0] not in LAYERS:
            findings.append(f"docs/architecture.md: row `{folder}/` is in no layer {LAYERS}")
        elif not os.path.isdir(os.path.join(root, folder)):
            findings.append(f"docs/architecture.md: row `{folder}/` names no folder of the tree")
    if findings:
        return findings
    owners = public_owners(root, parts)
    used = {folder: set() for folder in parts}
    targets = {}  # our CMake target -> part

    def use(user, target_part, where, what):
        if target_part is None or target_part == user:
            return
        used[user].add(target_part)
        up = layer_of(target_part) > layer_of(user)
        sideways = layer_of(target_part) == layer_of(user) and target_part not in parts[user]
        if up or sideways:
            findings.append(f"{where}: {what} of `{target_part}/` from `{user}/` points "
                            f"{'up' if up else 'sideways'}")

    sources = [p for top in LAYERS + FREE if os.path.isdir(os.path.join(root, top))
               for p in walk(root, top)]
    # Targets first: the links below name them.
    for path in sources:
        if os.path.basename(path) != "CMakeLists.txt":
            continue
        part = part_of(parts, os.path.dirname(path))
        for kind, args in COMMAND.findall(open(os.path.join(root, path)).read()):
            words = args.split()
            if kind in ("add_library", "add_executable") and words and part:
                targets[words[0]] = part
                if "ALIAS" in words:
                    targets[words[0]] = part
                    targets[words[-1]] = part
    for path in sources:
        part = part_of(parts, os.path.dirname(path))
        text = open(os.path.join(root, path), errors="replace").read()
        if path.endswith(SOURCE_SUFFIXES):
            for name in INCLUDE.findall(text):
                where = f"{path}: #include \"{name}\""
                if ".." in name.split("/"):
                    findings.append(f"{where}: a relative path; include hpcpat/<lib>/x.hpp or a "
                                    "private header by plain name")
                    continue
                if part is None:
                    continue  # tests and benchmarks may use anything
                owner = next((o for prefix, o in owners.items() if name.startswith(prefix)), None)
                if name.count("/") == 1 and os.path.isfile(os.path.join(root, "include", name)):
                    owner = "include"  # the top-level public headers: include/hpcpat/x.h
                if owner:
                    use(part, owner, where, "a header")
                elif "/" in name:
                    findings.append(f"{where}: not a public header spelling (hpcpat/<lib>/x.hpp)")
                elif name not in GENERATED and not any(
                        os.path.basename(p) in (name, name + ".in") for p in sources
                        if part_of(parts, os.path.dirname(p)) == part):
                    findings.append(f"{where}: no private header of `{part}/` by that name")
        elif os.path.basename(path) == "CMakeLists.txt" and part:
            for kind, args in COMMAND.findall(text):
                words = args.split()
                if kind == "target_link_libraries":
                    for word in words[1:]:
                        use(part, targets.get(word), f"{path}: links {word}", "a library")
                if kind in ("target_sources", "target_include_directories"):
                    for word in words[1:]:
                        if "SOURCE_DIR}" in word and "CMAKE_CURRENT_SOURCE_DIR}" not in word:
                            findings.append(f"{path}: {kind} reaches outside `{part}/`: {word}")
    for folder in sorted(parts):
        stale = parts[folder] - used[folder]
        missing = used[folder] - parts[folder]
        if stale:
            findings.append(f"docs/architecture.md: `{folder}/` lists {sorted(stale)} "
                            "but neither includes nor links them")
        if missing:
            findings.append(f"docs/architecture.md: `{folder}/` uses {sorted(missing)} "
                            "but its row does not list them")
    return findings


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                           os.path.join(os.path.dirname(__file__), ".."))
    findings = check(root)
    for f in findings:
        print(f)
    print(f"check_layers: {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
