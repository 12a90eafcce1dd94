#include "apply/checksum.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace miglint::apply {

namespace {

std::string without_carriage_returns_before_newlines(std::string_view bytes) {
  std::string normalised;
  normalised.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i)
    if (!(bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n')) normalised.push_back(bytes[i]);
  return normalised;
}

}  // namespace

std::string checksum(std::string_view bytes) {
  std::string normalised = without_carriage_returns_before_newlines(bytes);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(normalised.data(), normalised.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
  static constexpr char hex[] = "0123456789abcdef";
  std::string text = "sha256:";
  for (unsigned int i = 0; i < length; ++i) {
    text.push_back(hex[digest[i] >> 4]);
    text.push_back(hex[digest[i] & 0xf]);
  }
  return text;
}

}  // namespace miglint::apply
