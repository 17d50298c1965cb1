// Cross-page repetition: a line that recurs on many pages of one site in a run (the site's
// menu, footer, accessibility bar, metadata labels) is furniture for that run, whatever it
// looks like. A first pass over the run's pages fills a `RepeatedLines` table with line
// fingerprints; the boilerplate stage then reads it (never writes it) for every page.
// Design and figures: docs/boilerplate-eval.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bdp/source.h"

namespace bdp {

/// Fingerprint of a line: a 64-bit FNV-1a hash of its text with Unicode spaces collapsed and
/// trimmed, case folded and every ASCII digit mapped to '#' ("Liczba odwiedzin: 1234" and
/// "liczba  odwiedzin: 1240" agree). 0 for a blank line. Stable across runs and platforms.
std::uint64_t line_fingerprint(std::string_view line);

/// Fingerprint of two neighbouring non-blank lines `a` over `b` (their line fingerprints):
/// the context a line recurs in. Never 0 and never equal to a line fingerprint by design
/// (a different hash domain), so both live in one table.
std::uint64_t pair_fingerprint(std::uint64_t a, std::uint64_t b);

/// The site a page belongs to for repetition: the directory part of its path ("a/b/c.txt" →
/// "a/b", "c.txt" → ""). Pages saved per site directory share menus; a flat run is one site.
std::string_view site_key(std::string_view path);

/// How many pages of each site carry each line fingerprint. Life cycle: `add_page` for every
/// page of the run (one table per thread, then `merge`), after which the table is only read;
/// const use is thread-safe. Counts do not depend on the order pages were added in.
class RepeatedLines {
 public:
  /// Counts every distinct non-blank line fingerprint of `page` once, for its site, and every
  /// distinct pair of neighbouring non-blank lines (blank lines between them skipped).
  void add_page(const SourcePage& page);
  /// Adds the counts of `other` (a table filled on another thread).
  void merge(const RepeatedLines& other);

  /// A site's counts, looked up once per page.
  struct Site {
    std::uint32_t pages = 0;                                 ///< pages of the site added
    std::unordered_map<std::uint64_t, std::uint32_t> lines;  ///< fingerprint → pages with it
    /// Pages of the site with a line of fingerprint `fp`.
    std::uint32_t pages_with(std::uint64_t fp) const {
      auto it = lines.find(fp);
      return it == lines.end() ? 0 : it->second;
    }
  };
  /// The site of `site_key`, or nullptr when none of its pages was added.
  const Site* site(std::string_view key) const;
  /// Number of pages added, all sites.
  std::uint64_t pages() const { return pages_; }
  /// Number of sites.
  std::size_t sites() const { return sites_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Site, Hash, std::equal_to<>> sites_;
  std::uint64_t pages_ = 0;
  std::vector<std::uint64_t> scratch_;  // one page's fingerprints, reused
};

}  // namespace bdp
