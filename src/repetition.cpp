// Cross-page repetition table. A fingerprint is hashed straight from the line's code points
// (no copy): spaces collapse into one pending blank that is only hashed before the next
// non-space, so leading and trailing spaces vanish; letters are case folded (ASCII by table,
// the rest by ICU's simple folding); ASCII digits hash as '#'. The table keeps, per site,
// the number of pages on which each fingerprint occurs (a page counts once per fingerprint).
#include "bdp/repetition.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "bdp/text.h"

namespace bdp {

namespace {

constexpr std::uint64_t k_fnv_offset = 0xcbf29ce484222325ull;
constexpr std::uint64_t k_fnv_prime = 0x100000001b3ull;

inline void mix(std::uint64_t& h, unsigned char b) {
  h ^= b;
  h *= k_fnv_prime;
}

/// Hashes the UTF-8 form of `cp`.
inline void mix_cp(std::uint64_t& h, char32_t cp) {
  auto u = static_cast<std::uint32_t>(cp);
  if (u < 0x80) {
    mix(h, static_cast<unsigned char>(u));
  } else if (u < 0x800) {
    mix(h, static_cast<unsigned char>(0xC0 | (u >> 6)));
    mix(h, static_cast<unsigned char>(0x80 | (u & 0x3F)));
  } else if (u < 0x10000) {
    mix(h, static_cast<unsigned char>(0xE0 | (u >> 12)));
    mix(h, static_cast<unsigned char>(0x80 | ((u >> 6) & 0x3F)));
    mix(h, static_cast<unsigned char>(0x80 | (u & 0x3F)));
  } else {
    mix(h, static_cast<unsigned char>(0xF0 | (u >> 18)));
    mix(h, static_cast<unsigned char>(0x80 | ((u >> 12) & 0x3F)));
    mix(h, static_cast<unsigned char>(0x80 | ((u >> 6) & 0x3F)));
    mix(h, static_cast<unsigned char>(0x80 | (u & 0x3F)));
  }
}

}  // namespace

std::uint64_t line_fingerprint(std::string_view line) {
  std::uint64_t h = k_fnv_offset;
  bool any = false, pending_space = false;
  for (std::size_t i = 0; i < line.size();) {
    auto c = static_cast<unsigned char>(line[i]);
    char32_t cp;
    if (c < 0x80) {
      ++i;
      cp = c;
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        pending_space = any;
        continue;
      }
      if (c >= '0' && c <= '9')
        cp = '#';
      else if (c >= 'A' && c <= 'Z')
        cp = c + ('a' - 'A');
    } else {
      cp = next_cp(line, i);
      if (is_space_cp(cp)) {
        pending_space = any;
        continue;
      }
      cp = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT));
    }
    if (pending_space) mix(h, ' ');
    pending_space = false;
    any = true;
    mix_cp(h, cp);
  }
  return any ? (h == 0 ? 1 : h) : 0;
}

std::uint64_t pair_fingerprint(std::uint64_t a, std::uint64_t b) {
  // splitmix64 finaliser over a domain tag and both fingerprints: unlike FNV of text.
  auto fin = [](std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  };
  std::uint64_t h = fin(fin(a ^ 0x7061697200000000ull) ^ (b + 0x9e3779b97f4a7c15ull));
  return h == 0 ? 2 : h;
}

std::string_view site_key(std::string_view path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

void RepeatedLines::add_page(const SourcePage& page) {
  scratch_.clear();
  std::uint64_t prev = 0;
  for (std::size_t i = 0; i < page.line_count(); ++i) {
    std::uint64_t fp = line_fingerprint(page.line(i));
    if (!fp) continue;
    scratch_.push_back(fp);
    if (prev) scratch_.push_back(pair_fingerprint(prev, fp));
    prev = fp;
  }
  std::sort(scratch_.begin(), scratch_.end());
  scratch_.erase(std::unique(scratch_.begin(), scratch_.end()), scratch_.end());
  std::string_view key = site_key(page.path);
  auto it = sites_.find(key);
  if (it == sites_.end()) it = sites_.emplace(std::string(key), Site{}).first;
  Site& s = it->second;
  ++s.pages;
  ++pages_;
  for (std::uint64_t fp : scratch_) ++s.lines[fp];
}

void RepeatedLines::merge(const RepeatedLines& other) {
  for (const auto& [key, o] : other.sites_) {
    Site& s = sites_[key];
    s.pages += o.pages;
    for (const auto& [fp, n] : o.lines) s.lines[fp] += n;
  }
  pages_ += other.pages_;
}

const RepeatedLines::Site* RepeatedLines::site(std::string_view key) const {
  auto it = sites_.find(key);
  return it == sites_.end() ? nullptr : &it->second;
}

}  // namespace bdp
