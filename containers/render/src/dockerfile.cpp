// One variant's Dockerfile. Stages, in the order that keeps Docker's layer cache useful (what
// changes least first): the base's packages (build tools, hpcpat's libraries, a packaged MPI and
// apps), libfabric and the MPI from pinned sources where the variant needs them (or, on aws with
// FABRIC_FROM=packages, the base's), the oras CLI, the external apps asked for (EXTRA_APPS), then
// hpcpat itself from the build context (the repository's root). Every downloaded archive is
// checked against the matrix's SHA-256 before it is unpacked, every git checkout is of a pinned
// commit. The values interpolated here were held to shell-safe patterns when the matrix was read
// (value_shapes.hpp); build commands' words are single-quoted here.
#include <algorithm>
#include <sstream>

#include "hpcpat/containers/render.hpp"

namespace hpcpat::containers {
namespace {

constexpr const char *kMpiPrefix = "/opt/mpi";
constexpr const char *kLibfabricPrefix = "/opt/libfabric";
constexpr const char *kHpcpatPrefix = "/opt/hpcpat";
constexpr const char *kAppsPrefix = "/opt/apps";

// "a b c" as continuation lines, 6 spaces in, at most ~90 columns each.
std::string wrapped(const std::vector<std::string> &words) {
  std::string out = "      ", line;
  for (const std::string &w : words) {
    if (!line.empty() && line.size() + 1 + w.size() > 84) {
      out += line + " \\\n      ";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + w;
  }
  return out + line;
}

std::string joined(const std::vector<std::string> &words, const std::string &sep) {
  std::string out;
  for (const std::string &w : words) out += (out.empty() ? "" : sep) + w;
  return out;
}

// Downloads `url` to /tmp/NAME.tar.*, checks it and unpacks it into /tmp/NAME.
std::string fetch_and_unpack(const Source &s, const std::string &name) {
  const bool bz2 = s.url.size() > 4 && s.url.substr(s.url.size() - 4) == ".bz2";
  const std::string archive = "/tmp/" + name + (bz2 ? ".tar.bz2" : ".tar.gz");
  return "curl -fsSL -o " + archive + " " + s.url + " \\\n" + " && echo \"" + s.sha256 + "  " +
         archive + "\" | sha256sum -c - \\\n" + " && mkdir /tmp/" + name + " && tar -x" +
         (bz2 ? "j" : "z") + "f " + archive + " -C /tmp/" + name + " --strip-components=1 \\\n";
}

std::string mpi_title(const Mpi &mpi) {
  return std::string(mpi.flavour == "openmpi" ? "Open MPI" : "MPICH");
}

// The commands that install `pkgs` with the base's package manager and drop its caches, as
// continuation lines of one RUN (no leading " && ", no trailing newline).
std::string install_commands(const std::string &manager, const std::vector<std::string> &pkgs) {
  if (manager == "apt") {
    return "apt-get update \\\n && apt-get install -y --no-install-recommends \\\n" +
           wrapped(pkgs) + " \\\n && rm -rf /var/lib/apt/lists/*";
  }
  // --allowerasing: Rocky 9 ships curl-minimal, which the full curl replaces.
  return "dnf install -y --allowerasing \\\n" + wrapped(pkgs) + " \\\n && dnf clean all";
}

void packages_stage(std::ostream &o, const Variant &v) {
  std::vector<std::string> pkgs = v.base->build;
  if (v.cloud->libfabric) {
    auto it = v.cloud->libfabric->packages.find(v.base->packages);
    if (it != v.cloud->libfabric->packages.end())
      pkgs.insert(pkgs.end(), it->second.begin(), it->second.end());
  }
  if (v.mpi_from_packages) {
    const auto &mpi = v.mpi->packages.at(v.base->packages);
    pkgs.insert(pkgs.end(), mpi.begin(), mpi.end());
  }
  pkgs.insert(pkgs.end(), v.app_packages.begin(), v.app_packages.end());
  o << "# Build tools, hpcpat's libraries";
  if (v.mpi_from_packages) o << ", the MPI (the base's " << mpi_title(*v.mpi) << ")";
  if (!v.apps.empty()) o << ", " << joined(v.apps, ", ");
  o << ".\n";
  if (v.base->packages == "apt") {
    o << "ENV DEBIAN_FRONTEND=noninteractive\n"
      << "RUN " << install_commands("apt", pkgs) << "\n";
  } else {
    o << "RUN dnf install -y dnf-plugins-core";
    for (const std::string &r : v.base->repositories) {
      if (r == "epel") o << " epel-release";
    }
    o << " \\\n";
    for (const std::string &r : v.base->repositories) {
      if (r == "crb") o << " && dnf config-manager --set-enabled crb \\\n";
    }
    o << " && " << install_commands("dnf", pkgs) << "\n";
  }
}

// An aws image's source stages do nothing when its libfabric and MPI come from the base's packages.
constexpr const char *kUnlessFromSource =
    "if [ \"$FABRIC_FROM\" != source ]; then exit 0; fi \\\n && ";

// The check that an MPI is built for OFI, as its own tools report it.
std::string ofi_check(const Mpi &mpi, const std::string &bin) {
  const std::string probe = mpi.flavour == "openmpi"
                                ? bin + "ompi_info --parsable | grep -q '^mca:mtl:ofi:'"
                                : bin + "mpichversion | grep -q 'Device:.*ofi'";
  return " && { " + probe + " \\\n      || { echo \"hpcpat: the base's " + mpi_title(mpi) +
         " is not built for OFI: FABRIC_FROM=packages cannot make this image\" >&2; exit 1; }; }\n";
}

// FABRIC_FROM=packages: the base's own libfabric and MPI instead of the pinned releases, for
// offline builds (the releases are downloaded) and sites that keep to their distribution's
// packages. Refused at build time when the base has no such packages or its MPI lacks OFI.
void fabric_from_stage(std::ostream &o, const Variant &v) {
  const Libfabric &lf = *v.cloud->libfabric;
  const std::string &manager = v.base->packages;
  o << "\n# libfabric and the MPI: their pinned releases below (FABRIC_FROM=source), or the base's "
       "own\n# packages (FABRIC_FROM=packages: offline builds; the build stops unless that MPI is "
       "built\n# for OFI). The io.hpcpat.fabric.from label records which.\n"
    << "ARG FABRIC_FROM=source\n"
    << "RUN case \"$FABRIC_FROM\" in \\\n"
    << "      source) exit 0 ;; \\\n"
    << "      packages) ;; \\\n"
    << "      *) echo \"hpcpat: FABRIC_FROM must be source or packages, got '$FABRIC_FROM'\" >&2; "
       "exit 1 ;; \\\n"
    << "    esac";
  const auto fabric = lf.system.find(manager);
  const auto mpi = v.mpi->packages.find(manager);
  if (fabric == lf.system.end() || mpi == v.mpi->packages.end()) {
    o << " \\\n && echo \"hpcpat: the matrix names no " << manager << " packages of "
      << (fabric == lf.system.end() ? std::string("libfabric") : v.mpi->name)
      << ": FABRIC_FROM=packages cannot make this image\" >&2 && exit 1\n";
    return;
  }
  std::vector<std::string> pkgs = fabric->second;
  pkgs.insert(pkgs.end(), mpi->second.begin(), mpi->second.end());
  o << " \\\n && " << install_commands(manager, pkgs) << " \\\n";
  std::string bin;
  const auto prefix = v.mpi->prefix.find(manager);
  if (prefix != v.mpi->prefix.end()) {
    o << " && echo " << prefix->second << "/lib > /etc/ld.so.conf.d/mpi.conf && ldconfig \\\n";
    bin = prefix->second + "/bin/";
  }
  o << ofi_check(*v.mpi, bin);
}

void libfabric_stage(std::ostream &o, const Libfabric &lf) {
  o << "\n# libfabric " << lf.source.version << " with the " << joined(lf.providers, ", ")
    << " providers.\n"
    << "RUN " << kUnlessFromSource << fetch_and_unpack(lf.source, "libfabric")
    << " && cd /tmp/libfabric \\\n"
    << " && ./configure --prefix=" << kLibfabricPrefix;
  for (const std::string &p : lf.providers) o << " --enable-" << p << "=yes";
  o << " \\\n"
    << " && make -j\"$(nproc)\" install \\\n"
    << " && cd / && rm -rf /tmp/libfabric /tmp/libfabric.tar.* \\\n"
    << " && echo " << kLibfabricPrefix
    << "/lib > /etc/ld.so.conf.d/libfabric.conf && ldconfig\n"
    // hpcpat's build finds it (pkg-config), for the interposer's record of the fabric.
    << "ENV PKG_CONFIG_PATH=" << kLibfabricPrefix << "/lib/pkgconfig\n";
}

void mpi_source_stage(std::ostream &o, const Variant &v) {
  const Mpi &mpi = *v.mpi;
  std::string flags = "--prefix=" + std::string(kMpiPrefix);
  if (mpi.flavour == "openmpi") {
    flags += v.cloud->libfabric ? " --with-ofi=" + std::string(kLibfabricPrefix) : " --without-ofi";
  } else {
    // MPICH's ch4:ofi device; without our libfabric it uses the copy it embeds.
    flags += " --with-device=ch4:ofi";
    if (v.cloud->libfabric) flags += " --with-libfabric=" + std::string(kLibfabricPrefix);
    flags += " FFLAGS=-fallow-argument-mismatch FCFLAGS=-fallow-argument-mismatch";
  }
  o << "\n# " << mpi_title(mpi) << " " << mpi.source.version << " from its release"
    << (v.cloud->libfabric ? ", configured for OFI (libfabric)" : "") << ".\n"
    << "RUN " << (v.cloud->libfabric ? kUnlessFromSource : "")
    << fetch_and_unpack(mpi.source, "mpi") << " && cd /tmp/mpi \\\n"
    << " && ./configure " << flags << " \\\n"
    << " && make -j\"$(nproc)\" install \\\n"
    << " && cd / && rm -rf /tmp/mpi /tmp/mpi.tar.* \\\n"
    << " && echo " << kMpiPrefix << "/lib > /etc/ld.so.conf.d/mpi.conf && ldconfig\n"
    << "ENV PATH=" << kMpiPrefix << "/bin:";
  // FABRIC_FROM=packages may have put the MPI under the base's prefix instead.
  const auto prefix = v.mpi->prefix.find(v.base->packages);
  if (v.cloud->libfabric && prefix != v.mpi->prefix.end()) o << prefix->second << "/bin:";
  o << "$PATH\n";
}

void oras_stage(std::ostream &o, const Oras &oras) {
  o << "\n# The oras CLI, to push results as OCI artifacts (--build-arg ORAS_VERSION=none skips "
       "it,\n"
       "# for offline builds; the image's io.hpcpat.oras label records which).\n"
       "RUN if [ \"$ORAS_VERSION\" = none ]; then exit 0; fi \\\n"
       " && case \"$ORAS_VERSION-$TARGETARCH\" in \\\n";
  for (const auto &[arch, sum] : oras.sha256) {
    o << "      " << oras.version << "-" << arch << ") sum=" << sum << " ;; \\\n";
  }
  o << "      *) echo \"hpcpat: no checksum for oras $ORAS_VERSION on $TARGETARCH\" >&2; exit 1 ;; "
       "\\\n"
       "    esac \\\n"
       " && curl -fsSL -o /tmp/oras.tar.gz \\\n"
       "      \"https://github.com/oras-project/oras/releases/download/v${ORAS_VERSION}/"
       "oras_${ORAS_VERSION}_linux_${TARGETARCH}.tar.gz\" \\\n"
       " && echo \"$sum  /tmp/oras.tar.gz\" | sha256sum -c - \\\n"
       " && tar -xzf /tmp/oras.tar.gz -C /usr/local/bin oras && rm /tmp/oras.tar.gz\n";
}

// A build command's words, each single-quoted (the matrix held them free of quotes and control
// characters), but `{jobs}`: make's or ninja's parallelism for the building machine.
std::string command_line(const std::vector<std::string> &words) {
  std::string out;
  for (const std::string &w : words) {
    if (!out.empty()) out += ' ';
    out += w == "{jobs}" ? "-j\"$(nproc)\"" : "'" + w + "'";
  }
  return out;
}

// The external apps: a check of EXTRA_APPS against the names, then one layer each, which does
// nothing unless EXTRA_APPS names it, `all`, or an app that needs it (needs point up the file, so
// one pass down collects what needs it, however indirectly).
void external_stage(std::ostream &o, const Matrix &m) {
  if (m.external.empty()) return;
  std::vector<std::string> names;
  for (const ExternalApp &a : m.external) names.push_back(a.name);
  o << "\n# Applications from their public sources at pinned commits, none unless asked:\n"
       "# --build-arg EXTRA_APPS=\"NAME ...\" (or all) builds them, their programs into "
    << kAppsPrefix << "/bin.\n"
    << "ARG EXTRA_APPS=\"\"\n"
    << "RUN for app in $EXTRA_APPS; do \\\n"
    << "      case \"$app\" in all|" << joined(names, "|") << ") ;; \\\n"
    << "        *) echo \"hpcpat: EXTRA_APPS: no app '$app' (known: all " << joined(names, " ")
    << ")\" >&2; exit 1 ;; \\\n"
    << "      esac; \\\n"
    << "    done\n";
  for (std::size_t i = 0; i < m.external.size(); ++i) {
    const ExternalApp &a = m.external[i];
    std::vector<std::string> wanted = {"all", a.name};
    for (std::size_t j = i + 1; j < m.external.size(); ++j) {
      for (const std::string &need : m.external[j].needs) {
        if (std::find(wanted.begin(), wanted.end(), need) != wanted.end()) {
          wanted.push_back(m.external[j].name);
          break;
        }
      }
    }
    const std::string dir = "/tmp/apps/" + a.name;
    o << "\n# " << a.name << " (" << a.licence << ")"
      << (a.needs.empty() ? "" : ", after " + joined(a.needs, ", ")) << ".\n"
      << "RUN case \" $EXTRA_APPS \" in";
    for (std::size_t w = 0; w < wanted.size(); ++w) {
      o << (w == 0 ? " " : "|") << "*\" " << wanted[w] << " \"*";
    }
    o << ") ;; *) exit 0 ;; esac \\\n"
      << " && git clone -q " << a.repository << " " << dir << " \\\n"
      << " && cd " << dir << " && git checkout -q --detach " << a.commit << " \\\n";
    for (const auto &command : a.build) o << " && " << command_line(command) << " \\\n";
    if (!a.bin.empty()) {
      o << " && cd " << dir << " && mkdir -p " << kAppsPrefix << "/bin && install -m 0755 "
        << joined(a.bin, " ") << " " << kAppsPrefix << "/bin/ \\\n";
    }
    o << " && cd / && rm -rf " << dir << "\n";
  }
}

}  // namespace

std::string dockerfile(const Matrix &m, const Variant &v, const std::string &matrix_path,
                       const std::string &hpcpat_version) {
  const std::string image = v.image(m);
  const std::string fabric = v.cloud->libfabric
                                 ? "libfabric " + v.cloud->libfabric->source.version + " (" +
                                       joined(v.cloud->libfabric->providers, ", ") + ")"
                                 : std::string("none");
  const std::string mpi_version =
      v.mpi_from_packages ? "the base's " + v.mpi->name : v.mpi->source.version;
  std::vector<std::string> apps = {"kernels", "proxies"};
  apps.insert(apps.end(), v.apps.begin(), v.apps.end());
  std::ostringstream o;
  o << "# Generated by `hpcpat containers render` from " << matrix_path
    << ": edit that, not this.\n"
    << "# " << image << ": " << mpi_title(*v.mpi) << " (" << mpi_version << "), fabric " << fabric
    << ",\n# apps: " << joined(apps, ", ") << ". Built from the repository's root:\n"
    << "#   make -C containers/" << v.folder() << " build\n"
    << "# No Flux inside (the Flux Operator adds it at run time) and no entrypoint.\n"
    << "ARG BASE=" << v.base->image << "\n"
    << "FROM ${BASE}\n\n"
    << "ARG BASE\n"
    << "ARG HPCPAT_VERSION=" << hpcpat_version << "\n"
    << "ARG GIT_SHA=unknown\n"
    << "ARG ORAS_VERSION=" << m.oras.version << "\n"
    << "ARG TARGETARCH=amd64\n"
    << "ARG IMAGE=" << image << "\n\n";
  packages_stage(o, v);
  if (v.mpi_from_packages) {
    auto prefix = v.mpi->prefix.find(v.base->packages);
    if (prefix != v.mpi->prefix.end()) {
      o << "ENV PATH=" << prefix->second << "/bin:$PATH\n"
        << "RUN echo " << prefix->second << "/lib > /etc/ld.so.conf.d/mpi.conf && ldconfig\n";
    }
  } else {
    if (v.cloud->libfabric) {
      fabric_from_stage(o, v);
      libfabric_stage(o, *v.cloud->libfabric);
    }
    mpi_source_stage(o, v);
  }
  oras_stage(o, m.oras);
  external_stage(o, m);
  o << "\n# hpcpat, built against this MPI: the command, the interposer, the kernels and proxy "
       "apps.\n"
    << "COPY . /tmp/hpcpat-src\n"
    << "RUN cmake -S /tmp/hpcpat-src -B /tmp/hpcpat-build -G Ninja -DCMAKE_BUILD_TYPE=Release \\\n"
    << "      -DHPCPAT_MPI=" << v.mpi->flavour
    << " -DHPCPAT_BUILD_TESTS=OFF -DHPCPAT_BUILD_BENCH=OFF \\\n"
    << "      -DHPCPAT_SOURCE_SHA=\"$GIT_SHA\" -DCMAKE_INSTALL_PREFIX=" << kHpcpatPrefix << " \\\n"
    << " && cmake --build /tmp/hpcpat-build -j\"$(nproc)\" \\\n"
    << " && cmake --install /tmp/hpcpat-build \\\n"
    << " && rm -rf /tmp/hpcpat-build /tmp/hpcpat-src\n"
    << "ENV PATH=" << kHpcpatPrefix
    << "/bin:" << (m.external.empty() ? "" : std::string(kAppsPrefix) + "/bin:") << "$PATH \\\n"
    << "    HPCPAT_CONTAINER_IMAGE=${IMAGE} \\\n"
    << "    HPCPAT_CONTAINER_VARIANT=" << v.id() << "\n\n"
    << "LABEL org.opencontainers.image.title=\"" << m.name << "-" << v.cloud->name << "\" \\\n"
    << "      org.opencontainers.image.description=\"hpcpat with " << mpi_title(*v.mpi) << " on "
    << v.base->image << ", fabric " << fabric << "\" \\\n";
  if (!m.source.empty()) o << "      org.opencontainers.image.source=\"" << m.source << "\" \\\n";
  o << "      org.opencontainers.image.version=\"${HPCPAT_VERSION}\" \\\n"
    << "      org.opencontainers.image.revision=\"${GIT_SHA}\" \\\n"
    << "      org.opencontainers.image.base.name=\"${BASE}\" \\\n"
    << "      io.hpcpat.variant=\"" << v.id() << "\" \\\n"
    << "      io.hpcpat.mpi=\"" << v.mpi->name << "\" \\\n"
    << "      io.hpcpat.mpi.flavour=\"" << v.mpi->flavour << "\" \\\n"
    << "      io.hpcpat.fabric=\"" << (v.cloud->libfabric ? "libfabric" : "none") << "\" \\\n";
  if (v.cloud->libfabric) o << "      io.hpcpat.fabric.from=\"${FABRIC_FROM}\" \\\n";
  o << "      io.hpcpat.apps=\"" << joined(apps, ",") << "\" \\\n"
    << "      io.hpcpat.oras=\"${ORAS_VERSION}\"";
  if (!m.external.empty()) o << " \\\n      io.hpcpat.extra_apps=\"${EXTRA_APPS}\"";
  o << "\n";
  return o.str();
}

}  // namespace hpcpat::containers
