#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <algorithm>
#include <cctype>
#include <array>

namespace miglint::rules {

namespace {

// PostgreSQL keeps NAMEDATALEN - 1 bytes of an identifier.
constexpr std::size_t kMaxIdentifierBytes = 63;

struct NamedObject {
  std::string_view label;  // "index name"
  std::string_view name;
  Node at;                 // where the finding starts
};

std::string_view last_name(const NodeList& names) { return names.empty() ? "" : names.back().string_value(); }

NamedObject named_object(const Node& node) {
  std::string_view kind = node.kind();
  auto relation = [&](std::string_view label, const Node& range_var) {
    return NamedObject{label, range_var.str("relname"), range_var};
  };
  if (kind == "CreateStmt") return relation("table name", node.child("relation"));
  if (kind == "CreateTableAsStmt") return relation("table name", node.child("into").child("rel"));
  if (kind == "ViewStmt") return relation("view name", node.child("view"));
  if (kind == "CreateSeqStmt") return relation("sequence name", node.child("sequence"));
  if (kind == "CompositeTypeStmt") return relation("type name", node.child("typevar"));
  if (kind == "ColumnDef") return {"column name", node.str("colname"), node};
  if (kind == "IndexStmt") return {"index name", node.str("idxname"), node};
  if (kind == "Constraint") return {"constraint name", node.str("conname"), node};
  if (kind == "RenameStmt") return {"new name", node.str("newname"), node};
  if (kind == "CreateTrigStmt") return {"trigger name", node.str("trigname"), node};
  if (kind == "CreateSchemaStmt") return {"schema name", node.str("schemaname"), node};
  if (kind == "CreatePolicyStmt") return {"policy name", node.str("policy_name"), node};
  if (kind == "CreateEnumStmt") return {"type name", last_name(node.list("typeName")), node};
  if (kind == "CreateDomainStmt") return {"domain name", last_name(node.list("domainname")), node};
  return {"function name", last_name(node.list("funcname")), node};
}

std::size_t last_character_bytes(std::string_view text) {
  std::size_t lead = text.size() - 1;
  while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
  return text.size() - lead;
}

// Naming schemes that make names fit (PostgreSQL's own for constraints and
// indexes, Prisma's) shorten the middle and keep a suffix; a name PostgreSQL
// cuts loses its end instead.
bool ends_like_a_fitted_name(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kSuffixes{
      "_pkey", "_pk", "_key", "_fkey", "_fk", "_idx", "_index", "_check", "_excl", "_seq", "_uniq", "_unique"};
  return std::any_of(kSuffixes.begin(), kSuffixes.end(), [&](std::string_view suffix) { return name.ends_with(suffix); });
}

// A name the parser may have cut: no further character of the same width
// would fit beside it.
bool fills_the_limit(std::string_view name) {
  return !name.empty() && name.size() + last_character_bytes(name) > kMaxIdentifierBytes;
}

// The bytes of a name as written: a quoted one without its quotes, with
// "" standing for one quote.
std::size_t written_bytes(std::string_view token) {
  if (token.size() < 2 || token.front() != '"') return token.size();
  std::size_t bytes = 0;
  for (std::size_t i = 1; i + 1 < token.size(); ++i, ++bytes)
    if (token[i] == '"') ++i;
  return bytes;
}

// Whether the written token is the name the parser kept, in full or cut.
bool spells(std::string_view written, std::string_view name) {
  std::string_view text = written.starts_with('"') ? written.substr(1) : written;
  if (text.size() < name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(name[i]))) return false;
  return true;
}

class IdentifierTooLong final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  // libpg_query hands over names already cut to 63 bytes. Where the tree
  // locates the name, the file says how long it was written; elsewhere a
  // name that fills the limit and does not end like one shortened to fit
  // was most likely cut.
  void check(const Node& node, Context& context) const override {
    NamedObject object = named_object(node);
    if (!fills_the_limit(object.name)) return;
    std::string_view written = context.written_token(object.at);
    bool written_here = spells(written, object.name);
    if (written_here) {
      std::size_t bytes = written_bytes(written);
      if (bytes <= kMaxIdentifierBytes) return;
      context.report(object.at, std::string(object.label) + " " + std::string(written) + " is " +
                                    std::to_string(bytes) + " bytes: PostgreSQL keeps the first 63 (\"" +
                                    std::string(object.name) + "\") without an error, so the object is not called "
                                    "what the migration says, and names that share these 63 bytes collide");
      return;
    }
    if (ends_like_a_fitted_name(object.name)) return;
    context.report(object.at, std::string(object.label) + " \"" + std::string(object.name) +
                                  "\" fills PostgreSQL's 63-byte limit for identifiers and does not end like a name "
                                  "shortened to fit: it was most likely written longer and cut to these bytes "
                                  "without an error, so the object is not called what the migration says, and "
                                  "names that share these 63 bytes collide");
  }

 private:
  static constexpr std::array<std::string_view, 15> kKinds{
      "ColumnDef",       "CompositeTypeStmt", "Constraint",       "CreateDomainStmt", "CreateEnumStmt",
      "CreateFunctionStmt", "CreatePolicyStmt", "CreateSchemaStmt", "CreateSeqStmt",   "CreateStmt",
      "CreateTableAsStmt", "CreateTrigStmt",  "IndexStmt",        "RenameStmt",       "ViewStmt"};
  static constexpr RuleMeta kMeta{
      .id = "identifier-too-long",
      .severity = Severity::Error,
      .summary = "An identifier longer than 63 bytes is silently truncated",
      .rationale =
          "PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN - 1) and drops the rest with only a "
          "NOTICE. The table, column, index or constraint then has a shorter name than the migration and the "
          "application use: a later DROP INDEX or ALTER ... RENAME that spells the full name still works, "
          "but tools that compare names (ORMs, schema diffs, down migrations built from strings) do not, and "
          "two long names that share their first 63 bytes collide. The limit counts bytes, so non-ASCII "
          "names reach it sooner. Where the parse tree locates a name (tables and columns), miglint measures "
          "it as the file writes it. Elsewhere (index, constraint and other names) it only sees the name "
          "after the parser has cut it, so it reports names that fill the limit, unless they end like names "
          "shortened on purpose to fit (_key, _idx, _fkey and the like, as PostgreSQL and ORMs such as Prisma "
          "make them).",
      .safe_alternative =
          "Spell names in at most 63 bytes, shortening the middle and keeping the meaningful end: "
          "orders_user_status_idx rather than every column spelled out. Where a name must fill all 63 bytes, "
          "end it with its kind (_idx, _key, _fkey) so that it is not mistaken for a cut one.",
      .bad = "CREATE INDEX orders_user_id_status_total_and_a_very_long_description_of_its_purpose_idx "
             "ON orders (user_id, status, total);",
      .good = "CREATE INDEX orders_user_id_status_total_idx ON orders (user_id, status, total);",
      .versions = {},
  };
};

}  // namespace

const Rule& identifier_too_long() {
  static const IdentifierTooLong rule;
  return rule;
}

}  // namespace miglint::rules
