// linked_mpi (program_flavour.hpp): ELF64 dynamic sections read with <elf.h>, breadth-first over
// the needed libraries, bounded (kMaxObjects) so that a pathological tree cannot stall a launch.
#include "hpcpat/launch/program_flavour.hpp"

#include <elf.h>

#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <set>
#include <string_view>
#include <vector>

namespace hpcpat::launch {
namespace {
namespace fs = std::filesystem;

constexpr std::size_t kMaxObjects = 256;

struct Dynamic {
  bool ok = false;  // an ELF64 little-endian file with a readable dynamic section (or none)
  std::vector<std::string> needed;
  std::vector<std::string> search;  // DT_RPATH (when no DT_RUNPATH) or DT_RUNPATH entries
};

template <typename T>
bool read_at(std::ifstream &in, std::uint64_t offset, T &out) {
  in.seekg(static_cast<std::streamoff>(offset));
  return static_cast<bool>(in.read(reinterpret_cast<char *>(&out), sizeof out));
}

std::vector<std::string> split_path(const std::string &list, const fs::path &origin) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(':', start);
    if (end == std::string::npos) end = list.size();
    std::string dir = list.substr(start, end - start);
    for (const std::string_view tok : {"$ORIGIN", "${ORIGIN}"}) {
      for (std::size_t at; (at = dir.find(tok)) != std::string::npos;) {
        dir.replace(at, tok.size(), origin.string());
      }
    }
    if (!dir.empty()) out.push_back(dir);
    start = end + 1;
  }
  return out;
}

Dynamic read_dynamic(const fs::path &file) {
  Dynamic d;
  std::ifstream in(file, std::ios::binary);
  Elf64_Ehdr eh{};
  if (!in || !read_at(in, 0, eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
      eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shnum == 0 || eh.e_shnum > 4096) {
    return d;
  }
  std::vector<Elf64_Shdr> sections(eh.e_shnum);
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (!read_at(in, eh.e_shoff + i * sizeof(Elf64_Shdr), sections[i])) return d;
  }
  d.ok = true;
  for (const Elf64_Shdr &s : sections) {
    if (s.sh_type != SHT_DYNAMIC || s.sh_link >= sections.size()) continue;
    const Elf64_Shdr &strtab = sections[s.sh_link];
    if (strtab.sh_size > (64u << 20) || s.sh_size > (16u << 20)) return Dynamic{};
    std::string strings(strtab.sh_size, '\0');
    in.seekg(static_cast<std::streamoff>(strtab.sh_offset));
    if (!in.read(strings.data(), static_cast<std::streamsize>(strings.size()))) return Dynamic{};
    auto str = [&](std::uint64_t off) {
      return off < strings.size() ? std::string(strings.c_str() + off) : std::string();
    };
    std::string rpath, runpath;
    for (std::uint64_t at = 0; at + sizeof(Elf64_Dyn) <= s.sh_size; at += sizeof(Elf64_Dyn)) {
      Elf64_Dyn dyn{};
      if (!read_at(in, s.sh_offset + at, dyn) || dyn.d_tag == DT_NULL) break;
      if (dyn.d_tag == DT_NEEDED) d.needed.push_back(str(dyn.d_un.d_val));
      if (dyn.d_tag == DT_RPATH) rpath = str(dyn.d_un.d_val);
      if (dyn.d_tag == DT_RUNPATH) runpath = str(dyn.d_un.d_val);
    }
    d.search = split_path(runpath.empty() ? rpath : runpath, file.parent_path());
  }
  return d;
}

// ld.so.conf and its includes (one directory a line; "include GLOB" with a plain *.conf glob).
void read_ld_so_conf(const fs::path &conf, std::vector<std::string> &dirs, int depth = 0) {
  std::ifstream in(conf);
  for (std::string line; depth < 4 && std::getline(in, line);) {
    line = line.substr(0, line.find('#'));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (line.rfind("include ", 0) == 0) {
      const fs::path pattern = line.substr(8);
      std::error_code ec;
      for (const auto &e : fs::directory_iterator(pattern.parent_path(), ec)) {
        if (e.path().extension() == ".conf") read_ld_so_conf(e.path(), dirs, depth + 1);
      }
    } else if (!line.empty() && line.front() == '/') {
      dirs.push_back(line);
    }
  }
}

const std::vector<std::string> &system_dirs() {
  static const std::vector<std::string> dirs = [] {
    std::vector<std::string> d;
    read_ld_so_conf("/etc/ld.so.conf", d);
    for (const char *s : {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64",
                          "/usr/lib64", "/lib", "/usr/lib"}) {
      d.emplace_back(s);
    }
    return d;
  }();
  return dirs;
}

std::optional<fs::path> find_library(const std::string &name, const Dynamic &from) {
  if (name.find('/') != std::string::npos) return fs::path(name);
  std::vector<std::string> dirs;
  if (const char *env = std::getenv("LD_LIBRARY_PATH")) dirs = split_path(env, fs::path());
  dirs.insert(dirs.begin(), from.search.begin(), from.search.end());
  dirs.insert(dirs.end(), system_dirs().begin(), system_dirs().end());
  for (const std::string &dir : dirs) {
    std::error_code ec;
    const fs::path p = fs::path(dir) / name;
    if (fs::is_regular_file(p, ec)) return p;
  }
  return std::nullopt;
}

bool is_script(const fs::path &file) {
  std::ifstream in(file, std::ios::binary);
  char magic[2] = {};
  return in.read(magic, 2) && magic[0] == '#' && magic[1] == '!';
}

}  // namespace

std::optional<MpiFlavour> flavour_of_soname(const std::string &name) {
  // "<stem>" exactly, or "<stem>.<anything>" (no <regex>: GCC 12 warns inside it under ASan).
  auto is = [&name](std::string_view stem) {
    return name.size() >= stem.size() && name.compare(0, stem.size(), stem) == 0 &&
           (name.size() == stem.size() || name[stem.size()] == '.');
  };
  for (char d = '0'; d <= '9'; ++d) {
    if (is(std::string("libmpi.so.4") + d)) return MpiFlavour::openmpi;
  }
  if (is("libmpich.so") || is("libmpi.so.12")) return MpiFlavour::mpich;
  return std::nullopt;
}

std::string flavour_display_name(MpiFlavour f) {
  return f == MpiFlavour::openmpi ? "Open MPI" : "MPICH";
}

LinkedMpi linked_mpi(const fs::path &file) {
  LinkedMpi out;
  if (is_script(file)) {
    out.kind = LinkedMpi::Kind::script;
    return out;
  }
  const Dynamic top = read_dynamic(file);
  if (!top.ok) return out;  // unknown
  out.kind = LinkedMpi::Kind::none;
  // Breadth-first, as the dynamic linker loads: the first MPI library met is the one that binds.
  std::deque<std::pair<Dynamic, std::string>> queue{{top, std::string()}};
  std::set<std::string> seen;
  while (!queue.empty() && seen.size() < kMaxObjects) {
    const auto [dyn, name] = std::move(queue.front());
    queue.pop_front();
    for (const std::string &needed : dyn.needed) {
      if (const auto f = flavour_of_soname(needed)) {
        out = {LinkedMpi::Kind::mpi, f, needed, name};
        return out;
      }
    }
    for (const std::string &needed : dyn.needed) {
      if (!seen.insert(needed).second) continue;
      if (const auto path = find_library(needed, dyn)) {
        Dynamic d = read_dynamic(*path);
        if (d.ok) queue.emplace_back(std::move(d), needed);
      }
    }
  }
  return out;
}

}  // namespace hpcpat::launch
