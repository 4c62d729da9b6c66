#!/usr/bin/env bash
# Starts what the Swarm side of Spoq Cloud needs on a machine without systemd (run as root, after
# scripts/install-docker.sh):
#   1. dockerd, in the background, when `docker info` does not answer (log: /var/log/spoq-dockerd.log);
#   2. a one-node swarm (`docker swarm init --advertise-addr 127.0.0.1`) unless already a manager;
#   3. a local registry on 127.0.0.1:5000 (Debian's docker-registry, no auth, storage under
#      /var/lib/spoq-registry/data) unless http://127.0.0.1:5000/v2/ already answers.
# Swarm tasks pull their image at every start, so services use 127.0.0.1:5000/spoq/user:<tag>.
# Idempotent: a second run only checks and prints the same one-line summary.
set -euo pipefail

DOCKERD_LOG=${SPOQ_DOCKERD_LOG:-/var/log/spoq-dockerd.log}
REGISTRY_DIR=${SPOQ_REGISTRY_DIR:-/var/lib/spoq-registry}
REGISTRY_ADDR=127.0.0.1:5000
# Prefer the CLI that comes with Debian's engine (same API version, classic builder).
DOCKER=docker; [ -x /usr/bin/docker ] && DOCKER=/usr/bin/docker

die() { echo "start-docker: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "must run as root (dockerd and the registry run as root here)"
command -v dockerd >/dev/null || die "dockerd missing: run scripts/install-docker.sh first"
[ -x /usr/bin/docker-registry ] || die "docker-registry missing: run scripts/install-docker.sh first"

docker_ok() { "$DOCKER" info >/dev/null 2>&1; }
registry_ok() { curl -fsS -m 2 -o /dev/null "http://$REGISTRY_ADDR/v2/" 2>/dev/null; }

# Waits up to $1 seconds for the check $2 to succeed.
wait_for() {
  local secs=$1 check=$2 i
  for ((i = 0; i < secs * 5; i++)); do
    "$check" && return 0
    sleep 0.2
  done
  return 1
}

# --- 1. dockerd -----------------------------------------------------------------------------------
dockerd_state="running"
if ! docker_ok; then
  dockerd_state="started"
  # A stale pid file from a killed dockerd makes the new one refuse to start.
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    rm -f /var/run/docker.pid
  fi
  if [ -f /var/run/docker.pid ]; then
    echo "start-docker: dockerd (pid $(cat /var/run/docker.pid)) is running but not answering yet; waiting" >&2
  else
    mkdir -p "$(dirname "$DOCKERD_LOG")"
    # setsid: own session, so the daemon outlives the shell (and its process group) that started it.
    setsid nohup dockerd --icc=false >>"$DOCKERD_LOG" 2>&1 </dev/null &
  fi
  wait_for 60 docker_ok || die "dockerd did not answer within 60 s; see $DOCKERD_LOG"
fi

# --- 2. swarm -------------------------------------------------------------------------------------
swarm_state=$("$DOCKER" info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}')
case "$swarm_state" in
  "active true") swarm_state="manager" ;;
  "inactive "*)
    "$DOCKER" swarm init --advertise-addr 127.0.0.1 >/dev/null
    swarm_state="manager (initialised)" ;;
  *) die "this node is in swarm state '$swarm_state' (not a manager); fix it by hand (docker swarm leave --force?)" ;;
esac

# --- 3. local registry ----------------------------------------------------------------------------
registry_state="running"
if ! registry_ok; then
  registry_state="started"
  mkdir -p "$REGISTRY_DIR/data"
  # Debian's /etc/docker/registry/config.yml has an htpasswd auth block and listens on :5000 (all
  # interfaces); this one has no auth and is bound to loopback only.
  cat >"$REGISTRY_DIR/config.yml" <<EOF
version: 0.1
log:
  level: warn
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: true
    interval: 10s
    threshold: 3
EOF
  pidfile="$REGISTRY_DIR/registry.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "start-docker: registry (pid $(cat "$pidfile")) is running but not answering yet; waiting" >&2
  else
    setsid nohup /usr/bin/docker-registry serve "$REGISTRY_DIR/config.yml" \
      >>"$REGISTRY_DIR/registry.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
  fi
  wait_for 30 registry_ok || die "registry did not answer on http://$REGISTRY_ADDR/v2/; see $REGISTRY_DIR/registry.log"
fi

# --- 4. users' computers cannot reach each other nor the host ---------------------------------------
# Their tasks sit on the default bridge (docker0): dockerd runs with --icc=false, so A cannot reach
# B's address. The host's own ports (other users' published sshd, the registry, the control plane)
# are closed to them too: from docker0 only answers to connections the host opened come back in.
if [ "$("$DOCKER" network inspect bridge --format '{{index .Options "com.docker.network.bridge.enable_icc"}}')" != "false" ]; then
  echo "start-docker: WARNING dockerd runs without --icc=false: users' computers can reach each other; restart it with this script" >&2
fi
if command -v iptables >/dev/null; then
  iptables -C INPUT -i docker0 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT 2>/dev/null \
    || iptables -I INPUT 1 -i docker0 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  iptables -C INPUT -i docker0 -j DROP 2>/dev/null || iptables -I INPUT 2 -i docker0 -j DROP
fi

echo "start-docker: dockerd $dockerd_state ($("$DOCKER" version --format '{{.Server.Version}}')), swarm $swarm_state, registry $registry_state on $REGISTRY_ADDR"
