// Strict Base64: RFC 4648 test vectors both ways, every byte value round-trips, and every
// non-canonical or damaged text is refused with its position.
#include <doctest/doctest.h>

#include <string>

#include "domain/base64.hpp"

using namespace certdesk;

namespace {

std::string decoded(std::string_view text) {
  std::string out;
  base64::DecodeError e;
  REQUIRE(base64::decode(text, out, e));
  return out;
}

base64::DecodeError refused(std::string_view text) {
  std::string out;
  base64::DecodeError e;
  CHECK_FALSE(base64::decode(text, out, e));
  return e;
}

}  // namespace

TEST_CASE("RFC 4648 §10 test vectors") {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},         {"f", "Zg=="},     {"fo", "Zm8="},
                                                         {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, coded] : vectors) {
    CHECK(base64::encode(plain) == coded);
    CHECK(decoded(coded) == plain);
    CHECK(base64::encoded_size(std::string_view(plain).size()) == std::string_view(coded).size());
  }
  CHECK(base64::encode("中文") == "5Lit5paH");
}

TEST_CASE("every byte value and every length round-trips") {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t n = 0; n <= all.size(); n += 7) {
    const std::string part = all.substr(0, n);
    CHECK(decoded(base64::encode(part)) == part);
  }
  CHECK(base64::encode(std::string("\xff\xfe\xfd", 3)) == "//79");
}

TEST_CASE("damaged or non-canonical text is refused with its position") {
  CHECK(refused("Zm9").message_zh.find("不是 4 的倍数") != std::string::npos);
  auto e = refused("Zm*v");
  CHECK(e.offset == 2);
  CHECK(e.message_zh == "第 3 个字符“*”不是 Base64 字符");
  CHECK(refused("Zm9v\nYmFy").message_zh.find("不是 4 的倍数") != std::string::npos);
  CHECK(refused("Zm 9").message_zh == "第 3 个字符“ ”不是 Base64 字符");
  CHECK(refused("Zg=a").message_zh == "第 4 个字符“a”不是 Base64 字符");
  CHECK(refused("Z===").message_zh == "第 2 个字符位置不对的填充符“=”");
  CHECK(refused("Zg==Zm9v").message_zh == "第 3 个字符位置不对的填充符“=”");
  CHECK(refused("Zh==").message_zh.find("未用位不为零") != std::string::npos);  // "Zg==" is the canonical form
  CHECK(refused("Zm9=").message_zh.find("未用位不为零") != std::string::npos);
  CHECK(refused(std::string("Zm\x80v", 4)).message_zh == "第 3 个字符0x80不是 Base64 字符");
  CHECK(refused("Zm9v-_==").offset == 4);  // base64url alphabet is not accepted
}

TEST_CASE("long texts: a bad character in any group is found at its position, the bytes before it kept") {
  std::string plain;
  for (int i = 0; i < 3000; ++i) plain.push_back(static_cast<char>(i * 31 + 7));
  const std::string coded = base64::encode(plain);
  CHECK(decoded(coded) == plain);
  for (std::size_t at : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{2003}, coded.size() - 5,
                         coded.size() - 1}) {
    for (const char bad : {'*', '=', '\n', '-'}) {
      if (bad == '=' && at + 4 >= coded.size() && at % 4 >= 2) continue;  // valid padding position
      std::string text = coded;
      text[at] = bad;
      std::string out;
      base64::DecodeError e;
      CAPTURE(at);
      CAPTURE(bad);
      REQUIRE_FALSE(base64::decode(text, out, e));
      CHECK(e.offset == at);
      const std::string what = bad == '=' ? "位置不对的填充符“=”"
                               : bad == '\n' ? "0x0A不是 Base64 字符"
                                             : std::string("“") + bad + "”不是 Base64 字符";
      CHECK(e.message_zh == "第 " + std::to_string(at + 1) + " 个字符" + what);
      CHECK(out == plain.substr(0, at / 4 * 3));  // every complete group before the bad one
    }
  }
  // Padding: only in the last group, one or two "=", and decoded to one or two fewer bytes.
  CHECK(decoded(coded.substr(0, 4) + "Zg==") == plain.substr(0, 3) + "f");
  CHECK(decoded(coded.substr(0, 4) + "Zm8=") == plain.substr(0, 3) + "fo");
  CHECK(refused("Zg==" + coded.substr(0, 4)).offset == 2);
  CHECK(refused(coded.substr(0, 4) + "Zg=" + "=Zm9v").offset == 6);
  CHECK(refused(coded.substr(0, 8) + "====").offset == 8);
}
