// record.json: written and read back field for field, valid against its published schema, and
// every damage named by file and field; names and paths that would lead out of RESULTS refused.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "hpcpat/base/input_error.hpp"
#include "json_error_field.hpp"
#include "sha256.hpp"
#include "store_fixture.hpp"
#include "store_names.hpp"

namespace hpcpat::store {
namespace {

using test::make_record;

std::string error_of(const std::string &text) {
  try {
    parse_record(text, "R/s/r/record.json");
  } catch (const InputError &e) {
    return e.what();
  }
  return "";
}

TEST(RunRecord, RoundTripsEveryField) {
  RunRecord r = make_record("s1", "r1", 4, 2, RunStatus::crashed);
  r.container_image = "ghcr.io/x/y:1";
  r.container_variant = "aws";
  r.hosts = {"n1", "n2"};
  r.mpi_library = "Open MPI v4.1.4";
  r.figure_of_merit = "rate";
  r.files = {"profile.json", "summary.json", "stdout", "stderr", "launcher"};
  r.figures = {0.375, 0.5, "MPI_Allreduce", -12.5};
  const RunRecord back = parse_record(record_json(r), "record.json");
  EXPECT_EQ(record_json(back), record_json(r));
  EXPECT_EQ(back.argv.back(), "$(touch /tmp/x)");  // verbatim, never a shell's business
  EXPECT_EQ(back.signal, 9);
  EXPECT_FALSE(back.exit_code.has_value());
  EXPECT_EQ(back.status, RunStatus::crashed);
  EXPECT_EQ(back.start.utc, "2026-12-06T23:33:22.250Z");
  EXPECT_DOUBLE_EQ(back.end.epoch_s, 1796600004.75);  // 2.75 + repeat 2
  EXPECT_EQ(back.parameters["bytes"], 1024);
  EXPECT_EQ(back.container_variant, "aws");
  EXPECT_EQ(back.figures.figure_of_merit, -12.5);
  EXPECT_EQ(back.figures.top_call, "MPI_Allreduce");
}

TEST(RunRecord, ValidatesAgainstThePublishedSchema) {
  test::ScratchDir dir;
  RunRecord full = make_record("s1", "r1", 2, 0);
  full.container_image = "img";
  full.files.profile = "profile.json";
  full.files.launcher = "launcher";
  full.figures = {0.25, 0.5, "MPI_Send", 3.0};
  const auto a = dir.write("a.json", record_json(full));
  const auto b = dir.write("b.json", record_json(make_record("s1", "r2", 8, 1, RunStatus::failed)));
  const std::string command = std::string(HPCPAT_PYTHON) + " " + HPCPAT_VALIDATOR + " " +
                              HPCPAT_RECORD_SCHEMA + " " + a.string() + " " + b.string();
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

TEST(RunRecord, TruncatedTextIsNamedByFileAndField) {
  const std::string text = record_json(make_record("s1", "r1", 2, 0));
  const std::size_t cut = text.find("\"argv\"") + 20;  // inside the argv array
  const std::string message = error_of(text.substr(0, cut));
  EXPECT_NE(message.find("R/s/r/record.json: not valid JSON at field 'argv["), std::string::npos)
      << message;
  EXPECT_NE(error_of("").find("R/s/r/record.json: not valid JSON (empty file)"), std::string::npos);
  EXPECT_EQ(field_at_parse_error(R"({"a": {"b": [1, 2, {"c": tru)"), "a.b[2].c");
}

TEST(RunRecord, BadFieldsAreNamed) {
  nlohmann::json doc = nlohmann::json::parse(record_json(make_record("s1", "r1", 2, 0)));
  const auto with = [&doc](const std::string &key, const nlohmann::json &value) {
    nlohmann::json d = doc;
    if (value.is_discarded()) {
      d.erase(key);
    } else {
      d[key] = value;
    }
    return error_of(d.dump());
  };
  EXPECT_NE(with("status", nlohmann::json(nlohmann::json::value_t::discarded)).find("field 'status' is missing"),
            std::string::npos);
  EXPECT_NE(with("status", "done").find("field 'status': expected one of"), std::string::npos);
  EXPECT_NE(with("ranks", 0).find("field 'ranks'"), std::string::npos);
  EXPECT_NE(with("run", "../x").find("field 'run'"), std::string::npos);
  EXPECT_NE(with("schema", "other").find("field 'schema'"), std::string::npos);
  nlohmann::json files = doc["files"];
  files["profile"] = "../../etc/passwd";
  EXPECT_NE(with("files", files).find("field 'files.profile'"), std::string::npos);
  files["profile"] = "/etc/passwd";
  EXPECT_NE(with("files", files).find("field 'files.profile'"), std::string::npos);
}

TEST(StoreNames, RefusesWhatCouldLeaveTheFolder) {
  for (const char *bad : {"", ".", "..", "../x", "a/b", "/abs", ".hidden", "-rf", "a..b", "a b",
                          "$(id)", "a;b", "a\nb", "x`y`"}) {
    EXPECT_NE(name_problem(bad), "") << bad;
    EXPECT_THROW(check_name("run name", bad), InputError) << bad;
  }
  for (const char *good : {"s1", "stencil-n4.r0", "minimd_rho=0.8,rc=2.5", "a@b+c"}) {
    EXPECT_EQ(name_problem(good), "") << good;
  }
  EXPECT_NE(name_problem(std::string(129, 'a')), "");
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace hpcpat::store
