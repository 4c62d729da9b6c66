#!/usr/bin/env bash
# Starts what the Swarm side of Spoq Cloud needs on a machine without systemd (run as root, after
# scripts/install-docker.sh), and seals the node. Run it on every node of the swarm:
#   1. dockerd with the node's settings (below), in the background (log: /var/log/spoq-dockerd.log);
#      a dockerd running with other settings is restarted (its containers stop; Swarm starts them
#      again), so run this only where a short stop of every computer on the node is acceptable;
#   2. a one-node swarm (`docker swarm init --advertise-addr 127.0.0.1`) unless already a manager;
#   3. a local registry on 127.0.0.1:5000 (Debian's docker-registry, no auth, storage under
#      /var/lib/spoq-registry/data) unless http://127.0.0.1:5000/v2/ already answers;
#   4. the node's storage helper at /usr/local/sbin/spoq-home-disk (each computer's own disk) and its
#      backup helper /usr/local/sbin/spoq-home-snapshot;
#   5. the firewall of the node (iptables, chain SPOQ-COMPUTERS jumped to from DOCKER-USER, and INPUT
#      rules): computers' sshd ports answer only the gateway, computers reach the internet but not the
#      node, private / link-local / CGNAT addresses nor each other. No iptables: setup stops.
# Swarm tasks pull their image at every start, so services use 127.0.0.1:5000/spoq/user:<tag>.
# Idempotent: a second run only checks and prints the same one-line summary.
#
# dockerd's settings, and why:
#   --icc=false              computers on the default bridge cannot reach each other;
#   --userland-proxy=false   published ports are only iptables DNAT rules (no docker-proxy listening on
#                            every IPv4 and IPv6 address of the node, out of the firewall's sight);
#   --userns-remap=default   uid 0 in a computer (sudo) is uid 100000+ on the node (user dockremap).
#
# Environment:
#   SPOQ_GATEWAY_ADDRESSES  addresses (space or comma separated) of SSH gateways on OTHER machines that
#                           may open computers' sshd ports; a gateway on this node needs none (its
#                           connections are local). Default: none.
#   SPOQ_EGRESS_ALLOW       private addresses computers may still reach, as ADDRESS[/BITS][:PORT/PROTO]
#                           (e.g. "10.0.0.2:53/udp"). Default: the nameservers of /etc/resolv.conf
#                           (Docker gives them to containers), on port 53 only.
#   SPOQ_COMPUTER_BRIDGE    the bridge computers sit on (default docker0).
set -euo pipefail

DOCKERD_LOG=${SPOQ_DOCKERD_LOG:-/var/log/spoq-dockerd.log}
REGISTRY_DIR=${SPOQ_REGISTRY_DIR:-/var/lib/spoq-registry}
REGISTRY_ADDR=127.0.0.1:5000
BRIDGE=${SPOQ_COMPUTER_BRIDGE:-docker0}
# The host ports Swarm publishes computers' sshd on (the container_ssh_port sequence of sql/).
SSHD_PORTS=20000:64999
DOCKERD_ARGS=(--icc=false --userland-proxy=false --userns-remap=default)
# Prefer the CLI that comes with Debian's engine (same API version, classic builder).
DOCKER=docker; [ -x /usr/bin/docker ] && DOCKER=/usr/bin/docker

die() { echo "start-docker: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "must run as root (dockerd and the registry run as root here)"
command -v dockerd >/dev/null || die "dockerd missing: run scripts/install-docker.sh first"
[ -x /usr/bin/docker-registry ] || die "docker-registry missing: run scripts/install-docker.sh first"
# Checked before anything starts: a node must never run computers without its firewall.
command -v iptables >/dev/null ||
  die "iptables missing: the node's firewall (computers' sshd reachable only by the gateway, no egress to private networks) cannot be installed; run scripts/install-docker.sh, then this script again"

docker_ok() { "$DOCKER" info >/dev/null 2>&1; }
registry_ok() { curl -fsS -m 2 -o /dev/null "http://$REGISTRY_ADDR/v2/" 2>/dev/null; }

# Waits up to $1 seconds for the check $2 to succeed.
# Starts a daemon in its own session, holding none of our descriptors above 2: a lock held by the
# caller (`flock /tmp/spoq-it.lock bash scripts/start-docker.sh`) must not live on in dockerd.
daemonize() {
  local log=$1; shift
  setsid nohup bash -c 'for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@"' \
    daemon "$@" >>"$log" 2>&1 </dev/null &
}

wait_for() {
  local secs=$1 check=$2 i
  for ((i = 0; i < secs * 5; i++)); do
    "$check" && return 0
    sleep 0.2
  done
  return 1
}

# --- 1. dockerd -----------------------------------------------------------------------------------
# userns-remap=default maps containers' uids to the subordinate ranges of user dockremap.
ensure_remap_user() {
  getent passwd dockremap >/dev/null || useradd --system --no-create-home --shell /usr/sbin/nologin dockremap
  local f
  for f in /etc/subuid /etc/subgid; do
    touch "$f"
    grep -q '^dockremap:' "$f" || echo "dockremap:100000:65536" >>"$f"
  done
}

# The arguments of the running dockerd, one line (empty when none runs).
running_args() {
  local pid
  [ -f /var/run/docker.pid ] && pid=$(cat /var/run/docker.pid) && [ -r "/proc/$pid/cmdline" ] || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" | sed -e 's/^[^ ]* //' -e 's/ $//'
}

stop_dockerd() {
  local pid i
  pid=$(cat /var/run/docker.pid)
  kill -TERM "$pid"
  for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  die "dockerd (pid $pid) did not stop within 60 s"
}

ensure_remap_user
dockerd_state="running"
if docker_ok && [ "$(running_args)" != "${DOCKERD_ARGS[*]}" ]; then
  echo "start-docker: dockerd runs with '$(running_args)', wanted '${DOCKERD_ARGS[*]}': restarting it" >&2
  stop_dockerd
  dockerd_state="restarted"
fi
if ! docker_ok; then
  [ "$dockerd_state" = restarted ] || dockerd_state="started"
  # A stale pid file from a killed dockerd makes the new one refuse to start.
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    rm -f /var/run/docker.pid
  fi
  if [ -f /var/run/docker.pid ]; then
    echo "start-docker: dockerd (pid $(cat /var/run/docker.pid)) is running but not answering yet; waiting" >&2
  else
    mkdir -p "$(dirname "$DOCKERD_LOG")"
    # own session, so the daemon outlives the shell (and its process group) that started it.
    daemonize "$DOCKERD_LOG" dockerd "${DOCKERD_ARGS[@]}"
  fi
  wait_for 60 docker_ok || die "dockerd did not answer within 60 s; see $DOCKERD_LOG"
fi

# --- 2. swarm -------------------------------------------------------------------------------------
swarm_state=$("$DOCKER" info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}')
case "$swarm_state" in
  "active true") swarm_state="manager" ;;
  # a worker joined by hand: it still gets the firewall and the storage helper below
  "active false") swarm_state="worker" ;;
  "inactive "*)
    "$DOCKER" swarm init --advertise-addr 127.0.0.1 >/dev/null
    swarm_state="manager (initialised)" ;;
  *) die "this node is in swarm state '$swarm_state' (neither manager nor worker); fix it by hand (docker swarm leave --force?)" ;;
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
    daemonize "$REGISTRY_DIR/registry.log" /usr/bin/docker-registry serve "$REGISTRY_DIR/config.yml"
    echo $! >"$pidfile"
  fi
  wait_for 30 registry_ok || die "registry did not answer on http://$REGISTRY_ADDR/v2/; see $REGISTRY_DIR/registry.log"
fi

# --- 4. the node's storage helper ------------------------------------------------------------------
# Each computer's /home is a loop-mounted ext4 image of its own size; the control plane runs this
# helper through the engine (see scripts/spoq-home-disk).
helper_src=$(cd "$(dirname "$0")" && pwd)/spoq-home-disk
cmp -s "$helper_src" /usr/local/sbin/spoq-home-disk 2>/dev/null || install -m 755 "$helper_src" /usr/local/sbin/spoq-home-disk
# and its backup helper (a frozen copy of a disk to back up, a restore's swap; see scripts/spoq-home-snapshot)
snapshot_src=$(cd "$(dirname "$0")" && pwd)/spoq-home-snapshot
cmp -s "$snapshot_src" /usr/local/sbin/spoq-home-snapshot 2>/dev/null || install -m 755 "$snapshot_src" /usr/local/sbin/spoq-home-snapshot
for tool in mkfs.ext4 resize2fs e2fsck dumpe2fs losetup mountpoint findmnt nsenter fsfreeze; do
  command -v "$tool" >/dev/null || die "$tool missing: computers' disks cannot be made (install e2fsprogs, util-linux)"
done

# --- 5. the node's firewall -----------------------------------------------------------------------
# Computers sit on the default bridge ($BRIDGE) of a dockerd started with --icc=false: A cannot reach
# B's address. INPUT: from the bridge only answers to connections the node opened come back in, so a
# computer reaches none of the node's own addresses and ports (other computers' published sshd, the
# registry, the control plane). SPOQ-COMPUTERS (from DOCKER-USER, i.e. forwarded traffic):
#   - sshd ports: a connection DNATed from a published port in $SSHD_PORTS is dropped unless it comes
#     from a gateway address (a gateway on this node connects locally and never passes FORWARD);
#   - egress: new connections from computers to non-public addresses (RFC 1918, CGNAT, link-local with
#     the cloud metadata address, loopback, multicast, reserved) are refused; public ones go out.
if [ "$("$DOCKER" network inspect bridge --format '{{index .Options "com.docker.network.bridge.enable_icc"}}')" != "false" ]; then
  die "dockerd runs without --icc=false: users' computers could reach each other"
fi
NON_PUBLIC="0.0.0.0/8 10.0.0.0/8 100.64.0.0/10 127.0.0.0/8 169.254.0.0/16 172.16.0.0/12 192.0.0.0/24
 192.168.0.0/16 198.18.0.0/15 224.0.0.0/4 240.0.0.0/4"
egress_allow=${SPOQ_EGRESS_ALLOW-$(awk '$1 == "nameserver" && $2 ~ /^[0-9.]+$/ { printf "%s:53/udp %s:53/tcp ", $2, $2 }' /etc/resolv.conf)}

ipt() { iptables -w 5 "$@" || die "iptables $* failed: the node's firewall is not complete"; }
# Built beside the live chain, then swapped in: the node is never without its rules, not even while
# this script runs again.
iptables -w 5 -F SPOQ-COMPUTERS-NEW 2>/dev/null || ipt -N SPOQ-COMPUTERS-NEW
gateways=${SPOQ_GATEWAY_ADDRESSES:-}
for gateway in ${gateways//,/ }; do
  ipt -A SPOQ-COMPUTERS-NEW -p tcp -s "$gateway" -m conntrack --ctdir ORIGINAL --ctstate DNAT --ctorigdstport "$SSHD_PORTS" -j RETURN
done
# --ctdir ORIGINAL: the computer's answers to an allowed gateway carry the same conntrack entry.
ipt -A SPOQ-COMPUTERS-NEW -p tcp -m conntrack --ctdir ORIGINAL --ctstate DNAT --ctorigdstport "$SSHD_PORTS" -j DROP
ipt -A SPOQ-COMPUTERS-NEW -i "$BRIDGE" -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN
for allowed in $egress_allow; do
  address=${allowed%%:*}
  if [ "$address" = "$allowed" ]; then
    ipt -A SPOQ-COMPUTERS-NEW -i "$BRIDGE" -d "$address" -j RETURN
  else
    port=${allowed#*:}
    ipt -A SPOQ-COMPUTERS-NEW -i "$BRIDGE" -d "$address" -p "${port#*/}" --dport "${port%/*}" -j RETURN
  fi
done
for range in $NON_PUBLIC; do
  ipt -A SPOQ-COMPUTERS-NEW -i "$BRIDGE" -d "$range" -j REJECT --reject-with icmp-admin-prohibited
done
while iptables -w 5 -D DOCKER-USER -j SPOQ-COMPUTERS-NEW 2>/dev/null; do :; done
ipt -I DOCKER-USER 1 -j SPOQ-COMPUTERS-NEW
while iptables -w 5 -D DOCKER-USER -j SPOQ-COMPUTERS 2>/dev/null; do :; done
if iptables -w 5 -S SPOQ-COMPUTERS >/dev/null 2>&1; then
  ipt -F SPOQ-COMPUTERS
  ipt -X SPOQ-COMPUTERS
fi
ipt -E SPOQ-COMPUTERS-NEW SPOQ-COMPUTERS
iptables -w 5 -C INPUT -i "$BRIDGE" -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT 2>/dev/null \
  || ipt -I INPUT 1 -i "$BRIDGE" -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
iptables -w 5 -C INPUT -i "$BRIDGE" -j DROP 2>/dev/null || ipt -I INPUT 2 -i "$BRIDGE" -j DROP
firewall="firewall on ($(iptables -w 5 -S SPOQ-COMPUTERS | grep -c '^-A') rules)"

echo "start-docker: dockerd $dockerd_state ($("$DOCKER" version --format '{{.Server.Version}}')), swarm $swarm_state, registry $registry_state on $REGISTRY_ADDR, $firewall"
