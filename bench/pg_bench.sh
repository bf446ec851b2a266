#!/usr/bin/env bash
# Durable submissions on SQLite and on PostgreSQL in one run (issue 17): one `tilfreds serve`
# on a SQLite file, then one and two on one PostgreSQL database, on a throwaway cluster this
# script starts with fsync on (tests/support/postgres_cluster.sh turns it off for the tests),
# then the same two once more with fsync off, to separate the database's fsync from the CPU.
# For each: submissions/s and p99 from bench/pg_bench, and the CPU seconds the tilfreds
# servers, PostgreSQL (postmaster, backends, and those that ended) and the client used.
#
#   bench/pg_bench.sh [--build-dir DIR] [--clients N] [--walks N] [--seconds S]
#
# Needs Debian's postgresql (scripts/install-deps). bench/README.md "PostgreSQL" has figures.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
build=build-bench clients=32 walks=3000 seconds=20
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build="$2"; shift ;;
    --clients) clients="$2"; shift ;;
    --walks) walks="$2"; shift ;;
    --seconds) seconds="$2"; shift ;;
    *) sed -n '2,12p' "$0" >&2; exit 2 ;;
  esac
  shift
done
if [ ! -x "$build/bench/pg_bench" ] || [ ! -x "$build/intake/tilfreds" ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTILFREDS_WERROR=ON "${launcher[@]}" >/dev/null
  cmake --build "$build" --target tilfreds pg_bench
fi
tilfreds=$(realpath "$build/intake/tilfreds")
bench=$(realpath "$build/bench/pg_bench")
work=$(mktemp -d /tmp/tilfreds-pg-bench.XXXXXX)
chmod 711 "$work"  # the cluster runs as "postgres" when this runs as root
pg="$work/pg"
servers=()
cleanup() {
  for p in "${servers[@]}"; do kill "$p" 2>/dev/null || true; done
  bash "$src/tests/support/postgres_cluster.sh" stop "$pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "pg_bench.sh: line $LINENO failed: $BASH_COMMAND" >&2' ERR
tck=$(getconf CLK_TCK)

# CPU ticks (user + system) of process $1; with "with-children", also of its ended children.
ticks() {
  awk -v all="${2:-}" '{ sub(/^.*\) /, ""); t = $12 + $13; if (all) t += $14 + $15; print t }' "/proc/$1/stat" 2>/dev/null || echo 0
}
# The postmaster with every backend alive now, and those ended (the postmaster reaped them).
postgres_ticks() {
  local master total
  master=$(head -1 "$pg/data/postmaster.pid")
  total=$(ticks "$master" with-children)
  for child in $(cat /proc/"$master"/task/*/children 2>/dev/null); do
    total=$((total + $(ticks "$child")))
  done
  echo "$total"
}

prepare() {  # prepare DB KEY LETTERS
  local frame="$work/frame.csv"
  { echo "reference;group;tilbud"
    for i in $(seq 0 $((walks - 1))); do echo "ref-$i;dagpenge;praktik"; done; } >"$frame"
  "$tilfreds" --db "$1" --key-file "$2" survey import "$src/surveys/jobcenter.json" >/dev/null
  "$tilfreds" --db "$1" --key-file "$2" wave create --survey jobcenter --label 2024 \
    --opens 2000-01-01 --closes 2099-12-31 >/dev/null
  "$tilfreds" --db "$1" --key-file "$2" invite import "$frame" --wave 2024 --letters "$3" >/dev/null
}

serve() {  # serve DB KEY N: starts N servers, sets $ports and $servers
  ports="" servers=()
  for i in $(seq 1 "$3"); do
    local out="$work/serve-$i.out"
    "$tilfreds" --db "$1" --key-file "$2" serve --port 0 >"$out" 2>"$work/serve-$i.log" &
    servers+=($!)
    for _ in $(seq 100); do grep -q "listening on" "$out" 2>/dev/null && break; sleep 0.1; done
    ports="${ports:+$ports,}$(grep -o '127.0.0.1:[0-9]*' "$out" | head -1 | cut -d: -f2)"
  done
}

run() {  # run NAME DB KEY N
  local letters="$work/letters-$1.csv" before_t=0 before_p=0 after_t=0 after_p=0 line
  prepare "$2" "$3" "$letters"
  serve "$2" "$3" "$4"
  for p in "${servers[@]}"; do before_t=$((before_t + $(ticks "$p"))); done
  [ -f "$pg/data/postmaster.pid" ] && [[ "$2" == postgresql* ]] && before_p=$(postgres_ticks)
  local sampler=""
  echo 0 >"$work/peak"
  if [[ "$2" == postgresql* ]]; then
    # The most connections the servers held at once (pg_stat_activity), every half second.
    ( peak=0; while sleep 0.5; do
        n=$(psql -X -At "$2" -c "SELECT count(*) - 1 FROM pg_stat_activity WHERE datname = current_database()" 2>/dev/null || echo 0)
        [ "$n" -gt "$peak" ] && peak=$n && echo "$peak" >"$work/peak"
      done ) &
    sampler=$!
  fi
  line=$("$bench" --letters "$letters" --ports "$ports" --clients "$clients" --walks "$walks" \
           --seconds "$seconds") || true
  [ -n "$sampler" ] && { kill "$sampler"; wait "$sampler" 2>/dev/null || true; }
  for p in "${servers[@]}"; do after_t=$((after_t + $(ticks "$p"))); done
  [[ "$2" == postgresql* ]] && after_p=$(postgres_ticks)
  for p in "${servers[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done
  servers=()
  printf '%-26s %s; tilfreds CPU %.1f s, postgres CPU %.1f s, %s connections; load %s\n' "$1" "$line" \
    "$(awk "BEGIN {print ($after_t - $before_t) / $tck}")" "$(awk "BEGIN {print ($after_p - $before_p) / $tck}")" \
    "$(cat "$work/peak")" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

database() {  # database NAME: a new database on the cluster, its URI
  psql -X -q "$uri" -c "CREATE DATABASE $1" >/dev/null
  echo "${uri/:\/\/\/postgres\?/:///$1?}"
}

echo "== pg_bench: $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg),"\
     "commit $(git rev-parse --short HEAD), $clients clients, up to $walks walks or $seconds s each"
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
echo "fdatasync of 8 KiB on this disk (pg_test_fsync): $("$bindir/pg_test_fsync" -s 1 -f "$work/probe" 2>/dev/null \
  | awk '/^ +fdatasync/ {print $2 " " $3; exit}')"
run "sqlite, 1 server" "$work/t.db" "$work/t.key" 1
TILFREDS_PG_OPTIONS="-c fsync=on -c full_page_writes=on" \
  bash tests/support/postgres_cluster.sh start "$pg" >/dev/null
uri=$(cat "$pg/uri")
echo "cluster: fsync $(psql -X -At "$uri" -c 'SHOW fsync'), synchronous_commit as tilfreds sets it (on)"
run "postgresql, 1 server" "$(database one)" "$work/one.key" 1
run "postgresql, 2 servers" "$(database two)" "$work/two.key" 2
# The same with the WAL flush a no-op: what is left is CPU (and the locks' waits).
bash tests/support/postgres_cluster.sh down "$pg"
TILFREDS_PG_OPTIONS="-c fsync=off" bash tests/support/postgres_cluster.sh up "$pg"
echo "cluster: fsync $(psql -X -At "$uri" -c 'SHOW fsync')"
run "postgresql fsync=off, 1" "$(database one_nofsync)" "$work/one_nofsync.key" 1
run "postgresql fsync=off, 2" "$(database two_nofsync)" "$work/two_nofsync.key" 2
