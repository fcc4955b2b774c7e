// SHA-256 via OpenSSL libcrypto (EVP_Digest + EVP_sha256).
#include "tests/support/sha256_openssl.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace certdesk {

std::string sha256_hex_openssl(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1 || length != 32)
    throw std::runtime_error("EVP_Digest(SHA-256) failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(64, '0');
  for (unsigned int i = 0; i < length; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 15];
  }
  return out;
}

}  // namespace certdesk
