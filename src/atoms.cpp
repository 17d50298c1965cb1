// Literal atoms of RE2's prefilter: see include/bdp/atoms.h.
#include "bdp/atoms.h"

#include <re2/filtered_re2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <charconv>

namespace bdp::atoms {

namespace {

char32_t fold_one(char32_t c) {
  if (const char32_t small = polish_small(c)) return small;
  switch (c) {
    case 0xFFFD:
      return 0;
    default: {
      const auto u = static_cast<UChar32>(c);
      return u_foldCase(u, U_FOLD_CASE_DEFAULT) == u && u_tolower(u) == u && u_toupper(u) == u
                 ? c
                 : 0;
    }
  }
}

}  // namespace

char32_t polish_small(char32_t c) {
  switch (c) {
    case U'Ą': return U'ą';
    case U'Ć': return U'ć';
    case U'Ę': return U'ę';
    case U'Ł': return U'ł';
    case U'Ń': return U'ń';
    case U'Ó': return U'ó';
    case U'Ś': return U'ś';
    case U'Ź': return U'ź';
    case U'Ż': return U'ż';
    case U'ą': case U'ć': case U'ę': case U'ł': case U'ń': case U'ó': case U'ś': case U'ź':
    case U'ż':
      return c;
    default:
      return 0;
  }
}

char32_t prefilter_fold_cp(char32_t cp) {
  // Below U+0800 (Latin, Greek, Cyrillic) from a table made once.
  static const std::array<char32_t, 0x800> table = [] {
    std::array<char32_t, 0x800> t{};
    for (char32_t c = 0x80; c < 0x800; ++c) t[c] = fold_one(c);
    return t;
  }();
  return cp >= 0x80 && cp < 0x800 ? table[cp] : fold_one(cp);
}

std::vector<std::string> compile_filter(re2::FilteredRE2& filter, std::vector<int>& unfiltered) {
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  const std::vector<int> none;
  filter.AllPotentials(none, &unfiltered);
  return atoms;
}

void ByteClassTrie::build(const std::vector<std::string>& keys) {
  byte_class.fill(0);
  classes = 1;
  for (const auto& k : keys)
    for (char ch : k)
      if (byte_class[static_cast<unsigned char>(ch)] == 0)
        byte_class[static_cast<unsigned char>(ch)] = static_cast<std::uint8_t>(classes++);
  next.assign(classes, 0);
  states = 1;
  key_end.clear();
  for (const auto& k : keys) {
    std::uint32_t node = 0;
    for (char ch : k) {
      const std::size_t slot = node * classes + byte_class[static_cast<unsigned char>(ch)];
      if (next[slot] == 0) {
        next[slot] = static_cast<std::uint32_t>(states++);
        next.resize(next.size() + classes, 0);
      }
      node = next[slot];
    }
    key_end.push_back(node);
  }
}

bool Automaton::build(const std::vector<std::string>& atoms) {
  for (const auto& atom : atoms)
    if (atom.empty()) return false;
  ByteClassTrie trie;
  trie.build(atoms);
  byte_class = trie.byte_class;
  classes = trie.classes;
  next = std::move(trie.next);
  std::vector<std::vector<int>> ends(trie.states);
  for (std::size_t a = 0; a < atoms.size(); ++a) ends[trie.key_end[a]].push_back(static_cast<int>(a));
  // breadth first: failure links, full transitions, outputs along the failure chain
  const std::size_t nodes = ends.size();
  std::vector<std::uint32_t> fail(nodes, 0), order;
  order.reserve(nodes);
  for (std::size_t c = 0; c < classes; ++c)
    if (std::uint32_t child = next[c]; child != 0) order.push_back(child);
  for (std::size_t q = 0; q < order.size(); ++q) {
    const std::uint32_t node = order[q];
    for (std::size_t c = 0; c < classes; ++c) {
      std::uint32_t& child = next[node * classes + c];
      const std::uint32_t via_fail = next[fail[node] * classes + c];
      if (child == 0) {
        child = via_fail;
      } else {
        fail[child] = via_fail;
        order.push_back(child);
      }
    }
  }
  std::vector<std::vector<int>> outputs(nodes);
  for (std::uint32_t node : order) {  // a node's failure target comes before it
    outputs[node] = ends[node];
    const auto& inherited = outputs[fail[node]];
    outputs[node].insert(outputs[node].end(), inherited.begin(), inherited.end());
  }
  out.assign(nodes + 1, 0);
  out_atoms.clear();
  for (std::size_t n = 0; n < nodes; ++n) {
    out[n + 1] = out[n] + static_cast<std::uint32_t>(outputs[n].size());
    out_atoms.insert(out_atoms.end(), outputs[n].begin(), outputs[n].end());
  }
  return true;
}

std::size_t token_end(std::string_view pattern, std::size_t i) {
  const std::size_t n = pattern.size();
  auto skip_escape = [&](std::size_t k) {  // pattern[k] == '\\'
    if (k + 1 >= n) return n;
    const char c = pattern[k + 1];
    if (c == 'Q') {
      const std::size_t e = pattern.find("\\E", k + 2);
      return e == std::string_view::npos ? n : e + 2;
    }
    if ((c == 'p' || c == 'P' || c == 'x') && k + 2 < n && pattern[k + 2] == '{') {
      const std::size_t e = pattern.find('}', k + 2);
      return e == std::string_view::npos ? n : e + 1;
    }
    if (c == 'p' || c == 'P') return std::min(n, k + 3);
    if (c == 'x') return std::min(n, k + 4);
    return k + 2;
  };
  if (pattern[i] == '\\') return skip_escape(i);
  if (pattern[i] != '[') return i + 1;
  std::size_t k = i + 1;
  if (k < n && pattern[k] == '^') ++k;
  if (k < n && pattern[k] == ']') ++k;  // a leading ']' is a member
  while (k < n && pattern[k] != ']') {
    if (pattern[k] == '\\') {
      k = skip_escape(k);
    } else if (pattern[k] == '[' && k + 1 < n && pattern[k + 1] == ':') {
      const std::size_t e = pattern.find(":]", k + 2);
      k = e == std::string_view::npos ? k + 1 : e + 2;
    } else {
      ++k;
    }
  }
  return std::min(n, k + 1);
}

bool anchored_at_start(std::string_view pattern) {
  const std::size_t n = pattern.size();
  std::size_t i = 0;
  auto flag_group = [&](std::size_t k) {  // end of a "(?flags)" group at k, or k
    if (pattern.substr(k, 2) != "(?") return k;
    std::size_t e = k + 2;
    while (e < n && (pattern[e] == 'i' || pattern[e] == 's' || pattern[e] == 'U' ||
                     pattern[e] == '-'))
      ++e;
    return e < n && pattern[e] == ')' ? e + 1 : k;
  };
  for (std::size_t e = flag_group(i); e != i; e = flag_group(i)) i = e;
  bool branch_start = true;
  int depth = 0;
  for (; i < n; i = token_end(pattern, i)) {
    const char c = pattern[i];
    if (branch_start && c != '^') return false;
    branch_start = false;
    if (c == '(') {
      // A flag group inside may switch multi-line mode on: not looked into.
      if (pattern.substr(i, 2) == "(?" && pattern.find('m', i) < pattern.find_first_of(":)", i))
        return false;
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      branch_start = true;
    }
  }
  return !branch_start;
}

std::string open_repeats(std::string_view pattern, std::size_t min_max,
                         std::size_t* least) {
  std::string out;
  out.reserve(pattern.size());
  const std::size_t n = pattern.size();
  auto digits = [&](std::size_t i) {
    while (i < n && pattern[i] >= '0' && pattern[i] <= '9') ++i;
    return i;
  };
  for (std::size_t i = 0; i < n;) {
    if (pattern[i] == '{') {  // {m,n}, m and n digits
      const std::size_t m_end = digits(i + 1);
      const std::size_t n_end = m_end < n && pattern[m_end] == ',' ? digits(m_end + 1) : m_end;
      std::size_t max = 0;
      if (m_end > i + 1 && n_end > m_end + 1 && n_end < n && pattern[n_end] == '}' &&
          std::from_chars(pattern.data() + m_end + 1, pattern.data() + n_end, max).ec ==
              std::errc() &&
          max >= min_max) {
        if (least) *least = std::min(*least, max);
        out.append(pattern.substr(i, m_end + 1 - i));  // "{m,"
        out.push_back('}');
        i = n_end + 1;
        continue;
      }
    }
    const std::size_t e = token_end(pattern, i);
    out.append(pattern.substr(i, e - i));
    i = e;
  }
  return out;
}

}  // namespace bdp::atoms
