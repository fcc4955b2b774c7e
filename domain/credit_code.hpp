// Unified social credit code (统一社会信用代码) per GB 32100-2015: 18 characters from the
// 31-character set 0-9 A-Z without I O Z S V; the 18th is a check character computed with the
// weights 3^(i-1) mod 31 over the first 17 (§6.1 application: organisation data).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace certdesk {

// "0123456789ABCDEFGHJKLMNPQRTUWXY": position in this string = the character's value.
inline constexpr std::string_view kCreditCodeCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// The check character for the first 17 characters (GB 32100-2015 §5 / 附录B):
// C18 = 31 − (Σ Ci·Wi mod 31), Wi = 3^(i−1) mod 31, value 31 written as '0'.
// nullopt if `first17` is not 17 characters of the charset.
std::optional<char> credit_code_check_char(std::string_view first17);

// Validates a whole code; rule "INPUT", message in Chinese prefixed by `field`:
// empty, length ≠ 18, a character outside the set (lower case named as such), positions 3–8
// (registration authority's administrative division code) not digits, wrong check character
// ("校验位错误，应为 X").
Result<void> validate_credit_code(std::string_view code, const std::string& field);

}  // namespace certdesk
