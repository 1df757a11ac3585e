#include "config.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace hpcpat::pmpi {

namespace {

void add_message(Config &c, const char *name, const char *value, const char *expected,
                 const char *fallback) noexcept {
  if (c.num_messages >= Config::kMaxMessages) return;
  std::snprintf(c.messages[c.num_messages++], Config::kMessageLen,
                "hpcpat: %s='%.64s' is not valid: expected %s; using %s", name, value, expected,
                fallback);
}

void add_message(Config &c, const char *name, const char *value, const char *expected,
                 unsigned long long fallback) noexcept {
  char text[24];
  std::snprintf(text, sizeof text, "%llu", fallback);
  add_message(c, name, value, expected, text);
}

// Parses a whole decimal unsigned integer in [lo, hi]; false on anything else.
bool parse_uint(const char *s, std::uint64_t lo, std::uint64_t hi, std::uint64_t &out) noexcept {
  if (s == nullptr || *s < '0' || *s > '9') return false;
  errno = 0;
  char *end = nullptr;
  const unsigned long long v = std::strtoull(s, &end, 10);
  if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi) return false;
  out = v;
  return true;
}

// An integer setting: name and bounds from the settings table, `field` already holds its default.
void read_uint(Config &c, const char *(*lookup)(const char *), contract::Setting s,
               std::uint32_t &field) noexcept {
  const contract::SettingInfo &info = contract::setting(s);
  const char *v = lookup(info.name);
  if (v == nullptr || *v == '\0') return;
  std::uint64_t parsed = 0;
  if (parse_uint(v, info.min, info.max, parsed)) {
    field = static_cast<std::uint32_t>(parsed);
    return;
  }
  char expected[96];
  std::snprintf(expected, sizeof expected, "an integer from %llu to %llu", info.min, info.max);
  add_message(c, info.name, v, expected, field);
}

// A flag setting: "0" or "1"; `field` already holds its default.
void read_flag(Config &c, const char *(*lookup)(const char *), contract::Setting s,
               bool &field) noexcept {
  const char *name = contract::env_name(s);
  const char *v = lookup(name);
  if (v == nullptr || *v == '\0') return;
  if (std::strcmp(v, "1") == 0 || std::strcmp(v, "0") == 0) {
    field = *v == '1';
  } else {
    add_message(c, name, v, "0 or 1", field ? 1 : 0);
  }
}

const char *env_lookup(const char *name) {
  return std::getenv(name);
}

}  // namespace

Config parse_config(const char *(*lookup)(const char *name)) noexcept {
  Config c;
  read_flag(c, lookup, contract::Setting::DISABLE, c.disable);
  read_flag(c, lookup, contract::Setting::OVERWRITE, c.overwrite);
  read_uint(c, lookup, contract::Setting::MATRIX_CAP, c.matrix_cap);
  read_uint(c, lookup, contract::Setting::MAX_THREADS, c.max_threads);
  parse_timer_request(contract::setting(contract::Setting::TIMER).default_text, c.timer);
  if (const char *v = lookup(contract::kEnvTimer); v != nullptr && *v != '\0') {
    if (!parse_timer_request(v, c.timer)) {
      add_message(c, contract::kEnvTimer, v, "auto, tsc or clock_gettime",
                  timer_request_name(c.timer));
    }
  }
  read_uint(c, lookup, contract::Setting::CALLSITES, c.callsites);
  read_uint(c, lookup, contract::Setting::CALLSITE_CAP, c.callsite_cap);
  return c;
}

const Config &config() noexcept {
  static const Config c = parse_config(env_lookup);
  return c;
}

void print_config_messages(const Config &c) noexcept {
  for (int i = 0; i < c.num_messages; ++i) std::fprintf(stderr, "%s\n", c.messages[i]);
}

}  // namespace hpcpat::pmpi
