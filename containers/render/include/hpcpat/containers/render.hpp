// The files rendered from the matrix: per variant a Dockerfile and a Makefile
// (containers/CLOUD/MPI-BASE/), and one GitHub Actions workflow that builds them all. Text only:
// the same matrix and hpcpat version give the same bytes, so that the checked-in files can be
// compared with a fresh rendering (`hpcpat containers render --check`).
#pragma once

#include <string>
#include <vector>

#include "hpcpat/containers/matrix.hpp"

namespace hpcpat::containers {

struct RenderedFile {
  std::string path;  // relative to the repository's root
  std::string text;
};

// `matrix_path` is where the matrix sits relative to the repository's root (named in headers).
std::string dockerfile(const Matrix &m, const Variant &v, const std::string &matrix_path,
                       const std::string &hpcpat_version);
std::string makefile(const Matrix &m, const Variant &v, const std::string &matrix_path);
std::string workflow(const Matrix &m, const std::vector<Variant> &variants,
                     const std::string &matrix_path);

// Every file, in a fixed order: each variant's Dockerfile and Makefile, then the workflow
// (.github/workflows/containers.yaml).
std::vector<RenderedFile> render_all(const Matrix &m, const std::string &matrix_path,
                                     const std::string &hpcpat_version);

}  // namespace hpcpat::containers
