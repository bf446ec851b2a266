// A file compiled into the binary by cmake/embed.cmake.
#pragma once
#include <string_view>

namespace tilfreds {
struct EmbeddedFile {
  std::string_view path;  // relative to the folder it was embedded from
  std::string_view bytes;
};
}  // namespace tilfreds
