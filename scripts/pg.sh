#!/usr/bin/env bash
# A private PostgreSQL for the tests and the bench (issue 18).
#
#   DIR=$(bash scripts/pg.sh start)   # installs Debian's postgresql if missing,
#                                     # initdb in a new private folder under /tmp,
#                                     # starts it on a free port from 55432
#   cat "$DIR/url"                    # postgres://postgres@127.0.0.1:PORT/postgres
#   bash scripts/pg.sh stop "$DIR"    # stops it and removes the folder
#
# As root, the server runs as the user postgres (created by the package).
# Trust authentication, listening on 127.0.0.1 and a socket in the folder
# only; fsync off (test data, thrown away at stop).
set -euo pipefail

log() { echo "pg.sh: $*" >&2; }

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_pg() {
  log "PostgreSQL not found: installing Debian's postgresql (apt-get)"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  local bin dir port
  bin=$(pg_bin || true)
  if [ -z "$bin" ]; then
    install_pg
    bin=$(pg_bin)
  fi
  dir=$(mktemp -d /tmp/leadscore-pg.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  port=55432
  while ! port_free "$port"; do port=$((port + 1)); done
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2 || {
    cat "$dir/server.log" >&2
    exit 1
  }
  echo "$bin" >"$dir/bin"
  echo "postgres://postgres@127.0.0.1:$port/postgres" >"$dir/url"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port, data $dir/data"
  echo "$dir"
}

stop() {
  local dir=${1:?usage: pg.sh stop DIR}
  [ -f "$dir/bin" ] || { log "nothing to stop in $dir"; return 0; }
  as_owner "$(cat "$dir/bin")/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  case "$dir" in /tmp/leadscore-pg.*) rm -rf "$dir" ;; esac
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *)
    echo "usage: bash scripts/pg.sh start | stop DIR" >&2
    exit 2
    ;;
esac
