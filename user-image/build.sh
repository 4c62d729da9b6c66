#!/usr/bin/env bash
# Builds the Spoq user container image and pushes it to the local registry. Run as root on a machine
# where scripts/install-docker.sh and scripts/start-docker.sh ran:
#
#   bash user-image/build.sh                 # -> 127.0.0.1:5000/spoq/user:<hash>
#   BASE=ubuntu:22.04 bash user-image/build.sh
#
# 1. base: unless BASE is given, a Debian 12 minbase with the packages of packages.txt, made by
#    mmdebstrap and `docker import`ed as spoq/base:<hash> (hash of the package list and the mmdebstrap
#    arguments); skipped when that image exists. No image is pulled from any registry.
# 2. image: `docker build` of this folder as spoq/user:<hash> (hash of the files the build copies:
#    Dockerfile, packages.txt, rootfs/, stubs/, bin/*, and of the base image); skipped when it exists.
# 3. push: tagged $SPOQ_REGISTRY/spoq/user:<hash> and :latest and pushed; skipped when the registry
#    already has both.
# 4. system names: the image's users and groups, sorted, written to user-image/system-names.txt (the
#    control plane refuses them as profile names; ejb-module packs that file). Rewritten only when
#    they changed: commit the new file with the image change that caused it.
# The image reference is the last line of stdout (progress goes to stderr) and is written to
# user-image/target/image-ref.
#
# Environment: BASE, INSTALL_PACKAGES (auto|1|0, see the Dockerfile), SPOQ_REGISTRY (127.0.0.1:5000),
# SPOQ_DEBIAN_MIRROR (http://deb.debian.org/debian), SPOQ_DEBIAN_SECURITY_MIRROR
# (http://deb.debian.org/debian-security), SPOQ_BASE_SALT (any text: change it, e.g. to a date, to
# rebuild the base with newer packages from the mirror under a new hash).
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
DOCKER=docker; [ -x /usr/bin/docker ] && DOCKER=/usr/bin/docker   # Debian's CLI, same API as dockerd
export DOCKER_BUILDKIT=0                                           # the classic builder: no buildx needed
REGISTRY=${SPOQ_REGISTRY:-127.0.0.1:5000}
MIRROR=${SPOQ_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${SPOQ_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
SUITE=bookworm
BASE=${BASE:-}
INSTALL_PACKAGES=${INSTALL_PACKAGES:-auto}
HASH_LEN=16

log() { echo "build: $*" >&2; }
die() { echo "build: $*" >&2; exit 1; }
sha() { sha256sum | cut -c1-"$HASH_LEN"; }
image_exists() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

[ "$(id -u)" -eq 0 ] || [ -w /var/run/docker.sock ] || die "run as root (or with access to the docker socket)"
"$DOCKER" info >/dev/null 2>&1 || die "docker does not answer: run scripts/start-docker.sh first"
start=$(date +%s)

# ---- 1. base image --------------------------------------------------------------------------------
if [ -z "$BASE" ]; then
  command -v mmdebstrap >/dev/null || die "mmdebstrap missing: run scripts/install-docker.sh first"
  packages=$(sed -e 's/#.*//' "$here/packages.txt" | tr -s ' \n' '\n' | grep . | sort -u | paste -sd, -)
  # shellcheck disable=SC2016 # "$1" is for mmdebstrap's hook shell (the chroot directory)
  mmdebstrap_args=(
    --variant=minbase
    --include="$packages"
    --aptopt='Acquire::Languages "none"'
    --aptopt='Acquire::Check-Valid-Until "false"'
    --dpkgopt='path-exclude=/usr/share/doc/*'
    --dpkgopt='path-include=/usr/share/doc/*/copyright'
    --dpkgopt='path-exclude=/usr/share/man/*'
    --dpkgopt='path-exclude=/usr/share/info/*'
    --dpkgopt='path-exclude=/usr/share/locale/*'
    --dpkgopt='path-include=/usr/share/locale/locale.alias'
    --dpkgopt='path-exclude=/usr/share/lintian/*'
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/apt "$1"/var/log/dpkg.log "$1"/etc/ssh/ssh_host_*'
    "$SUITE" -
    "deb $MIRROR $SUITE main"
    "deb $MIRROR $SUITE-updates main"
    "deb $SECURITY_MIRROR $SUITE-security main"
  )
  base_hash=$(printf '%s\n' "${SPOQ_BASE_SALT:-}" "${mmdebstrap_args[@]}" | sha)
  BASE=spoq/base:$base_hash
  if image_exists "$BASE"; then
    log "base $BASE exists: skipped"
  else
    log "base $BASE: mmdebstrap $SUITE with $packages (takes a minute)"
    t=$(date +%s)
    mmdebstrap --quiet "${mmdebstrap_args[@]}" |
      "$DOCKER" import --message "mmdebstrap $SUITE minbase: $packages" - "$BASE" >/dev/null
    log "base $BASE built in $(( $(date +%s) - t )) s"
  fi
  "$DOCKER" tag "$BASE" spoq/base:latest   # the Dockerfile's default BASE
else
  if ! image_exists "$BASE"; then
    log "pulling base $BASE"
    "$DOCKER" pull "$BASE" >&2
  fi
  [ "$INSTALL_PACKAGES" != auto ] || log "base $BASE: packages.txt entries it lacks are installed with apt"
fi
base_id=$("$DOCKER" image inspect --format '{{.Id}}' "$BASE")

# ---- 2. user image --------------------------------------------------------------------------------
# Exactly the files the build copies (see .dockerignore), with their mode, plus the base and args.
image_hash=$(
  cd "$here"
  {
    echo "base $BASE $base_id"
    echo "install-packages $INSTALL_PACKAGES"
    find Dockerfile packages.txt rootfs stubs bin -type f ! -name .gitkeep ! -name .gitignore -print0 |
      sort -z | xargs -0 -r stat -c '%a %n' | while read -r mode file; do
        echo "$mode $(sha256sum <"$file" | cut -d' ' -f1) $file"
      done
  } | sha
)
IMAGE=spoq/user:$image_hash
if image_exists "$IMAGE"; then
  log "image $IMAGE exists: skipped"
else
  log "image $IMAGE: docker build from $BASE"
  t=$(date +%s)
  "$DOCKER" build --pull=false \
    --build-arg BASE="$BASE" --build-arg INSTALL_PACKAGES="$INSTALL_PACKAGES" \
    --label dev.spoq.image.hash="$image_hash" --label dev.spoq.image.base="$BASE" \
    -t "$IMAGE" "$here" >&2
  log "image $IMAGE built in $(( $(date +%s) - t )) s"
fi

# ---- 3. registry ----------------------------------------------------------------------------------
REF=$REGISTRY/spoq/user:$image_hash
LATEST=$REGISTRY/spoq/user:latest
"$DOCKER" tag "$IMAGE" "$REF"
"$DOCKER" tag "$IMAGE" "$LATEST"
registry_digest() {   # the manifest digest the registry holds for tag $1 (empty when none / unknown)
  curl -fsSI -m 5 \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/spoq/user/manifests/$1" 2>/dev/null |
    tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }' || true
}
pushed=$(registry_digest "$image_hash")
if [ -n "$pushed" ] && [ "$pushed" = "$(registry_digest latest)" ]; then
  log "registry has $REF (= latest): push skipped"
else
  log "pushing $REF and :latest"
  t=$(date +%s)
  "$DOCKER" push "$REF" >&2
  "$DOCKER" push "$LATEST" >&2
  log "pushed in $(( $(date +%s) - t )) s"
fi

# ---- 4. system names ------------------------------------------------------------------------------
names_file=$here/system-names.txt
names=$(
  echo "# Users and groups of the user image (written by user-image/build.sh): never profile names."
  "$DOCKER" run --rm --network none --entrypoint cut "$IMAGE" -d: -f1 /etc/passwd /etc/group | sort -u
)
if [ "$names" != "$(cat "$names_file" 2>/dev/null)" ]; then
  printf '%s\n' "$names" >"$names_file"
  log "system names changed: $names_file rewritten (commit it)"
fi

mkdir -p "$here/target"
echo "$REF" >"$here/target/image-ref"
log "done in $(( $(date +%s) - start )) s; image size $("$DOCKER" image inspect --format '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
echo "$REF"
