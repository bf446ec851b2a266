// The quality figures of the offers on the command line (issue 16):
//   tilfreds offer ratings import FILE   supervision smileys (offer;period;smiley;visited;supervisor[;summary])
//   tilfreds offer effects import FILE   effect counts (offer;period;ended;in_work;in_education)
//   tilfreds offer ages import FILE      age bands (offer;period;under_30;age_30_49;age_50_plus[;citizens])
//   tilfreds offer target set COLUMN --green N --yellow N | clear COLUMN | list
//   tilfreds user grant NAME supervisor | user revoke NAME supervisor
// A file with any bad line stores nothing (exit 1, every problem listed with its
// line). Every change is audited.
#pragma once

#include <CLI/CLI.hpp>

#include "intake/cli/context.h"

namespace tilfreds::intake::cli {

// Adds the commands under the `offer` and `user` commands, which must exist
// (add_complaint_commands and add_user_commands first).
void add_offer_quality_commands(CLI::App& root, Context& ctx);

}  // namespace tilfreds::intake::cli
