#pragma once
#include <CLI/CLI.hpp>
#include "intake/cli/context.h"
namespace tilfreds::intake::cli {
// `tilfreds stats share|compare|rate`: the statistics module as a calculator (issue 3).
void add_stats_command(CLI::App& root, Context& ctx);
}  // namespace tilfreds::intake::cli
