#include <miglint/migration.hpp>
#include <miglint/severity.hpp>

#include <array>
#include <utility>
#include <vector>

namespace miglint {

namespace {

constexpr std::array kSeverityNames{
    std::pair{Severity::Info, std::string_view{"info"}},
    std::pair{Severity::Warning, std::string_view{"warning"}},
    std::pair{Severity::Error, std::string_view{"error"}},
};

constexpr std::array kLayoutNames{
    std::pair{Layout::Miglint, std::string_view{"miglint"}},
    std::pair{Layout::UpDownFiles, std::string_view{"golang-migrate"}},
    std::pair{Layout::Dbmate, std::string_view{"dbmate"}},
    std::pair{Layout::Goose, std::string_view{"goose"}},
    std::pair{Layout::Flyway, std::string_view{"flyway"}},
    std::pair{Layout::Prisma, std::string_view{"prisma"}},
    std::pair{Layout::Sqitch, std::string_view{"sqitch"}},
    std::pair{Layout::Plain, std::string_view{"plain"}},
};

template <typename Table, typename Enum>
std::string_view name_in(const Table& table, Enum value) {
  for (const auto& [candidate, name] : table)
    if (candidate == value) return name;
  return "?";
}

template <typename Table>
auto value_in(const Table& table, std::string_view name)
    -> std::optional<typename Table::value_type::first_type> {
  for (const auto& [value, candidate] : table)
    if (candidate == name) return value;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Severity severity) { return name_in(kSeverityNames, severity); }
std::optional<Severity> parse_severity(std::string_view text) { return value_in(kSeverityNames, text); }

std::string_view to_string(Layout layout) { return name_in(kLayoutNames, layout); }
std::optional<Layout> parse_layout(std::string_view name) {
  if (name == "popx") return Layout::UpDownFiles;
  return value_in(kLayoutNames, name);
}
std::vector<std::string_view> layout_names() {
  std::vector<std::string_view> names;
  for (const auto& [layout, name] : kLayoutNames) names.push_back(name);
  names.push_back("popx");
  return names;
}

std::string_view to_string(Envelope envelope) {
  switch (envelope) {
    case Envelope::None: return "none";
    case Envelope::TransactionPerMigration: return "transaction per migration";
    case Envelope::OneString: return "one string (implicit transaction)";
    case Envelope::TransactionUnlessAllNonTransactional: return "transaction unless all statements are non-transactional";
  }
  return "?";
}

std::string_view to_string(SectionKind kind) {
  switch (kind) {
    case SectionKind::Up: return "up";
    case SectionKind::Down: return "down";
    case SectionKind::Verify: return "verify";
  }
  return "?";
}

}  // namespace miglint
