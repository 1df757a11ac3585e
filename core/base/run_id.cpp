#include "hpcpat/base/run_id.hpp"

#include <sys/random.h>
#include <unistd.h>

#include <climits>
#include <ctime>

namespace hpcpat::base {

std::uint32_t run_nonce() noexcept {
  std::uint32_t v = 0;
  if (::getrandom(&v, sizeof v, GRND_NONBLOCK) == static_cast<ssize_t>(sizeof v)) return v;
  // No entropy yet (early boot) or no getrandom: distinct enough for distinct runs.
  timespec real{}, mono{};
  ::clock_gettime(CLOCK_REALTIME, &real);
  ::clock_gettime(CLOCK_MONOTONIC, &mono);
  std::uint64_t x = static_cast<std::uint64_t>(real.tv_nsec) * 0x9E3779B97F4A7C15ULL ^
                    static_cast<std::uint64_t>(mono.tv_nsec) ^
                    (static_cast<std::uint64_t>(::getpid()) << 32);
  x ^= x >> 29;
  return static_cast<std::uint32_t>(x ^ (x >> 32));
}

std::string generated_run_id(const std::string &host, long long epoch_s, long pid,
                             std::uint32_t nonce) {
  std::string h = host.substr(0, host.find('.'));
  bool portable = !h.empty() && h.size() <= 64;
  for (const char c : h) {
    portable = portable && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '_' || c == '-');
  }
  if (!portable) h = "host";
  const std::time_t t = static_cast<std::time_t>(epoch_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
  static constexpr char kHex[] = "0123456789abcdef";
  char suffix[9];
  for (int i = 7; i >= 0; --i, nonce >>= 4) suffix[i] = kHex[nonce & 0xF];
  suffix[8] = '\0';
  return h + "-" + stamp + "-" + std::to_string(pid) + "-" + suffix;
}

std::string fresh_run_id() {
  char host[HOST_NAME_MAX + 1] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return generated_run_id(host, static_cast<long long>(std::time(nullptr)), ::getpid(),
                          run_nonce());
}

}  // namespace hpcpat::base
