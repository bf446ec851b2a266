#pragma once
#include <CLI/CLI.hpp>

#include "intake/cli/context.h"

namespace tilfreds::intake::cli {
// `tilfreds report KIND --survey S --waves … --format … --out FILE` (issue 4).
void add_report_command(CLI::App& root, Context& ctx);
}  // namespace tilfreds::intake::cli
