// The built-in app table (harness/study builtin_apps.cpp) held against each app's real --help,
// both ways: every parameter of the table is an option of the app with the same type and bounds,
// and every option of the app is in the table or is one the runner owns. A flag added to an app,
// or a bound changed, fails here until the table says the same.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <sstream>

#include "hpcpat/study/builtin_apps.hpp"

namespace hpcpat::study {
namespace {

// The app's --help, read through a pipe from the program itself (no shell).
std::string help_of(const std::string &program) {
  int fd[2];
  if (pipe(fd) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fd[1], 1);
    close(fd[0]);
    close(fd[1]);
    execl(program.c_str(), program.c_str(), "--help", static_cast<char *>(nullptr));
    _exit(127);
  }
  close(fd[1]);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fd[0], buf, sizeof buf)) > 0;)
    out.append(buf, static_cast<std::size_t>(n));
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << program << " --help failed";
  return out;
}

// CLI11's type column as typed bounds: INT:1..2000, UINT:>=1, FLOAT:POSITIVE, FLOAT:(0,1],
// FLOAT:[0,0.999], TEXT:{a,b}, UINT:SIZE [...], or nothing (a flag).
struct HelpOption {
  ParamType type = ParamType::flag;
  double min = 0, max = 0;
  bool min_exclusive = false, bounded = false;
  std::string choices;
  std::string raw;
};

HelpOption parse_type(const std::string &t) {
  HelpOption o;
  o.raw = t;
  if (t.empty()) return o;
  const std::string base = t.substr(0, t.find(':'));
  const std::string rest = t.find(':') == std::string::npos ? "" : t.substr(t.find(':') + 1);
  std::smatch m;
  if (base == "TEXT") {
    o.type = ParamType::choice;
    if (std::regex_match(rest, m, std::regex(R"(\{([^}]*)\})"))) {
      o.choices = m[1];
      for (char &c : o.choices) c = c == ',' ? '|' : c;
    }
    return o;
  }
  if (rest.starts_with("SIZE")) {
    o.type = ParamType::size;
    return o;
  }
  o.type = base == "FLOAT" ? ParamType::number : ParamType::integer;
  o.min = base == "UINT" ? 0 : base == "INT" ? -2147483648.0 : -HUGE_VAL;
  o.max = base == "UINT" ? 9007199254740992.0 : base == "INT" ? 2147483647.0 : HUGE_VAL;
  if (rest.empty()) return o;
  o.bounded = true;
  if (std::regex_match(rest, m, std::regex(R"((-?[0-9.e+-]+)\.\.(-?[0-9.e+-]+))"))) {
    o.min = std::stod(m[1]);
    o.max = std::stod(m[2]);
  } else if (std::regex_match(rest, m, std::regex(R"(>=(-?[0-9.e+-]+))"))) {
    o.min = std::stod(m[1]);
  } else if (rest == "POSITIVE") {
    o.min = 0;
    o.min_exclusive = true;
  } else if (std::regex_match(rest, m, std::regex(R"(([\[(])(-?[0-9.e+-]+),(-?[0-9.e+-]+)\])"))) {
    o.min_exclusive = m[1] == "(";
    o.min = std::stod(m[2]);
    o.max = std::stod(m[3]);
  } else {
    ADD_FAILURE() << "unknown type notation in --help: " << t;
  }
  return o;
}

// Options by flag ("" for the positional kernel). The option lines start with "  -x,--name" or
// "  --name", then the type when there is one (flags have none), then the default.
std::map<std::string, HelpOption> options_of(const std::string &help) {
  std::map<std::string, HelpOption> out;
  const std::regex option(
      R"(^\s+(?:-[A-Za-z],)?(--[a-z][a-z-]*)(?: ((?:INT|UINT|FLOAT|TEXT)(?::(?:SIZE \[[^\]]*\]|>=[^ =]+|[^ =]+))?))?.*$)");
  const std::regex positional(R"(^\s+kernel (TEXT:\{[^}]*\}) REQUIRED$)");
  std::istringstream in(help);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, positional)) {
      out[""] = parse_type(m[1]);
    } else if (std::regex_match(line, m, option)) {
      out[m[1]] = parse_type(m[2]);
    }
  }
  return out;
}

TEST(BuiltinApps, MatchTheirHelp) {
  for (const BuiltinApp &app : builtin_apps()) {
    SCOPED_TRACE(std::string(app.name));
    const std::string program = std::string(HPCPAT_BIN_DIR) + "/" + std::string(app.executable);
    std::map<std::string, HelpOption> help = options_of(help_of(program));
    ASSERT_GT(help.size(), 3u) << "no options read from " << program << " --help";
    // What the runner owns (where the summary goes) and what is not a parameter.
    help.erase("--help");
    help.erase(std::string(app.summary_flag));
    if (app.name == "kernels") help.erase("--kernel");  // the positional's other spelling
    for (const AppParam &p : app.params) {
      SCOPED_TRACE(std::string(p.name));
      const auto it = help.find(std::string(p.flag));
      ASSERT_NE(it, help.end()) << p.flag << " is in the table but not in " << program << " --help";
      const HelpOption &h = it->second;
      EXPECT_EQ(static_cast<int>(p.type), static_cast<int>(h.type)) << h.raw;
      if (p.type == ParamType::integer || p.type == ParamType::number) {
        EXPECT_EQ(p.min, h.min) << h.raw;
        EXPECT_EQ(p.max, h.max) << h.raw;
        EXPECT_EQ(p.min_exclusive, h.min_exclusive) << h.raw;
        EXPECT_EQ(p.bounded, h.bounded) << h.raw;
      }
      if (p.type == ParamType::choice) {
        EXPECT_EQ(std::string(p.choices), h.choices);
      }
      help.erase(it);
    }
    for (const auto &[flag, h] : help) {
      ADD_FAILURE() << program << " has " << flag << " (" << h.raw
                    << ") which the built-in app table does not list";
    }
    EXPECT_NE(find_param(app, app.duration_knob), nullptr) << app.duration_knob;
    EXPECT_NE(find_param(app, app.size_knob), nullptr) << app.size_knob;
  }
}

TEST(BuiltinApps, ValuesAreCheckedByType) {
  const BuiltinApp &md = *find_builtin_app("minimd");
  EXPECT_EQ(why_not_value(*find_param(md, "size"), "2000"), "");
  EXPECT_EQ(why_not_value(*find_param(md, "size"), "2001"), "an integer from 1 to 2000");
  EXPECT_NE(why_not_value(*find_param(md, "size"), "20.5"), "");
  EXPECT_NE(why_not_value(*find_param(md, "ref_tolerance"), "0"), "");
  EXPECT_EQ(why_not_value(*find_param(md, "ref_tolerance"), "1e-9"), "");
  EXPECT_NE(why_not_value(*find_param(md, "quiet"), "yes"), "");
  const BuiltinApp &k = *find_builtin_app("kernels");
  EXPECT_EQ(why_not_value(*find_param(k, "max_size"), "4MiB"), "");
  EXPECT_NE(why_not_value(*find_param(k, "max_size"), "4 MiB"), "");
  EXPECT_EQ(why_not_value(*find_param(k, "kernel"), "halo3d"), "");
  EXPECT_NE(why_not_value(*find_param(k, "kernel"), "halo"), "");
  const BuiltinApp &cg = *find_builtin_app("cg");
  EXPECT_NE(why_not_value(*find_param(cg, "tol"), "0"), "");
  EXPECT_EQ(why_not_value(*find_param(cg, "tol"), "1"), "");
}

}  // namespace
}  // namespace hpcpat::study
