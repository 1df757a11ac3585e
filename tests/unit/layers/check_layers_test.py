#!/usr/bin/env python3
"""scripts/check_layers.py against small trees built here, each with one known defect (and one
clean), so the check on the real tree cannot pass by finding nothing."""
import os
import subprocess
import sys
import tempfile
import unittest

CHECK = os.path.join(os.path.dirname(__file__), "..", "..", "..", "scripts", "check_layers.py")

TABLE = """# arch
## Layers
| folder | library | owns | uses | third-party |
|---|---|---|---|---|
| `core/base/` | `b` | files | — | libc |
| `core/json/` | `j` | json | `core/base` | — |
| `analysis/profile/` | `p` | model | `core/json` | — |
| `cli/` | `hpcpat` | command | `analysis/profile` | — |
## Next
"""

CLEAN = {
    "docs/architecture.md": TABLE,
    "core/base/CMakeLists.txt": "add_library(hpcpat-base STATIC a.cpp)\n",
    "core/base/include/hpcpat/base/a.hpp": "#pragma once\n",
    "core/base/a.cpp": '#include "hpcpat/base/a.hpp"\n#include "private.hpp"\n',
    "core/base/private.hpp": "#pragma once\n",
    "core/json/CMakeLists.txt": "add_library(hpcpat-json STATIC j.cpp)\n"
                                "target_link_libraries(hpcpat-json PUBLIC hpcpat-base)\n",
    "core/json/include/hpcpat/json/j.hpp": "#pragma once\n",
    "core/json/j.cpp": '#include "hpcpat/json/j.hpp"\n',
    "analysis/profile/CMakeLists.txt": "add_library(hpcpat-profile STATIC p.cpp)\n"
                                       "add_library(hpcpat::profile ALIAS hpcpat-profile)\n",
    "analysis/profile/include/hpcpat/profile/p.hpp": '#include "hpcpat/json/j.hpp"\n',
    "analysis/profile/p.cpp": '#include "hpcpat/profile/p.hpp"\n',
    "cli/CMakeLists.txt": "add_executable(hpcpat main.cpp)\n"
                          "target_link_libraries(hpcpat PRIVATE\n  hpcpat::profile)\n",
    "cli/main.cpp": '#include "hpcpat/profile/p.hpp"\n',
    "tests/t.cpp": '#include "hpcpat/profile/p.hpp"\n#include "private.hpp"\n',
}


def run(tree):
    with tempfile.TemporaryDirectory() as root:
        for path, text in tree.items():
            os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(root, path), "w") as f:
                f.write(text)
        done = subprocess.run([sys.executable, CHECK, root], capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr


def with_change(path, text):
    tree = dict(CLEAN)
    tree[path] = text
    return tree


class CheckLayers(unittest.TestCase):
    def assertFinds(self, tree, *fragments):
        code, out = run(tree)
        self.assertEqual(code, 1, out)
        for fragment in fragments:
            self.assertIn(fragment, out)
        self.assertIn("check_layers: %d finding(s)" % (len(out.splitlines()) - 1), out)

    def test_clean_tree_passes(self):
        code, out = run(CLEAN)
        self.assertEqual((code, out.strip()), (0, "check_layers: 0 finding(s)"))

    def test_include_pointing_up(self):
        self.assertFinds(with_change("core/json/j.cpp", '#include "hpcpat/profile/p.hpp"\n'),
                         'core/json/j.cpp: #include "hpcpat/profile/p.hpp": a header of '
                         '`analysis/profile/` from `core/json/` points up')

    def test_link_pointing_up(self):
        self.assertFinds(with_change("core/json/CMakeLists.txt",
                                     "add_library(hpcpat-json STATIC j.cpp)\n"
                                     "target_link_libraries(hpcpat-json PUBLIC hpcpat-base "
                                     "hpcpat::profile)\n"),
                         "links hpcpat::profile: a library of `analysis/profile/` from "
                         "`core/json/` points up")

    def test_unlisted_part_of_the_same_layer_is_sideways(self):
        self.assertFinds(with_change("core/base/a.cpp", '#include "hpcpat/json/j.hpp"\n'),
                         "points sideways")

    def test_relative_include_even_in_tests(self):
        self.assertFinds(with_change("tests/t.cpp", '#include "../core/base/private.hpp"\n'),
                         'tests/t.cpp: #include "../core/base/private.hpp": a relative path')

    def test_private_header_of_another_part(self):
        self.assertFinds(with_change("cli/main.cpp", '#include "private.hpp"\n'),
                         "no private header of `cli/` by that name")

    def test_non_public_spelling(self):
        self.assertFinds(with_change("cli/main.cpp", '#include "profile/p.hpp"\n'),
                         "not a public header spelling")

    def test_sources_from_outside_the_folder(self):
        self.assertFinds(with_change("cli/CMakeLists.txt",
                                     CLEAN["cli/CMakeLists.txt"] +
                                     "target_sources(hpcpat PRIVATE ${PROJECT_SOURCE_DIR}/x.cpp)\n"),
                         "target_sources reaches outside `cli/`")

    def test_stale_row(self):
        self.assertFinds(with_change("docs/architecture.md",
                                     TABLE.replace("| command | `analysis/profile` |",
                                                   "| command | `analysis/profile`, `core/base` |")),
                         "`cli/` lists ['core/base'] but neither includes nor links them")

    def test_missing_row_entry(self):
        self.assertFinds(with_change("docs/architecture.md",
                                     TABLE.replace("| json | `core/base` |", "| json | — |")),
                         "`core/json/` uses ['core/base'] but its row does not list them")

    def test_unreadable_table_is_bad_input(self):
        code, out = run(with_change("docs/architecture.md", "# nothing here\n"))
        self.assertEqual(code, 2, out)
        self.assertIn("no rows in the table under '## Layers'", out)


if __name__ == "__main__":
    unittest.main()
