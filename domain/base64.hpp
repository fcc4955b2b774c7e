// Base64 (RFC 4648 §4, standard alphabet, "=" padding) for attachments embedded in application
// packages. Strict: no whitespace or line breaks, padding required, unused bits must be zero —
// so each byte string has exactly one encoding and a package cannot hide data in it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace certdesk::base64 {

// Length of the encoding of n bytes (4·⌈n/3⌉).
std::size_t encoded_size(std::size_t n);
// Appends the encoding of `bytes` to `out` (no reallocation if out has the capacity).
void encode_append(std::string_view bytes, std::string& out);
std::string encode(std::string_view bytes);

struct DecodeError {
  std::size_t offset = 0;  // byte offset in the text of the first bad character
  std::string message_zh;  // e.g. "第 5 个字符“*”不是 Base64 字符"
};

// Decodes `text` into `out` (cleared first). Returns false and fills `error` on any deviation:
// length not a multiple of 4, a character outside the alphabet, misplaced or excess padding,
// non-zero unused bits.
bool decode(std::string_view text, std::string& out, DecodeError& error);

}  // namespace certdesk::base64
