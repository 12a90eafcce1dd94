// The whole of `miglint check` on one file of arbitrary bytes, in every
// layout in turn: loading, runner markers, parsing and splitting, every rule
// (those off by default too), suppressions, the statement fingerprints a
// baseline keeps, and the report writers. Only a crash or a sanitizer
// report is a failure here; fuzz_positions checks what the findings say.

#include "fuzz_support.hpp"
#include "report/report.hpp"
#include "report/statement_fingerprint.hpp"

#include <cstdint>
#include <sstream>

namespace {

using namespace miglint;

// In one format, chosen by the input's length: a writer costs more than the
// lint of eight layouts (JSON serialisation, mostly), and mutations
// change the length often enough for every format to see every kind of input.
void report(const CheckOutcome& outcome, std::size_t size) {
  static const std::vector<std::string> formats = format_names();
  std::ostringstream out;
  write_report(out, outcome, {*parse_format(formats[size % formats.size()]), true, nullptr});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const CheckSettings settings = [] {
    CheckSettings every = fuzz::every_rule();
    every.keep_statement_text = true;
    return every;
  }();
  std::string text(reinterpret_cast<const char*>(data), size);
  // One report of every layout's findings: quoting and escaping do not depend on the layout.
  CheckOutcome all;
  for (const fuzz::LayoutFile& file : fuzz::kLayoutFiles) {
    CheckOutcome outcome = check_text(text, file.path, file.layout, settings);
    for (Finding& finding : outcome.findings) {
      statement_fingerprint(finding.statement);
      all.findings.push_back(std::move(finding));
    }
    for (std::string& error : outcome.errors) all.errors.push_back(std::move(error));
  }
  sort_findings(all.findings);
  report(all, size);
  return 0;
}
