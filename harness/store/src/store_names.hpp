// Study and run names become folder names under RESULTS, so they are checked here again, whatever
// the spec's reader already checked: nothing a name says may lead out of the results folder.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace hpcpat::store {

// "" when `name` may name a folder: 1-128 bytes of [A-Za-z0-9._+=,@-], not starting with '.'
// (no "..", no hidden files, no "-" option look-alike first either); else what was expected.
std::string name_problem(std::string_view name);

// Throws InputError "<what> '<name>': <problem>" (what: "study name", "run name").
void check_name(std::string_view what, std::string_view name);

// Throws InputError unless `path`, with every symlink resolved, lies strictly under the resolved
// `root` (an existing folder). `path` may not exist yet (its existing prefix is resolved).
void check_contained(const std::filesystem::path &root, const std::filesystem::path &path);

// A path read from record.json ("files"): relative, without "." or ".." parts; "" when fine.
std::string relative_path_problem(std::string_view path);

}  // namespace hpcpat::store
