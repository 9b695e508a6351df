#!/bin/sh
set -eu
mkdir -p /var/lib/mysql /run/mysqld
chown mysql:mysql /var/lib/mysql /run/mysqld
if [ ! -d /var/lib/mysql/mysql ]; then
  mariadb-install-db --user=mysql --datadir=/var/lib/mysql --auth-root-authentication-method=normal \
    --skip-test-db >/dev/null
fi
# root's password, as the official image takes it: MYSQL_ROOT_PASSWORD, or none with
# MYSQL_ALLOW_EMPTY_PASSWORD=yes.
if [ -n "${MYSQL_ROOT_PASSWORD:-}" ]; then
  password=$(printf %s "$MYSQL_ROOT_PASSWORD" | sed "s/'/''/g")
elif [ "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" = yes ]; then
  password=
else
  echo "set MYSQL_ROOT_PASSWORD (or MYSQL_ALLOW_EMPTY_PASSWORD=yes)" >&2
  exit 1
fi
# Run at every start, before the server accepts connections; each statement is idempotent.
{
  [ -z "${MYSQL_DATABASE:-}" ] || echo "CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;"
  echo "CREATE USER IF NOT EXISTS 'root'@'%';"
  echo "ALTER USER 'root'@'%' IDENTIFIED BY '$password';"
  echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$password';"
  echo "GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;"
} >/run/mysqld/init.sql
chmod 600 /run/mysqld/init.sql
chown mysql:mysql /run/mysqld/init.sql
if [ "$1" = mariadbd ]; then
  shift
  exec mariadbd --user=mysql --datadir=/var/lib/mysql --bind-address=0.0.0.0 --skip-name-resolve \
    --init-file=/run/mysqld/init.sql "$@"
fi
exec "$@"
