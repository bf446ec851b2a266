#include "intake/reports/render_pdf.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace tilfreds::intake::reports {

namespace {
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
};
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

std::string html_to_pdf(const std::string& html, const PdfOptions& options) {
  const std::string engine = pdf_engine();
  if (engine.empty()) {
    throw PdfEngineMissing(
        "PDF needs headless Chromium: install the Debian package chromium (apt-get install chromium) "
        "or set TILFREDS_CHROMIUM to its path");
  }
  TempDir dir;
  const auto page = dir.path / "report.html";
  const auto pdf = dir.path / "report.pdf";
  std::ofstream(page, std::ios::binary) << html;
  std::vector<std::string> args = {engine,
                                   "--headless",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--no-default-browser-check",
                                   "--disable-extensions",
                                   "--disable-background-networking",
                                   "--disable-dev-shm-usage",
                                   "--user-data-dir=" + (dir.path / "profile").string(),
                                   "--no-pdf-header-footer",
                                   "--print-to-pdf=" + pdf.string(),
                                   "file://" + page.string()};
  // Chromium's sandbox refuses to start as root (containers, CI); the page is
  // ours, with scripts off, so running it unsandboxed there is acceptable.
  if (geteuid() == 0) args.insert(args.begin() + 1, "--no-sandbox");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // Chromium chatters on stderr (D-Bus, GPU); the PDF's absence is the error.
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);  // its own group: a timeout ends all its processes
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, engine.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0) throw std::runtime_error("pdf: cannot start " + engine);

  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) throw std::runtime_error("pdf: lost the Chromium process");
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      throw std::runtime_error("pdf: Chromium took longer than " + std::to_string(options.timeout.count()) + " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Its helper processes (zygote, renderer) share the group; none may outlive the call.
  kill(-pid, SIGKILL);
  std::ifstream in(pdf, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string out = bytes.str();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || out.rfind("%PDF-", 0) != 0) {
    throw std::runtime_error("pdf: Chromium did not write a PDF (exit status " + std::to_string(WEXITSTATUS(status)) + ")");
  }
  return out;
}

}  // namespace tilfreds::intake::reports
