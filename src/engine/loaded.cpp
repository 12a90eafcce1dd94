#include "engine/loaded.hpp"

#include "source/read_file.hpp"

namespace miglint {

LoadedFile::LoadedFile(SourceFile source, bool scan_now) : source_(std::move(source)) {
  if (scan_now) tokens();
}

const TokenStream& LoadedFile::tokens() const {
  // A file with a NUL byte is not scanned: libpg_query reads C strings.
  if (!tokens_) tokens_ = source_.nul_byte() ? TokenStream{} : scan(source_.text());
  return *tokens_;
}

std::optional<std::string> input_text(const InputFile& input, std::vector<std::string>& errors) {
  if (input.text) return input.text;
  std::string error;
  std::optional<std::string> text = read_file(input.path, error);
  if (!text) errors.push_back(input.display + ": cannot read: " + error);
  return text;
}

}  // namespace miglint
