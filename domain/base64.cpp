// Strict Base64 codec (RFC 4648 §4) — plain bit shuffling, not cryptography.
#include "domain/base64.hpp"

#include <array>
#include <cstdint>

namespace certdesk::base64 {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_table() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  return t;
}
constexpr std::array<std::int8_t, 256> kTable = make_table();

// For the fast loop: the 6 bits of a character already shifted to their place in a group of
// four (character k of the group → bits 18−6k), or kBad for a character outside the alphabet.
constexpr std::uint32_t kBad = 0x80000000u;
constexpr std::array<std::uint32_t, 256> make_shifted(int shift) {
  std::array<std::uint32_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = kTable[c] < 0 ? kBad : static_cast<std::uint32_t>(kTable[c]) << shift;
  return t;
}
constexpr std::array<std::uint32_t, 256> kAt0 = make_shifted(18), kAt1 = make_shifted(12), kAt2 = make_shifted(6),
                                         kAt3 = make_shifted(0);

bool fail(DecodeError& error, std::size_t offset, std::string message) {
  error.offset = offset;
  error.message_zh = std::move(message);
  return false;
}

std::string char_at(std::string_view text, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c >= 0x20 && c < 0x7F) return "“" + std::string(1, static_cast<char>(c)) + "”";
  static constexpr char hex[] = "0123456789ABCDEF";
  return std::string("0x") + hex[c >> 4] + hex[c & 15];
}

}  // namespace

std::size_t encoded_size(std::size_t n) { return (n + 2) / 3 * 4; }

void encode_append(std::string_view bytes, std::string& out) {
  out.reserve(out.size() + encoded_size(bytes.size()));
  std::size_t i = 0;
  const auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    const char quad[4] = {kAlphabet[v >> 18], kAlphabet[v >> 12 & 63], kAlphabet[v >> 6 & 63], kAlphabet[v & 63]};
    out.append(quad, 4);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t v = byte(i) << 16;
    const char quad[4] = {kAlphabet[v >> 18], kAlphabet[v >> 12 & 63], '=', '='};
    out.append(quad, 4);
  } else if (rest == 2) {
    const std::uint32_t v = byte(i) << 16 | byte(i + 1) << 8;
    const char quad[4] = {kAlphabet[v >> 18], kAlphabet[v >> 12 & 63], kAlphabet[v >> 6 & 63], '='};
    out.append(quad, 4);
  }
}

std::string encode(std::string_view bytes) {
  std::string out;
  encode_append(bytes, out);
  return out;
}

bool decode(std::string_view text, std::string& out, DecodeError& error) {
  out.clear();
  if (text.size() % 4 != 0)
    return fail(error, text.size(), "长度 " + std::to_string(text.size()) + " 不是 4 的倍数（Base64 不完整）");
  // Written by index into a buffer of the full size (trimmed by the padding at the end): an
  // attachment is tens of megabytes, appending byte by byte costs a check per byte.
  out.resize(text.size() / 4 * 3);
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  char* o = out.data();
  std::size_t i = 0;
  // Every group but the last, while all four characters are in the alphabet: 4 characters → 3 bytes.
  for (const std::size_t body = text.size() < 4 ? 0 : text.size() - 4; i < body; i += 4, o += 3) {
    const std::uint32_t v = kAt0[in[i]] | kAt1[in[i + 1]] | kAt2[in[i + 2]] | kAt3[in[i + 3]];
    if (v & kBad) break;  // the general loop below reports it
    o[0] = static_cast<char>(v >> 16);
    o[1] = static_cast<char>(v >> 8 & 0xFF);
    o[2] = static_cast<char>(v & 0xFF);
  }
  // The last group (padding allowed) and any group with a character outside the alphabet.
  const auto written = [&] { return static_cast<std::size_t>(o - out.data()); };
  for (; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    int pad = 0;
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = text[i + k];
      if (c == '=' && last && k >= 2) {
        ++pad;
        v <<= 6;
        continue;
      }
      const std::int8_t d = kTable[static_cast<unsigned char>(c)];
      if (d < 0 || pad > 0) {
        out.resize(written());  // the bytes decoded so far
        const std::string what = c == '=' ? "位置不对的填充符“=”" : char_at(text, i + k) + "不是 Base64 字符";
        return fail(error, i + k, "第 " + std::to_string(i + k + 1) + " 个字符" + what);
      }
      v = v << 6 | static_cast<std::uint32_t>(d);
    }
    if ((pad == 2 && (v & 0xFFFF) != 0) || (pad == 1 && (v & 0xFF) != 0)) {
      out.resize(written());
      return fail(error, i, "末尾填充前的未用位不为零（不是规范的 Base64 编码）");
    }
    *o++ = static_cast<char>(v >> 16);
    if (pad < 2) *o++ = static_cast<char>(v >> 8 & 0xFF);
    if (pad < 1) *o++ = static_cast<char>(v & 0xFF);
  }
  out.resize(written());
  return true;
}

}  // namespace certdesk::base64
