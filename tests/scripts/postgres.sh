#!/usr/bin/env bash
# Starts a private PostgreSQL cluster on 127.0.0.1 (no systemd needed) and prints the
# connection string the tests take from COLLABBOT_TEST_POSTGRES.
#   tests/scripts/postgres.sh start DIR [PORT]   → prints the connection string
#   tests/scripts/postgres.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data directory}; port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    [ -f "$dir/PG_VERSION" ] || as_pg "'$bin/initdb' -D '$dir' --auth=trust --username=postgres -E UTF8 >/dev/null"
    as_pg "'$bin/pg_ctl' -D '$dir' -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off\" -l '$dir/log' -w start >/dev/null"
    echo "Host=127.0.0.1;Port=$port;Username=postgres"
    ;;
  stop)
    as_pg "'$bin/pg_ctl' -D '$dir' -m fast -w stop >/dev/null" || true
    ;;
esac
