#!/usr/bin/env bash
# Runs the Spoq Cloud platform on http://localhost:9080 (embedded PostgreSQL unless SPOQ_DB_URL is set).
# With a Docker engine (installed and started here when run as root on Debian/Ubuntu), claimed
# addresses get real containers on a one-node Swarm. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -eq 0 ] && bash scripts/install-docker.sh && bash scripts/start-docker.sh; then
  export SPOQ_CONTAINER_IMAGE="${SPOQ_CONTAINER_IMAGE:-$(bash user-image/build.sh | tail -n 1)}"
  export SPOQ_DOCKER_NODE_ADDRESS="${SPOQ_DOCKER_NODE_ADDRESS:-127.0.0.1}"
else
  echo "No Docker engine: the platform runs, but computers stay 'failed' until one is reachable at spoq.docker.host." >&2
fi
mvn -B -q -DskipTests install
cd ear
exec mvn -B liberty:run
