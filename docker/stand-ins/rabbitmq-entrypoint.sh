#!/bin/sh
set -eu
mkdir -p /var/lib/rabbitmq
chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
# The server as the rabbitmq user, exec'd: Debian's /usr/sbin/rabbitmq-server would switch user with
# runuser, which stays as the parent and keeps SIGTERM from the server. (Its rabbitmq-diagnostics,
# used by the health check, switches to that user itself.)
if [ "$1" = rabbitmq-server ]; then
  shift
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
fi
exec "$@"
