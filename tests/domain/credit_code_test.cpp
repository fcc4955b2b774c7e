// Unified social credit code (GB 32100-2015): published codes pass, codes built with the check
// algorithm pass, every kind of error is refused with its Chinese message.
#include <doctest/doctest.h>

#include <string>

#include "domain/credit_code.hpp"

using namespace certdesk;

namespace {

// Independent re-implementation of the standard's formula for building test codes:
// weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28.
char check_of(const std::string& first17) {
  static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += static_cast<int>(kCreditCodeCharset.find(first17[i])) * weights[i];
  return kCreditCodeCharset[(31 - sum % 31) % 31];
}

std::string message(std::string_view code) {
  auto r = validate_credit_code(code, "credit_code");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().rule == "INPUT");
  CHECK(r.error().field == "credit_code");
  return r.error().message_zh;
}

}  // namespace

TEST_CASE("published codes are valid: GB 32100-2015 example and Huawei Technologies") {
  CHECK(validate_credit_code("91350100M000100Y43", "f").ok());  // the standard's worked example
  CHECK(validate_credit_code("914403001922038216", "f").ok());  // 华为技术有限公司
  CHECK(credit_code_check_char("91350100M000100Y4") == '3');
}

TEST_CASE("codes built with the formula validate, including check values 0 and Y") {
  const std::string bodies[] = {"91110108MA01ABCDE", "12100000400000716", "51440300MJL123456", "Y1310115QRTUWXY00",
                                "93330782MA2E1234K"};
  for (const std::string& b : bodies) {
    const std::string code = b + check_of(b);
    CAPTURE(code);
    CHECK(credit_code_check_char(b) == check_of(b));
    CHECK(validate_credit_code(code, "f").ok());
  }
  // Search the check characters 0 (sum ≡ 0 mod 31) and Y (value 30) to cover both ends.
  bool saw_zero = false, saw_y = false;
  for (int n = 0; n < 2000 && !(saw_zero && saw_y); ++n) {
    std::string b = "9111010800000" + std::to_string(1000 + n);
    const char c = check_of(b);
    saw_zero = saw_zero || c == '0';
    saw_y = saw_y || c == 'Y';
    CHECK(credit_code_check_char(b) == c);
  }
  CHECK(saw_zero);
  CHECK(saw_y);
}

TEST_CASE("wrong check character names the right one") {
  CHECK(message("91350100M000100Y44") == "credit_code: 校验位错误，应为 3");
  CHECK(message("914403001922038217") == "credit_code: 校验位错误，应为 6");
  // A single changed character anywhere is always detected (weights are units mod 31).
  const std::string good = "91350100M000100Y43";
  for (std::size_t i = 0; i < 17; ++i) {
    std::string bad = good;
    bad[i] = bad[i] == '1' ? '2' : '1';
    CAPTURE(bad);
    CHECK_FALSE(validate_credit_code(bad, "f").ok());
  }
}

TEST_CASE("length, charset, case and the division code") {
  CHECK(message("") == "credit_code: 统一社会信用代码不能为空");
  CHECK(message("91350100M000100Y4") == "credit_code: 统一社会信用代码应为 18 位，实际为 17 位");
  CHECK(message("91350100M000100Y433") == "credit_code: 统一社会信用代码应为 18 位，实际为 19 位");
  CHECK(message("９１350100M000100Y4") == "credit_code: 统一社会信用代码应为 18 位，实际为 17 位");
  CHECK(message("91350100I000100Y43").find("第 9 位“I”不是允许的字符") != std::string::npos);
  for (char banned : {'I', 'O', 'Z', 'S', 'V'}) {
    std::string code = "91350100M000100Y43";
    code[10] = banned;
    CHECK_FALSE(validate_credit_code(code, "f").ok());
  }
  CHECK(message("91350100m000100Y43") == "credit_code: 第 9 位“m”应为大写字母");
  CHECK(message("9135A100M000100Y43") == "credit_code: 第 3–8 位是登记管理机关行政区划码，应为数字");
  CHECK_FALSE(credit_code_check_char("91350100M000100Y").has_value());
  CHECK_FALSE(credit_code_check_char("91350100O000100Y4").has_value());
}
