// A zip archive in memory, written and read with libzip (Debian's libzip-dev):
// the per-provider bundle of offer reports and the letters of a wave, one file each.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tilfreds::intake {

struct ZipEntry {
  std::string name;   // UTF-8 file name inside the archive
  std::string bytes;
};

// The archive holding `entries` (deflated), as bytes.
// Throws std::runtime_error when libzip fails (a fault: memory).
std::string write_zip(const std::vector<ZipEntry>& entries);

// The entries of the archive `bytes`, in archive order.
// Throws std::runtime_error when it is not a readable zip.
std::vector<ZipEntry> read_zip(const std::string& bytes);

}  // namespace tilfreds::intake
