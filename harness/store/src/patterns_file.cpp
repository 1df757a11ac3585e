// A run's pattern labels: patterns.json written and read back into the index (patterns_file.hpp,
// Store::put_patterns).
#include "patterns_file.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/input_file.hpp"
#include "hpcpat/store/run_record.hpp"
#include "hpcpat/store/store.hpp"
#include "index_db.hpp"
#include "store_files.hpp"
#include "store_names.hpp"

namespace hpcpat::store {

namespace fs = std::filesystem;

std::string labels_column(const nlohmann::json &patterns, const std::string &source) {
  const auto bad = [&source](const std::string &field, const char *expected) {
    return InputError(source + ": field '" + field + "': expected " + expected);
  };
  if (!patterns.is_object() || !patterns.contains("labels") || !patterns["labels"].is_array()) {
    throw bad("labels", "an array of {label, confidence}");
  }
  std::string column;
  const nlohmann::json &labels = patterns["labels"];
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const nlohmann::json &l = labels[i];
    const std::string at = "labels[" + std::to_string(i) + "]";
    if (!l.is_object() || !l.contains("label") || !l["label"].is_string() ||
        l["label"].get<std::string>().empty()) {
      throw bad(at + ".label", "a non-empty string");
    }
    if (!l.contains("confidence") || !l["confidence"].is_number()) {
      throw bad(at + ".confidence", "a number");
    }
    char confidence[32];
    std::snprintf(confidence, sizeof confidence, "%.2f", l["confidence"].get<double>());
    column += (column.empty() ? "" : ",") + l["label"].get<std::string>() + ":" + confidence;
  }
  return column;
}

std::string read_labels(const fs::path &run_dir) {
  const fs::path file = run_dir / kPatternsFile;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) return "";
  // A patterns document is a few KiB; 16 MiB stops a runaway file without refusing a real one.
  const std::string text = InputFile(file, std::uint64_t{16} << 20).read_all();
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) throw InputError(file.string() + ": not JSON; expected a patterns document");
  return labels_column(doc, file.string());
}

std::vector<std::string> Store::put_patterns(const std::string &study, const std::string &run,
                                             const nlohmann::json &patterns) {
  const fs::path path = run_path(study, run);
  check_contained(dir_, path);
  if (!is_complete(study, run)) {
    throw InputError("run '" + study + "/" + run + "' is not complete (no " +
                     std::string(kRecordFile) + "); expected a complete run to classify");
  }
  const std::string labels = labels_column(patterns, "patterns of '" + study + "/" + run + "'");
  write_atomically(path / kPatternsFile, patterns.dump(2) + "\n");
  std::vector<std::string> notes;
  try {
    Transaction t(db_->handle());
    db_->set_labels(study, run, labels);
    t.commit();
  } catch (const IndexError &e) {
    notes.push_back(index_problem(dir_ / kIndexFile, "labels of '" + study + "/" + run +
                                                         "' not indexed: " + e.what()));
  }
  return notes;
}

}  // namespace hpcpat::store
