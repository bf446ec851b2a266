#pragma once
#include <CLI/CLI.hpp>

#include "intake/cli/context.h"

namespace tilfreds::intake::cli {
// `tilfreds serve` and `tilfreds demo` (issue 2).
void add_serve_commands(CLI::App& root, Context& ctx);
}  // namespace tilfreds::intake::cli
