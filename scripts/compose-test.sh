#!/usr/bin/env bash
# Runs compose.yaml end to end with the images `pnpm images` built (taskbot/<name>:local), twice: on
# PostgreSQL, then with `--profile mysql`. Each run: everything up and healthy, `/add` through the
# sandbox chat answered with the task card; on PostgreSQL also the command worker restarted and
# `/tasks` still showing the task, each service as uid 1000 under tini (PID 1) with a healthy
# HEALTHCHECK, the queue commands in the workers and the ops app, the operations page answering with
# the admin token (and reading the gateway) and refusing without it, and SIGTERM stopping each service
# within 10 s with exit code 0. Then `docker compose down -v`. Ends with "N passed, N failed" (also appended as a JSON
# line to $TEST_SUMMARY_FILE when set).
#
# With a Docker engine, `docker compose` as it is. Without one: Podman's Docker-compatible API
# (`podman system service`), Docker Compose v2 from Debian trixie, something that runs `podman
# healthcheck run` every few seconds (Podman's timed checks need systemd), and where Docker Hub is out
# of reach, stand-ins for the servers (scripts/stand-in-images.sh servers). Host ports are moved to
# 17xxx so as not to meet the machine's own servers.
set -uo pipefail
source "$(dirname "$0")/containers-env.sh"
cd "$TASKBOT_ROOT"

LOGS=$TASKBOT_ROOT/.test-results/compose
mkdir -p "$LOGS"
PROJECT=taskbot-compose-test
SANDBOX_URL=http://127.0.0.1:17090
SERVICES=(gateway command-worker callback-worker ops sandbox)
ADMIN_TOKEN=compose-test-admin-token-$$-0123456789
OPS_URL=http://127.0.0.1:17093

SUITE=compose

engine=$(taskbot_engine)
say "== compose test, engine: $engine"
pids=()
cleanup() {
  compose down -v --remove-orphans >/dev/null 2>&1 || true
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# The environment compose sees: none of the caller's (CI exports DATABASE_URL and the like), the
# images and host ports below, no .env.
declare -A VARS=(
  [POSTGRES_HOST_PORT]=17432 [REDIS_HOST_PORT]=17379 [RABBITMQ_HOST_PORT]=17672
  [RABBITMQ_MANAGEMENT_HOST_PORT]=17673 [MYSQL_HOST_PORT]=17306 [SANDBOX_HOST_PORT]=17090
  [GATEWAY_HOST_PORT]=17080 [GATEWAY_ADMIN_HOST_PORT]=17091 [OPS_HOST_PORT]=17093
  # The admin listeners (and the operations page) answer from outside their containers only with it.
  [ADMIN_TOKEN]=$ADMIN_TOKEN
  # One port each, not a range: Podman's Docker API refuses host port ranges.
  [COMMAND_WORKER_ADMIN_HOST_PORTS]=17100 [CALLBACK_WORKER_ADMIN_HOST_PORTS]=17110
)
: >"$LOGS/empty.env"

taskbot_need_compose
if [ "$engine" = buildah ]; then
  taskbot_need_tools
  taskbot_configure_containers
  export DOCKER_CONFIG=${DOCKER_CONFIG:-$TASKBOT_CONTAINERS_STATE/docker}
  socket=$TASKBOT_CONTAINERS_RUN/podman.sock
  rm -f "$socket"
  podman system service --time=0 "unix://$socket" >"$LOGS/podman-service.log" 2>&1 &
  pids+=($!)
  export DOCKER_HOST=unix://$socket
  for _ in $(seq 50); do docker version >/dev/null 2>&1 && break; sleep 0.2; done
  check "Podman's Docker API answers" docker version --format 'Docker API: {{.Server.Version}} (podman)' || finish
  # Podman runs timed health checks through systemd, absent here: run them every 3 s instead.
  (
    while sleep 3; do
      for id in $(podman ps -q --filter "label=com.docker.compose.project=$PROJECT" 2>/dev/null); do
        podman healthcheck run "$id" >/dev/null 2>&1 || true
      done
    done
  ) &
  pids+=($!)
fi
# (A Docker engine pulls the servers' images from its own registry.)
if [ "$engine" = buildah ] && ! taskbot_docker_hub_reachable; then
  say "Docker Hub does not answer: the servers run from local stand-ins"
  stand_ins=$(bash scripts/stand-in-images.sh servers)
  check "stand-ins for the servers built (scripts/stand-in-images.sh servers)" [ -n "$stand_ins" ] || finish
  while IFS='=' read -r name value; do [ -z "$name" ] || VARS[$name]=$value; done <<<"$stand_ins"
fi
compose_env=(PATH="$PATH" HOME="$HOME" COMPOSE_PROJECT_NAME=$PROJECT)
for name in "${!VARS[@]}"; do compose_env+=("$name=${VARS[$name]}"); done
for name in DOCKER_HOST DOCKER_CONFIG; do [ -z "${!name:-}" ] || compose_env+=("$name=${!name}"); done
compose() {
  env -i "${compose_env[@]}" docker compose --env-file "$LOGS/empty.env" -f compose.yaml \
    -f docker/compose.no-pull.yaml "$@"
}
container() { compose ps -a -q "$1" 2>/dev/null | head -1; }

for name in "${SERVICES[@]}" migrate; do
  check "image taskbot/$name:local is there (pnpm images)" docker image inspect "taskbot/$name:local" -f ok >/dev/null
done

# Sends text through the sandbox chat; passes when the bot's reply contains the expected text.
chat() { node scripts/sandbox-say.js "$SANDBOX_URL" "$1" "$2" 60 >>"$LOGS/chat.log" 2>&1; }

healthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$(container "$1")" 2>/dev/null)" = healthy ]; }
wait_healthy() {
  local _
  for _ in $(seq 60); do healthy "$1" && return 0; sleep 2; done
  return 1
}
uid_is_1000() { [ "$(docker exec "$(container "$1")" id -u)" = 1000 ]; }
pid1_is_tini() {
  docker exec "$(container "$1")" cat /proc/1/cmdline | tr '\0' ' ' | grep -q '^/usr/bin/tini -- /app/entrypoint.sh '
}
# SIGTERM, then the time until the container exits and its exit code: within 10 s, code 0.
stops_on_sigterm() {
  local id started code seconds
  id=$(container "$1")
  started=$(date +%s%N)
  docker kill --signal TERM "$id" >/dev/null || return 1
  code=$(timeout 15 docker wait "$id") || return 1
  seconds=$((($(date +%s%N) - started) / 1000000))
  say "       $1: exit code $code after $seconds ms"
  [ "$code" = 0 ] && [ "$seconds" -lt 10000 ]
}
# GET <url> [header]: passes when the answer's status is <status> and its body holds <text> (if given).
answers() { # answers <status> <url> [text] [authorization]
  node -e '
    const [status, url, text, auth] = process.argv.slice(1);
    fetch(url, { headers: auth ? { authorization: auth } : {}, signal: AbortSignal.timeout(10000) })
      .then(async (r) => { const body = await r.text(); process.exit(String(r.status) === status && (!text || body.includes(text)) ? 0 : 1); })
      .catch(() => process.exit(1));
  ' "$@"
}
# The page's live part shows the gateway's warnings section, and no "could not read the gateway".
ops_reads_gateway() {
  answers 200 "$OPS_URL/live" 'Recent warnings and errors' "Bearer $ADMIN_TOKEN" &&
    ! answers 200 "$OPS_URL/live" 'could not read the gateway' "Bearer $ADMIN_TOKEN"
}
mysql_has_task() {
  # shellcheck disable=SC2016 # expanded inside the container, where MYSQL_ROOT_PASSWORD is set
  docker exec "$(container mysql)" sh -c 'MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql -uroot taskbot -N -e "$0"' \
    "select count(*) from tasks where title like 'Buy milk%'" | grep -qx 1
}
migrated() { [ "$(docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$(container migrate)")" = "exited 0" ]; }

run() { # run <label> [compose options...]
  local label=$1 started
  shift
  say ""
  say "== $label: up"
  started=$(now)
  if compose "$@" up -d --no-build --wait --wait-timeout 300 >"$LOGS/$label-up.log" 2>&1; then
    check "$label: every service up and healthy in $(($(now) - started)) s" true
  else
    tail -20 "$LOGS/$label-up.log" >&2
    check "$label: every service up and healthy (see .test-results/compose/$label-up.log)" false
  fi
  check "$label: migrate exited 0" migrated
  check "$label: /add through the sandbox chat gives the task card" chat '/add Buy milk tomorrow 18:00' 'Buy milk'
}

down() { # down <label> [compose options...]
  local label=$1 started
  shift
  compose "$@" logs --no-color >"$LOGS/$label-services.log" 2>&1
  started=$(now)
  if compose "$@" down -v >"$LOGS/$label-down.log" 2>&1; then
    check "$label: docker compose down -v in $(($(now) - started)) s" true
  else
    check "$label: docker compose down -v (see .test-results/compose/$label-down.log)" false
  fi
  check "$label: no container or volume left" left_nothing
}
left_nothing() {
  [ -z "$(docker ps -aq --filter "label=com.docker.compose.project=$PROJECT")" ] &&
    [ -z "$(docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT")" ]
}

: >"$LOGS/chat.log"
run postgres
check "postgres: the task is in PostgreSQL" sh -c \
  "docker exec $(container postgres) psql -U postgres -d taskbot -tAc \"select count(*) from tasks where title like 'Buy milk%'\" | grep -qx 1"
say "== postgres: command worker restarted"
compose restart command-worker >>"$LOGS/postgres-up.log" 2>&1
check "postgres: command worker healthy again after a restart" wait_healthy command-worker
check "postgres: /tasks after the restart shows the task" chat /tasks 'Buy milk'
for service in "${SERVICES[@]}"; do
  check "$service: runs as uid 1000" uid_is_1000 "$service"
  check "$service: tini is PID 1" pid1_is_tini "$service"
  check "$service: HEALTHCHECK healthy" healthy "$service"
done
check "ops: the operations page answers with the admin token" \
  answers 200 "$OPS_URL/?token=$ADMIN_TOKEN" '<h1>Taskbot operations</h1>'
check "ops: ... and refuses without it" answers 401 "$OPS_URL/"
check "ops: ... and with a wrong one" answers 401 "$OPS_URL/live" '' 'Bearer not-the-admin-token-000000'
check "ops: it reads the gateway's admin listener (its warnings, its throughput)" ops_reads_gateway
check "ops: queue depths in its /metrics" answers 200 "$OPS_URL/metrics" 'taskbot_queue_messages{' "Bearer $ADMIN_TOKEN"
check "gateway: no /metrics on the public port, even with the token" \
  answers 404 http://127.0.0.1:17080/metrics '' "Bearer $ADMIN_TOKEN"
for worker in command-worker callback-worker ops; do
  check "$worker: \`queue status\` and \`queue failed\` run inside it" sh -c \
    "docker exec $(container "$worker") queue status >>'$LOGS/queue.log' 2>&1 && docker exec $(container "$worker") queue failed >>'$LOGS/queue.log' 2>&1"
done
for service in ops gateway callback-worker command-worker sandbox; do
  check "$service: SIGTERM stops it within 10 s, exit code 0" stops_on_sigterm "$service"
done
down postgres

run mysql --profile mysql
check "mysql: the task is in MySQL" mysql_has_task
down mysql --profile mysql

finish
