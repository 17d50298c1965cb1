// Helpers shared by the subcommands: loading the pipeline, expanding inputs, running pages in
// parallel in input order, and writing output atomically. These are the CLI's I/O seams.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bdp/pipeline.h"
#include "bdp/repetition.h"
#include "bdp/source.h"
#include "commands.h"

namespace bdp::cli {

inline constexpr std::uint64_t k_default_max_bytes = 64ull << 20;

/// Builds the pipeline from the embedded grammars, or with `g.grammars_dir` overriding them.
/// Grammar errors are printed to stderr as `origin:line: message`; returns nullptr then.
std::unique_ptr<Pipeline> load_pipeline(const GlobalOptions& g);

/// Grammar errors on stderr, one a line: "origin:line: error[grammar]: message" (every
/// command prints them so, for a CI step that greps the tag).
void print_grammar_errors(const std::vector<GrammarError>& errors);

/// The inputs of a run: command-line args (files, directories walked for *.txt, "-" = stdin;
/// none = stdin) plus the paths listed in `files_from` ("-" = stdin; newline or NUL separated).
/// Paths that could not be expanded are in `failed` with their error.
/// Input paths, each kept as its directory (shared with the paths before it that are in the
/// same directory, as a walk lists them) and its file name: about 12 bytes + the name a path,
/// against length + 8 in one buffer and ~80 in a vector of strings. A run holds its list to
/// the end, so on 100 000 files this is most of the memory that grows with the number of
/// inputs. Iterating yields each path as a std::string.
class PathList {
 public:
  void push_back(std::string_view p) {
    const std::size_t slash = p.rfind('/');
    const std::string_view dir = slash == std::string_view::npos ? "" : p.substr(0, slash + 1);
    if (dir_ends_.empty() || dir != directory(dir_ends_.size() - 1)) {
      dirs_.append(dir);
      dir_ends_.push_back(dirs_.size());
    }
    dir_of_.push_back(static_cast<std::uint32_t>(dir_ends_.size() - 1));
    names_.append(p.substr(dir.size()));
    name_ends_.push_back(names_.size());
  }
  void append(const PathList& o) {
    for (std::size_t i = 0; i < o.size(); ++i) push_back(o[i]);
  }
  void shrink_to_fit() {
    dirs_.shrink_to_fit();
    dir_ends_.shrink_to_fit();
    dir_of_.shrink_to_fit();
    names_.shrink_to_fit();
    name_ends_.shrink_to_fit();
  }
  std::size_t size() const { return name_ends_.size(); }
  bool empty() const { return name_ends_.empty(); }
  std::string operator[](std::size_t i) const {
    const std::size_t b = i == 0 ? 0 : name_ends_[i - 1];
    std::string out(directory(dir_of_[i]));
    out.append(names_, b, name_ends_[i] - b);
    return out;
  }

  class iterator {
   public:
    iterator(const PathList* l, std::size_t i) : l_(l), i_(i) {}
    std::string operator*() const { return (*l_)[i_]; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const iterator& o) const { return i_ == o.i_; }

   private:
    const PathList* l_;
    std::size_t i_;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size()}; }

 private:
  std::string_view directory(std::size_t d) const {
    const std::size_t b = d == 0 ? 0 : dir_ends_[d - 1];
    return std::string_view(dirs_).substr(b, dir_ends_[d] - b);
  }
  std::string dirs_;                   // the distinct directories' bytes, "dir/" each
  std::vector<std::size_t> dir_ends_;  // where each directory ends in dirs_
  std::vector<std::uint32_t> dir_of_;  // each path's directory
  std::string names_;                  // the file names' bytes
  std::vector<std::size_t> name_ends_;  // where each name ends in names_
};

struct InputList {
  PathList paths;
  std::vector<std::pair<std::string, ReadError>> failed;
};
InputList collect_inputs(const std::vector<std::string>& args, const std::string& files_from);

/// Prints `path: error[code]: message` to stderr.
void report_read_error(const std::string& path, const ReadError& e);

/// What happened to one input: a result, or a read error.
struct PageOutcome {
  std::string path;
  std::unique_ptr<PageResult> result;  ///< null when reading failed (or `work` released it)
  ReadError error;                     ///< code is empty when the page was read
  std::string output;  ///< what the worker-side `work` callback produced (e.g. a JSON line)
  std::string notice;  ///< for stderr: the record's error diagnostics (a binary page), or empty
};

/// Reads and runs every path through the pipeline on `jobs` threads (0 = all cores) and calls
/// `sink` once per path, in input order, on the calling thread. `work`, when given, runs on
/// the worker thread right after the pipeline (serialise there, so the writer only writes).
/// Memory is bounded by the pages in flight. `sink` returns false to stop early (a broken
/// pipe); the remaining pages are then not processed. `repeated` is passed to every page's
/// run (cross-page repetition; nullptr = none).
void for_each_page(const Pipeline& pipeline, const PathList& paths, int jobs,
                   std::uint64_t max_bytes, const std::function<bool(PageOutcome&)>& sink,
                   const std::function<void(PageOutcome&)>& work = {},
                   const RepeatedLines* repeated = nullptr);

/// The first pass of `--cross-page`: reads and decodes every path on `jobs` threads and
/// counts its line fingerprints per site (no rules run). Unreadable paths are skipped (the
/// second pass reports them). The result does not depend on `jobs`.
RepeatedLines count_repeated_lines(const Pipeline& pipeline, const PathList& paths, int jobs,
                                   std::uint64_t max_bytes);

/// A progress line on stderr (pages done, pages/s, ETA) when stderr is a TTY, the run has
/// lasted over a second and not `quiet`; cleared by finish().
class Progress {
 public:
  Progress(std::size_t total, bool quiet);
  void tick(std::size_t done);
  void finish();

 private:
  std::size_t total_;
  bool enabled_;
  bool shown_ = false;
  double start_;
  double last_ = 0;
};

/// True when `f` is a terminal (colour, progress lines).
bool is_tty(std::FILE* f);

/// Output to stdout or, with a path, to a temp file beside it renamed into place by commit();
/// destroyed without commit() it removes the temp file (a failed run leaves no partial file).
/// `--max-bytes SIZE`: a number of bytes with an optional unit (512K, 1M, 2G: factors of 1024),
/// at least 1.
CLI::Option* add_max_bytes_option(CLI::App* cmd, std::uint64_t& max_bytes, const std::string& help);

class Output {
 public:
  explicit Output(const std::string& path);  ///< "" or "-" = stdout
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  bool ok() const { return file_ != nullptr; }
  const std::string& error() const { return error_; }
  std::FILE* file() const { return file_; }
  /// Writes `s` whole (a record, a report: a unit an interrupt never cuts); false on error
  /// (EPIPE included), and false from then on: the first failure is kept (error(),
  /// broken_pipe()). Units are gathered into chunks of k_chunk bytes (one at a time on a
  /// terminal); SIGINT, SIGTERM or SIGHUP during a chunk's write end the run after it.
  bool write(std::string_view s);
  /// Flushes; for a regular file's path, renames the temp file into place (the file keeps
  /// its mode; a symlink keeps pointing at it). False on error, a failed earlier write
  /// included (a full disk): then the file at the path is left as it was.
  bool commit();
  /// Whether the output failed because its reader went away (`| head`): not an error.
  bool broken_pipe() const { return errno_ == EPIPE; }

 private:
  void fail(int err);
  bool flush_chunk();
  static constexpr std::size_t k_chunk = 64 * 1024;
  std::string chunk_;    ///< whole units not yet written
  bool interactive_ = false;  ///< standard output is a terminal: each unit at once
  std::string name_;  ///< for messages: the path as given, or "standard output"
  std::string path_, temp_;
  std::FILE* file_ = nullptr;
  bool direct_ = false;  ///< a device or FIFO, written to as it is (no temp file)
  int errno_ = 0;        ///< the first write or flush error
  std::string error_;
};

}  // namespace bdp::cli
