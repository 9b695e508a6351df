#!/usr/bin/env bash
# Makes sure PostgreSQL, MariaDB, Redis and RabbitMQ answer on their local ports, starting any that
# is down with the machine's own start command, and waits until each accepts connections.
set -u

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local name=$1 port=$2 seconds=${3:-90}
  for _ in $(seq "$seconds"); do
    port_open "$port" && { echo "$name is up on $port"; return 0; }
    sleep 1
  done
  echo "$name did not come up on port $port"
  return 1
}

ensure() {
  local name=$1 port=$2 start=$3
  if ! port_open "$port"; then
    echo "starting $name"
    bash -c "$start" >/dev/null 2>&1 || true
  fi
  wait_port "$name" "$port"
}

ok=0
ensure PostgreSQL 5432 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' || ok=1
ensure MariaDB 3306 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd' || ok=1
ensure Redis 6379 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no' || ok=1
ensure RabbitMQ 5672 'rabbitmq-server -detached' || ok=1
if port_open 5672; then rabbitmqctl await_startup >/dev/null 2>&1 || true; fi
exit $ok
