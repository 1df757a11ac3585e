// hpcpat containers render [--root DIR] [--matrix FILE] [--check]: the container build matrix
// rendered into containers/CLOUD/MPI-BASE/{Dockerfile,Makefile} and
// .github/workflows/containers.yaml under the repository's root (docs/containers.md). With
// --check nothing is written: exit 1 when a checked-in file differs from a fresh rendering or is
// missing, or a variant folder is no longer in the matrix (CI's staleness test).
// hpcpat containers list [--root DIR] [--matrix FILE]: the images, one per line.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>

#include "build_config.hpp"
#include "exit_codes.hpp"
#include "hpcpat/base/atomic_file.hpp"
#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/text_file.hpp"
#include "hpcpat/containers/matrix.hpp"
#include "hpcpat/containers/render.hpp"
#include "subcommands.hpp"

namespace hpcpat::cli {
namespace {
namespace fs = std::filesystem;

struct ContainersFlags {
  std::string root = ".", matrix;
  bool check = false;
};

// The matrix's path as the headers name it: relative to the root, so that the rendering does not
// depend on where the repository is.
std::string matrix_path(const ContainersFlags &f) {
  return f.matrix.empty() ? std::string("containers/matrix.yaml")
                          : fs::path(f.matrix).lexically_relative(f.root).generic_string();
}

fs::path matrix_file(const ContainersFlags &f) {
  return f.matrix.empty() ? fs::path(f.root) / "containers" / "matrix.yaml" : fs::path(f.matrix);
}

// Variant folders on disk (containers/CLOUD/NAME with a Dockerfile) that the rendering lacks.
std::vector<std::string> orphans(const fs::path &root,
                                 const std::vector<containers::RenderedFile> &files) {
  std::set<std::string> rendered;
  for (const auto &f : files) rendered.insert(f.path);
  std::vector<std::string> out;
  std::error_code ec;
  for (const char *cloud_dir : {"aws", "google"}) {
    const fs::path dir = root / "containers" / cloud_dir;
    if (!fs::is_directory(dir, ec)) continue;
    for (const auto &entry : fs::directory_iterator(dir, ec)) {
      const std::string rel = "containers/" + std::string(cloud_dir) + "/" +
                              entry.path().filename().string() + "/Dockerfile";
      if (fs::exists(entry.path() / "Dockerfile", ec) && rendered.count(rel) == 0)
        out.push_back(rel);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

int run_render(const ContainersFlags &f) {
  const containers::Matrix m = containers::load_matrix(matrix_file(f).string());
  const auto files = containers::render_all(m, matrix_path(f), build_config().version);
  const fs::path root(f.root);
  int differ = 0;
  for (const containers::RenderedFile &file : files) {
    const fs::path target = root / file.path;
    std::error_code ec;
    const bool exists = fs::is_regular_file(target, ec);
    if (exists && read_text_file(target) == file.text) continue;
    if (f.check) {
      std::printf("%s: %s\n", file.path.c_str(), exists ? "stale" : "missing");
      ++differ;
      continue;
    }
    fs::create_directories(target.parent_path(), ec);
    const std::string error = base::write_file_atomically(target.string(), file.text);
    if (!error.empty()) throw std::runtime_error(error);
    std::printf("wrote %s\n", file.path.c_str());
  }
  for (const std::string &o : orphans(root, files)) {
    std::printf("%s: not in %s (remove its folder)\n", o.c_str(), matrix_path(f).c_str());
    if (f.check) ++differ;
  }
  if (f.check) {
    if (differ == 0) {
      std::printf("%zu files match %s\n", files.size(), matrix_path(f).c_str());
      return kExitOk;
    }
    std::printf("%d of the rendered files differ: run `hpcpat containers render`\n", differ);
    return kExitRunFailed;
  }
  return kExitOk;
}

int run_list(const ContainersFlags &f) {
  const containers::Matrix m = containers::load_matrix(matrix_file(f).string());
  for (const containers::Variant &v : containers::expand(m)) {
    std::printf("%s  %s%s\n", v.image(m).c_str(),
                v.mpi_from_packages ? "MPI from the base's packages" : "MPI from its release",
                v.apps.empty() ? "" : (", " + v.apps.front()).c_str());
  }
  return kExitOk;
}

void add_common(CLI::App *cmd, ContainersFlags &f) {
  cmd->add_option("--root", f.root, "The repository's root (default: the current folder)");
  cmd->add_option("--matrix", f.matrix, "The matrix (default: ROOT/containers/matrix.yaml)");
}

}  // namespace

Subcommand add_containers_command(CLI::App &parent) {
  auto flags = std::make_shared<ContainersFlags>();
  auto mode = std::make_shared<std::string>();
  CLI::App *cmd = parent.add_subcommand(
      "containers", "The container build matrix: render its Dockerfiles, list its images");
  cmd->require_subcommand(1);
  CLI::App *render = cmd->add_subcommand(
      "render", "Write containers/CLOUD/VARIANT/{Dockerfile,Makefile} and the CI workflow");
  add_common(render, *flags);
  render->add_flag("--check", flags->check,
                   "Write nothing; exit 1 when a checked-in file is stale or missing");
  render->callback([mode] { *mode = "render"; });
  CLI::App *list = cmd->add_subcommand("list", "The images of the matrix, one per line");
  add_common(list, *flags);
  list->callback([mode] { *mode = "list"; });
  return {cmd, [flags, mode] { return *mode == "list" ? run_list(*flags) : run_render(*flags); }};
}

}  // namespace hpcpat::cli
