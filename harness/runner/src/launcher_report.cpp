#include "launcher_report.hpp"

#include <fstream>
#include <regex>

namespace hpcpat::runner {
namespace {

constexpr std::streamoff kTail = 64 * 1024;

std::string tail_of(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) return "";
  const std::streamoff size = in.tellg();
  in.seekg(size > kTail ? size - kTail : 0);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

std::optional<RankSignal> rank_signal_in(std::string_view text) {
  static const std::regex open_mpi(
      R"(process rank (\d+) with PID \d+ on node (\S+) exited on signal (\d+))");
  static const std::regex hydra(R"(TERMINATED WITH THE EXIT STRING: [^\n]*\(signal (\d+)\))");
  std::match_results<std::string_view::const_iterator> m;
  if (std::regex_search(text.begin(), text.end(), m, open_mpi)) {
    return RankSignal{std::stoi(m[3].str()), "rank " + m[1].str() + " on " + m[2].str()};
  }
  if (std::regex_search(text.begin(), text.end(), m, hydra)) {
    return RankSignal{std::stoi(m[1].str()), ""};
  }
  return std::nullopt;
}

std::optional<RankSignal> rank_signal_in_files(const std::filesystem::path &stdout_file,
                                               const std::filesystem::path &stderr_file) {
  if (auto found = rank_signal_in(tail_of(stderr_file))) return found;
  return rank_signal_in(tail_of(stdout_file));
}

}  // namespace hpcpat::runner
