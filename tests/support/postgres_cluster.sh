#!/usr/bin/env bash
# postgres_cluster.sh start|stop|down|crash|up DIR: a throwaway PostgreSQL cluster for one test run.
#
# start: initdb in DIR/data, listening only on a Unix socket in DIR (no TCP port to
# collide with anything), superuser "tilfreds" trusted on that socket, then writes
# the URI the tests connect with to DIR/uri. stop: stops it at once and removes DIR.
# down / crash / up: stops the server (down: fast, its clients cut off and a checkpoint
# written; crash: immediate, recovery from the WAL at the next start) and starts it again
# on the same data, for the fault tests that take the database away under running servers.
# PostgreSQL refuses to run as root, so as root (CI) the server runs as the
# "postgres" user Debian's package creates.
#
# fsync is off: the cluster lives for one run and is thrown away, and the product
# sets synchronous_commit = on itself; durability against power loss is not what
# these tests can show. TILFREDS_PG_OPTIONS (more "-c name=value") comes after these
# and wins: the benchmark turns fsync back on with it.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?folder}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "postgres_cluster.sh: no PostgreSQL server (apt-get install postgresql; scripts/install-deps does)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

serve() {
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=32MB ${TILFREDS_PG_OPTIONS:-}" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
}

case "$action" in
  start)
    stop  # what a killed run left behind
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
      echo "postgres_cluster.sh: running as root needs the 'postgres' user (Debian's postgresql package)" >&2
      exit 1
    fi
    mkdir -p "$dir"
    chmod 700 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U tilfreds -A trust -E UTF8 --no-locale --no-sync \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # Each test opens a writer and a few readers in a database of its own, two tests at
    # a time per build, and the HTTP tests a server each: room for all of them.
    serve
    # The tests run as this script's caller: let it reach the socket.
    chmod 755 "$dir"
    echo "postgresql:///postgres?host=$dir&user=tilfreds" >"$dir/uri"
    cat "$dir/uri"
    ;;
  stop)
    stop
    ;;
  down)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  crash)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  up)
    serve
    ;;
  *)
    echo "usage: $0 start|stop|down|crash|up DIR" >&2
    exit 2
    ;;
esac
