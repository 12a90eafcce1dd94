#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <algorithm>
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

// libpg_query hands over names already cut to the limit, at a character
// boundary, so a name that is too long as written arrives as one that no
// further character of the same width would fit into.
bool looks_cut(std::string_view name) {
  return !name.empty() && name.size() + last_character_bytes(name) > kMaxIdentifierBytes &&
         !ends_like_a_fitted_name(name);
}

class IdentifierTooLong final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& node, Context& context) const override {
    NamedObject object = named_object(node);
    if (!looks_cut(object.name)) return;
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
          "names reach it sooner. miglint sees names after the parser has cut them, so it reports names that "
          "fill the limit, unless they end like names shortened on purpose to fit (_key, _idx, _fkey and "
          "the like, as PostgreSQL and ORMs such as Prisma make them); a name written at exactly 63 bytes "
          "without such a suffix is reported too.",
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
