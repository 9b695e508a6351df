# shellcheck shell=bash
# Sourced by scripts/images.sh, scripts/stand-in-images.sh and scripts/compose-test.sh: where the
# images are built and run, and the configuration of Podman and Buildah on a machine without a Docker
# engine (the settings below say why each is what it is).
#
#   TASKBOT_CONTAINERS_DIR    the configuration files written here (default .containers/, gitignored)
#   TASKBOT_CONTAINERS_STATE  Podman's and Buildah's images, layers, volumes and the tools fetched
#                             (default /var/lib/taskbot-containers): kept across runs and checkouts,
#                             which is what makes a second build fast
#   TASKBOT_ENGINE            docker or buildah (default: docker when `docker info` answers)

TASKBOT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TASKBOT_CONTAINERS_DIR=${TASKBOT_CONTAINERS_DIR:-$TASKBOT_ROOT/.containers}
TASKBOT_CONTAINERS_STATE=${TASKBOT_CONTAINERS_STATE:-/var/lib/taskbot-containers}
TASKBOT_CONTAINERS_RUN=${TASKBOT_CONTAINERS_RUN:-/run/taskbot-containers}
# The images Docker Hub would give; replaced by local stand-ins where it is out of reach.
NODE_IMAGE=${NODE_IMAGE:-node:22-bookworm-slim}
STAND_IN_PREFIX=localhost/taskbot-stand-in

say() { printf '%s\n' "$*" >&2; }

# The checks of a script that tests images or containers: `check <description> <command...>` counts
# and prints each, `finish` prints "$SUITE: N passed, N failed", adds the counts to
# $TEST_SUMMARY_FILE (for .ci/run's total) and exits non-zero unless all passed.
passed=0
failed=0
check() {
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1)) && say "  ok   $what"
  else
    failed=$((failed + 1)) && say "  FAIL $what" && return 1
  fi
}
finish() {
  say ""
  echo "$SUITE: $passed passed, $failed failed"
  if [ -n "${TEST_SUMMARY_FILE:-}" ]; then
    printf '{"cwd":"%s","suite":"%s","passed":%d,"failed":%d}\n' "$TASKBOT_ROOT" "$SUITE" "$passed" "$failed" >>"$TEST_SUMMARY_FILE"
  fi
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}
die() { say "error: $*"; exit 1; }
now() { date +%s; }

# docker when a Docker engine answers, else buildah (and podman to run what it built).
taskbot_engine() {
  if [ -n "${TASKBOT_ENGINE:-}" ]; then echo "$TASKBOT_ENGINE"; return; fi
  if command -v docker >/dev/null 2>&1 && timeout 15 docker info >/dev/null 2>&1; then echo docker; else echo buildah; fi
}

# Installs what is missing of Debian's container tools, saying what it does.
taskbot_need_tools() {
  local missing=() tool package
  for tool in buildah:buildah podman:podman skopeo:skopeo runc:runc debootstrap:debootstrap \
    /usr/lib/podman/netavark:netavark /usr/lib/podman/aardvark-dns:aardvark-dns iptables:iptables; do
    package=${tool#*:}
    tool=${tool%%:*}
    command -v "$tool" >/dev/null 2>&1 || [ -x "$tool" ] || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing with apt-get: ${missing[*]}"
  [ "$(id -u)" = 0 ] || die "run as root (or install ${missing[*]} first)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" uidmap slirp4netns; } >&2 || die "could not install ${missing[*]}"
}

# Writes the configuration Podman and Buildah need here and exports the variables that select it.
taskbot_configure_containers() {
  local nofile
  mkdir -p "$TASKBOT_CONTAINERS_DIR" "$TASKBOT_CONTAINERS_STATE" "$TASKBOT_CONTAINERS_RUN"
  # Podman's default ulimits are above what this machine lets a process set.
  nofile=$(ulimit -Hn)
  [ "$nofile" = unlimited ] && nofile=65536
  [ "$nofile" -gt 65536 ] && nofile=65536
  cat >"$TASKBOT_CONTAINERS_DIR/containers.conf" <<CONF
# Written by scripts/containers-env.sh: runc (crun refuses hybrid cgroups), cgroupfs and a file for
# events (no systemd), ulimits this machine allows.
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=4096:4096"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$TASKBOT_CONTAINERS_RUN/tmp"

[network]
network_backend = "netavark"
network_config_dir = "$TASKBOT_CONTAINERS_STATE/networks"
CONF
  # overlay where the kernel mounts it on this file system (layers then hold only their changes),
  # else vfs, which copies the whole file system for every layer and container: slower and many
  # times the disk. Each driver keeps its own store.
  local driver=${TASKBOT_STORAGE_DRIVER:-}
  if [ -z "$driver" ]; then
    if taskbot_overlay_works; then driver=overlay; else driver=vfs; fi
  fi
  cat >"$TASKBOT_CONTAINERS_DIR/storage.conf" <<CONF
# Written by scripts/containers-env.sh: the $driver driver (see there).
[storage]
driver = "$driver"
graphroot = "$TASKBOT_CONTAINERS_STATE/storage-$driver"
runroot = "$TASKBOT_CONTAINERS_RUN/storage-$driver"
CONF
  cat >"$TASKBOT_CONTAINERS_DIR/registries.conf" <<CONF
# Written by scripts/containers-env.sh: a short name such as node:22-bookworm-slim means Docker Hub's.
unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"
CONF
  export CONTAINERS_CONF=$TASKBOT_CONTAINERS_DIR/containers.conf
  export CONTAINERS_STORAGE_CONF=$TASKBOT_CONTAINERS_DIR/storage.conf
  export CONTAINERS_REGISTRIES_CONF=$TASKBOT_CONTAINERS_DIR/registries.conf
}

# True when the kernel mounts an overlay file system in the state directory.
taskbot_overlay_works() {
  local dir ok=1
  dir=$(mktemp -d "$TASKBOT_CONTAINERS_STATE/overlay-probe.XXXXXX") || return 1
  mkdir -p "$dir/lower" "$dir/upper" "$dir/work" "$dir/merged"
  if mount -t overlay overlay -o "lowerdir=$dir/lower,upperdir=$dir/upper,workdir=$dir/work" "$dir/merged" 2>/dev/null; then
    umount "$dir/merged" && ok=0
  fi
  rm -rf "$dir"
  return $ok
}

# True when Docker Hub answers for the Node image within a few seconds.
taskbot_docker_hub_reachable() {
  if [ "${TASKBOT_DOCKER_HUB:-}" = no ]; then return 1; fi
  timeout 25 skopeo inspect --retry-times 0 --raw "docker://docker.io/library/$NODE_IMAGE" >/dev/null 2>&1
}

# True when an image of that name is in the local store.
taskbot_image_exists() {
  case "$(taskbot_engine)" in
    docker) docker image inspect "$1" >/dev/null 2>&1 ;;
    *) buildah inspect --type image "$1" >/dev/null 2>&1 ;;
  esac
}

# The Debian mirror (or with debian-security, the security mirror) the machine's apt sources name.
taskbot_apt_uri() {
  { cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list /etc/apt/sources.list 2>/dev/null || true; } |
    { grep -oE "https?://[^ ]+/$1/?( |\$)" || true; } | head -1 | tr -d ' '
}

# Docker Compose v2 for the docker client: the machine's own if it has one, else the static binary of
# Debian trixie's docker-compose package (bookworm has none), fetched with apt without touching the
# machine's apt sources and kept in $TASKBOT_CONTAINERS_STATE/docker/cli-plugins.
taskbot_need_compose() {
  if docker compose version >/dev/null 2>&1; then return 0; fi
  export DOCKER_CONFIG=$TASKBOT_CONTAINERS_STATE/docker
  local plugin=$DOCKER_CONFIG/cli-plugins/docker-compose work mirror
  if [ -x "$plugin" ] && docker compose version >/dev/null 2>&1; then return 0; fi
  work=$TASKBOT_CONTAINERS_STATE/apt-trixie
  mirror=${DEBIAN_MIRROR:-$(taskbot_apt_uri debian)}
  [ -n "$mirror" ] || die "no Debian mirror in /etc/apt/sources.list.d/ (set DEBIAN_MIRROR)"
  say "fetching docker-compose (Docker Compose v2) from Debian trixie at $mirror, apt sources untouched"
  rm -rf "$work" && mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/deb"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$work/sources.list"
  local apt=(apt-get -qq -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache")
  "${apt[@]}" update >&2 || die "apt-get update of trixie failed"
  (cd "$work/deb" && "${apt[@]}" download docker-compose >&2) || die "could not download docker-compose"
  dpkg-deb -x "$work"/deb/docker-compose_*.deb "$work/x"
  install -D -m 755 "$work/x/usr/libexec/docker/cli-plugins/docker-compose" "$plugin"
  rm -rf "$work"
  docker compose version >&2 || die "docker compose does not run"
}
