#include "intake/survey/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "db/invitee_store.h"

namespace tilfreds::intake::survey {

namespace {
std::optional<std::string> read_key_bytes(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw KeyFileRefused("cannot read the key file " + path + ": " + std::strerror(errno));
  }
  std::string bytes;
  char buf[64];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      ::close(fd);
      throw KeyFileRefused("cannot read the key file " + path + ": " + std::strerror(e));
    }
    if (n == 0 || bytes.size() > TokenKey::kBytes) break;
    bytes.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  if (bytes.size() != TokenKey::kBytes) {
    throw KeyFileRefused("the key file " + path + " is not a tilfreds key file (it must hold " +
                         std::to_string(TokenKey::kBytes) + " bytes)");
  }
  return bytes;
}

void write_all(int fd, const std::string& bytes, const std::string& path) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw KeyFileRefused("cannot write the key file " + path + ": " + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
}

// Written whole under a temporary name and linked into place, so a crash leaves
// either no key file or a complete one, and a key file that appeared meanwhile (a
// second process starting) is never overwritten: then false, and the caller reads it.
bool create_key_file(const std::string& path, const TokenKey& key) {
  std::string tmp = path + ".new." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw KeyFileRefused("cannot create the key file " + tmp + ": " + std::strerror(errno));
  try {
    write_all(fd, key.bytes(), tmp);
    if (::fsync(fd) != 0) throw KeyFileRefused("cannot sync the key file " + tmp + ": " + std::strerror(errno));
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  int rc = ::link(tmp.c_str(), path.c_str());
  int link_errno = errno;
  ::unlink(tmp.c_str());
  if (rc != 0 && link_errno == EEXIST) return false;
  if (rc != 0) throw KeyFileRefused("cannot create the key file " + path + ": " + std::strerror(link_errno));
  return true;
}
}  // namespace

std::string default_key_path(const std::string& db_path) { return db_path + ".key"; }

TokenKey open_key_file(db::Database& db, const std::string& key_path) {
  auto recorded = db.read([](db::Connection& c) { return db::key_check(c); });
  auto bytes = read_key_bytes(key_path);
  if (!bytes) {
    if (recorded) {
      throw KeyFileRefused("the key file " + key_path + " of database " + db.path() +
                           " is missing: restore it from its backup (without it no letter's "
                           "code or link works); use --key-file if it lives elsewhere");
    }
    TokenKey fresh = TokenKey::generate();
    if (create_key_file(key_path, fresh)) {
      bool recorded_now = false;
      db.write([&](db::Connection& c) { recorded_now = db::put_key_check(c, fresh.check_value()); });
      if (recorded_now) return fresh;
    }
    // Another process created the file or recorded its key first: take that one.
    bytes = read_key_bytes(key_path);
    if (!bytes) throw KeyFileRefused("the key file " + key_path + " vanished while starting");
    recorded = db.read([](db::Connection& c) { return db::key_check(c); });
  }
  TokenKey key(*bytes);
  if (!recorded) {
    db.write([&](db::Connection& c) { db::put_key_check(c, key.check_value()); });
    recorded = db.read([](db::Connection& c) { return db::key_check(c); });
  }
  if (!recorded || !equal_secrets(*recorded, key.check_value())) {
    throw KeyFileRefused("the key file " + key_path + " does not belong to database " + db.path() +
                         ": use the key file created with it (--key-file), or its backup");
  }
  return key;
}

}  // namespace tilfreds::intake::survey
