#pragma once
#include <CLI/CLI.hpp>

#include "intake/cli/context.h"

namespace tilfreds::intake::cli {
// `tilfreds comments list|theme|code` (issue 13 §4): the command-line twin of the
// coding page /rapporter/kommentarer. `list` prints a wave's comments (masked)
// with their ids and coding, `theme` adds a theme to a wave, `code` sets a
// comment's theme, ris or ros, quote and wording; options not given keep the
// comment's current coding. Every change and every listing is audited with the
// actor "cli".
void add_comment_commands(CLI::App& root, Context& ctx);
}  // namespace tilfreds::intake::cli
