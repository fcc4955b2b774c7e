// Native SHA-256 for the application package's Sha256Fn (issue 5 §6): OpenSSL libcrypto's
// EVP_Digest — no cryptography of ours. Native builds only; the browser uses WebCrypto.
#pragma once

#include <string>
#include <string_view>

namespace certdesk {

// 64 lower-case hex digits of SHA-256(bytes). Throws std::runtime_error if libcrypto fails.
std::string sha256_hex_openssl(std::string_view bytes);

}  // namespace certdesk
