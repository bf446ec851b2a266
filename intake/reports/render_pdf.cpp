#include "intake/reports/render_pdf.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace tilfreds::intake::reports {

namespace {
using Clock = std::chrono::steady_clock;

bool executable(const std::string& path) { return !path.empty() && access(path.c_str(), X_OK) == 0; }

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tilfreds-pdf-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("pdf: cannot create a temporary directory");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

std::string base64_decode(const std::string& text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    throw std::runtime_error("pdf: Chromium sent a PDF that is not base64");
  }
  out.resize(length);
  return out;
}
}  // namespace

std::string pdf_engine() {
  if (const char* env = std::getenv("TILFREDS_CHROMIUM")) return executable(env) ? env : "";
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  std::vector<std::string> names = {"chromium", "chromium-browser", "google-chrome"};
  while (std::getline(dirs, dir, ':')) {
    for (const auto& name : names) {
      const std::string candidate = dir + "/" + name;
      if (executable(candidate)) return candidate;
    }
  }
  return "";
}

// The browser process, our end of its pipe, and the page every document is loaded into.
struct PdfPrinter::Browser {
  PdfOptions options;
  TempDir dir;
  pid_t pid = 0;
  int fd = -1;            // a socket, so that writing to a dead browser is an error, not SIGPIPE
  std::string received;   // bytes read that do not yet make a whole message
  std::int64_t next_id = 1;
  std::string session;    // the page's DevTools session
  std::string frame;      // its main frame, whose document each print replaces

  ~Browser() {
    if (pid > 0) {
      if (fd >= 0) {
        try {
          send_message({{"id", next_id++}, {"method", "Browser.close"}});
        } catch (const std::exception&) {
          // already gone: the kill below is all that is left to do
        }
      }
      // Its helper processes (zygote, renderer) share the group; none may outlive us.
      const auto deadline = Clock::now() + std::chrono::seconds(5);
      int status = 0;
      pid_t reaped = 0;
      while ((reaped = waitpid(pid, &status, WNOHANG)) == 0 && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      kill(-pid, SIGKILL);
      if (reaped == 0) waitpid(pid, &status, 0);
    }
    if (fd >= 0) close(fd);
  }

  void send_message(const nlohmann::json& message) {
    std::string bytes = message.dump();
    bytes.push_back('\0');
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::runtime_error("pdf: Chromium closed its pipe");
      sent += static_cast<std::size_t>(n);
    }
  }

  // The next whole message, waiting until `deadline`.
  nlohmann::json receive(Clock::time_point deadline) {
    for (;;) {
      const auto end = received.find('\0');
      if (end != std::string::npos) {
        auto message = nlohmann::json::parse(received.substr(0, end), nullptr, false);
        received.erase(0, end + 1);
        if (message.is_discarded()) throw std::runtime_error("pdf: Chromium sent a message that is not JSON");
        return message;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) {
        throw std::runtime_error("pdf: Chromium took longer than " + std::to_string(options.timeout.count()) + " s");
      }
      pollfd p{fd, POLLIN, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
      if (ready < 0 && errno != EINTR) throw std::runtime_error("pdf: lost the pipe to Chromium");
      if (ready <= 0) continue;
      char buffer[65536];
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::runtime_error("pdf: Chromium stopped");
      received.append(buffer, static_cast<std::size_t>(n));
    }
  }

  // Sends a command (to the page's session when `to_page`) and returns its result.
  nlohmann::json call(const std::string& method, nlohmann::json params, bool to_page, Clock::time_point deadline) {
    const std::int64_t id = next_id++;
    nlohmann::json message{{"id", id}, {"method", method}, {"params", std::move(params)}};
    if (to_page) message["sessionId"] = session;
    send_message(message);
    for (;;) {
      auto reply = receive(deadline);
      // Events (no "id") and replies to nothing we wait for are passed over.
      if (reply.value("id", std::int64_t{0}) != id) continue;
      if (reply.contains("error")) {
        throw std::runtime_error("pdf: Chromium refused " + method + ": " +
                                 reply["error"].value("message", std::string("no reason given")));
      }
      return reply.value("result", nlohmann::json::object());
    }
  }

  void start(const std::string& engine) {
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
      throw std::runtime_error("pdf: cannot make a pipe for Chromium");
    }
    // Chromium's end is numbered above 4 first, so that dup2 onto 3 and 4 never
    // meets itself (which would keep its close-on-exec flag).
    const int theirs = fcntl(pair[1], F_DUPFD_CLOEXEC, 10);
    close(pair[1]);
    fd = pair[0];
    if (theirs < 0) throw std::runtime_error("pdf: cannot make a pipe for Chromium");

    std::vector<std::string> args = {engine,
                                     "--headless",
                                     "--remote-debugging-pipe",
                                     "--disable-gpu",
                                     "--no-first-run",
                                     "--no-default-browser-check",
                                     "--disable-extensions",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--disable-dev-shm-usage",
                                     "--user-data-dir=" + (dir.path / "profile").string(),
                                     "about:blank"};
    // Chromium's sandbox refuses to start as root (containers, CI); the pages are
    // ours, without scripts, so running it unsandboxed there is acceptable.
    if (geteuid() == 0) args.insert(args.begin() + 1, "--no-sandbox");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    // Chromium chatters on stdout and stderr (D-Bus, GPU); its replies are the record.
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, theirs, 3);
    posix_spawn_file_actions_adddup2(&actions, theirs, 4);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);  // its own group: closing ends all its processes
    posix_spawnattr_setpgroup(&attr, 0);
    const int spawned = posix_spawn(&pid, engine.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(theirs);
    if (spawned != 0) {
      pid = 0;
      throw std::runtime_error("pdf: cannot start " + engine);
    }

    const auto deadline = Clock::now() + options.timeout;
    auto target = call("Target.createTarget", {{"url", "about:blank"}}, false, deadline);
    auto attached = call("Target.attachToTarget", {{"targetId", target.value("targetId", "")}, {"flatten", true}},
                         false, deadline);
    session = attached.value("sessionId", "");
    if (session.empty()) throw std::runtime_error("pdf: Chromium gave no page to print in");
    auto tree = call("Page.getFrameTree", nlohmann::json::object(), true, deadline);
    frame = tree["frameTree"]["frame"].value("id", "");
    if (frame.empty()) throw std::runtime_error("pdf: Chromium gave no frame to print in");
  }

  std::string print(const std::string& html) {
    const auto deadline = Clock::now() + options.timeout;
    // The page's document replaced in place: no navigation and no file. Our pages
    // load nothing (styles inline, system fonts), so it is laid out when this
    // returns; printToPDF itself is most of the time of a small document.
    call("Page.setDocumentContent", {{"frameId", frame}, {"html", html}}, true, deadline);
    auto pdf = call("Page.printToPDF",
                    {{"printBackground", true},
                     {"preferCSSPageSize", true},
                     {"displayHeaderFooter", false},
                     {"generateTaggedPDF", true},
                     {"generateDocumentOutline", true},
                     // A4 where the page's CSS gives no size (inches, as the protocol wants).
                     {"paperWidth", 8.27},
                     {"paperHeight", 11.69}},
                    true, deadline);
    std::string out = base64_decode(pdf.value("data", ""));
    if (out.rfind("%PDF-", 0) != 0) throw std::runtime_error("pdf: Chromium did not write a PDF");
    return out;
  }
};

PdfPrinter::PdfPrinter(const PdfOptions& options) {
  const std::string engine = pdf_engine();
  if (engine.empty()) {
    throw PdfEngineMissing(
        "PDF needs headless Chromium: install the Debian package chromium (apt-get install chromium) "
        "or set TILFREDS_CHROMIUM to its path");
  }
  browser_ = std::make_unique<Browser>();
  browser_->options = options;
  browser_->start(engine);
}

PdfPrinter::~PdfPrinter() = default;

std::string PdfPrinter::print(const std::string& html) { return browser_->print(html); }

std::string html_to_pdf(const std::string& html, const PdfOptions& options) {
  PdfPrinter printer(options);
  return printer.print(html);
}

}  // namespace tilfreds::intake::reports
