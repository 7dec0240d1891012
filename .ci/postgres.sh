# shellcheck shell=bash
# Sourced by .ci/test: starts a throwaway PostgreSQL cluster for the tests in
# a temporary directory, on a free local port, and stops and removes it when
# the calling shell exits. It exports RUNCLUB_TEST_POSTGRES_DSN, which the
# PostgreSQL tests read (they fail, never skip, when it is missing).
#
# It needs the PostgreSQL server binaries (Debian: apt-get install
# postgresql; .ci/run installs them). initdb refuses to run as root, so as
# root the cluster runs as the postgres user.

pg_bin=""
for d in "${RUNCLUB_PG_BIN:-}" /usr/lib/postgresql/*/bin; do
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then pg_bin=$d; fi
done
if [ -z "$pg_bin" ] && command -v initdb >/dev/null 2>&1; then pg_bin=$(dirname "$(command -v initdb)"); fi
if [ -z "$pg_bin" ]; then
  echo "postgres.sh: no PostgreSQL server binaries (initdb, pg_ctl). Install them (Debian: apt-get install postgresql) or set RUNCLUB_PG_BIN." >&2
  return 1
fi

pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/runclub-pg.XXXXXX")
as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  chown postgres "$pg_dir"
  as_pg() { runuser -u postgres -- "$@"; }
fi

pg_stop() {
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap pg_stop EXIT

as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 ||
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C >"$pg_dir/initdb.log" 2>&1 ||
  { cat "$pg_dir/initdb.log" >&2; return 1; }

# A free port: try random ones until the server starts on one.
pg_port=""
for _ in 1 2 3 4 5 6 7 8 9 10; do
  port=$((20000 + RANDOM % 30000))
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
  if as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $pg_dir -c fsync=off -c max_connections=200" start >/dev/null; then
    pg_port=$port
    break
  fi
done
if [ -z "$pg_port" ]; then
  echo "postgres.sh: PostgreSQL did not start; its log:" >&2
  cat "$pg_dir/server.log" >&2
  return 1
fi
export RUNCLUB_TEST_POSTGRES_DSN="postgres://postgres@127.0.0.1:$pg_port/postgres?sslmode=disable"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$pg_port"
