#include "bdp/source.h"
namespace bdp {
std::string_view SourcePage::line(std::size_t i) const {
  std::size_t b = line_starts_[i];
  std::size_t e = i + 1 < line_starts_.size() ? line_starts_[i + 1] - 1 : text.size();
  return std::string_view(text).substr(b, e - b);
}
void SourcePage::index_lines() {
  line_starts_.clear();
  if (text.empty()) return;
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' && i + 1 < text.size()) line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
}
SourcePage decode_page(std::string path, std::string_view raw) {
  SourcePage p; p.path = std::move(path); p.bytes = raw.size(); p.encoding = "UTF-8";
  p.text.assign(raw); p.index_lines(); return p;
}
}
