#!/usr/bin/env bash
# `tilfreds db copy --from tilfreds.db --to postgresql://…` (issue 17) as an operator
# runs it: the target from TILFREDS_DB, one line per table, counts that match, exit 1
# and a message for a target that is not empty, and the copy serving the commands.
# Usage: db_copy_cli_test.sh PATH/TO/tilfreds; TILFREDS_TEST_DB names the test cluster.
set -u
bin=$(realpath "$1"); here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
server=${TILFREDS_TEST_DB:?the PostgreSQL cluster of the test run}
name="cli_copy_$$_$RANDOM"
trap 'psql -q "$server" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1; rm -rf "$work"' EXIT
cd "$work"
source "$here/checks.sh"
psql -q "$server" -c "CREATE DATABASE $name" || exit 1
target=${server/\/postgres\?//$name?}
pg() { psql -qtA "$target" -c "$1"; }

exits 0 "a SQLite deployment gets its settings" "$bin" --db t.db settings set organisation.name "Lejre Kommune"
exits 0 "db copy with the target in TILFREDS_DB" env TILFREDS_DB="$target" "$bin" db copy --from t.db
check "... a line per table with its rows" grep -q "^site_setting: 1$" out.txt
check "... and the total" grep -q "^copied .* rows of .* tables; the counts match on both sides" out.txt
check "... the setting is in PostgreSQL" test "$(pg "SELECT value FROM site_setting WHERE key = 'organisation.name'")" = "Lejre Kommune"
check "... and its audit event" test "$(pg "SELECT count(*) FROM audit_event WHERE entity = 'setting'")" = 1
exits 1 "a second copy into the same database is refused" "$bin" db copy --from t.db --to "$target"
check "... saying the target is not empty" grep -q "the target is not empty" err.txt
check "... and nothing was doubled" test "$(pg "SELECT count(*) FROM audit_event")" = 1
exits 3 "without --key-file a PostgreSQL database is not opened" env TILFREDS_DB="$target" "$bin" settings list
check "... saying why" grep -q "needs --key-file" err.txt
cp t.db.key shared.key
exits 0 "with the copied key file the commands work on PostgreSQL" env TILFREDS_DB="$target" "$bin" --key-file shared.key settings list
check "... and read the copied setting" grep -q "^organisation.name	Lejre Kommune$" out.txt

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
