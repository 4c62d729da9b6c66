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
# Backups (restic): a local repository and its key by default, both kept beside the data; keep a copy of the
# key elsewhere, and set SPOQ_BACKUP_REPOSITORY to another machine or s3:... in production (README, Backups).
export SPOQ_BACKUP_REPOSITORY="${SPOQ_BACKUP_REPOSITORY:-$spoq_home/backups}"
if [ -z "${SPOQ_BACKUP_PASSWORD:-}" ]; then
  export SPOQ_BACKUP_PASSWORD_FILE="${SPOQ_BACKUP_PASSWORD_FILE:-$spoq_home/backup-password}"
  if [ ! -s "$SPOQ_BACKUP_PASSWORD_FILE" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$SPOQ_BACKUP_PASSWORD_FILE")
  fi
fi
export SPOQ_GATEWAY_PORT="${SPOQ_GATEWAY_PORT:-2222}"
export SPOQ_CONTROL_PLANE_URL="${SPOQ_CONTROL_PLANE_URL:-http://127.0.0.1:${HTTP_PORT:-9080}}"
export SPOQ_GATEWAY_PUBLIC_PORT="${SPOQ_GATEWAY_PUBLIC_PORT:-$SPOQ_GATEWAY_PORT}"
# The gateway faces the internet: as root, it runs as the unprivileged system user spoq-gateway, from a
# copy of its jar that only root may change, with its data (host keys, upstream key) in a directory of its
# own under /var/lib/spoq-gateway (root's home is closed to other users).
gateway_user=spoq-gateway
if [ "$(id -u)" -eq 0 ]; then
  if ! id -u "$gateway_user" >/dev/null 2>&1; then
    group=(--user-group)
    getent group "$gateway_user" >/dev/null && group=(--gid "$gateway_user") # a group left by an earlier user
    useradd --system "${group[@]}" --home-dir /var/lib/spoq-gateway --no-create-home --shell /usr/sbin/nologin "$gateway_user"
  fi
  install -d -m 755 -o root -g root /var/lib/spoq-gateway
  export SPOQ_GATEWAY_DATA_DIR="${SPOQ_GATEWAY_DATA_DIR:-/var/lib/spoq-gateway/data}"
  install -d -m 700 -o "$gateway_user" -g "$gateway_user" "$SPOQ_GATEWAY_DATA_DIR"
  gateway_jar=/var/lib/spoq-gateway/spoq-ssh-gateway.jar
  install -m 444 -o root -g root ssh-gateway/target/spoq-ssh-gateway.jar "$gateway_jar"
  # the JDK itself, not a shim in root's home that the gateway's user could not run: the first of
  # scripts/gateway-java.sh's candidates (a Temurin 25+ under /usr/lib/jvm for its faster crypto, see bench/gateway;
  # then the java on PATH) that this user can run
  as_gateway=(setpriv --reuid="$gateway_user" --regid="$gateway_user" --init-groups --no-new-privs)
  gateway_java=""
  if "${as_gateway[@]}" test -w "$SPOQ_GATEWAY_DATA_DIR" 2>/dev/null; then
    for candidate in $(bash scripts/gateway-java.sh --all); do
      if "${as_gateway[@]}" "$candidate" -version >/dev/null 2>&1; then
        gateway_java=$candidate
        break
      fi
    done
  fi
  if [ -n "$gateway_java" ]; then
    # it keeps one capability, and only to listen on a port below 1024 (production's 22)
    caps=()
    if [ "$SPOQ_GATEWAY_PORT" -lt 1024 ]; then
      caps=(--inh-caps=+net_bind_service --ambient-caps=+net_bind_service)
    fi
    gateway_cmd=("${as_gateway[@]}" "${caps[@]}" -- "$gateway_java" -jar "$gateway_jar")
  else
    # a machine where no JDK is open to other users (or without setpriv): the platform still starts, loudly
    gateway_user=root
    gateway_java=$(bash scripts/gateway-java.sh)
    echo "WARNING: the gateway's user spoq-gateway cannot write $SPOQ_GATEWAY_DATA_DIR or run any of:" \
      "$(bash scripts/gateway-java.sh --all | tr '\n' ' ')(is a parent directory closed?); the gateway runs as root." \
      "Install a JDK system-wide (e.g. Debian's openjdk-17-jre-headless) for the unprivileged gateway." >&2
    gateway_cmd=("$gateway_java" -jar "$gateway_jar")
  fi
else
  export SPOQ_GATEWAY_DATA_DIR="${SPOQ_GATEWAY_DATA_DIR:-$spoq_home/gateway}"
  gateway_java=$(bash scripts/gateway-java.sh)
  gateway_cmd=("$gateway_java" -jar ssh-gateway/target/spoq-ssh-gateway.jar)
fi
# the gateway writes its upstream public key here; the control plane installs it for every profile
export SPOQ_GATEWAY_UPSTREAM_PUBLIC_KEY_FILE="${SPOQ_GATEWAY_UPSTREAM_PUBLIC_KEY_FILE:-$SPOQ_GATEWAY_DATA_DIR/upstream_ed25519.pub}"

(
  if [ "$(id -u)" -eq 0 ]; then
    # the token travels in the gateway's environment (readable by its user and root only; never on a command
    # line), since the token file lies under a home the gateway's user cannot enter
    SPOQ_INTERNAL_TOKEN="$(cat "$SPOQ_INTERNAL_TOKEN_FILE")"
    export SPOQ_INTERNAL_TOKEN
  fi
  exec "${gateway_cmd[@]}"
) >>"$spoq_home/gateway.log" 2>&1 &
gateway=$!
echo "SSH gateway on port $SPOQ_GATEWAY_PORT as $(if [ "$(id -u)" -eq 0 ]; then echo "$gateway_user"; else id -un; fi), $gateway_java (log: $spoq_home/gateway.log)"
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
