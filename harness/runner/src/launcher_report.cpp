#include "launcher_report.hpp"

#include "hpcpat/base/text_scan.hpp"

#include <fstream>
#include <iterator>

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
  // Open MPI: "process rank R with PID P on node H exited on signal N".
  for (std::size_t at = text.find("process rank "); at != std::string_view::npos;
       at = text.find("process rank ", at + 1)) {
    std::string_view s = text.substr(at + 13);
    const std::string rank = std::string(consume_digits(s, 9));
    if (rank.empty() || !consume_prefix(s, " with PID ") || consume_digits(s, 9).empty() || !consume_prefix(s, " on node ")) {
      continue;
    }
    const std::string host = std::string(s.substr(0, s.find_first_of(" \n")));
    s.remove_prefix(host.size());
    const std::string_view sig = consume_prefix(s, " exited on signal ") ? consume_digits(s, 9) : "";
    if (!host.empty() && !sig.empty()) {
      return RankSignal{std::stoi(std::string(sig)), "rank " + rank + " on " + host};
    }
  }
  // Hydra: "YOUR APPLICATION TERMINATED WITH THE EXIT STRING: Aborted (signal 6)".
  const std::size_t at = text.find("TERMINATED WITH THE EXIT STRING: ");
  if (at != std::string_view::npos) {
    std::string_view line = text.substr(at);
    line = line.substr(0, line.find('\n'));
    const std::size_t open = line.rfind("(signal ");
    if (open != std::string_view::npos) {
      std::string_view s = line.substr(open + 8);
      const std::string_view sig = consume_digits(s, 9);
      if (!sig.empty() && consume_prefix(s, ")")) return RankSignal{std::stoi(std::string(sig)), ""};
    }
  }
  return std::nullopt;
}

std::optional<RankSignal> rank_signal_in_files(const std::filesystem::path &stdout_file,
                                               const std::filesystem::path &stderr_file) {
  if (auto found = rank_signal_in(tail_of(stderr_file))) return found;
  return rank_signal_in(tail_of(stdout_file));
}

}  // namespace hpcpat::runner
