#include "hpcpat/json/json_node.hpp"

#include <gtest/gtest.h>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat {
namespace {

std::string error_of(const std::function<void()> &f) {
  try {
    f();
  } catch (const InputError &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(JsonNode, ReadsTypedValuesAndPaths) {
  nlohmann::json doc = nlohmann::json::parse(R"({"a": {"b": [1, 2.5, "x", true]}})");
  JsonNode root(doc, "f.json");
  JsonNode b = root.member("a").member("b");
  EXPECT_EQ(b.path(), "a.b");
  EXPECT_EQ(b.size(), 4u);
  EXPECT_EQ(b.element(0).integer(), 1);
  EXPECT_EQ(b.element(0).count(), 1u);
  EXPECT_DOUBLE_EQ(b.element(1).number(), 2.5);
  EXPECT_DOUBLE_EQ(b.element(0).number(), 1.0);  // an integer is a number too
  EXPECT_EQ(b.element(2).string(), "x");
  EXPECT_TRUE(b.element(3).boolean());
  EXPECT_EQ(root.path(), "(document root)");
}

TEST(JsonNode, ErrorsNameFilePathAndExpectation) {
  nlohmann::json doc = nlohmann::json::parse(R"({"a": {"b": [1, -2, "x"]}, "n": null})");
  JsonNode root(doc, "f.json");
  JsonNode b = root.member("a").member("b");
  EXPECT_EQ(error_of([&] { b.element(2).integer(); }),
            "f.json: field 'a.b[2]': expected an integer, found string \"x\"");
  EXPECT_EQ(error_of([&] { b.element(1).count(); }),
            "f.json: field 'a.b[1]': expected an integer >= 0, found integer -2");
  EXPECT_EQ(error_of([&] { b.element(0).integer(2, 5); }),
            "f.json: field 'a.b[0]': expected an integer in [2, 5], found integer 1");
  EXPECT_EQ(error_of([&] { b.element(0).number(0, 0.5); }),
            "f.json: field 'a.b[0]': expected a number in [0, 0.5], found integer 1");
  EXPECT_EQ(error_of([&] { root.member("a").member("zz").string(); }),
            "f.json: field 'a.zz' is missing (expected a string)");
  EXPECT_EQ(error_of([&] { b.member("c"); }),
            "f.json: field 'a.b': expected an object, found an array of 3 elements");
  EXPECT_EQ(error_of([&] { root.member("n").size(); }),
            "f.json: field 'n': expected an array, found null");
  EXPECT_EQ(error_of([&] { root.member("gone").nullable("an object or null"); }),
            "f.json: field 'gone' is missing (expected an object or null)");
  EXPECT_FALSE(root.member("n").nullable("an object or null").has_value());
}

TEST(JsonNode, OneOfListsTheAllowedValues) {
  nlohmann::json doc = nlohmann::json::parse(R"({"k": "c", "m": 3})");
  JsonNode root(doc, "f.json");
  constexpr std::array<std::string_view, 2> kAllowed = {"a", "b"};
  EXPECT_EQ(error_of([&] { root.member("k").one_of(kAllowed); }),
            "f.json: field 'k': expected one of \"a\", \"b\", found string \"c\"");
  EXPECT_EQ(error_of([&] { root.member("m").one_of(kAllowed); }),
            "f.json: field 'm': expected one of \"a\", \"b\", found integer 3");
}

TEST(JsonNode, LongStringsAreShortenedInMessages) {
  nlohmann::json doc = {{"s", std::string(100, 'x')}};
  JsonNode root(doc, "f.json");
  std::string message = error_of([&] { root.member("s").integer(); });
  EXPECT_EQ(message, "f.json: field 's': expected an integer, found string \"" +
                         std::string(39, 'x') + "...\"");
}

TEST(JsonNode, ParseErrorNamesTheSourceAndPosition) {
  std::string message = error_of([] { parse_json_text("{\"a\": 1,\n  oops}", "f.json"); });
  EXPECT_EQ(message.rfind("f.json: not valid JSON: parse error at line 2, column 3", 0), 0u)
      << message;
}

}  // namespace
}  // namespace hpcpat
