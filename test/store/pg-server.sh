#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for kontera's tests and benches, listening only on a Unix socket
# in its own directory (no TCP port, nothing shared with a system cluster).
#
#   test/store/pg-server.sh start [dir]   initdb + start (or reuse the one running there);
#                                         prints the connection string on stdout
#   test/store/pg-server.sh stop [dir]    stop it and remove the directory
#
# dir defaults to $KONTERA_PG_DIR or /tmp/kontera-pg. Server binaries: $KONTERA_PG_BINDIR, else
# Debian's postgresql package (/usr/lib/postgresql/<version>/bin), else initdb/pg_ctl on PATH. Run as root, the cluster runs as
# the `postgres` user, since PostgreSQL refuses to run as root.
#
#   export KONTERA_PG_URL=$(test/store/pg-server.sh start) && npm test; test/store/pg-server.sh stop
set -euo pipefail

cmd=${1:-}
dir=${2:-${KONTERA_PG_DIR:-/tmp/kontera-pg}}

bindir=${KONTERA_PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)}
if [ -n "${KONTERA_PG_BINDIR:-}" ] && [ ! -x "$bindir/initdb" ]; then
  echo "pg-server: no initdb in KONTERA_PG_BINDIR=$bindir" >&2
  exit 2
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  if command -v initdb >/dev/null 2>&1; then bindir=$(dirname "$(command -v initdb)"); else
    echo "pg-server: no PostgreSQL server binaries (initdb) found; install PostgreSQL (Debian: apt-get install postgresql)" >&2
    exit 2
  fi
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url="postgresql://postgres@/kontera?host=$dir"

case "$cmd" in
  start)
    if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "$url"
      exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # Throwaway data: no fsync. Enough connections for 8 worker processes with their own pools.
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bindir/psql" -q -h "$dir" -U postgres -d postgres -c 'CREATE DATABASE kontera' >/dev/null
    echo "$url"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop [dir]" >&2
    exit 2
    ;;
esac
