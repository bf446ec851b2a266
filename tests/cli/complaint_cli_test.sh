#!/usr/bin/env bash
# The offer and complaint commands as scripts use them: names, options, exit codes.
# Usage: complaint_cli_test.sh PATH/TO/tilfreds
set -u
bin=$(realpath "$1")
checks=$(realpath "$(dirname "$0")/checks.sh")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
# shellcheck source=checks.sh
source "$checks"
has() {  # has NAME TEXT: passes when the last command's output contains TEXT
  if grep -qF -- "$2" out.txt; then passed=$((passed + 1)); echo "ok     $1"
  else failed=$((failed + 1)); echo "FAILED $1: no '$2' in"; cat out.txt; fi
}
t="$bin --db t.db"
exits 0 "offer add" $t offer add "Praktik Nord" --provider Jobværkstedet --groups dagpenge,kontanthjaelp
exits 0 "offer add external" $t offer add "Coaching Syd" --provider "Coach ApS" --external
exits 1 "offer add refuses a duplicate name" $t offer add "Praktik Nord" --provider X
exits 0 "offer list" $t offer list
has "list shows provider and kind" $'Coaching Syd\tCoach ApS\texternal\tactive'
exits 0 "offer citizens" $t offer citizens "Praktik Nord" --period 2026H1 --count 250
exits 1 "offer citizens refuses a bad half-year" $t offer citizens "Praktik Nord" --period 2026-1 --count 5
exits 1 "offer citizens refuses an unknown offer" $t offer citizens "Nope" --period 2026H1 --count 5
exits 2 "anonymise needs --older-than" $t complaints anonymise
exits 2 "anonymise refuses 0 days" $t complaints anonymise --older-than 0
exits 0 "anonymise with nothing to do" $t complaints anonymise --older-than 365
has "anonymise reports its count" "anonymised 0 complaints"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
