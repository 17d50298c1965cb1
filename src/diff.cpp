// Snapshot diff. The first pass reads a JSONL snapshot in blocks that end at a line break;
// worker threads take blocks from one reader, parse each line with simdjson (nlohmann for what
// simdjson refuses), serialise it canonically (filtered paths dropped, object keys and set
// lists sorted) and hash that, and merge the per-line results in file order, so line numbers
// and "the later duplicate wins" stay deterministic. One template walk makes the canonical
// form of simdjson and of nlohmann nodes, so the two cannot drift. Only an id → {hash, offset,
// length, line} map survives the pass. The second pass joins the two maps, sorts the ids whose
// hashes differ and re-reads just those records by offset, in batches on all cores, then walks
// both versions together. Lists whose order means nothing are matched as multisets first,
// then paired by a key; the table in `set_list_rules` says which lists those are. The word
// diff is Myers' greedy O(ND) algorithm on the middle left after trimming the common prefix
// and suffix.
#include "bdp/diff.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <type_traits>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>
#include <simdjson.h>

#include "bdp/text.h"

namespace bdp {
namespace {

using ojson = nlohmann::ordered_json;

bool is_plain_key(std::string_view k) {
  return !k.empty() && k.find_first_of(".[]\"") == std::string_view::npos;
}

void append_key(std::string& out, std::string_view key, bool first) {
  if (is_plain_key(key)) {
    if (!first) out += '.';
    out += key;
    return;
  }
  out += "[\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += "\"]";
}

bool segment_matches(const PathSegment& pattern, const PathSegment& s) {
  switch (pattern.kind) {
    case PathSegment::Kind::key: return s.kind == PathSegment::Kind::key && s.key == pattern.key;
    case PathSegment::Kind::index:
      return s.kind == PathSegment::Kind::index && s.index == pattern.index;
    case PathSegment::Kind::any_index: return s.kind == PathSegment::Kind::index;
  }
  return false;
}

/// True when the first `n` segments of `pattern` match those of `path`.
bool head_matches(const std::vector<PathSegment>& pattern, const std::vector<PathSegment>& path,
                  std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (!segment_matches(pattern[i], path[i])) return false;
  return true;
}

/// A path with `[*]` for any index, matched against whole paths.
class Shape {
 public:
  explicit Shape(std::string_view text) { parse_path(text, segments_, nullptr); }
  bool matches(const std::vector<PathSegment>& path) const {
    return path.size() == segments_.size() && head_matches(segments_, path, path.size());
  }

 private:
  std::vector<PathSegment> segments_;
};

struct SetListRule {
  Shape shape;
  std::vector<std::string_view> key;  ///< fields pairing leftover elements
  bool pair_leftovers;                ///< pair what the key left over, in order
};

const std::vector<SetListRule>& set_list_rules() {
  static const std::vector<SetListRule> rules = {
      {Shape("metryka.websites"), {}, true},
      {Shape("metryka.emails"), {}, true},
      {Shape("metryka.phones"), {}, true},
      {Shape("metryka.faxes"), {}, true},
      {Shape("metryka.contacts"), {"name"}, true},
      {Shape("metryka.contacts[*].phones"), {}, true},
      {Shape("metryka.contacts[*].emails"), {}, true},
      {Shape("classification.signals"), {}, true},
      // Two unrelated numbers must not be reported as one number that changed.
      {Shape("quantities"), {"kind", "unit"}, false},
  };
  return rules;
}

const SetListRule* find_set_rule(const std::vector<PathSegment>& path) {
  for (const auto& r : set_list_rules())
    if (r.shape.matches(path)) return &r;
  return nullptr;
}

bool is_text_field(const std::vector<PathSegment>& path) {
  static const Shape fields[] = {Shape("title"), Shape("text"), Shape("programme.slides[*].text"),
                                 Shape("programme.slides[*].title"),
                                 Shape("programme.goals[*].text")};
  return std::any_of(std::begin(fields), std::end(fields),
                     [&](const Shape& s) { return s.matches(path); });
}

/// The current position in a walk, for the filter, the list rules and reports.
struct Cursor {
  std::vector<PathSegment> path;

  void push_key(std::string_view k) { path.push_back({PathSegment::Kind::key, std::string(k), 0}); }
  void push_index(std::size_t i) { path.push_back({PathSegment::Kind::index, {}, i}); }
  void pop() { path.pop_back(); }
};

// Scalars of the canonical form. Strings are written as their byte length, a quote and the raw
// bytes: as unambiguous as escaping, without scanning the text for characters to escape.
void append_string(std::string& out, std::string_view s) {
  char buf[24];
  char* end = std::to_chars(buf, buf + sizeof buf - 1, s.size()).ptr;
  *end++ = '"';
  out.append(buf, static_cast<std::size_t>(end - buf));
  out.append(s.data(), s.size());
}

template <class Number>
void append_number(std::string& out, Number n) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, static_cast<std::size_t>(r.ptr - buf));
  // `1` and `1.0` differ, as they do to nlohmann::json's comparison.
  if constexpr (std::is_floating_point_v<Number>) out += 'f';
}

// The canonical walk below runs on two kinds of node handle: `const ojson*` (tests, records
// re-read in the second pass, lines simdjson refuses) and simdjson's DOM element (the first
// pass). Both read JSON alike: strings unescaped, integers as integers, numbers with a
// fraction or exponent as doubles, and of two members with one key the later one.
using SjElement = simdjson::dom::element;
using SjType = simdjson::dom::element_type;

bool is_object(const ojson* v) { return v->is_object(); }
bool is_array(const ojson* v) { return v->is_array(); }
bool is_object(SjElement v) { return v.type() == SjType::OBJECT; }
bool is_array(SjElement v) { return v.type() == SjType::ARRAY; }

template <class F>
void for_each_member(const ojson* v, F&& f) {
  for (auto it = v->begin(); it != v->end(); ++it) f(std::string_view(it.key()), &it.value());
}
template <class F>
void for_each_member(SjElement v, F&& f) {
  simdjson::dom::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return;
  for (auto member : o) f(member.key, member.value);
}
template <class F>
void for_each_element(const ojson* v, F&& f) {
  for (const auto& e : *v) f(&e);
}
template <class F>
void for_each_element(SjElement v, F&& f) {
  simdjson::dom::array a;
  if (v.get_array().get(a) != simdjson::SUCCESS) return;
  for (SjElement e : a) f(e);
}

void append_scalar(std::string& out, const ojson* v) {
  switch (v->type()) {
    case ojson::value_t::string: append_string(out, v->get_ref<const std::string&>()); return;
    case ojson::value_t::number_integer: append_number(out, v->get<std::int64_t>()); return;
    case ojson::value_t::number_unsigned: append_number(out, v->get<std::uint64_t>()); return;
    case ojson::value_t::number_float: append_number(out, v->get<double>()); return;
    case ojson::value_t::boolean: out += v->get<bool>() ? "true" : "false"; return;
    default: out += "null";
  }
}

void append_scalar(std::string& out, SjElement v) {
  switch (v.type()) {
    case SjType::STRING: append_string(out, v.get_string().value_unsafe()); return;
    case SjType::INT64: append_number(out, v.get_int64().value_unsafe()); return;
    case SjType::UINT64: append_number(out, v.get_uint64().value_unsafe()); return;
    case SjType::DOUBLE: append_number(out, v.get_double().value_unsafe()); return;
    case SjType::BOOL: out += v.get_bool().value_unsafe() ? "true" : "false"; return;
    default: out += "null";
  }
}

/// The string value of the member `key` of object `v` (the last one, should there be two), or
/// nullopt when there is no such string.
template <class Node>
std::optional<std::string_view> string_member(Node v, std::string_view key) {
  std::optional<std::string_view> found;
  if (!is_object(v)) return found;
  for_each_member(v, [&](std::string_view k, Node child) {
    if (k != key) return;
    found.reset();
    if constexpr (std::is_same_v<Node, SjElement>) {
      if (child.type() == SjType::STRING) found = child.get_string().value_unsafe();
    } else {
      if (child->is_string()) found = child->template get_ref<const std::string&>();
    }
  });
  return found;
}

/// Scratch space of the canonical walk, one per thread and node type, one level per depth of
/// the walk: the members of an object in canonical order and the elements of a set list keep
/// their buffers from record to record, and an object whose keys come as those of one of the
/// last few objects sorted at its depth (the record's sections at depth 1, its quantities or a
/// deck's slides below) takes that object's order without sorting again.
template <class Node>
struct CanonicalScratch {
  struct Member {
    std::string_view key;
    Node node;
  };
  struct Level {
    struct Order {
      std::vector<std::string> keys;      ///< of an object sorted at this depth, as they came
      std::vector<std::uint32_t> order;   ///< its members' positions in canonical order
    };
    static constexpr std::size_t k_orders = 8;
    std::vector<Member> members;
    std::vector<Order> orders;            ///< at most k_orders, replaced in turn
    std::size_t next_order = 0;
    std::vector<std::string> elements;      ///< a set list's canonical elements
    std::size_t used = 0;                   ///< of `elements`
  };
  std::vector<Level> levels;

  Level& at(std::size_t depth) {
    if (levels.size() <= depth) levels.resize(depth + 1);
    return levels[depth];
  }
  static CanonicalScratch& get() {
    thread_local CanonicalScratch scratch;
    return scratch;
  }
};

/// Fills `level.members` with the members of object `v` in canonical order: by key, and of two
/// members with one key the earlier one first (the later one counts).
template <class Node>
void canonical_members(Node v, typename CanonicalScratch<Node>::Level& level) {
  using Member = typename CanonicalScratch<Node>::Member;
  thread_local std::vector<Member> raw;
  raw.clear();
  for_each_member(v, [&](std::string_view k, Node child) { raw.push_back({k, child}); });
  auto same_keys = [&](const std::vector<std::string>& keys) {
    if (keys.size() != raw.size()) return false;
    for (std::size_t i = 0; i < raw.size(); ++i)
      if (keys[i] != raw[i].key) return false;
    return true;
  };
  auto known = std::find_if(level.orders.begin(), level.orders.end(),
                            [&](const auto& o) { return same_keys(o.keys); });
  if (known == level.orders.end()) {
    if (level.orders.size() < level.k_orders) {
      known = level.orders.emplace(level.orders.end());
    } else {
      known = level.orders.begin() + static_cast<long>(level.next_order);
      level.next_order = (level.next_order + 1) % level.k_orders;
    }
    auto& order = known->order;
    order.resize(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return raw[a].key != raw[b].key ? raw[a].key < raw[b].key : a < b;
    });
    known->keys.resize(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) known->keys[i].assign(raw[i].key);
  }
  level.members.clear();
  for (std::uint32_t i : known->order) level.members.push_back(raw[i]);
}

/// Appends the canonical form of `v` (at `c`) to `out`; false, with `out` untouched, when the
/// filter drops the node. `ask` is false below a node the filter keeps whole.
template <class Node>
bool append_canonical(std::string& out, Node v, Cursor& c, const PathFilter& f, bool ask = true) {
  auto decision = PathFilter::Decision::keep;
  if (ask && !c.path.empty()) {
    decision = f.decide(c.path);
    if (decision == PathFilter::Decision::drop) return false;
  }
  std::size_t mark = out.size();
  if (ask && (is_object(v) || is_array(v)))
    ask = decision != PathFilter::Decision::keep || f.may_drop_below(c.path);
  if (is_object(v)) {
    auto& scratch = CanonicalScratch<Node>::get();
    const std::size_t depth = c.path.size();
    canonical_members(v, scratch.at(depth));
    out += '{';
    bool any = false;
    const std::size_t count = scratch.at(depth).members.size();
    for (std::size_t i = 0; i < count; ++i) {
      // `levels` may grow below this one: take the member afresh each time.
      const auto m = scratch.levels[depth].members[i];
      // Of two members with one key the later one counts.
      if (i + 1 < count && scratch.levels[depth].members[i + 1].key == m.key) continue;
      std::size_t before = out.size();
      append_string(out, m.key);
      out += ':';
      c.push_key(m.key);
      bool kept = append_canonical(out, m.node, c, f, ask);
      c.pop();
      if (kept) {
        out += ',';
        any = true;
      } else {
        out.resize(before);
      }
    }
    // The root stays, even when emptied: "{}" is what a record with nothing to compare is.
    if (!any && !c.path.empty() && (count > 0 || decision == PathFilter::Decision::descend)) {
      out.resize(mark);
      return false;
    }
    out += '}';
    return true;
  }
  if (is_array(v)) {
    const SetListRule* rule = find_set_rule(c.path);
    auto& scratch = CanonicalScratch<Node>::get();
    const std::size_t depth = c.path.size();
    if (rule) scratch.at(depth).used = 0;
    bool any = false;
    std::size_t i = 0;
    out += '[';
    for_each_element(v, [&](Node e) {
      c.push_index(i++);
      if (rule) {
        auto& elems = scratch.levels[depth].elements;
        std::size_t& used = scratch.levels[depth].used;
        if (used == elems.size()) elems.emplace_back();
        std::string s = std::move(elems[used]);
        s.clear();
        const bool kept = append_canonical(s, e, c, f, ask);
        // the walk below may have grown `levels`: look this level up again
        auto& level = scratch.levels[depth];
        level.elements[level.used] = std::move(s);
        if (kept) ++level.used;
      } else {
        std::size_t before = out.size();
        if (append_canonical(out, e, c, f, ask)) {
          out += ',';
          any = true;
        } else {
          out.resize(before);
        }
      }
      c.pop();
    });
    if (rule) {
      auto& level = scratch.levels[depth];
      std::sort(level.elements.begin(), level.elements.begin() + static_cast<long>(level.used));
      for (std::size_t k = 0; k < level.used; ++k) (out += level.elements[k]) += ',';
      any = level.used > 0;
    }
    if (!any && (i > 0 || decision == PathFilter::Decision::descend)) {
      out.resize(mark);
      return false;
    }
    out += ']';
    return true;
  }
  if (decision == PathFilter::Decision::descend) return false;
  append_scalar(out, v);
  return true;
}

/// Copies `v` without what the filter drops; false when the node itself is dropped.
bool filter_node(const ojson& v, Cursor& c, const PathFilter& f, ojson& out) {
  auto decision = c.path.empty() ? PathFilter::Decision::keep : f.decide(c.path);
  if (decision == PathFilter::Decision::drop) return false;
  if (v.is_object()) {
    out = ojson::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      ojson child;
      c.push_key(it.key());
      if (filter_node(it.value(), c, f, child)) out[it.key()] = std::move(child);
      c.pop();
    }
    return !out.empty() || (v.empty() && decision == PathFilter::Decision::keep);
  }
  if (v.is_array()) {
    out = ojson::array();
    for (std::size_t i = 0; i < v.size(); ++i) {
      ojson child;
      c.push_index(i);
      if (filter_node(v[i], c, f, child)) out.push_back(std::move(child));
      c.pop();
    }
    return !out.empty() || (v.empty() && decision == PathFilter::Decision::keep);
  }
  if (decision == PathFilter::Decision::descend) return false;
  out = v;
  return true;
}

const PathFilter& keep_all() {
  static const PathFilter f = *PathFilter::create({}, {}, false, nullptr);
  return f;
}

std::string canonical_here(const ojson& v) {
  // Shape matters for set lists below `v`; values compared here are already filtered.
  std::string out;
  Cursor c;
  append_canonical(out, &v, c, keep_all());
  return out;
}

/// Canonical form of a subtree at the cursor's path (set lists below it sorted).
std::string canonical_at(const ojson& v, const Cursor& at) {
  Cursor c = at;
  std::string out;
  append_canonical(out, &v, c, keep_all());
  return out;
}

class RecordDiffer {
 public:
  explicit RecordDiffer(std::vector<FieldChange>& out) : out_(out) {}

  void node(const ojson& a, const ojson& b, Cursor& c) {
    if (a.is_object() && b.is_object()) {
      for (auto it = b.begin(); it != b.end(); ++it) {
        c.push_key(it.key());
        auto old_it = a.find(it.key());
        if (old_it != a.end())
          node(*old_it, it.value(), c);
        else
          emit(c, ojson(), it.value());
        c.pop();
      }
      for (auto it = a.begin(); it != a.end(); ++it) {
        if (b.contains(it.key())) continue;
        c.push_key(it.key());
        emit(c, it.value(), ojson());
        c.pop();
      }
      return;
    }
    if (a.is_array() && b.is_array()) {
      if (const SetListRule* rule = find_set_rule(c.path))
        set_list(a, b, c, *rule);
      else
        ordered_list(a, b, c);
      return;
    }
    if (canonical_at(a, c) != canonical_at(b, c)) emit(c, a, b);
  }

 private:
  void emit(const Cursor& c, const ojson& a, const ojson& b) {
    FieldChange ch{format_path(c.path), a, b, -1};
    if (a.is_string() && b.is_string() && is_text_field(c.path))
      ch.similarity = diff_words(a.get_ref<const std::string&>(), b.get_ref<const std::string&>())
                          .similarity;
    out_.push_back(std::move(ch));
  }

  void ordered_list(const ojson& a, const ojson& b, Cursor& c) {
    std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
      c.push_index(i);
      if (i < a.size() && i < b.size())
        node(a[i], b[i], c);
      else if (i < a.size())
        emit(c, a[i], ojson());
      else
        emit(c, ojson(), b[i]);
      c.pop();
    }
  }

  static std::string pairing_key(const ojson& v, const SetListRule& rule) {
    std::string key;
    if (!v.is_object()) return key;
    for (auto field : rule.key) {
      auto it = v.find(std::string(field));
      if (it != v.end()) key += canonical_here(*it);
      key += '\x1f';
    }
    return key;
  }

  void set_list(const ojson& a, const ojson& b, Cursor& c, const SetListRule& rule) {
    // 1. equal elements match whatever their position (as multisets)
    std::vector<std::string> ca, cb;
    for (std::size_t i = 0; i < a.size(); ++i) {
      c.push_index(i);
      ca.push_back(canonical_at(a[i], c));
      c.pop();
    }
    for (std::size_t j = 0; j < b.size(); ++j) {
      c.push_index(j);
      cb.push_back(canonical_at(b[j], c));
      c.pop();
    }
    std::vector<long> old_of(b.size(), -1);  // new index → paired old index
    std::vector<bool> used(a.size(), false), exact(b.size(), false);
    for (std::size_t j = 0; j < b.size(); ++j)
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!used[i] && ca[i] == cb[j]) {
          used[i] = true;
          exact[j] = true;
          break;
        }
    // 2. leftovers paired by key, in order; 3. then, for some lists, whatever is left
    auto pair_by = [&](auto&& same) {
      for (std::size_t j = 0; j < b.size(); ++j) {
        if (exact[j] || old_of[j] >= 0) continue;
        for (std::size_t i = 0; i < a.size(); ++i)
          if (!used[i] && same(i, j)) {
            used[i] = true;
            old_of[j] = static_cast<long>(i);
            break;
          }
      }
    };
    pair_by([&](std::size_t i, std::size_t j) {
      return pairing_key(a[i], rule) == pairing_key(b[j], rule);
    });
    if (rule.pair_leftovers) pair_by([](std::size_t, std::size_t) { return true; });

    for (std::size_t j = 0; j < b.size(); ++j) {
      if (exact[j]) continue;
      c.push_index(j);
      if (old_of[j] >= 0)
        node(a[static_cast<std::size_t>(old_of[j])], b[j], c);
      else
        emit(c, ojson(), b[j]);
      c.pop();
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (used[i]) continue;
      c.push_index(i);
      emit(c, a[i], ojson());
      c.pop();
    }
  }

  std::vector<FieldChange>& out_;
};

std::vector<std::string_view> text_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0, start = std::string_view::npos;
  while (i < s.size()) {
    std::size_t at = i;
    const auto b = static_cast<unsigned char>(s[i]);
    bool space;
    if (b < 0x80) {  // most of a Polish text: no decoding, no table
      space = b == ' ' || b == '\t' || b == '\n' || b == '\r';
      ++i;
    } else {
      space = is_space_cp(next_cp(s, i));
    }
    if (space && start != std::string_view::npos) {
      words.push_back(s.substr(start, at - start));
      start = std::string_view::npos;
    } else if (!space && start == std::string_view::npos) {
      start = at;
    }
  }
  if (start != std::string_view::npos) words.push_back(s.substr(start));
  return words;
}

void push_op(std::vector<WordDiff::Op>& ops, WordDiff::Kind k, std::size_t first,
             std::size_t count) {
  if (count == 0) return;
  if (!ops.empty() && ops.back().kind == k && ops.back().first + ops.back().count == first) {
    ops.back().count += count;
    return;
  }
  ops.push_back({k, first, count});
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string dump(const ojson& v) {
  return v.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

std::string csv_value(const ojson& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return csv_field(v.get_ref<const std::string&>());
  return csv_field(dump(v));
}

/// Cuts a display string at a code point boundary.
std::string abbreviate(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

std::string text_value(const ojson& v) {
  if (v.is_null()) return "(absent)";
  if (v.is_string()) return dump(ojson(abbreviate(v.get_ref<const std::string&>(), 80)));
  return abbreviate(dump(v), 200);
}

/// Similarity shown with two decimals, rounded down so that a changed text never shows 1.00.
std::string similarity_text(double s) {
  return fmt::format("{:.2f}", std::floor(s * 100) / 100);
}

constexpr std::string_view k_red = "\x1b[31m", k_green = "\x1b[32m", k_yellow = "\x1b[33m",
                           k_cyan = "\x1b[36m", k_reset = "\x1b[0m";

std::string join_words(const std::vector<std::string_view>& w, std::size_t first,
                       std::size_t count) {
  std::string out;
  for (std::size_t i = first; i < first + count; ++i) {
    if (i > first) out += ' ';
    out += printable(w[i]);
  }
  return out;
}

/// Unified word diff: one line per hunk, `@@ -old_start,old_count +new_start,new_count @@`
/// then the words, changes as `[-…-]` / `{+…+}` or in colour.
std::string format_word_diff(const WordDiff& d, const TextStyle& style, std::string_view indent) {
  struct Piece {
    WordDiff::Kind kind;
    std::size_t first, count, old_pos, new_pos;  // positions before the piece
  };
  std::vector<Piece> pieces;
  std::size_t op = 0, np = 0;
  for (const auto& o : d.ops) {
    pieces.push_back({o.kind, o.first, o.count, op, np});
    if (o.kind != WordDiff::Kind::added) op += o.count;
    if (o.kind != WordDiff::Kind::removed) np += o.count;
  }
  const std::size_t ctx = style.context_words;
  std::string out;
  std::size_t i = 0;
  while (i < pieces.size()) {
    if (pieces[i].kind == WordDiff::Kind::equal) {
      ++i;
      continue;
    }
    // A hunk runs from this change to the last change separated by ≤ 2·ctx equal words.
    std::size_t last = i;
    for (std::size_t k = i + 1; k < pieces.size(); ++k) {
      if (pieces[k].kind != WordDiff::Kind::equal) {
        last = k;
      } else if (pieces[k].count > 2 * ctx || k + 1 == pieces.size()) {
        break;
      }
    }
    std::string body;
    std::size_t lead = 0, trail = 0;
    if (i > 0) {
      const auto& e = pieces[i - 1];
      lead = std::min(ctx, e.count);
      body += join_words(d.old_words, e.first + e.count - lead, lead);
    }
    for (std::size_t k = i; k <= last; ++k) {
      const auto& p = pieces[k];
      if (!body.empty()) body += ' ';
      if (p.kind == WordDiff::Kind::equal) {
        body += join_words(d.old_words, p.first, p.count);
      } else if (p.kind == WordDiff::Kind::removed) {
        std::string w = join_words(d.old_words, p.first, p.count);
        body += style.colour ? fmt::format("{}{}{}", k_red, w, k_reset) : "[-" + w + "-]";
      } else {
        std::string w = join_words(d.new_words, p.first, p.count);
        body += style.colour ? fmt::format("{}{}{}", k_green, w, k_reset) : "{+" + w + "+}";
      }
    }
    if (last + 1 < pieces.size()) {
      const auto& e = pieces[last + 1];
      trail = std::min(ctx, e.count);
      body += ' ' + join_words(d.old_words, e.first, trail);
    }
    const auto& f = pieces[i];
    const auto& l = pieces[last];
    std::size_t old_end = l.old_pos + (l.kind == WordDiff::Kind::added ? 0 : l.count) + trail;
    std::size_t new_end = l.new_pos + (l.kind == WordDiff::Kind::removed ? 0 : l.count) + trail;
    std::size_t old_start = f.old_pos - lead, new_start = f.new_pos - lead;
    std::string header = fmt::format("@@ -{},{} +{},{} @@", old_start + 1, old_end - old_start,
                                     new_start + 1, new_end - new_start);
    if (style.colour) header = fmt::format("{}{}{}", k_cyan, header, k_reset);
    out += fmt::format("{}{} {}\n", indent, header, body);
    i = last + 1;
  }
  return out;
}

}  // namespace

bool parse_path(std::string_view s, std::vector<PathSegment>& out, std::string* error) {
  auto fail = [&](std::string msg) {
    if (error) *error = fmt::format("bad path \"{}\": {}", s, msg);
    return false;
  };
  out.clear();
  if (s.empty()) return fail("empty");
  std::size_t i = 0;
  bool need_key = false;  // after a '.'
  while (i < s.size()) {
    if (s[i] == '[') {
      if (need_key) return fail("'[' after '.'");
      std::size_t close;
      if (i + 1 < s.size() && s[i + 1] == '"') {
        std::string key;
        std::size_t k = i + 2;
        for (; k < s.size() && s[k] != '"'; ++k) {
          if (s[k] == '\\' && k + 1 < s.size()) ++k;
          key += s[k];
        }
        if (k + 1 >= s.size() || s[k + 1] != ']') return fail("unterminated [\"…\"]");
        out.push_back({PathSegment::Kind::key, key, 0});
        close = k + 1;
      } else {
        close = s.find(']', i);
        if (close == std::string_view::npos) return fail("missing ']'");
        std::string_view inner = s.substr(i + 1, close - i - 1);
        if (inner.empty() || inner == "*") {
          out.push_back({PathSegment::Kind::any_index, {}, 0});
        } else {
          std::size_t n = 0;
          auto r = std::from_chars(inner.data(), inner.data() + inner.size(), n);
          if (r.ec != std::errc() || r.ptr != inner.data() + inner.size())
            return fail("index must be a number, '*' or empty");
          out.push_back({PathSegment::Kind::index, {}, n});
        }
      }
      i = close + 1;
      if (i < s.size() && s[i] != '.' && s[i] != '[') return fail("expected '.' or '[' after ']'");
    } else {
      std::size_t end = s.find_first_of(".[", i);
      if (end == std::string_view::npos) end = s.size();
      if (end == i) return fail("empty key");
      std::string_view key = s.substr(i, end - i);
      if (key.find_first_of("]\"") != std::string_view::npos) return fail("stray ']' or '\"'");
      out.push_back({PathSegment::Kind::key, std::string(key), 0});
      i = end;
    }
    need_key = false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      need_key = true;
      if (i == s.size()) return fail("trailing '.'");
    }
  }
  return true;
}

std::string format_path(const std::vector<PathSegment>& path) {
  std::string out;
  for (const auto& seg : path) {
    switch (seg.kind) {
      case PathSegment::Kind::key: append_key(out, seg.key, out.empty()); break;
      case PathSegment::Kind::index: out += fmt::format("[{}]", seg.index); break;
      case PathSegment::Kind::any_index: out += "[*]"; break;
    }
  }
  return out;
}

const std::vector<std::string>& default_ignored_paths() {
  static const std::vector<std::string> paths = {
      "source",         "classification", "site.visitors",      "site.visitors_since",
      "site.page_views", "site.page_date", "diagnostics",       "quantities[*].line",
      "quantities[*].context"};
  return paths;
}

PathFilter::PathFilter() {
  for (const auto& text : default_ignored_paths()) {
    std::vector<PathSegment> p;
    parse_path(text, p, nullptr);
    ignore_.push_back(std::move(p));
  }
}

std::optional<PathFilter> PathFilter::create(const std::vector<std::string>& ignore,
                                             const std::vector<std::string>& only,
                                             bool use_defaults, std::string* error) {
  PathFilter f;
  f.ignore_.clear();
  auto add = [&](const std::string& text, std::vector<std::vector<PathSegment>>& to) {
    std::vector<PathSegment> p;
    if (!parse_path(text, p, error)) return false;
    to.push_back(std::move(p));
    return true;
  };
  for (const auto& p : ignore)
    if (!add(p, f.ignore_)) return std::nullopt;
  for (const auto& p : only)
    if (!add(p, f.only_)) return std::nullopt;
  if (only.empty() && use_defaults)
    for (const auto& p : default_ignored_paths()) add(p, f.ignore_);
  return f;
}


PathFilter::Decision PathFilter::decide(const std::vector<PathSegment>& path) const {
  for (const auto& p : ignore_)
    if (p.size() <= path.size() && head_matches(p, path, p.size())) return Decision::drop;
  if (only_.empty()) return Decision::keep;
  for (const auto& o : only_)
    if (o.size() <= path.size() && head_matches(o, path, o.size())) return Decision::keep;
  for (const auto& o : only_)
    if (path.size() < o.size() && head_matches(o, path, path.size())) return Decision::descend;
  return Decision::drop;
}

bool PathFilter::may_drop_below(const std::vector<PathSegment>& path) const {
  for (const auto& p : ignore_)
    if (p.size() > path.size() && head_matches(p, path, path.size())) return true;
  if (only_.empty()) return false;
  for (const auto& o : only_)
    if (o.size() <= path.size() && head_matches(o, path, o.size())) return false;
  return true;
}

ojson filter_record(const ojson& record, const PathFilter& filter) {
  ojson out;
  Cursor c;
  if (!filter_node(record, c, filter, out)) return ojson::object();
  return out;
}

std::string canonical_string(const ojson& record, const PathFilter& filter) {
  std::string out;
  Cursor c;
  append_canonical(out, &record, c, filter);
  return out;
}

std::vector<FieldChange> diff_records(const ojson& old_record, const ojson& new_record,
                                      const PathFilter& filter) {
  std::vector<FieldChange> out;
  ojson a = filter_record(old_record, filter), b = filter_record(new_record, filter);
  RecordDiffer differ(out);
  Cursor c;
  differ.node(a, b, c);
  return out;
}

WordDiff diff_words(std::string_view old_text, std::string_view new_text,
                    std::size_t max_edits) {
  WordDiff d;
  d.old_words = text_words(old_text);
  d.new_words = text_words(new_text);
  const auto& A = d.old_words;
  const auto& B = d.new_words;
  std::size_t n = A.size(), m = B.size();
  std::size_t pre = 0;
  while (pre < n && pre < m && A[pre] == B[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < n - pre && suf < m - pre && A[n - 1 - suf] == B[m - 1 - suf]) ++suf;
  // The middle: a = A[pre, n - suf), b = B[pre, m - suf).
  const long N = static_cast<long>(n - pre - suf), M = static_cast<long>(m - pre - suf);
  auto same = [&](long x, long y) { return A[pre + x] == B[pre + y]; };

  std::vector<WordDiff::Op> mid;  // indices relative to the middle
  std::size_t lcs_mid = 0;
  bool solved = false;
  if (N == 0 || M == 0) {
    push_op(mid, WordDiff::Kind::removed, 0, static_cast<std::size_t>(N));
    push_op(mid, WordDiff::Kind::added, 0, static_cast<std::size_t>(M));
    solved = true;
  } else {
    const long max_d = std::min<long>(N + M, static_cast<long>(max_edits));
    // v[k + off] = furthest x on diagonal k; trace[d] keeps v for k in [-d, d].
    const long off = max_d + 1;
    std::vector<long> v(static_cast<std::size_t>(2 * off + 1), 0);
    std::vector<std::vector<long>> trace;
    long found_d = -1;
    for (long dd = 0; dd <= max_d && found_d < 0; ++dd) {
      for (long k = -dd; k <= dd; k += 2) {
        long x;
        if (k == -dd || (k != dd && v[k - 1 + off] < v[k + 1 + off]))
          x = v[k + 1 + off];
        else
          x = v[k - 1 + off] + 1;
        long y = x - k;
        while (x < N && y < M && same(x, y)) ++x, ++y;
        v[k + off] = x;
        if (x >= N && y >= M) {
          found_d = dd;
          break;
        }
      }
      trace.emplace_back(v.begin() + (off - dd), v.begin() + (off + dd + 1));
    }
    if (found_d >= 0) {
      solved = true;
      // Walk back from (N, M) collecting edits in reverse.
      std::vector<WordDiff::Op> rev;
      long x = N, y = M;
      for (long dd = found_d; dd > 0; --dd) {
        const auto& pv = trace[static_cast<std::size_t>(dd - 1)];
        auto at = [&](long k) { return pv[static_cast<std::size_t>(k + dd - 1)]; };
        long k = x - y;
        long prev_k = (k == -dd || (k != dd && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
        long prev_x = at(prev_k), prev_y = prev_x - prev_k;
        long sx = prev_k == k + 1 ? prev_x : prev_x + 1;  // where the snake starts
        if (x > sx) rev.push_back({WordDiff::Kind::equal, static_cast<std::size_t>(sx),
                                   static_cast<std::size_t>(x - sx)});
        if (prev_k == k + 1)
          rev.push_back({WordDiff::Kind::added, static_cast<std::size_t>(prev_y), 1});
        else
          rev.push_back({WordDiff::Kind::removed, static_cast<std::size_t>(prev_x), 1});
        x = prev_x;
        y = prev_y;
      }
      if (x > 0) rev.push_back({WordDiff::Kind::equal, 0, static_cast<std::size_t>(x)});
      for (auto it = rev.rbegin(); it != rev.rend(); ++it) {
        push_op(mid, it->kind, it->first, it->count);
        if (it->kind == WordDiff::Kind::equal) lcs_mid += it->count;
      }
    }
  }
  if (!solved) {
    d.coarse = true;
    mid.clear();
    push_op(mid, WordDiff::Kind::removed, 0, static_cast<std::size_t>(N));
    push_op(mid, WordDiff::Kind::added, 0, static_cast<std::size_t>(M));
  }
  push_op(d.ops, WordDiff::Kind::equal, 0, pre);
  for (const auto& o : mid) {
    push_op(d.ops, o.kind, o.first + pre, o.count);
    if (o.kind == WordDiff::Kind::removed) d.removed += o.count;
    if (o.kind == WordDiff::Kind::added) d.added += o.count;
  }
  push_op(d.ops, WordDiff::Kind::equal, n - suf, suf);
  std::size_t lcs = pre + suf + lcs_mid;
  d.similarity = n + m == 0 ? 1.0 : 2.0 * static_cast<double>(lcs) / static_cast<double>(n + m);
  return d;
}

std::string format_diagnostic(const SnapshotDiagnostic& d) {
  return fmt::format("{}:{}: {}: {} [{}]", d.origin, d.diagnostic.line,
                     to_string(d.diagnostic.severity), d.diagnostic.message, d.diagnostic.code);
}

namespace {

struct LineResult {
  std::string id;
  RecordRef ref;  ///< `line` counts from 0 within the block until merged
  bool ok = false;
  Diagnostic problem;  ///< when !ok (code empty for a blank line)
};

std::string parse_error_text(const std::exception& e) {
  // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error …"
  std::string_view w = e.what();
  auto colon = w.find(": ");
  if (w.rfind("[json.exception", 0) == 0 && colon != std::string_view::npos) {
    auto col = w.find("column ");
    std::string where =
        col != std::string_view::npos && col < colon ? fmt::format(" at {}", w.substr(col, colon - col)) : "";
    return fmt::format("malformed JSON{}: {}", where, w.substr(colon + 2));
  }
  return fmt::format("malformed JSON: {}", w);
}

/// Fills in `r` from a parsed line: its id and the hash of its canonical form.
template <class Node>
void index_record(Node rec, const PathFilter& filter, LineResult& r) {
  auto id = string_member(rec, "id");
  if (!id || id->empty()) {
    r.problem.code = "diff.missing_id";
    r.problem.message = "record has no \"id\" string";
    return;
  }
  r.id = *id;
  // One buffer per thread: most of a record's canonical form is its text, so it pays to
  // keep the capacity.
  thread_local std::string canon;
  canon.clear();
  Cursor c;
  append_canonical(canon, rec, c, filter);
  r.ref.hash = std::hash<std::string_view>{}(canon);
  r.ok = true;
}

/// Records nest a few levels; a line nested deeper is refused before parsing, because the
/// canonical serialisation (and nlohmann's parser) recurse once per level (a fuzzer's line of
/// 60 000 brackets overflowed the stack).
constexpr int k_max_depth = 2048;

/// Whether `line` opens more than k_max_depth arrays/objects at once (strings skipped).
bool too_deep(std::string_view line) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > k_max_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

/// `line` must be followed by SIMDJSON_PADDING readable bytes.
LineResult index_line(std::string_view line, std::uint64_t offset, const PathFilter& filter,
                      simdjson::dom::parser& parser) {
  LineResult r;
  r.ref.offset = offset;
  r.ref.length = static_cast<std::uint32_t>(line.size());
  r.problem.severity = Severity::error;
  if (trim(line).empty()) return r;
  // simdjson's parser is iterative and refuses documents nested deeper than its max_depth
  // (below k_max_depth), so a line it accepts is safe to walk; the depth check, a byte loop
  // over the whole line, is needed only before the recursive nlohmann parser.
  static_assert(simdjson::DEFAULT_MAX_DEPTH <= k_max_depth);
  SjElement root;
  if (parser.parse(line.data(), line.size(), false).get(root) == simdjson::SUCCESS) {
    index_record(root, filter, r);
    return r;
  }
  if (too_deep(line)) {
    r.problem.code = "diff.malformed_json";
    r.problem.message = fmt::format("malformed JSON: nested deeper than {} levels", k_max_depth);
    return r;
  }
  // simdjson refuses integers beyond 64 bits, which nlohmann reads as doubles; and for a
  // malformed line nlohmann's message says where it breaks.
  ojson rec;
  try {
    rec = ojson::parse(line);
  } catch (const std::exception& e) {
    r.problem.code = "diff.malformed_json";
    r.problem.message = parse_error_text(e);
    return r;
  }
  index_record(&std::as_const(rec), filter, r);
  return r;
}

/// Whole lines of a snapshot, read by one thread and indexed by another.
struct Block {
  std::size_t number = 0;  ///< in file order
  std::string data;        ///< the lines, then at least SIMDJSON_PADDING bytes
  std::size_t size = 0;    ///< of the lines
  std::uint64_t offset = 0;
  std::vector<LineResult> results;  ///< one per line
};

/// Cuts a file into blocks of whole lines. Not thread-safe.
class BlockReader {
 public:
  explicit BlockReader(std::FILE* f) : f_(f) {}

  /// Fills `b`, reusing its buffer, with the next lines; false at the end of the file.
  bool next(Block& b) {
    constexpr std::size_t block_size = 4u << 20;
    std::size_t have = pending_.size(), cut = std::string::npos;
    if (b.data.size() < have + block_size + simdjson::SIMDJSON_PADDING)
      b.data.resize(have + block_size + simdjson::SIMDJSON_PADDING);
    std::memcpy(b.data.data(), pending_.data(), have);
    while (cut == std::string::npos && !eof_) {  // a line longer than a block: read on
      if (b.data.size() < have + block_size + simdjson::SIMDJSON_PADDING)
        b.data.resize(have + block_size + simdjson::SIMDJSON_PADDING);
      std::size_t got = std::fread(b.data.data() + have, 1, block_size, f_);
      if (got < block_size) {
        if (std::ferror(f_)) error = std::strerror(errno);
        eof_ = true;
      }
      if (offset_ == 0 && have + got >= 3 && b.data.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        // A BOM is not part of the first line; blank it so offsets stay those of the file.
        b.data[0] = b.data[1] = b.data[2] = ' ';
      }
      std::size_t nl = std::string_view(b.data.data() + have, got).rfind('\n');
      if (nl != std::string_view::npos) cut = have + nl + 1;
      have += got;
    }
    if (eof_) cut = have;
    pending_.assign(b.data.data() + cut, have - cut);
    b.number = number_++;
    b.size = cut;
    b.offset = offset_;
    b.results.clear();
    offset_ += cut;
    return cut > 0;
  }

  std::string error;  ///< why reading stopped early, if it did

 private:
  std::FILE* f_;
  std::string pending_;       ///< the start of a line whose end is not read yet
  std::uint64_t offset_ = 0;  ///< of pending's first byte
  std::size_t number_ = 0;
  bool eof_ = false;
};

void index_block(Block& b, const PathFilter& filter, simdjson::dom::parser& parser) {
  std::string_view lines(b.data.data(), b.size);
  for (std::size_t pos = 0; pos < lines.size();) {
    std::size_t nl = lines.find('\n', pos);
    if (nl == std::string_view::npos) nl = lines.size();
    std::string_view text = lines.substr(pos, nl - pos);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    b.results.push_back(index_line(text, b.offset + pos, filter, parser));
    b.results.back().ref.line = static_cast<std::uint32_t>(b.results.size() - 1);
    pos = nl + 1;
  }
}

}  // namespace

Snapshot Snapshot::index(std::FILE* f, std::string origin, const PathFilter& filter,
                         std::vector<SnapshotDiagnostic>& diagnostics, unsigned threads) {
  Snapshot s;
  s.file_ = f;
  s.origin_ = std::move(origin);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  if (std::fseek(f, 0, SEEK_SET) != 0) {
    diagnostics.push_back({s.origin_, {Severity::error, "diff.read_error", 0, 0,
                                       fmt::format("cannot seek: {}", std::strerror(errno))}});
    return s;
  }

  // Each thread takes the next block from the reader, indexes it, and hands the results to
  // the merge, which takes blocks in file order so that line numbers and "the later duplicate
  // wins" do not depend on timing. Reading and merging happen under the lock.
  std::mutex mutex;
  BlockReader reader(f);
  std::map<std::size_t, std::vector<LineResult>> done;
  std::size_t next_to_merge = 0;
  std::uint32_t first_line = 1;  // of that block
  auto merge = [&](std::vector<LineResult>& results) {
    for (auto& r : results) {
      r.ref.line += first_line;
      if (!r.ok) {
        r.problem.line = static_cast<int>(r.ref.line);
        if (!r.problem.code.empty()) diagnostics.push_back({s.origin_, std::move(r.problem)});
        continue;
      }
      auto [it, inserted] = s.records_.try_emplace(std::move(r.id), r.ref);
      if (!inserted) {
        diagnostics.push_back(
            {s.origin_,
             {Severity::warning, "diff.duplicate_id", static_cast<int>(r.ref.line), 0,
              fmt::format("duplicate id \"{}\" (also at line {}); the later record is compared",
                          it->first, it->second.line)}});
        it->second = r.ref;
      }
    }
    first_line += static_cast<std::uint32_t>(results.size());
  };
  auto work = [&] {
    Block b;
    simdjson::dom::parser parser;  // its buffers grow to the longest line, then stay
    std::unique_lock lock(mutex);
    while (reader.next(b)) {
      lock.unlock();
      index_block(b, filter, parser);
      lock.lock();
      done.emplace(b.number, std::move(b.results));
      for (auto it = done.begin(); it != done.end() && it->first == next_to_merge;
           it = done.erase(it), ++next_to_merge)
        merge(it->second);
    }
  };
  std::vector<std::thread> helpers;
  for (unsigned i = 1; i < threads; ++i) helpers.emplace_back(work);
  work();
  for (auto& t : helpers) t.join();
  if (!reader.error.empty())
    diagnostics.push_back({s.origin_, {Severity::error, "diff.read_error",
                                       static_cast<int>(first_line), 0,
                                       fmt::format("read error: {}", reader.error)}});
  return s;
}

namespace {

/// nlohmann's DOM of a simdjson element, as `ojson::parse` would build it.
ojson to_ojson(SjElement v) {
  switch (v.type()) {
    case SjType::ARRAY: {
      ojson a = ojson::array();
      for_each_element(v, [&](SjElement e) { a.push_back(to_ojson(e)); });
      return a;
    }
    case SjType::OBJECT: {
      // operator[] leaves a repeated key where it first was and gives it the later value.
      ojson o = ojson::object();
      for_each_member(v, [&](std::string_view k, SjElement e) { o[std::string(k)] = to_ojson(e); });
      return o;
    }
    case SjType::STRING: return std::string(v.get_string().value_unsafe());
    case SjType::INT64: {
      std::int64_t n = v.get_int64().value_unsafe();
      // nlohmann reads integers without a sign as unsigned
      return n >= 0 ? ojson(static_cast<std::uint64_t>(n)) : ojson(n);
    }
    case SjType::UINT64: return v.get_uint64().value_unsafe();
    case SjType::DOUBLE: return v.get_double().value_unsafe();
    case SjType::BOOL: return v.get_bool().value_unsafe();
    case SjType::NULL_VALUE: return nullptr;
  }
  return nullptr;
}

}  // namespace

std::optional<ojson> Snapshot::load(const RecordRef& ref,
                                    std::vector<SnapshotDiagnostic>& diagnostics) const {
  auto fail = [&](std::string msg) {
    diagnostics.push_back(
        {origin_, {Severity::error, "diff.read_error", static_cast<int>(ref.line), 0, msg}});
    return std::nullopt;
  };
  std::string line(ref.length + simdjson::SIMDJSON_PADDING, ' ');
  flockfile(file_);  // seek and read as one step: other threads may load too
  bool read = std::fseek(file_, static_cast<long>(ref.offset), SEEK_SET) == 0 &&
              std::fread(line.data(), 1, ref.length, file_) == ref.length;
  funlockfile(file_);
  if (!read) return fail("cannot re-read the record (file changed?)");
  thread_local simdjson::dom::parser parser;  // its buffers stay from record to record
  SjElement root;
  if (parser.parse(line.data(), ref.length, false).get(root) == simdjson::SUCCESS)
    return to_ojson(root);
  try {
    return ojson::parse(std::string_view(line.data(), ref.length));
  } catch (const std::exception& e) {
    return fail(parse_error_text(e) + " on re-reading (file changed?)");
  }
}

std::string_view to_string(DiffOp op) {
  switch (op) {
    case DiffOp::added: return "added";
    case DiffOp::removed: return "removed";
    case DiffOp::changed: return "changed";
  }
  return "changed";
}

namespace {

/// A practice to compare: both refs for a changed one, one of them for an added or removed one.
struct Pair {
  const std::string* id;
  const RecordRef* old_ref;
  const RecordRef* new_ref;
};

/// A practice whose id changed because its title was reworded (the id derives from type,
/// title and locality) would show as one removed and one added practice. A removed and an
/// added record read from files of the same name, of the same page type, whose texts share
/// at least half their words, are one practice: the pair is compared, and the change of
/// `id` and `title` shows among its field changes. Only removed and added records are re-read.
void pair_renamed(const Snapshot& old_snapshot, const Snapshot& new_snapshot,
                  std::vector<Pair>& pairs, std::vector<SnapshotDiagnostic>& diagnostics) {
  struct Key {
    std::string file, type, text;
  };
  auto key_of = [](const ojson& rec) {
    Key k;
    if (auto s = rec.find("source"); s != rec.end() && s->is_object())
      if (auto p = s->find("path"); p != s->end() && p->is_string())
        k.file = std::filesystem::path(p->get<std::string>()).filename().string();
    if (auto t = rec.find("page_type"); t != rec.end() && t->is_string()) k.type = t->get<std::string>();
    if (auto t = rec.find("text"); t != rec.end() && t->is_string()) k.text = t->get<std::string>();
    return k;
  };
  std::vector<std::size_t> removed, added;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (!pairs[i].new_ref) removed.push_back(i);
    else if (!pairs[i].old_ref) added.push_back(i);
  }
  if (removed.empty() || added.empty()) return;
  // Added records by file name; a name two added records share pairs with nothing.
  std::unordered_map<std::string, std::pair<std::size_t, Key>> by_file;
  std::unordered_set<std::string> ambiguous;
  for (std::size_t i : added) {
    auto rec = new_snapshot.load(*pairs[i].new_ref, diagnostics);
    if (!rec) continue;
    Key k = key_of(*rec);
    if (k.file.empty()) continue;
    const std::string file = k.file;
    if (!by_file.try_emplace(file, i, std::move(k)).second) ambiguous.insert(file);
  }
  std::vector<bool> drop(pairs.size(), false);
  std::unordered_set<std::string> used;
  for (std::size_t i : removed) {
    auto rec = old_snapshot.load(*pairs[i].old_ref, diagnostics);
    if (!rec) continue;
    Key k = key_of(*rec);
    auto it = by_file.find(k.file);
    if (k.file.empty() || it == by_file.end() || ambiguous.count(k.file) || used.count(k.file) ||
        it->second.second.type != k.type)
      continue;
    if (diff_words(k.text, it->second.second.text, 200).similarity < 0.5) continue;
    used.insert(k.file);
    const std::size_t a = it->second.first;
    pairs[a].old_ref = pairs[i].old_ref;  // the new id, both records
    drop[i] = true;
  }
  std::size_t out = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i)
    if (!drop[i]) pairs[out++] = pairs[i];
  pairs.resize(out);
}

}  // namespace

DiffSummary diff_snapshots(const Snapshot& old_snapshot, const Snapshot& new_snapshot,
                           const PathFilter& filter,
                           const std::function<bool(const PracticeDiff&)>& sink,
                           std::vector<SnapshotDiagnostic>& diagnostics) {
  DiffSummary sum;
  // Only the ids whose records may differ are sorted and re-read.
  std::vector<Pair> pairs;
  const auto& olds = old_snapshot.records();
  const auto& news = new_snapshot.records();
  for (const auto& [id, ref] : olds) {
    auto n = news.find(id);
    if (n == news.end())
      pairs.push_back({&id, &ref, nullptr});
    else if (n->second.hash != ref.hash)
      pairs.push_back({&id, &ref, &n->second});
    else
      ++sum.unchanged;
  }
  for (const auto& [id, ref] : news)
    if (!olds.count(id)) pairs.push_back({&id, nullptr, &ref});
  pair_renamed(old_snapshot, new_snapshot, pairs, diagnostics);
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return *a.id < *b.id; });

  // Practices are worked out in batches on all cores, then handed to the sink in id order.
  struct Outcome {
    std::optional<PracticeDiff> practice;  ///< nullopt when unreadable
    std::vector<SnapshotDiagnostic> diagnostics;
  };
  auto work_out = [&](const Pair& pair, Outcome& out) {
    auto title_of = [](const ojson& rec) {
      auto it = rec.find("title");
      return it != rec.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    PracticeDiff p;
    p.id = *pair.id;
    if (pair.old_ref && pair.new_ref) {
      auto a = old_snapshot.load(*pair.old_ref, out.diagnostics);
      auto b = new_snapshot.load(*pair.new_ref, out.diagnostics);
      if (!a || !b) return;
      p.changes = diff_records(*a, *b, filter);
      p.title = title_of(*b);
    } else {
      bool added = !pair.old_ref;
      auto rec = added ? new_snapshot.load(*pair.new_ref, out.diagnostics)
                       : old_snapshot.load(*pair.old_ref, out.diagnostics);
      if (!rec) return;
      p.op = added ? DiffOp::added : DiffOp::removed;
      p.title = title_of(*rec);
    }
    out.practice = std::move(p);
  };
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  constexpr std::size_t batch_size = 256;
  for (std::size_t first = 0; first < pairs.size(); first += batch_size) {
    std::vector<Outcome> batch(std::min(batch_size, pairs.size() - first));
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i; (i = next++) < batch.size();) work_out(pairs[first + i], batch[i]);
    };
    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < threads && t < batch.size(); ++t) helpers.emplace_back(work);
    work();
    for (auto& t : helpers) t.join();
    for (auto& out : batch) {
      for (auto& d : out.diagnostics) diagnostics.push_back(std::move(d));
      if (!out.practice) continue;
      const PracticeDiff& p = *out.practice;
      if (p.op == DiffOp::changed && p.changes.empty()) {
        ++sum.unchanged;
        continue;
      }
      ++(p.op == DiffOp::added ? sum.added : p.op == DiffOp::removed ? sum.removed : sum.changed);
      if (!sink(p)) return sum;
    }
  }
  return sum;
}

std::string format_header(DiffFormat format) {
  return format == DiffFormat::csv ? "op,id,title,path,old,new\r\n" : "";
}

std::string format_practice(const PracticeDiff& p, DiffFormat format, const TextStyle& style) {
  switch (format) {
    case DiffFormat::jsonl: {
      ojson o;
      o["op"] = to_string(p.op);
      o["id"] = p.id;
      o["title"] = p.title;
      o["changes"] = ojson::array();
      for (const auto& c : p.changes) {
        ojson ch;
        ch["path"] = c.path;
        ch["old"] = c.old_value;
        ch["new"] = c.new_value;
        if (c.similarity >= 0) ch["similarity"] = std::round(c.similarity * 10000) / 10000;
        o["changes"].push_back(std::move(ch));
      }
      return dump(o) + "\n";
    }
    case DiffFormat::csv: {
      std::string head = fmt::format("{},{},{},", to_string(p.op), csv_field(p.id),
                                     csv_field(p.title));
      if (p.changes.empty()) return head + ",,\r\n";
      std::string out;
      for (const auto& c : p.changes)
        out += fmt::format("{}{},{},{}\r\n", head, csv_field(c.path), csv_value(c.old_value),
                           csv_value(c.new_value));
      return out;
    }
    case DiffFormat::text: break;
  }
  char sign = p.op == DiffOp::added ? '+' : p.op == DiffOp::removed ? '-' : '~';
  std::string_view colour = p.op == DiffOp::added    ? k_green
                            : p.op == DiffOp::removed ? k_red
                                                      : k_yellow;
  std::string out = style.colour
                        ? fmt::format("{}{} {}{}  {}\n", colour, sign, printable(p.id), k_reset,
                                      printable(p.title))
                        : fmt::format("{} {}  {}\n", sign, printable(p.id), printable(p.title));
  for (const auto& c : p.changes) {
    bool both_text = c.similarity >= 0;
    if (both_text) {
      const auto& a = c.old_value.get_ref<const std::string&>();
      const auto& b = c.new_value.get_ref<const std::string&>();
      bool short_lines = a.size() <= 80 && b.size() <= 80 &&
                         a.find('\n') == std::string::npos && b.find('\n') == std::string::npos;
      if (short_lines) {
        out += fmt::format("    {}: {} → {} (word similarity {})\n", c.path, dump(c.old_value),
                           dump(c.new_value), similarity_text(c.similarity));
      } else {
        WordDiff d = diff_words(a, b);
        out += fmt::format("    {}: changed, word similarity {}{} (words: {} removed, {} added)\n",
                           c.path, similarity_text(c.similarity), d.coarse ? " or more" : "",
                           d.removed, d.added);
      }
      if (style.word_diff) out += format_word_diff(diff_words(a, b), style, "      ");
      continue;
    }
    out += fmt::format("    {}: {} → {}\n", c.path, text_value(c.old_value),
                       text_value(c.new_value));
  }
  return out;
}

std::string format_summary(const DiffSummary& s, DiffFormat format, bool after_practices) {
  switch (format) {
    case DiffFormat::jsonl:
      return fmt::format("{{\"added\":{},\"removed\":{},\"changed\":{},\"unchanged\":{}}}\n",
                         s.added, s.removed, s.changed, s.unchanged);
    case DiffFormat::csv:
      return fmt::format("added,removed,changed,unchanged\r\n{},{},{},{}\r\n", s.added,
                         s.removed, s.changed, s.unchanged);
    case DiffFormat::text: break;
  }
  return fmt::format("{}{} added, {} removed, {} changed, {} unchanged\n",
                     after_practices ? "\n" : "", s.added, s.removed, s.changed, s.unchanged);
}

}  // namespace bdp
