// GB 32100-2015 unified social credit code: charset, structure and check character.
#include "domain/credit_code.hpp"

#include <cstddef>

namespace certdesk {
namespace {

constexpr std::size_t kLength = 18;

int value_of(char c) {
  const std::size_t pos = kCreditCodeCharset.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Number of UTF-8 code points (for "实际为 N 位" when someone pastes full-width characters).
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::optional<char> credit_code_check_char(std::string_view first17) {
  if (first17.size() != kLength - 1) return std::nullopt;
  int weight = 1;  // 3^0; multiplied by 3 mod 31 per position
  int sum = 0;
  for (char c : first17) {
    const int v = value_of(c);
    if (v < 0) return std::nullopt;
    sum += v * weight;
    weight = weight * 3 % 31;
  }
  const int check = (31 - sum % 31) % 31;
  return kCreditCodeCharset[static_cast<std::size_t>(check)];
}

Result<void> validate_credit_code(std::string_view code, const std::string& field) {
  if (code.empty()) return input_error(field, "统一社会信用代码不能为空");
  if (code.size() != kLength || code_points(code) != code.size())
    return input_error(field, "统一社会信用代码应为 18 位，实际为 " + std::to_string(code_points(code)) + " 位");
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (value_of(c) >= 0) continue;
    const std::string pos = "第 " + std::to_string(i + 1) + " 位“" + std::string(1, c) + "”";
    if (c >= 'a' && c <= 'z') return input_error(field, pos + "应为大写字母");
    return input_error(field, pos + "不是允许的字符（数字或除 I、O、Z、S、V 以外的大写字母）");
  }
  for (std::size_t i = 2; i < 8; ++i)
    if (code[i] < '0' || code[i] > '9')
      return input_error(field, "第 3–8 位是登记管理机关行政区划码，应为数字");
  const char expected = *credit_code_check_char(code.substr(0, kLength - 1));
  if (code[kLength - 1] != expected)
    return input_error(field, std::string("校验位错误，应为 ") + expected);
  return ok_void();
}

}  // namespace certdesk
