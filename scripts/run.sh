#!/usr/bin/env bash
# Runs the Spoq Cloud platform: the control plane on http://localhost:9080 (embedded PostgreSQL unless
# SPOQ_DB_URL is set) and the SSH gateway on port 2222 (other ports: HTTP_PORT, SPOQ_GATEWAY_PORT, ...;
# scripts/smoke-run.sh starts it that way). With a Docker engine (installed and started
# here when run as root on Debian/Ubuntu), claimed addresses get real containers on a one-node Swarm.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -eq 0 ] && bash scripts/install-docker.sh && bash scripts/start-docker.sh; then
  export SPOQ_CONTAINER_IMAGE="${SPOQ_CONTAINER_IMAGE:-$(bash user-image/build.sh | tail -n 1)}"
  export SPOQ_DOCKER_NODE_ADDRESS="${SPOQ_DOCKER_NODE_ADDRESS:-127.0.0.1}"
else
  echo "No Docker engine: the platform runs, but computers stay 'failed' until one is reachable at spoq.docker.host." >&2
fi
mvn -B -q -DskipTests install

# Everything this platform keeps on this machine (data, secret, logs): ~/.spoq unless SPOQ_HOME says.
spoq_home="${SPOQ_HOME:-$HOME/.spoq}"
mkdir -p "$spoq_home"
export SPOQ_DB_EMBEDDED_DIR="${SPOQ_DB_EMBEDDED_DIR:-$spoq_home/pgdata}"
# The secret shared by the control plane and the gateway: made once, readable by this user only.
export SPOQ_INTERNAL_TOKEN_FILE="${SPOQ_INTERNAL_TOKEN_FILE:-$spoq_home/internal-token}"
if [ ! -s "$SPOQ_INTERNAL_TOKEN_FILE" ]; then
  (umask 077 && head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$SPOQ_INTERNAL_TOKEN_FILE")
fi
export SPOQ_GATEWAY_PORT="${SPOQ_GATEWAY_PORT:-2222}"
export SPOQ_CONTROL_PLANE_URL="${SPOQ_CONTROL_PLANE_URL:-http://127.0.0.1:${HTTP_PORT:-9080}}"
export SPOQ_GATEWAY_PUBLIC_PORT="${SPOQ_GATEWAY_PUBLIC_PORT:-$SPOQ_GATEWAY_PORT}"
export SPOQ_GATEWAY_DATA_DIR="${SPOQ_GATEWAY_DATA_DIR:-$spoq_home/gateway}"
# the gateway writes its upstream public key here; the control plane installs it for every profile
export SPOQ_GATEWAY_UPSTREAM_PUBLIC_KEY_FILE="${SPOQ_GATEWAY_UPSTREAM_PUBLIC_KEY_FILE:-$SPOQ_GATEWAY_DATA_DIR/upstream_ed25519.pub}"

java -jar ssh-gateway/target/spoq-ssh-gateway.jar >>"$spoq_home/gateway.log" 2>&1 &
gateway=$!
echo "SSH gateway on port $SPOQ_GATEWAY_PORT (log: $spoq_home/gateway.log)"
# Liberty runs as a child we wait for, so that Ctrl-C or a TERM to this script stops both processes
# (bash runs a trap only once its foreground child has ended; `wait` returns at once).
(cd ear && exec mvn -B liberty:run) &
liberty=$!
stop() {
  trap - EXIT INT TERM
  kill "$liberty" "$gateway" 2>/dev/null || true
  wait "$liberty" 2>/dev/null || true
}
trap stop EXIT INT TERM
wait "$liberty"
