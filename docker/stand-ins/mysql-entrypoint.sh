#!/bin/sh
set -eu
mkdir -p /var/lib/mysql /run/mysqld
chown mysql:mysql /var/lib/mysql /run/mysqld
if [ ! -d /var/lib/mysql/mysql ]; then
  mariadb-install-db --user=mysql --datadir=/var/lib/mysql --auth-root-authentication-method=normal \
    --skip-test-db >/dev/null
fi
[ "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" = yes ] || { echo "this stand-in supports MYSQL_ALLOW_EMPTY_PASSWORD=yes only" >&2; exit 1; }
# Run at every start, before the server accepts connections; each statement is idempotent.
{
  [ -z "${MYSQL_DATABASE:-}" ] || echo "CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;"
  echo "CREATE USER IF NOT EXISTS 'root'@'%';"
  echo "GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;"
} >/run/mysqld/init.sql
chown mysql:mysql /run/mysqld/init.sql
if [ "$1" = mariadbd ]; then
  shift
  exec mariadbd --user=mysql --datadir=/var/lib/mysql --bind-address=0.0.0.0 --skip-name-resolve \
    --init-file=/run/mysqld/init.sql "$@"
fi
exec "$@"
