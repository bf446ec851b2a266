#include "intake/zip_archive.h"

#include <zip.h>

#include <memory>
#include <stdexcept>

namespace tilfreds::intake {

namespace {
[[noreturn]] void fail(const char* what, zip_error_t* error) {
  std::string message = std::string("zip: ") + what + ": " + zip_error_strerror(error);
  zip_error_fini(error);
  throw std::runtime_error(message);
}

// The whole content of a libzip source that holds a finished archive.
std::string drain(zip_source_t* src) {
  if (zip_source_open(src) < 0) throw std::runtime_error("zip: cannot reopen the archive buffer");
  std::string out;
  char buf[65536];
  for (zip_int64_t n; (n = zip_source_read(src, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  zip_source_close(src);
  return out;
}
}  // namespace

std::string write_zip(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!src) fail("buffer", &error);
  // Kept past zip_close, which would otherwise free the buffer holding the result.
  zip_source_keep(src);
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> owner(src, zip_source_free);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &error);
  if (!za) fail("open", &error);
  for (const auto& e : entries) {
    zip_source_t* data = zip_source_buffer(za, e.bytes.data(), e.bytes.size(), 0);
    if (!data || zip_file_add(za, e.name.c_str(), data, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (data) zip_source_free(data);
      std::string message = std::string("zip: add ") + e.name + ": " + zip_strerror(za);
      zip_discard(za);
      throw std::runtime_error(message);
    }
  }
  if (zip_close(za) < 0) {
    std::string message = std::string("zip: close: ") + zip_strerror(za);
    zip_discard(za);
    throw std::runtime_error(message);
  }
  zip_error_fini(&error);
  return drain(src);
}

std::vector<ZipEntry> read_zip(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!src) fail("buffer", &error);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!za) {
    zip_source_free(src);
    fail("open", &error);
  }
  zip_error_fini(&error);
  std::vector<ZipEntry> out;
  for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    ZipEntry e{zip_get_name(za, index, ZIP_FL_ENC_GUESS), ""};
    zip_file_t* f = zip_fopen_index(za, index, 0);
    if (!f) {
      zip_discard(za);
      throw std::runtime_error("zip: cannot open entry " + e.name);
    }
    char buf[65536];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) e.bytes.append(buf, static_cast<std::size_t>(n));
    zip_fclose(f);
    out.push_back(std::move(e));
  }
  zip_discard(za);
  return out;
}

}  // namespace tilfreds::intake
