// record.json written and read back (run_record.hpp; schemas/run-record.v1.schema.json). The
// reader checks every field as it goes (core/json's JsonNode), so reindex can name the file and
// the field of whatever it cannot use.
#include "hpcpat/store/run_record.hpp"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <limits>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/text_file.hpp"
#include "hpcpat/json/json_node.hpp"
#include "json_error_field.hpp"
#include "store_names.hpp"

namespace hpcpat::store {
namespace {

constexpr std::array<std::string_view, 5> kRecordedStatuses = {"ok", "failed", "crashed",
                                                               "timeout", "launch-error"};
// A record is a few KiB; anything much larger is not one of ours.
constexpr std::uint64_t kMaxRecordBytes = std::uint64_t{64} << 20;

nlohmann::ordered_json time_json(const TimePoint &t) {
  return {{"utc", t.utc}, {"epoch_s", t.epoch_s}};
}

nlohmann::ordered_json nullable_text(const std::string &s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

nlohmann::ordered_json nullable_number(const std::optional<double> &v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

std::optional<double> optional_number(const JsonNode &node, double min, double max) {
  const std::optional<JsonNode> value = node.nullable("a number or null");
  return value ? std::optional<double>(value->number(min, max)) : std::nullopt;
}

std::string optional_text(const JsonNode &node) {
  const std::optional<JsonNode> value = node.nullable("a string or null");
  return value ? value->string() : std::string();
}

std::string relative_file(const JsonNode &node) {
  std::string path = optional_text(node);
  if (std::string problem = relative_path_problem(path); !problem.empty()) node.fail(problem);
  return path;
}

std::map<std::string, std::string> string_map(const JsonNode &node) {
  std::map<std::string, std::string> out;
  node.require_object();
  node.for_each_member([&out](const std::string &key, const JsonNode &value) {
    out[key] = value.string();
  });
  return out;
}

TimePoint read_time(const JsonNode &node) {
  node.require_object();
  return {node.member("utc").nonempty_string(), node.member("epoch_s").number(0)};
}

int bounded_int(const JsonNode &node, int min) {
  return static_cast<int>(node.integer(min, std::numeric_limits<int>::max()));
}

}  // namespace

std::string_view status_name(RunStatus s) noexcept {
  switch (s) {
    case RunStatus::ok: return "ok";
    case RunStatus::failed: return "failed";
    case RunStatus::crashed: return "crashed";
    case RunStatus::timeout: return "timeout";
    case RunStatus::launch_error: return "launch-error";
    case RunStatus::interrupted: return "interrupted";
  }
  return "interrupted";
}

TimePoint time_point(double epoch_s) {
  const auto whole = static_cast<std::time_t>(std::floor(epoch_s));
  const int millis = static_cast<int>((epoch_s - static_cast<double>(whole)) * 1000.0);
  std::tm tm{};
  gmtime_r(&whole, &tm);
  std::array<char, 96> text{};  // room for any int fields (GCC checks)
  std::snprintf(text.data(), text.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                millis < 0 ? 0 : (millis > 999 ? 999 : millis));
  return {text.data(), epoch_s};
}

TimePoint time_point_now() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return time_point(std::chrono::duration<double>(now).count());
}

std::string record_json(const RunRecord &r) {
  nlohmann::ordered_json doc;
  doc["schema"] = kRunRecordSchemaId;
  doc["study"] = r.study;
  doc["run"] = r.run;
  doc["case"] = r.case_name;
  doc["app"] = r.app;
  doc["parameters"] = r.parameters.is_object() ? r.parameters : nlohmann::json::object();
  doc["nodes"] = r.nodes;
  doc["ranks"] = r.ranks;
  doc["ranks_per_node"] = r.ranks_per_node;
  doc["threads"] = r.threads;
  doc["repeat"] = r.repeat;
  doc["launcher"] = r.launcher;
  doc["argv"] = r.argv;
  doc["env"] = r.env;
  doc["status"] = status_name(r.status);
  doc["cause"] = r.cause;
  doc["exit_code"] = r.exit_code ? nlohmann::ordered_json(*r.exit_code) : nullptr;
  doc["signal"] = r.signal ? nlohmann::ordered_json(*r.signal) : nullptr;
  doc["start"] = time_json(r.start);
  doc["end"] = time_json(r.end);
  doc["wall_s"] = r.wall_s;
  doc["hosts"] = r.hosts;
  doc["mpi_library"] = r.mpi_library;
  doc["container"] = r.container_image.empty()
                         ? nlohmann::ordered_json(nullptr)
                         : nlohmann::ordered_json{{"image", r.container_image},
                                                  {"variant", nullable_text(r.container_variant)}};
  doc["hpcpat"] = {{"version", r.hpcpat_version}, {"git_sha", r.git_sha}};
  doc["tags"] = r.tags;
  doc["figure_of_merit"] = nullable_text(r.figure_of_merit);
  doc["files"] = {{"profile", nullable_text(r.files.profile)},
                  {"summary", nullable_text(r.files.summary)},
                  {"stdout", nullable_text(r.files.stdout_)},
                  {"stderr", nullable_text(r.files.stderr_)},
                  {"launcher", nullable_text(r.files.launcher)}};
  doc["figures"] = {{"mpi_fraction_median", nullable_number(r.figures.mpi_fraction_median)},
                    {"mpi_fraction_max", nullable_number(r.figures.mpi_fraction_max)},
                    {"top_call", nullable_text(r.figures.top_call)},
                    {"figure_of_merit", nullable_number(r.figures.figure_of_merit)}};
  return doc.dump(2) + "\n";
}

RunRecord parse_record(std::string_view text, const std::string &source) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error &e) {
    const std::string field = field_at_parse_error(text);
    throw InputError(source + ": not valid JSON" +
                     (field.empty() ? std::string() : " at field '" + field + "'") + " (" +
                     (text.empty() ? std::string("empty file") : std::string(e.what())) +
                     "); expected a whole run record");
  }
  const JsonNode root(doc, source);
  root.require_object();
  if (root.member("schema").string() != kRunRecordSchemaId) {
    root.member("schema").fail("\"" + std::string(kRunRecordSchemaId) + "\"");
  }
  RunRecord r;
  r.study = root.member("study").string();
  if (std::string p = name_problem(r.study); !p.empty()) root.member("study").fail(p);
  r.run = root.member("run").string();
  if (std::string p = name_problem(r.run); !p.empty()) root.member("run").fail(p);
  r.case_name = root.member("case").nonempty_string();
  r.app = root.member("app").nonempty_string();
  const JsonNode parameters = root.member("parameters");
  parameters.require_object();
  r.parameters = doc["parameters"];
  r.nodes = bounded_int(root.member("nodes"), 1);
  r.ranks = bounded_int(root.member("ranks"), 1);
  r.ranks_per_node = bounded_int(root.member("ranks_per_node"), 1);
  r.threads = bounded_int(root.member("threads"), 1);
  r.repeat = bounded_int(root.member("repeat"), 0);
  r.launcher = root.member("launcher").nonempty_string();
  const JsonNode argv = root.member("argv");
  for (std::size_t i = 0; i < argv.size(); ++i) r.argv.push_back(argv.element(i).string());
  r.env = string_map(root.member("env"));
  const std::string status = root.member("status").one_of(kRecordedStatuses);
  for (std::size_t i = 0; i < kRecordedStatuses.size(); ++i) {
    if (status == kRecordedStatuses[i]) r.status = static_cast<RunStatus>(i);
  }
  r.cause = root.member("cause").string();
  if (auto code = root.member("exit_code").nullable("an integer or null")) {
    r.exit_code = code->integer();
  }
  if (auto sig = root.member("signal").nullable("an integer or null")) {
    r.signal = static_cast<int>(sig->integer(1, 128));
  }
  r.start = read_time(root.member("start"));
  r.end = read_time(root.member("end"));
  r.wall_s = root.member("wall_s").number(0);
  const JsonNode hosts = root.member("hosts");
  for (std::size_t i = 0; i < hosts.size(); ++i) r.hosts.push_back(hosts.element(i).string());
  r.mpi_library = root.member("mpi_library").string();
  if (auto container = root.member("container").nullable("an object or null")) {
    r.container_image = container->member("image").nonempty_string();
    r.container_variant = optional_text(container->member("variant"));
  }
  const JsonNode build = root.member("hpcpat");
  build.require_object();
  r.hpcpat_version = build.member("version").string();
  r.git_sha = build.member("git_sha").string();
  r.tags = string_map(root.member("tags"));
  r.figure_of_merit = optional_text(root.member("figure_of_merit"));
  const JsonNode files = root.member("files");
  files.require_object();
  r.files.profile = relative_file(files.member("profile"));
  r.files.summary = relative_file(files.member("summary"));
  r.files.stdout_ = relative_file(files.member("stdout"));
  r.files.stderr_ = relative_file(files.member("stderr"));
  r.files.launcher = relative_file(files.member("launcher"));
  const JsonNode figures = root.member("figures");
  figures.require_object();
  r.figures.mpi_fraction_median = optional_number(figures.member("mpi_fraction_median"), 0,
                                                  std::numeric_limits<double>::max());
  r.figures.mpi_fraction_max = optional_number(figures.member("mpi_fraction_max"), 0,
                                               std::numeric_limits<double>::max());
  r.figures.top_call = optional_text(figures.member("top_call"));
  r.figures.figure_of_merit =
      optional_number(figures.member("figure_of_merit"), -std::numeric_limits<double>::max(),
                      std::numeric_limits<double>::max());
  return r;
}

RunRecord read_record(const std::filesystem::path &file) {
  return parse_record(read_text_file(file, kMaxRecordBytes), file.string());
}

}  // namespace hpcpat::store
