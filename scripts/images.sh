#!/usr/bin/env bash
# `pnpm images [name ...]`: builds the project's images from docker/Dockerfile, tagged
# taskbot/<name>:$TASKBOT_IMAGE_TAG (default `local`, the tags compose.yaml runs):
#   gateway, command-worker, callback-worker, ops, sandbox (target service), migrate (target migrate).
# With `docker build` where a Docker engine answers, else with Buildah (installed from Debian's
# packages when missing). Where Docker Hub is out of reach, the Node base is a local stand-in made
# first (scripts/stand-in-images.sh node, kept for the next run). Then checks each image's settings
# and ends with "N passed, N failed" (also appended as a JSON line to $TEST_SUMMARY_FILE when set).
#   NODE_IMAGE=...   another Debian-based Node 22 base (default node:22-bookworm-slim)
set -uo pipefail
source "$(dirname "$0")/containers-env.sh"
cd "$TASKBOT_ROOT"

TAG=${TASKBOT_IMAGE_TAG:-local}
ALL=(gateway command-worker callback-worker ops sandbox migrate)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${ALL[@]}")
LOGS=$TASKBOT_ROOT/.test-results/images
mkdir -p "$LOGS"
RESULTS=$LOGS/results.tsv
: >"$RESULTS"

app_of() { case "$1" in migrate) echo @taskbot/db ;; sandbox | ops) echo "@taskbot/$1" ;; *) echo "$1" ;; esac; }
target_of() { case "$1" in migrate) echo migrate ;; *) echo service ;; esac; }

SUITE=images

engine=$(taskbot_engine)
base=$NODE_IMAGE
say "== images: ${names[*]} (tag $TAG), engine: $engine"
if [ "$engine" = docker ]; then
  build() { nice -n 10 docker build "$@"; }
  inspect() { docker image inspect --format "$2" "$1"; }
  run="docker run --no-healthcheck"
  healthcheck_field='{{json .Config.Healthcheck}}'
else
  taskbot_need_tools
  taskbot_configure_containers
  if [[ "$NODE_IMAGE" == */* ]]; then
    say "base: $NODE_IMAGE (given)"
  elif taskbot_docker_hub_reachable; then
    base=docker.io/library/$NODE_IMAGE
    say "base: $base (Docker Hub answers)"
  elif taskbot_image_exists "localhost/$NODE_IMAGE"; then
    base=localhost/$NODE_IMAGE
    say "base: Docker Hub does not answer; the stand-in $base, made earlier"
  else
    say "base: Docker Hub does not answer; making the stand-in localhost/$NODE_IMAGE"
    bash "$TASKBOT_ROOT/scripts/stand-in-images.sh" node || { failed=$((failed + 1)); finish; }
    base=localhost/$NODE_IMAGE
  fi
  build() {
    nice -n 10 buildah bud --isolation chroot --network host --layers --format docker "$@"
  }
  inspect() { podman image inspect --format "$2" "$1"; }
  run="podman run --no-healthcheck"
  healthcheck_field='{{json .HealthCheck}}'
fi

total_started=$(now)
for name in "${names[@]}"; do
  case " ${ALL[*]} " in *" $name "*) ;; *) say "unknown image $name (one of ${ALL[*]})"; failed=$((failed + 1)); continue ;; esac
  image=taskbot/$name:$TAG
  target=$(target_of "$name")
  say ""
  say "== $image (APP=$(app_of "$name"), target $target); log: .test-results/images/$name.log"
  started=$(now)
  if build --build-arg NODE_IMAGE="$base" --build-arg APP="$(app_of "$name")" --target "$target" \
    -f docker/Dockerfile -t "$image" . >"$LOGS/$name.log" 2>&1; then
    seconds=$(($(now) - started))
    bytes=$(inspect "$image" '{{.Size}}' 2>/dev/null || echo 0)
    check "$image built in $seconds s, $((bytes / 1000000)) MB" true
    printf '%s\t%s\t%s\n' "$name" "$seconds" "$bytes" >>"$RESULTS"
  else
    tail -30 "$LOGS/$name.log" >&2
    check "$image built (see .test-results/images/$name.log)" false
    continue
  fi
  # What the image itself says: the user, tini as PID 1, the health check only on the services.
  config=$(inspect "$image" '{{json .Config}}' 2>/dev/null || echo '{}')
  # Podman shows the health check beside the (OCI) config, Docker inside it.
  healthcheck=$(inspect "$image" "$healthcheck_field" 2>/dev/null || echo null)
  check "$name runs as node under /usr/bin/tini" \
    node -e 'const c = JSON.parse(process.argv[1]); process.exit(c.User === "node" && c.Entrypoint?.[0] === "/usr/bin/tini" ? 0 : 1)' "$config"
  if [ "$target" = service ]; then
    check "$name has a HEALTHCHECK" node -e 'const h = JSON.parse(process.argv[1]); process.exit(h?.Test?.length ? 0 : 1)' "$healthcheck"
  fi
  case "$name" in
    command-worker | callback-worker | ops)
      check "$name runs \`queue help\` (apps/ops' queue-cli.js, in /app/ops or the ops app's /app)" \
        sh -c "$run --rm --network none \"\$0\" queue help | grep -q 'retry <id'" "$image" ;;
  esac
done
say ""
say "built in $(($(now) - total_started)) s; sizes and times in .test-results/images/results.tsv"
finish
