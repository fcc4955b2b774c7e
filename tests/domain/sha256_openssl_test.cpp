// Native only: the OpenSSL Sha256Fn against FIPS 180-2 vectors, and a package exported and
// imported with real SHA-256 (what package_tool and the body's native tools do).
#include <doctest/doctest.h>

#include "tests/domain/package_fixture.hpp"
#include "tests/support/sha256_openssl.hpp"

using namespace pkgtest;

TEST_CASE("OpenSSL SHA-256 matches the FIPS 180-2 test vectors") {
  CHECK(sha256_hex_openssl("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex_openssl("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex_openssl("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("a package with real SHA-256 round-trips and its digest is the SHA-256 of the canonical text") {
  const Catalogue c = example_catalogue();
  const Sha256Fn sha = [](std::string_view b) { return sha256_hex_openssl(b); };
  const Sample s = complete_sample(c, sha);
  auto text = export_package(header(), s.draft, s.data, c, sha);
  REQUIRE(text.ok());
  auto back = import_package(text.value(), {c}, sha);
  REQUIRE(back.ok());
  CHECK(back.value().draft == s.draft);
  auto pending = prepare_import(text.value(), {c});
  REQUIRE(pending.ok());
  CHECK(back.value().digest == sha256_hex_openssl(pending.value().canonical));
  CHECK(s.draft.attachments[0].sha256 == sha256_hex_openssl(s.data[0]));
  // The fake hasher's package does not pass a real verification.
  auto fake = export_package(header(), complete_sample(c).draft, s.data, c, kFake);
  REQUIRE(fake.ok());
  CHECK_FALSE(import_package(fake.value(), {c}, sha).ok());
}
