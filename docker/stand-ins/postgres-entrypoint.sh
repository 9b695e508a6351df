#!/bin/sh
# First start: a cluster in $PGDATA that accepts every host with POSTGRES_HOST_AUTH_METHOD (by default
# scram-sha-256, with POSTGRES_PASSWORD as the postgres user's password), and the database
# POSTGRES_DB. Then the server as the postgres user.
set -eu
mkdir -p "$PGDATA" /run/postgresql
chown postgres:postgres "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  runuser -u postgres -- initdb -D "$PGDATA" -U postgres --auth=trust >/dev/null
  echo "host all all all ${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  runuser -u postgres -- pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  if [ -n "${POSTGRES_DB:-}" ] && [ "$POSTGRES_DB" != postgres ]; then
    runuser -u postgres -- createdb "$POSTGRES_DB"
  fi
  # The password network clients must give (scram-sha-256 above), as the official image sets it.
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then
    printf "ALTER USER postgres PASSWORD '%s';\n" "$(printf %s "$POSTGRES_PASSWORD" | sed "s/'/''/g")" |
      runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -d postgres >/dev/null
  fi
  runuser -u postgres -- pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "initialized $PGDATA"
fi
# setpriv execs (runuser would stay as the parent and keep the stop signal from the server).
if [ "$1" = postgres ]; then exec setpriv --reuid=postgres --regid=postgres --init-groups "$@"; fi
exec "$@"
