#include "engine/sections.hpp"

#include "layouts/markers.hpp"

namespace miglint {

namespace {

Section whole_file(SectionKind kind, const LoadedFile& file) {
  return {kind, &file, {{file.source().content_begin(), file.text().size()}}, std::nullopt};
}

class MarkerCutter {
 public:
  MarkerCutter(const LoadedFile& file, MigrationSections& out) : file_(file), out_(out) {
    chunk_begin_ = file.source().content_begin();
    // Anything before the first up marker is linted with the up section.
    out_.sections.push_back({SectionKind::Up, &file_, {}, std::nullopt});
  }

  void apply(const Marker& marker, const Token& token) {
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

  void finish() { close_chunk(file_.text().size()); }

 private:
  void close_chunk(std::size_t end) {
    if (end > chunk_begin_) out_.sections.back().chunks.push_back({chunk_begin_, end});
  }

  const LoadedFile& file_;
  MigrationSections& out_;
  std::size_t chunk_begin_ = 0;
};

void cut_by_markers(Layout layout, const LoadedFile& file, MigrationSections& out) {
  MarkerCutter cutter(file, out);
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
