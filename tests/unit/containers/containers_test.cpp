// The container matrix: the checked-in matrix expanded with exact variants and facts, exclusions
// counted, each kind of bad matrix refused with file:line, field and expectation, and the rendered
// files checked for what every image must have (checksummed downloads, the MPI for its fabric,
// labels, no Flux, no entrypoint) and for being the same bytes twice.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/containers/matrix.hpp"
#include "hpcpat/containers/render.hpp"

namespace hpcpat::containers {
namespace {

std::string checked_in_text() {
  std::ifstream in(std::string(HPCPAT_SOURCE_DIR) + "/containers/matrix.yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A small valid matrix; `extra` is appended (later keys of the same name are refused, so tests
// replace whole sections through `replace`).
std::string small(
    const std::string &axes = "{cloud: [aws, google], mpi: [ompi, mpich], base: [deb]}",
    const std::string &extra = "") {
  return "schema: hpcpat.containers.v1\n"
         "name: hpcpat\n"
         "registry: localhost/test\n"
         "axes: " +
         axes +
         "\n"
         "bases:\n"
         "  deb: {image: 'debian:12', packages: apt, build: [cmake]}\n"
         "mpis:\n"
         "  ompi:\n"
         "    flavour: openmpi\n"
         "    source: {version: 4.1.6, url: 'https://example.org/openmpi-4.1.6.tar.bz2', sha256: " +
         std::string(64, 'a') +
         "}\n"
         "    packages: {apt: [openmpi-bin]}\n"
         "  mpich:\n"
         "    flavour: mpich\n"
         "    source: {version: 4.2.0, url: 'https://example.org/mpich-4.2.0.tar.gz', sha256: " +
         std::string(64, 'b') +
         "}\n"
         "clouds:\n"
         "  aws:\n"
         "    libfabric: {version: 1.20.0, url: 'https://example.org/libfabric-1.20.0.tar.bz2', "
         "sha256: " +
         std::string(64, 'c') +
         ", providers: [efa, tcp]}\n"
         "  google: {}\n"
         "oras: {version: 1.2.0, sha256: {amd64: " +
         std::string(64, 'd') + "}}\n" + extra;
}

std::string error_of(const std::string &yaml) {
  try {
    const Matrix m = read_matrix(yaml, "m.yaml");
    expand(m);
  } catch (const InputError &e) {
    return e.what();
  }
  return "(accepted)";
}

void expect_refused(const std::string &yaml, const std::string &start, const std::string &part) {
  const std::string msg = error_of(yaml);
  EXPECT_EQ(msg.rfind(start, 0), 0u) << "message: " << msg << "\nwanted start: " << start;
  EXPECT_NE(msg.find(part), std::string::npos) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
}

const Variant &find(const std::vector<Variant> &vs, const std::string &id) {
  for (const Variant &v : vs) {
    if (v.id() == id) return v;
  }
  throw std::runtime_error("no variant " + id);
}

TEST(Matrix, TheCheckedInMatrixHasEveryCombination) {
  const Matrix m = read_matrix(checked_in_text(), "containers/matrix.yaml");
  const std::vector<Variant> vs = expand(m);
  ASSERT_EQ(vs.size(), 2u * 3u * 3u);
  EXPECT_EQ(vs.front().id(), "aws-openmpi4-ubuntu2204");
  EXPECT_EQ(vs.back().id(), "google-mpich4-rocky9");
  // google + a packaged MPI: the base's Open MPI and its LAMMPS.
  const Variant &g = find(vs, "google-openmpi4-ubuntu2204");
  EXPECT_TRUE(g.mpi_from_packages);
  EXPECT_EQ(g.apps, std::vector<std::string>{"lammps"});
  EXPECT_EQ(g.image(m), "ghcr.io/hpcpat/hpcpat-google:openmpi4-ubuntu2204");
  EXPECT_EQ(g.folder(), "google/openmpi4-ubuntu2204");
  // Ubuntu's LAMMPS is linked with Open MPI: an MPICH image goes without.
  EXPECT_TRUE(find(vs, "google-mpich4-ubuntu2404").apps.empty());
  EXPECT_EQ(find(vs, "google-mpich4-rocky9").app_packages,
            std::vector<std::string>{"lammps-mpich"});
  // No package of Open MPI 5: from its release, and so no packaged app.
  EXPECT_FALSE(find(vs, "google-openmpi5-ubuntu2404").mpi_from_packages);
  EXPECT_TRUE(find(vs, "google-openmpi5-ubuntu2404").apps.empty());
  // aws: always from the release, against the image's libfabric.
  const Variant &a = find(vs, "aws-openmpi4-ubuntu2204");
  EXPECT_FALSE(a.mpi_from_packages);
  ASSERT_TRUE(a.cloud->libfabric.has_value());
  EXPECT_EQ(a.cloud->libfabric->providers, (std::vector<std::string>{"efa", "tcp", "shm"}));
}

TEST(Matrix, ExclusionsRemoveExactlyTheirCombinations) {
  EXPECT_EQ(expand(read_matrix(small(), "m.yaml")).size(), 4u);
  const Matrix one = read_matrix(small("{cloud: [aws, google], mpi: [ompi, mpich], base: [deb]}",
                                       "exclude: [{cloud: aws, mpi: mpich}]\n"),
                                 "m.yaml");
  const std::vector<Variant> vs = expand(one);
  ASSERT_EQ(vs.size(), 3u);
  for (const Variant &v : vs) EXPECT_NE(v.id(), "aws-mpich-deb");
  // Overlapping rules: all of google, and aws with ompi.
  const Matrix two = read_matrix(small("{cloud: [aws, google], mpi: [ompi, mpich], base: [deb]}",
                                       "exclude: [{cloud: google}, {mpi: ompi}]\n"),
                                 "m.yaml");
  ASSERT_EQ(expand(two).size(), 1u);
  EXPECT_EQ(expand(two).front().id(), "aws-mpich-deb");
}

TEST(Matrix, ExclusionsThatRemoveEverythingAreRefused) {
  expect_refused(
      small("{cloud: [aws, google], mpi: [ompi, mpich], base: [deb]}", "exclude: [{base: deb}]\n"),
      "m.yaml: exclude: expected rules that leave at least one image", "exclude all 4");
}

TEST(Matrix, BadMatricesAreRefusedWithFileLineAndField) {
  expect_refused(small("{cloud: [aws], mpi: [ompi, mvapich], base: [deb]}"),
                 "m.yaml:4: axes.mpi[1]: expected a value defined under `mpis` (mpich, ompi)",
                 "got 'mvapich'");
  expect_refused(small("{cloud: [], mpi: [ompi], base: [deb]}"), "m.yaml:4: axes.cloud: expected",
                 "");
  expect_refused(small("{cloud: [aws, aws], mpi: [ompi], base: [deb]}"),
                 "m.yaml:4: axes.cloud[1]: expected each value once", "'aws' again");
  expect_refused(small("{cloud: [aws], mpi: [ompi], base: [deb], os: [x]}"), "m.yaml:4: axes",
                 "os");
  expect_refused(small("{cloud: [aws], mpi: [ompi], base: [deb]}", "exclude: [{cloud: azure}]\n"),
                 "m.yaml:20: exclude[0].cloud: expected a value of axes.cloud", "got 'azure'");
  expect_refused(small("{cloud: [aws], mpi: [ompi], base: [deb]}", "exclude: [{}]\n"),
                 "m.yaml:20: exclude[0]: expected at least one axis value", "");
  expect_refused(small("{cloud: [aws], mpi: [ompi], base: [deb]}", "flavours: 1\n"), "m.yaml",
                 "flavours");
  // The schema id, and each value that lands in a RUN line, held to its pattern.
  std::string s = small();
  expect_refused(std::regex_replace(s, std::regex("containers.v1"), "containers.v2"),
                 "m.yaml:1: schema: expected hpcpat.containers.v1", "");
  expect_refused(std::regex_replace(s, std::regex("openmpi-4.1.6.tar.bz2"), "x.tar.bz2;reboot"),
                 "m.yaml:10: mpis.ompi.source.url: expected an https URL", "");
  expect_refused(std::regex_replace(s, std::regex("\\[openmpi-bin\\]"), "['openmpi-bin $(id)']"),
                 "m.yaml:11: mpis.ompi.packages.apt[0]: expected a package name", "");
  expect_refused(std::regex_replace(s, std::regex(std::string(64, 'b')), "abc"),
                 "m.yaml:14: mpis.mpich.source.sha256: expected a SHA-256 checksum", "");
  expect_refused(std::regex_replace(s, std::regex("packages: apt"), "packages: zypper"),
                 "m.yaml:6: bases.deb.packages: expected one of", "");
  expect_refused(
      std::regex_replace(s, std::regex("providers: \\[efa, tcp\\]"), "providers: [psm9]"),
      "m.yaml:17: clouds.aws.libfabric.providers[0]: expected one of", "");
  expect_refused(
      std::regex_replace(s, std::regex("registry: localhost/test"), "registry: 'Bad Registry'"),
      "m.yaml:3: registry: expected a registry and namespace", "");
  expect_refused(std::regex_replace(s, std::regex("  deb: \\{"), "  Deb: {"), "m.yaml",
                 "expected a key that is a lower-case name");
  expect_refused(std::regex_replace(s, std::regex("image: 'debian:12'"), "image: '-v/:/host'"),
                 "m.yaml:6: bases.deb.image: expected an image reference", "");
  expect_refused(
      std::regex_replace(s, std::regex("registry: localhost/test"), "registry: 'localhost/a//b'"),
      "m.yaml:3: registry: expected a registry and namespace", "");
  EXPECT_EQ(error_of(std::regex_replace(
                s, std::regex("image: 'debian:12'"),
                "image: 'localhost:5000/base/debian:12@sha256:" + std::string(64, 'e') + "'")),
            "(accepted)");
  expect_refused("[1, 2]\n", "m.yaml:1: (document): expected a map", "");
  expect_refused("a: [\n", "m.yaml", "well-formed YAML");
}

std::string dockerfile_of(const Matrix &m, const std::string &id) {
  const std::vector<Variant> vs = expand(m);
  return dockerfile(m, find(vs, id), "containers/matrix.yaml", "9.9.9");
}

std::size_t count(const std::string &text, const std::string &what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(Render, EveryDownloadIsCheckedAndNoImageRunsFlux) {
  const Matrix m = read_matrix(checked_in_text(), "containers/matrix.yaml");
  for (const RenderedFile &f : render_all(m, "containers/matrix.yaml", "9.9.9")) {
    if (f.path.find("/Dockerfile") == std::string::npos) continue;
    SCOPED_TRACE(f.path);
    EXPECT_EQ(count(f.text, "curl -fsSL -o "), count(f.text, "| sha256sum -c -"));
    EXPECT_EQ(f.text.find("ENTRYPOINT"), std::string::npos);
    EXPECT_EQ(f.text.find("flux"), std::string::npos);
    EXPECT_NE(f.text.find("org.opencontainers.image.revision=\"${GIT_SHA}\""), std::string::npos);
    EXPECT_NE(f.text.find("HPCPAT_CONTAINER_VARIANT="), std::string::npos);
    EXPECT_NE(f.text.find("ARG BASE="), std::string::npos);
    EXPECT_NE(f.text.find("io.hpcpat.oras=\"${ORAS_VERSION}\""), std::string::npos);
  }
}

TEST(Render, EachVariantGetsTheMpiItsFabricNeeds) {
  const Matrix m = read_matrix(checked_in_text(), "containers/matrix.yaml");
  const std::string aws_ompi = dockerfile_of(m, "aws-openmpi4-ubuntu2204");
  EXPECT_NE(aws_ompi.find("--enable-efa=yes --enable-tcp=yes --enable-shm=yes"), std::string::npos);
  EXPECT_NE(aws_ompi.find("./configure --prefix=/opt/mpi --with-ofi=/opt/libfabric"),
            std::string::npos);
  EXPECT_NE(aws_ompi.find("libibverbs-dev"), std::string::npos);
  // The base's MPI only in the FABRIC_FROM=packages stage, which checks it for OFI; the release
  // stages step aside then.
  const std::size_t from_packages = aws_ompi.find("      packages) ;;");
  ASSERT_NE(from_packages, std::string::npos);
  EXPECT_GT(aws_ompi.find("openmpi-bin"), from_packages);
  EXPECT_EQ(aws_ompi.find("openmpi-bin", aws_ompi.find("# libfabric 1.20.0")), std::string::npos);
  EXPECT_NE(aws_ompi.find("libfabric-dev libfabric-bin openmpi-bin libopenmpi-dev"),
            std::string::npos);
  EXPECT_NE(aws_ompi.find("ompi_info --parsable | grep -q '^mca:mtl:ofi:'"), std::string::npos);
  EXPECT_EQ(count(aws_ompi, "if [ \"$FABRIC_FROM\" != source ]; then exit 0; fi"), 2u);
  EXPECT_NE(aws_ompi.find("io.hpcpat.fabric.from=\"${FABRIC_FROM}\""), std::string::npos);
  // No packages of Open MPI 5: FABRIC_FROM=packages stops with a reason.
  EXPECT_NE(dockerfile_of(m, "aws-openmpi5-ubuntu2404")
                .find("the matrix names no apt packages of openmpi5: FABRIC_FROM=packages cannot"),
            std::string::npos);
  EXPECT_NE(aws_ompi.find("-DHPCPAT_MPI=openmpi"), std::string::npos);
  const std::string aws_mpich = dockerfile_of(m, "aws-mpich4-rocky9");
  EXPECT_NE(aws_mpich.find("--with-device=ch4:ofi --with-libfabric=/opt/libfabric"),
            std::string::npos);
  EXPECT_NE(aws_mpich.find("dnf config-manager --set-enabled crb"), std::string::npos);
  EXPECT_NE(aws_mpich.find("/usr/lib64/mpich/bin/mpichversion | grep -q 'Device:.*ofi'"),
            std::string::npos);
  EXPECT_NE(aws_mpich.find("-DHPCPAT_MPI=mpich"), std::string::npos);
  const std::string google_pkg = dockerfile_of(m, "google-openmpi4-ubuntu2204");
  EXPECT_NE(google_pkg.find("openmpi-bin libopenmpi-dev lammps"), std::string::npos);
  EXPECT_EQ(google_pkg.find("libfabric"), std::string::npos);
  EXPECT_EQ(google_pkg.find("/opt/mpi"), std::string::npos);
  EXPECT_EQ(google_pkg.find("FABRIC_FROM"), std::string::npos);
  const std::string google_rocky = dockerfile_of(m, "google-openmpi4-rocky9");
  EXPECT_NE(google_rocky.find("ENV PATH=/usr/lib64/openmpi/bin:$PATH"), std::string::npos);
  EXPECT_NE(google_rocky.find("lammps-openmpi"), std::string::npos);
  const std::string google_src = dockerfile_of(m, "google-openmpi5-ubuntu2404");
  EXPECT_NE(google_src.find("--prefix=/opt/mpi --without-ofi"), std::string::npos);
}

TEST(Render, TheSameMatrixGivesTheSameBytes) {
  const Matrix m1 = read_matrix(checked_in_text(), "containers/matrix.yaml");
  const Matrix m2 = read_matrix(checked_in_text(), "containers/matrix.yaml");
  const auto a = render_all(m1, "containers/matrix.yaml", "9.9.9");
  const auto b = render_all(m2, "containers/matrix.yaml", "9.9.9");
  ASSERT_EQ(a.size(), 2u * 18u + 1u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].path, b[i].path);
    EXPECT_EQ(a[i].text, b[i].text);
  }
  EXPECT_EQ(a.back().path, ".github/workflows/containers.yaml");
}

TEST(Render, TheWorkflowBuildsEveryVariantAndPushesOnlyFromMain) {
  const Matrix m = read_matrix(checked_in_text(), "containers/matrix.yaml");
  const std::string w = workflow(m, expand(m), "containers/matrix.yaml");
  EXPECT_EQ(count(w, "          - variant: "), 18u);
  EXPECT_NE(w.find("fail-fast: false"), std::string::npos);
  EXPECT_NE(w.find("github.event_name == 'push' && github.ref == 'refs/heads/main'"),
            std::string::npos);
  EXPECT_NE(w.find("cache-from: type=gha"), std::string::npos);
  EXPECT_NE(w.find("registry: ghcr.io\n"), std::string::npos);
}

// Three external apps: lib (no programs), app (needs lib) and tool (needs app): asking for tool
// builds all three.
const std::string kExternal =
    "external:\n"
    "  lib:\n"
    "    repository: https://example.org/lib\n"
    "    commit: " +
    std::string(40, '1') +
    "\n"
    "    licence: MIT\n"
    "    build: [[./configure, --prefix=/opt/apps/lib], [make, '{jobs}', install]]\n"
    "  app:\n"
    "    repository: https://example.org/app\n"
    "    commit: " +
    std::string(40, '2') +
    "\n"
    "    licence: BSD-3-Clause\n"
    "    needs: [lib]\n"
    "    build: [[make, -C, src, 'CXXFLAGS=-O2 -DHAVE_MPI $(id)', '{jobs}']]\n"
    "    bin: [src/app]\n"
    "  tool:\n"
    "    repository: https://example.org/tool\n"
    "    commit: " +
    std::string(40, '3') +
    "\n"
    "    licence: Apache-2.0\n"
    "    needs: [app]\n"
    "    build: [[make]]\n"
    "    bin: [tool, bin/tool-helper]\n";

TEST(External, EachAppIsALayerBuiltOnlyWhenAskedAtItsPinnedCommit) {
  const Matrix m =
      read_matrix(small("{cloud: [google], mpi: [ompi], base: [deb]}", kExternal), "m.yaml");
  ASSERT_EQ(m.external.size(), 3u);
  EXPECT_EQ(m.external[1].needs, std::vector<std::string>{"lib"});
  const std::string d = dockerfile_of(m, "google-ompi-deb");
  // EXTRA_APPS is checked against the names before anything is built.
  EXPECT_NE(d.find("ARG EXTRA_APPS=\"\""), std::string::npos);
  EXPECT_NE(d.find("case \"$app\" in all|lib|app|tool) ;;"), std::string::npos);
  // lib is built for itself, all, and what needs it directly or not; tool only for itself.
  EXPECT_NE(
      d.find("RUN case \" $EXTRA_APPS \" in *\" all \"*|*\" lib \"*|*\" app \"*|*\" tool \"*) ;; "
             "*) exit 0 ;; esac"),
      std::string::npos);
  EXPECT_NE(d.find("RUN case \" $EXTRA_APPS \" in *\" all \"*|*\" tool \"*) ;; *) exit 0 ;; esac"),
            std::string::npos);
  // The pinned commit, detached; every word quoted but {jobs}; a $(...) stays a literal word.
  EXPECT_NE(d.find(" && git clone -q https://example.org/app /tmp/apps/app \\\n"
                   " && cd /tmp/apps/app && git checkout -q --detach " +
                   std::string(40, '2')),
            std::string::npos);
  EXPECT_NE(d.find(" && 'make' '-C' 'src' 'CXXFLAGS=-O2 -DHAVE_MPI $(id)' -j\"$(nproc)\" \\\n"),
            std::string::npos);
  EXPECT_NE(d.find("install -m 0755 tool bin/tool-helper /opt/apps/bin/"), std::string::npos);
  EXPECT_EQ(count(d, "install -m 0755"), 2u);  // lib leaves no program
  EXPECT_NE(d.find("ENV PATH=/opt/hpcpat/bin:/opt/apps/bin:$PATH"), std::string::npos);
  EXPECT_NE(d.find("io.hpcpat.extra_apps=\"${EXTRA_APPS}\""), std::string::npos);
  // Before hpcpat's own source, so that a change to hpcpat does not rebuild them.
  EXPECT_LT(d.find("# tool (Apache-2.0), after app."), d.find("COPY . /tmp/hpcpat-src"));
  // No external apps: none of this.
  const std::string plain = dockerfile_of(read_matrix(small(), "m.yaml"), "google-ompi-deb");
  EXPECT_EQ(plain.find("EXTRA_APPS"), std::string::npos);
}

TEST(External, BadAppsAreRefusedWithFileLineAndField) {
  const std::string axes = "{cloud: [google], mpi: [ompi], base: [deb]}";
  auto with = [&](const std::string &from, const std::string &to) {
    return small(axes, std::regex_replace(kExternal, std::regex(from), to));
  };
  expect_refused(with("needs: \\[lib\\]", "needs: [tool]"),
                 "m.yaml:30: external.app.needs[0]: expected an external app defined above this "
                 "one, got 'tool'",
                 "");
  expect_refused(with(std::string(40, '3'), "main"),
                 "m.yaml:35: external.tool.commit: expected a git commit (40 lower-case hex", "");
  expect_refused(with("\\[make\\]\\]", "[make, \"it's\"]]"),
                 "m.yaml:38: external.tool.build[0][1]: expected a command word without a single "
                 "quote",
                 "");
  expect_refused(with("bin: \\[src/app\\]", "bin: [../../etc/passwd]"),
                 "m.yaml:32: external.app.bin[0]: expected a path inside the checkout", "");
  expect_refused(with("bin: \\[src/app\\]", "bin: [/usr/bin/app]"),
                 "m.yaml:32: external.app.bin[0]: expected a path inside the checkout", "");
  expect_refused(with("build: \\[\\[make\\]\\]", "build: [[]]"),
                 "m.yaml:38: external.tool.build[0]: expected a list of 1 to 256 entries", "");
  expect_refused(with("repository: https://example.org/lib", "repository: 'git@host:lib'"),
                 "m.yaml:22: external.lib.repository: expected an https URL", "");
  expect_refused(with("    licence: MIT\n", ""),
                 "m.yaml:22: external.lib.licence: expected this field", "");
  expect_refused(with("    bin: \\[src/app\\]", "    bin: [src/app]\n    make: x"), "m.yaml",
                 "make");
}

}  // namespace
}  // namespace hpcpat::containers
