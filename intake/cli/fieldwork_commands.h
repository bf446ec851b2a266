#pragma once
#include <CLI/CLI.hpp>

#include "intake/cli/context.h"

namespace tilfreds::intake::cli {
// `tilfreds survey import`, `wave create|status`, `invite import|mark` (issue 2).
void add_fieldwork_commands(CLI::App& root, Context& ctx);
}  // namespace tilfreds::intake::cli
