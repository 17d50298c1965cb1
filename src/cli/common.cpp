// Shared CLI plumbing. for_each_page keeps a window of at most 4×jobs pages in flight: workers
// claim the next index, run the pipeline (and the caller's `work`, e.g. serialisation) and park
// the outcome in its slot; the calling thread hands slots to `sink` strictly in input order.
// Output writes to a temp file beside the target and renames it into place on commit; a
// SIGINT/SIGTERM/SIGHUP handler removes a pending temp file so an interrupted run leaves nothing
// behind, and never cuts a record: Output writes chunks of whole records, a signal waits for one.
// count_repeated_lines is the hashing-only first pass of --cross-page.
#include "common.h"

#include "bdp/text.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#ifdef BDP_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif

namespace bdp::cli {

std::unique_ptr<Pipeline> load_pipeline(const GlobalOptions& g) {
  std::vector<GrammarError> errors;
  Grammars grammars = g.grammars_dir.empty() ? Grammars::embedded()
                                             : Grammars::with_overrides(g.grammars_dir, errors);
  // Compiled even after a load error, so one run reports every problem of the files.
  std::unique_ptr<Pipeline> p = Pipeline::create(grammars, errors);
  print_grammar_errors(errors);
  if (!errors.empty()) return nullptr;
  return p;
}

void print_grammar_errors(const std::vector<GrammarError>& errors) {
  for (const auto& e : errors) {
    if (e.line > 0)
      fmt::print(stderr, "{}:{}: error[grammar]: {}\n", e.origin, e.line, e.message);
    else
      fmt::print(stderr, "{}: error[grammar]: {}\n", e.origin, e.message);
  }
}

namespace {

/// A --files-from list as UTF-8: a UTF-8 BOM dropped; a UTF-16 list (PowerShell's `>` writes
/// one, with a BOM) decoded, else its NULs would read as separators between single letters.
std::string list_to_utf8(std::string data) {
  if (data.starts_with("\xEF\xBB\xBF")) return data.substr(3);
  const bool le = data.starts_with("\xFF\xFE"), be = data.starts_with("\xFE\xFF");
  if (!le && !be) return data;
  std::string out;
  out.reserve(data.size() / 2);
  auto unit = [&](std::size_t i) {
    const auto a = static_cast<unsigned char>(data[i]), b = static_cast<unsigned char>(data[i + 1]);
    return static_cast<char32_t>(le ? a | (b << 8) : (a << 8) | b);
  };
  for (std::size_t i = 2; i + 1 < data.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < data.size()) {
      const char32_t lo = unit(i + 2);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      }
    }
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace

InputList collect_inputs(const std::vector<std::string>& args, const std::string& files_from) {
  InputList in;
  std::vector<std::string> all = args;
  if (!files_from.empty()) {
    std::string data;
    if (files_from == "-") {
      data.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
      std::ifstream f(files_from, std::ios::binary);
      if (!f) {
        in.failed.push_back({files_from, {"input.unreadable", "cannot read --files-from list"}});
      } else {
        data.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
      }
    }
    data = list_to_utf8(std::move(data));
    char sep = data.find('\0') != std::string::npos ? '\0' : '\n';
    std::size_t pos = 0;
    while (pos < data.size()) {
      std::size_t end = data.find(sep, pos);
      if (end == std::string::npos) end = data.size();
      std::string path = data.substr(pos, end - pos);
      if (!path.empty() && path.back() == '\r') path.pop_back();
      if (!path.empty()) all.push_back(std::move(path));
      pos = end + 1;
    }
    // An empty list is a run that checks nothing (a find that matched no file): said, and
    // the exit code says it, as for a directory without pages.
    if (all.size() == args.size() && in.failed.empty())
      in.failed.push_back({files_from == "-" ? "standard input" : files_from,
                           {"input.no_pages", "the --files-from list names no files"}});
  } else if (args.empty()) {
    all.push_back("-");
  }
  {
    std::vector<std::string> expanded = expand_inputs(all, in.failed);
    for (const auto& p : expanded) in.paths.push_back(p);
  }  // the vector of strings goes before any page is read
  in.paths.shrink_to_fit();
  // The walk sorted ~80 bytes a path in strings; hand the freed heap back to the system, so
  // that a 100 000-file run's peak is not the walk's (the allocator keeps freed small blocks).
#ifdef BDP_JEMALLOC
  static_assert(MALLCTL_ARENAS_ALL == 4096, "the name below is arena.<MALLCTL_ARENAS_ALL>.purge");
  mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
#else
  malloc_trim(0);
#endif
  return in;
}

CLI::Option* add_max_bytes_option(CLI::App* cmd, std::uint64_t& max_bytes, const std::string& help) {
  return cmd->add_option("--max-bytes", max_bytes, help)
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            return v == "0" ? "must be at least 1 byte (e.g. 512K, 64M)" : std::string();
          },
          "SIZE"));
}

void report_read_error(const std::string& path, const ReadError& e) {
  fmt::print(stderr, "{}: error[{}]: {}\n", printable(path), e.code, printable(e.message));
}

namespace {

/// Reads and runs the paths [begin, end) as one batch (Pipeline::run_batch), then `work` on
/// each page that was read. A batch is cut where its pages' bytes pass k_batch_bytes, so a
/// few huge files do not all sit in memory at once.
constexpr std::uint64_t k_batch_bytes = 8u << 20;

std::vector<PageOutcome> process_chunk(const Pipeline& pipeline, const PathList& paths,
                                       std::size_t begin, std::size_t end,
                                       std::uint64_t max_bytes,
                                       const std::function<void(PageOutcome&)>& work,
                                       const RepeatedLines* repeated) {
  std::vector<PageOutcome> out(end - begin);
  std::size_t k = 0;
  while (k < out.size()) {
    std::vector<SourcePage> pages;
    std::vector<std::size_t> read;  // which outcomes the pages belong to
    std::uint64_t bytes = 0;
    for (; k < out.size() && (pages.empty() || bytes < k_batch_bytes); ++k) {
      PageOutcome& o = out[k];
      o.path = paths[begin + k];
      if (auto raw = read_input(o.path, max_bytes, o.error)) {
        bytes += raw->size();
        pages.push_back(decode_page(o.path, std::move(*raw)));  // its bytes become the text
        read.push_back(k);
      }
    }
    std::vector<PageResult> results = pipeline.run_batch(std::move(pages), repeated);
    for (std::size_t m = 0; m < read.size(); ++m) {
      PageOutcome& o = out[read[m]];
      o.result = std::make_unique<PageResult>(std::move(results[m]));
      if (work) work(o);
    }
  }
  return out;
}

}  // namespace

void for_each_page(const Pipeline& pipeline, const PathList& paths, int jobs,
                   std::uint64_t max_bytes, const std::function<bool(PageOutcome&)>& sink,
                   const std::function<void(PageOutcome&)>& work,
                   const RepeatedLines* repeated) {
  if (jobs <= 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(jobs),
                                                std::max<std::size_t>(1, paths.size())));
  // Work goes out in chunks of consecutive pages, each run as one batch: up to
  // k_chunk_pages pages (batches of tens of pages cost ~25 % less CPU a page than one page
  // at a time), fewer when there are not eight chunks per thread to share out.
  constexpr std::size_t k_chunk_pages = 64;
  const std::size_t chunk = std::clamp<std::size_t>(
      paths.size() / (static_cast<std::size_t>(jobs) * 8), 1, k_chunk_pages);
  const std::size_t chunks = (paths.size() + chunk - 1) / chunk;
  auto run_chunk = [&](std::size_t c) {
    return process_chunk(pipeline, paths, c * chunk, std::min(paths.size(), (c + 1) * chunk),
                         max_bytes, work, repeated);
  };
  if (jobs == 1) {
    for (std::size_t c = 0; c < chunks; ++c)
      for (PageOutcome& o : run_chunk(c))
        if (!sink(o)) return;
    return;
  }
  // Chunks in flight (running or waiting for the writer) are at most `window`: memory is
  // bounded by window × chunk pages, whatever the number of inputs.
  const std::size_t window = static_cast<std::size_t>(jobs) * 2;
  std::vector<std::optional<std::vector<PageOutcome>>> slots(window);
  std::mutex mu;
  std::condition_variable cv;
  std::size_t next = 0, consumed = 0;
  bool stop = false;

  auto worker = [&] {
    for (;;) {
      std::size_t c;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return stop || next >= chunks || next < consumed + window; });
        if (stop || next >= chunks) return;
        c = next++;
      }
      std::vector<PageOutcome> done = run_chunk(c);
      {
        std::lock_guard lock(mu);
        slots[c % window] = std::move(done);
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < jobs; ++t) threads.emplace_back(worker);
  for (std::size_t c = 0; c < chunks && !stop; ++c) {
    std::vector<PageOutcome> done;
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return slots[c % window].has_value(); });
      done = std::move(*slots[c % window]);
      slots[c % window].reset();
      consumed = c + 1;
    }
    cv.notify_all();
    for (PageOutcome& o : done)
      if (!sink(o)) {
        std::lock_guard lock(mu);
        stop = true;
        break;
      }
  }
  cv.notify_all();
  for (auto& t : threads) t.join();
}

RepeatedLines count_repeated_lines(const Pipeline& pipeline, const PathList& paths, int jobs,
                                   std::uint64_t max_bytes) {
  if (jobs <= 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(jobs),
                                                std::max<std::size_t>(1, paths.size())));
  // One table per thread over an interleaved share of the paths, merged at the end: the
  // counts are sums, so the result does not depend on which thread read which page.
  std::vector<RepeatedLines> part(static_cast<std::size_t>(jobs));
  auto count = [&](std::size_t t) {
    for (std::size_t i = t; i < paths.size(); i += part.size()) {
      ReadError err;
      const std::string path = paths[i];
      // The lines the stages will read: after the reflow stage (wrapped dumps joined).
      if (auto raw = read_input(path, max_bytes, err)) part[t].add_page(pipeline.read_page(path, *raw));
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < part.size(); ++t) threads.emplace_back(count, t);
  count(0);
  for (auto& t : threads) t.join();
  for (std::size_t t = 1; t < part.size(); ++t) part[0].merge(part[t]);
  return std::move(part[0]);
}

bool is_tty(std::FILE* f) { return ::isatty(::fileno(f)) != 0; }

namespace {

double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// The temp file of an Output not yet committed, for the SIGINT handler.
char g_pending_temp[4096];
// An Output is writing a chunk of whole records; a signal that comes meanwhile waits for it
// (g_deferred), so an interrupted run's output ends with a whole line.
volatile std::sig_atomic_t g_writing = 0;
volatile std::sig_atomic_t g_deferred = 0;

extern "C" void remove_pending_and_exit(int sig) {
  if (g_writing) {
    g_deferred = sig;
    return;
  }
  if (g_pending_temp[0]) ::unlink(g_pending_temp);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

/// SIGINT, SIGTERM and SIGHUP end the run where it is (the process's default), but never in
/// the middle of a record: see Output::flush_chunk.
void handle_interrupts() {
  struct sigaction sa {};
  sa.sa_handler = remove_pending_and_exit;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;  // a write the signal interrupts goes on
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    // A signal the shell made the process ignore (`nohup`, a background job) stays ignored.
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    ::sigaction(sig, &sa, nullptr);
  }
}

}  // namespace

Progress::Progress(std::size_t total, bool quiet)
    : total_(total), enabled_(!quiet && is_tty(stderr)), start_(now_seconds()) {}

void Progress::tick(std::size_t done) {
  if (!enabled_) return;
  double t = now_seconds();
  if (t - start_ < 1.0 || t - last_ < 0.2) return;
  last_ = t;
  double rate = static_cast<double>(done) / (t - start_);
  double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0;
  fmt::print(stderr, "\r{}/{} pages, {:.0f} pages/s, ETA {:.0f} s   ", done, total_, rate, eta);
  shown_ = true;
}

void Progress::finish() {
  if (shown_) fmt::print(stderr, "\r\033[K");
  shown_ = false;
}

Output::Output(const std::string& path) : name_(path.empty() || path == "-" ? "standard output" : path) {
  handle_interrupts();
  if (path.empty() || path == "-") {
    file_ = stdout;
    interactive_ = is_tty(stdout);
    return;
  }
  // What the path names now: a device, FIFO or socket (`-o /dev/null`, a named pipe) is
  // written to as it is, never replaced; a symlink's target is replaced, not the link.
  struct stat st {};
  std::string resolved = path;
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) {
      error_ = fmt::format("{}: is a directory", path);
      return;
    }
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) error_ = fmt::format("{}: cannot open: {}", path, std::strerror(errno));
    direct_ = true;
    return;
  }
  if (exists) {
    if (char* real = ::realpath(path.c_str(), nullptr)) {
      resolved = real;
      std::free(real);
    }
  }
  path_ = resolved;
  std::filesystem::path target(resolved);
  std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  std::string tmpl = dir + "/." + target.filename().string() + ".tmp.XXXXXX";
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    error_ = fmt::format("{}: cannot create temp file: {}", path, std::strerror(errno));
    return;
  }
  // mkstemp makes the file 0600; the output gets the mode the file had, or what the umask
  // gives a new file.
  mode_t mode = 0;
  if (exists) {
    mode = st.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  ::fchmod(fd, mode);
  temp_ = tmpl;
  std::snprintf(g_pending_temp, sizeof g_pending_temp, "%s", temp_.c_str());
  file_ = ::fdopen(fd, "wb");
}

Output::~Output() {
  if (file_ && temp_.empty()) flush_chunk();  // standard output or a device: what is gathered goes out
  if (direct_ && file_) std::fclose(file_);
  if (!temp_.empty()) {
    if (file_) std::fclose(file_);
    ::unlink(temp_.c_str());
    g_pending_temp[0] = '\0';
  }
}

void Output::fail(int err) {
  if (errno_ != 0) return;
  errno_ = err != 0 ? err : EIO;
  error_ = fmt::format("{}: cannot write: {}", name_, std::strerror(errno_));
}

bool Output::write(std::string_view s) {
  if (!file_ || errno_ != 0) return false;
  chunk_.append(s);
  return (chunk_.size() < k_chunk && !interactive_) || flush_chunk();
}

bool Output::flush_chunk() {
  if (chunk_.empty() || errno_ != 0) return errno_ == 0;
  g_writing = 1;
  const bool ok = std::fwrite(chunk_.data(), 1, chunk_.size(), file_) == chunk_.size() &&
                  std::fflush(file_) == 0;
  const int err = errno;
  g_writing = 0;
  chunk_.clear();
  if (const int sig = g_deferred) remove_pending_and_exit(sig);  // the chunk is out: now
  if (!ok) fail(err);
  return ok;
}

bool Output::commit() {
  if (!file_) return false;
  // stdio keeps a write error in the stream: a flush after it may still succeed.
  auto flushed = [&] {
    flush_chunk();
    if (errno_ == 0 && (std::fflush(file_) != 0 || std::ferror(file_))) fail(errno);
    return errno_ == 0;
  };
  if (direct_) {
    const bool ok = flushed();
    return (std::fclose(std::exchange(file_, nullptr)) == 0) && ok;
  }
  if (temp_.empty()) return flushed();
  bool ok = flushed() && ::fsync(::fileno(file_)) == 0;
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  if (ok && std::rename(temp_.c_str(), path_.c_str()) != 0) {
    error_ = fmt::format("{}: cannot rename into place: {}", path_, std::strerror(errno));
    ok = false;
  }
  if (ok) {
    temp_.clear();
    g_pending_temp[0] = '\0';
  }
  return ok;
}

}  // namespace bdp::cli
