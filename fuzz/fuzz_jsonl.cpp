// The JSON Lines reader of `diff`: the input is split at the first "\n\x01\n" into an old and
// a new snapshot (all of it is the old one otherwise), both are indexed from a memory FILE,
// compared, and every difference is formatted in all three formats. Malformed lines must end
// as diagnostics, never as exceptions or crashes; each record's index hash must be that of the
// canonical form of the record read back.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bdp/diff.h"
#include "fuzz_util.h"

namespace {

std::FILE* memfile(std::string& buf) {
  // fmemopen with size 0 fails; keep a byte so empty snapshots still open.
  if (buf.empty()) buf.push_back('\n');
  return fmemopen(buf.data(), buf.size(), "r");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::size_t cut = in.find("\n\x01\n");
  std::string old_buf(in.substr(0, cut));
  std::string new_buf(cut == std::string_view::npos ? std::string_view() : in.substr(cut + 3));
  static const bdp::PathFilter filter;
  std::vector<bdp::SnapshotDiagnostic> diags;
  std::FILE* fo = memfile(old_buf);
  std::FILE* fn = memfile(new_buf);
  BDP_FUZZ_CHECK(fo && fn);
  {
    auto old_snap = bdp::Snapshot::index(fo, "old.jsonl", filter, diags, 1);
    auto new_snap = bdp::Snapshot::index(fn, "new.jsonl", filter, diags, 1);
    for (const auto& [id, ref] : old_snap.records()) {
      BDP_FUZZ_CHECK(ref.offset + ref.length <= old_buf.size());
      auto rec = old_snap.load(ref, diags);
      BDP_FUZZ_CHECK(rec.has_value());
      // The first pass (simdjson, or nlohmann for what simdjson refuses) and the re-read
      // record agree on the canonical form.
      BDP_FUZZ_CHECK(ref.hash == std::hash<std::string>{}(bdp::canonical_string(*rec, filter)));
    }
    bdp::TextStyle style;
    style.word_diff = true;
    auto summary = bdp::diff_snapshots(
        old_snap, new_snap, filter,
        [&](const bdp::PracticeDiff& p) {
          for (auto f : {bdp::DiffFormat::text, bdp::DiffFormat::jsonl, bdp::DiffFormat::csv})
            (void)bdp::format_practice(p, f, style);
          return true;
        },
        diags);
    for (auto f : {bdp::DiffFormat::text, bdp::DiffFormat::jsonl, bdp::DiffFormat::csv})
      (void)bdp::format_summary(summary, f, true);
    BDP_FUZZ_CHECK(summary.added + summary.unchanged + summary.changed ==
                   new_snap.records().size());
    BDP_FUZZ_CHECK(summary.removed + summary.unchanged + summary.changed ==
                   old_snap.records().size());
  }
  for (const auto& d : diags) (void)bdp::format_diagnostic(d);
  std::fclose(fo);
  std::fclose(fn);
  return 0;
}
