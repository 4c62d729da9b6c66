#!/usr/bin/env bash
# Installs what the user container image and the Swarm tests need, when it is missing (Debian 12 /
# Ubuntu; needs root or sudo): Debian's Docker Engine (dockerd, 20.10), mmdebstrap (builds the base
# image from Debian packages, since no image can be pulled here), Debian's docker-registry (the local
# registry Swarm tasks pull from), iptables (dockerd's networking) and the OpenSSH client.
# Idempotent: runs `apt-get update` only when something is missing; does nothing otherwise.
set -euo pipefail

missing=()
# Check dockerd, not docker: a stand-alone docker CLI may already be on PATH without an engine.
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
[ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
command -v iptables >/dev/null 2>&1 || missing+=(iptables)
command -v ssh >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
command -v curl >/dev/null 2>&1 || missing+=(curl)
# the daily backups: restic, and pg_dump for the platform's database (Debian 12's client, 15, dumps the
# embedded server, 14, and any older one); fsfreeze (util-linux) freezes a disk while it is copied
command -v restic >/dev/null 2>&1 || missing+=(restic)
command -v pg_dump >/dev/null 2>&1 || missing+=(postgresql-client)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-docker: nothing to install (dockerd, mmdebstrap, docker-registry, iptables, ssh, curl, restic, pg_dump present)"
  exit 0
fi

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-docker: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The package's own service would start a registry with htpasswd auth on :5000 where an init system
# exists; there is none here, and start-docker.sh runs its own registry without auth.
echo "install-docker: done"
