// The study's files and the index's messages (store_files.hpp).
#include "store_files.hpp"

#include <stdexcept>

#include "hpcpat/base/atomic_file.hpp"
#include "hpcpat/base/text_file.hpp"
#include "hpcpat/json/json_node.hpp"

namespace hpcpat::store {

namespace fs = std::filesystem;

std::string study_plan_json(const std::string &study, const std::string &spec_sha256,
                            const std::string &created_at, const std::vector<std::string> &runs) {
  nlohmann::ordered_json doc;
  doc["study"] = study;
  doc["spec_sha256"] = spec_sha256;
  doc["created_at"] = created_at;
  doc["runs"] = runs;
  return doc.dump(2) + "\n";
}

StudyRow read_study_plan(const fs::path &file, const std::string &study) {
  const nlohmann::json doc = parse_json_text(read_text_file(file, std::uint64_t{256} << 20),
                                             file.string());
  const JsonNode root(doc, file.string());
  root.require_object();
  StudyRow row;
  row.name = study;
  if (root.member("study").string() != study) root.member("study").fail("'" + study + "'");
  row.spec_sha256 = root.member("spec_sha256").nonempty_string();
  row.created_at = root.member("created_at").nonempty_string();
  row.runs_planned = static_cast<long long>(root.member("runs").size());
  return row;
}

void write_atomically(const fs::path &path, const std::string &text) {
  if (std::string why = base::write_file_atomically(path.string(), text); !why.empty()) {
    throw std::runtime_error(why);
  }
}

std::string index_problem(const fs::path &db, const std::string &what) {
  return db.string() + ": not a usable index (" + what +
         "); run 'hpcpat results reindex' to rebuild it from the run folders";
}

}  // namespace hpcpat::store
