#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for one test run, in a temporary folder,
# listening only on a Unix socket in that folder (no TCP port to collide
# with another run on this machine).
#   eval "$(scripts/test-postgres.sh start)"   # exports PATHWAY_TEST_POSTGRES and PATHWAY_TEST_POSTGRES_DIR
#   eval "$(scripts/test-postgres.sh start --durable)"   # fsync on, for benchmarks beside SQLite's FULL
#   scripts/test-postgres.sh stop "$PATHWAY_TEST_POSTGRES_DIR"
# PostgreSQL refuses to run as root, so under root the cluster belongs to
# Debian's `postgres` system user (made by the postgresql package).
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/pathway-postgres-XXXXXX")
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    # Trust over the socket only: the folder is the cluster's own and nothing listens on TCP.
    as_owner "$bin/initdb" --pgdata="$dir/data" --username=pathway --auth=trust --no-sync \
      --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # No fsync for tests: the cluster is thrown away, and the run stays quick.
    durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${2:-}" = --durable ] && durability=""
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' $durability -c max_connections=200" \
      start || { cat "$dir/server.log" >&2; exit 1; }
    echo "export PATHWAY_TEST_POSTGRES='postgresql:///postgres?host=$dir&user=pathway'"
    echo "export PATHWAY_TEST_POSTGRES_DIR='$dir'"
    ;;
  stop)
    dir=${2:?give the folder printed by start}
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=immediate --silent stop || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
