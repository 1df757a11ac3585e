#include "hpcpat/study/builtin_apps.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

namespace hpcpat::study {
namespace {

using T = ParamType;
constexpr double kBig = 1e9;  // the proxies' usual upper bound (1..1000000000)
// The ranges of --help's INT (int) and UINT (64-bit here; 2^53, exact as a double, is the
// largest a study may give) where --help states no bound of its own.
constexpr double kIntMin = -2147483648.0, kIntMax = 2147483647.0;
constexpr double kUintMax = 9007199254740992.0;

// Rows follow each app's --help (the ctest study.builtin_apps_match_help compares them). Left out
// on purpose: --help, and the options the runner owns (--summary / --json: where the result goes).
// An integer or number with bounded = false has no bounds in --help: INT is any int, UINT >= 0.
constexpr AppParam kKernels[] = {
    {"kernel", "", T::choice, 0, 0, false, false,
     "latency|multi_lat|bw|bibw|mbw_mr|barrier|bcast|reduce|allreduce|allgather|allgatherv|"
     "alltoall|alltoallv|reduce_scatter|gather|gatherv|scatter|scatterv|halo3d|iallreduce|"
     "ialltoall"},
    {"min_size", "--min-size", T::size, 0, 0, false, false, ""},
    {"max_size", "--max-size", T::size, 0, 0, false, false, ""},
    {"iterations", "--iterations", T::integer, 1, kUintMax, false, true, ""},
    {"iterations_large", "--iterations-large", T::integer, 1, kUintMax, false, true, ""},
    {"warmup", "--warmup", T::integer, 0, kUintMax, false, true, ""},
    {"warmup_large", "--warmup-large", T::integer, 0, kUintMax, false, true, ""},
    {"large_threshold", "--large-threshold", T::size, 0, 0, false, false, ""},
    {"window", "--window", T::integer, 1, 65536, false, true, ""},
    {"budget", "--budget", T::number, 0, HUGE_VAL, false, true, ""},
    {"timing", "--timing", T::choice, 0, 0, false, false, "iteration|loop"},
    {"method", "--method", T::choice, 0, 0, false, false, "osu|imb"},
    {"validate", "--validate", T::flag, 0, 0, false, false, ""},
};

constexpr AppParam kMinimd[] = {
    {"size", "--size", T::integer, 1, 2000, false, true, ""},
    {"steps", "--steps", T::integer, 1, 100000000, false, true, ""},
    {"density", "--density", T::number, 0.05, 2, false, true, ""},
    {"cutoff", "--cutoff", T::number, 1, 8, false, true, ""},
    {"thermo", "--thermo", T::integer, 1, 100000000, false, true, ""},
    {"reneigh", "--reneigh", T::integer, 1, 1000, false, true, ""},
    {"seed", "--seed", T::integer, 0, kUintMax, false, false, ""},
    {"ref_pe", "--ref-pe", T::number, -HUGE_VAL, HUGE_VAL, false, false, ""},
    {"ref_pressure", "--ref-pressure", T::number, -HUGE_VAL, HUGE_VAL, false, false, ""},
    {"ref_etotal", "--ref-etotal", T::number, -HUGE_VAL, HUGE_VAL, false, false, ""},
    {"ref_tolerance", "--ref-tolerance", T::number, 0, HUGE_VAL, true, true, ""},
    {"energy_tolerance", "--energy-tolerance", T::number, 0, HUGE_VAL, true, true, ""},
    {"quiet", "--quiet", T::flag, 0, 0, false, false, ""},
};

constexpr AppParam kStencil[] = {
    {"n", "--n", T::integer, 1, kBig, false, true, ""},
    {"local", "--local", T::integer, 1, kBig, false, true, ""},
    {"iters", "--iters", T::integer, 1, kBig, false, true, ""},
    {"residual_every", "--residual-every", T::integer, 0, kBig, false, true, ""},
    {"overlap", "--overlap", T::flag, 0, 0, false, false, ""},
    {"tile", "--tile", T::integer, 0, kBig, false, true, ""},
    {"seed", "--seed", T::integer, kIntMin, kIntMax, false, false, ""},
};

constexpr AppParam kCg[] = {
    {"global", "--global", T::integer, 1, kBig, false, true, ""},
    {"nx", "--nx", T::integer, 1, kBig, false, true, ""},
    {"ny", "--ny", T::integer, 1, kBig, false, true, ""},
    {"nz", "--nz", T::integer, 1, kBig, false, true, ""},
    {"iters", "--iters", T::integer, 1, kBig, false, true, ""},
    {"fixed_iters", "--fixed-iters", T::flag, 0, 0, false, false, ""},
    {"tol", "--tol", T::number, 0, 1, true, true, ""},
    {"seed", "--seed", T::integer, kIntMin, kIntMax, false, false, ""},
};

constexpr AppParam kFft[] = {
    {"n", "--n", T::integer, 1, 1000000, false, true, ""},
    {"nx", "--nx", T::integer, 1, 1000000, false, true, ""},
    {"ny", "--ny", T::integer, 1, 1000000, false, true, ""},
    {"nz", "--nz", T::integer, 1, 1000000, false, true, ""},
    {"decomp", "--decomp", T::choice, 0, 0, false, false, "slab|pencil"},
    {"plan", "--plan", T::choice, 0, 0, false, false, "estimate|measure"},
    {"iters", "--iters", T::integer, 1, kIntMax, false, true, ""},
    {"seed", "--seed", T::integer, 0, kUintMax, false, false, ""},
};

constexpr AppParam kMlp[] = {
    {"steps", "--steps", T::integer, 1, kBig, false, true, ""},
    {"global_batch", "--global-batch", T::integer, 1, kBig, false, true, ""},
    {"hidden", "--hidden", T::integer, 1, 100000000, false, true, ""},
    {"layers", "--layers", T::integer, 1, 100000, false, true, ""},
    {"bucket_mb", "--bucket-mb", T::number, 0, HUGE_VAL, true, true, ""},
    {"overlap", "--overlap", T::flag, 0, 0, false, false, ""},
    {"lr", "--lr", T::number, 0, HUGE_VAL, true, true, ""},
    {"momentum", "--momentum", T::number, 0, 0.999, false, true, ""},
    {"log_every", "--log-every", T::integer, 0, kIntMax, false, true, ""},
    {"loss_factor", "--loss-factor", T::number, 0, 1, false, true, ""},
    {"seed", "--seed", T::integer, 0, kUintMax, false, false, ""},
};

const std::array<BuiltinApp, 6> kApps = {{
    {"kernels", "hpcpat-kernels", kKernels, "iterations", "max_size", "--json", "kernel", ""},
    {"minimd", "minimd", kMinimd, "steps", "size", "--summary", "", "atom_steps_per_s"},
    {"stencil", "stencil", kStencil, "iters", "n", "--summary", "", "effective_gb_per_s"},
    {"cg", "cg", kCg, "iters", "global", "--summary", "", "gflop_per_s"},
    {"fft", "fft", kFft, "iters", "n", "--summary", "", "gflops"},
    {"mlp", "mlp", kMlp, "steps", "global_batch", "--summary", "", "samples_per_s"},
}};

std::string number_text(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == std::floor(v) && std::fabs(v) <= kUintMax)
    return std::to_string(static_cast<long long>(v));
  char buf[32];
  const auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, ec == std::errc() ? p : buf);
}

template <typename V>
bool parse_whole(std::string_view text, V &v) {
  if (text.empty()) return false;
  const char *begin = text.data() + (text.front() == '+' ? 1 : 0);
  const auto [p, ec] = std::from_chars(begin, text.data() + text.size(), v);
  return ec == std::errc() && p == text.data() + text.size();
}

// The kernels' SIZE: digits with an optional unit b, k/kb/kib, m/mb/mib, g/gb/gib (any case).
bool valid_size(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 12) return false;
  std::string unit;
  for (const char c : text.substr(digits)) unit += static_cast<char>(std::tolower(c));
  for (const char *u : {"", "b", "k", "kb", "kib", "m", "mb", "mib", "g", "gb", "gib"}) {
    if (unit == u) return true;
  }
  return false;
}

}  // namespace

std::span<const BuiltinApp> builtin_apps() {
  return kApps;
}

const BuiltinApp *find_builtin_app(std::string_view name) {
  for (const BuiltinApp &a : kApps) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

const AppParam *find_param(const BuiltinApp &app, std::string_view name) {
  for (const AppParam &p : app.params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::string describe_type(const AppParam &p) {
  switch (p.type) {
    case ParamType::integer:
      return "an integer from " + number_text(p.min) + " to " + number_text(p.max);
    case ParamType::number: {
      std::string s = "a number";
      if (std::isfinite(p.min)) s += (p.min_exclusive ? " > " : " >= ") + number_text(p.min);
      if (std::isfinite(p.max))
        s += (std::isfinite(p.min) ? " and <= " : " <= ") + number_text(p.max);
      return s;
    }
    case ParamType::choice: {
      std::string s = "one of ";
      for (const char c : p.choices) s += c == '|' ? std::string(", ") : std::string(1, c);
      return s;
    }
    case ParamType::flag:
      return "true or false";
    case ParamType::size:
      return "a size in bytes (digits, optionally with K, M or G, e.g. 4K)";
  }
  return "";
}

std::string why_not_value(const AppParam &p, std::string_view text) {
  bool ok = false;
  switch (p.type) {
    case ParamType::integer: {
      std::int64_t v = 0;
      ok = parse_whole(text, v) && static_cast<double>(v) >= p.min &&
           static_cast<double>(v) <= p.max;
      break;
    }
    case ParamType::number: {
      double v = 0;
      ok = parse_whole(text, v) && std::isfinite(v) && (p.min_exclusive ? v > p.min : v >= p.min) &&
           v <= p.max;
      break;
    }
    case ParamType::choice: {
      std::string_view rest = p.choices;
      while (!ok && !rest.empty()) {
        const std::size_t bar = rest.find('|');
        ok = rest.substr(0, bar) == text;
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
      }
      break;
    }
    case ParamType::flag:
      ok = text == "true" || text == "false";
      break;
    case ParamType::size:
      ok = valid_size(text);
      break;
  }
  return ok ? std::string() : describe_type(p);
}

}  // namespace hpcpat::study
