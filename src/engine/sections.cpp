#include "engine/sections.hpp"

#include "layouts/markers.hpp"

#include <optional>
#include <string>

namespace miglint {

namespace {

Section whole_file(SectionKind kind, const LoadedFile& file) {
  return {kind, &file, {{file.source().content_begin(), file.text().size()}}, std::nullopt};
}

class MarkerCutter {
 public:
  MarkerCutter(Layout layout, const LoadedFile& file, MigrationSections& out) : layout_(layout), file_(file), out_(out) {
    chunk_begin_ = file.source().content_begin();
    // Anything before the first up marker is linted with the up section.
    out_.sections.push_back({SectionKind::Up, &file_, {}, std::nullopt});
  }

  void apply(const Marker& marker, const Token& token) {
    check_order(marker, token);
    switch (marker.kind) {
      case Marker::Up:
      case Marker::Down: {
        close_chunk(token.start);
        SectionKind kind = marker.kind == Marker::Up ? SectionKind::Up : SectionKind::Down;
        Section& current = out_.sections.back();
        if (kind == SectionKind::Up && current.kind == SectionKind::Up && !current.marker)
          current.marker = token.start;
        else
          out_.sections.push_back({kind, &file_, {}, token.start});
        // dbmate without its transaction still sends the section as one
        // string, which PostgreSQL runs as one implicit transaction.
        if (marker.no_transaction) out_.sections.back().envelope = Envelope::OneString;
        break;
      }
      case Marker::StatementBegin:
      case Marker::StatementEnd:
        close_chunk(token.start);
        break;
      case Marker::NoTransaction:
        out_.envelope = Envelope::None;
        close_chunk(token.start);
        break;
    }
    chunk_begin_ = token.end;
  }

  void finish() {
    close_chunk(file_.text().size());
    if (open_block_) unclosed_block();
  }

 private:
  void close_chunk(std::size_t end) {
    if (end > chunk_begin_) out_.sections.back().chunks.push_back({chunk_begin_, end});
  }

  // goose refuses a file whose markers are out of order; the miglint format
  // has one up and one down part.
  void check_order(const Marker& marker, const Token& token) {
    bool goose = layout_ == Layout::Goose;
    if (!goose && layout_ != Layout::Miglint) return;
    std::string_view up = goose ? "-- +goose Up" : "-- UP";
    std::string_view down = goose ? "-- +goose Down" : "-- DOWN";
    std::string_view runner = goose ? "goose cannot run this file: " : "";
    if (marker.kind == Marker::Up || marker.kind == Marker::Down) {
      if (open_block_) unclosed_block();
      std::optional<std::size_t>& seen = marker.kind == Marker::Up ? up_at_ : down_at_;
      std::string_view name = marker.kind == Marker::Up ? up : down;
      if (seen)
        problem(token, std::string(runner) + "a second " + std::string(name) + " marker; the first is at line " +
                           std::to_string(file_.source().position(*seen).line) + ". Keep one");
      else if (goose && marker.kind == Marker::Down && !up_at_)
        problem(token, std::string(runner) + "-- +goose Down comes before any -- +goose Up");
      if (!seen) seen = token.start;
    } else if (goose && marker.kind == Marker::StatementBegin) {
      if (open_block_) unclosed_block();
      open_block_ = token;
    } else if (goose && marker.kind == Marker::StatementEnd) {
      if (!open_block_) problem(token, std::string(runner) + "-- +goose StatementEnd without a -- +goose StatementBegin before it");
      open_block_.reset();
    }
  }

  void unclosed_block() {
    problem(*open_block_, "goose cannot run this file: this -- +goose StatementBegin has no -- +goose StatementEnd");
    open_block_.reset();
  }

  void problem(const Token& marker, std::string message) {
    out_.problems.push_back({&file_, marker.start, marker.end, out_.sections.back().kind, std::move(message)});
  }

  Layout layout_;
  const LoadedFile& file_;
  MigrationSections& out_;
  std::size_t chunk_begin_ = 0;
  std::optional<Token> open_block_;  // a goose StatementBegin not yet ended
  std::optional<std::size_t> up_at_, down_at_;
};

void cut_by_markers(Layout layout, const LoadedFile& file, MigrationSections& out) {
  MarkerCutter cutter(layout, file, out);
  const std::string& text = file.text();
  for (const Token& token : file.tokens().tokens)
    if (auto marker = marker_at(text, token, layout)) cutter.apply(*marker, token);
  cutter.finish();
}

}  // namespace

bool has_markers(Layout layout) {
  return layout == Layout::Miglint || layout == Layout::Dbmate || layout == Layout::Goose;
}

MigrationSections build_sections(const MigrationPlan& plan, const LoadedFile* file, const LoadedFile* down_file,
                                 const LoadedFile* verify_file) {
  MigrationSections out;
  out.envelope = plan.envelope;
  if (file && has_markers(plan.layout)) {
    cut_by_markers(plan.layout, *file, out);
  } else if (file) {
    out.sections.push_back(whole_file(SectionKind::Up, *file));
  }
  if (down_file) out.sections.push_back(whole_file(SectionKind::Down, *down_file));
  if (verify_file) out.sections.push_back(whole_file(SectionKind::Verify, *verify_file));
  return out;
}

}  // namespace miglint
