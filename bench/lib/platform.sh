# Sourced by the benches: starts `bash scripts/run.sh` on ports of its own with a fresh SPOQ_HOME, and stops it when the
# bench exits. usage: start_platform NAME FIRST_PORT READY_SECONDS [VAR=value ...] (extra settings, e.g. raised limits)
# Sets: base (its URL), home (its SPOQ_HOME, with run.log), started (its process group).
started=""
stop_platform() {
  if [ -n "$started" ]; then
    kill -- -"$started" 2>/dev/null || true
    wait "$started" 2>/dev/null || true
  fi
}
trap stop_platform EXIT

start_platform() {
  local name=$1 port=$2 ready=$3
  shift 3
  base="http://127.0.0.1:$port"
  home=$(mktemp -d -t "spoq-bench-$name.XXXXXX")
  echo "Starting the platform on $base (SPOQ_HOME=$home, log $home/run.log)"
  set -m
  env HTTP_PORT=$port HTTPS_PORT=$((port + 1)) OPERATOR_HTTP_PORT=$((port + 2)) WASJMS_PORT=$((port + 3)) \
    SPOQ_DB_EMBEDDED_PORT=$((port + 4)) SPOQ_GATEWAY_PORT=$((port + 5)) SPOQ_GATEWAY_METRICS_PORT=$((port + 6)) \
    SPOQ_HOME="$home" "$@" bash scripts/run.sh >"$home/run.log" 2>&1 &
  started=$!
  set +m
  for _ in $(seq 1 "$ready"); do
    curl -fs "$base/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$started" 2>/dev/null || { echo "the platform stopped; see $home/run.log" >&2; exit 1; }
    sleep 1
  done
  echo "the platform was not ready within $ready s; see $home/run.log" >&2
  exit 1
}
