#include "engine/loaded.hpp"

namespace miglint {

LoadedFile::LoadedFile(SourceFile source, bool scan_now) : source_(std::move(source)) {
  if (scan_now) tokens();
}

const TokenStream& LoadedFile::tokens() const {
  // A file with a NUL byte is not scanned: libpg_query reads C strings.
  if (!tokens_) tokens_ = source_.nul_byte() ? TokenStream{} : scan(source_.text());
  return *tokens_;
}

}  // namespace miglint
