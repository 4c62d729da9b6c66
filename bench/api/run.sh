#!/usr/bin/env bash
# GET /api/status under load with wrk, and POST /api/auth/login beside it. See bench/README.md.
#   bash bench/api/run.sh [BASE_URL]
# With BASE_URL (e.g. http://127.0.0.1:9080): that running platform, whose /api limits must allow the bench
# (spoq.limits.api.per-address / .per-token; see the README). Without: starts the platform here
# (scripts/run.sh, its own ports and SPOQ_HOME, limits raised) and stops it after.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is missing: bash scripts/install-test-tools.sh" >&2; exit 1; }
RATE=${RATE:-500}            # the goal: 500 requests/s ...
DURATION=${DURATION:-30}     # ... for 30 s
CONNECTIONS=${CONNECTIONS:-10}
THREADS=${THREADS:-2}
GOAL_P99_MS=${GOAL_P99_MS:-10}
# a server that has just started runs its first tens of thousands of requests in the interpreter and C1: the figure is
# of a warm server (as after a few minutes in production); WARMUP=0 measures a cold one
WARMUP=${WARMUP:-30}
here=$(pwd)/bench/api
base=${1:-}
. bench/lib/platform.sh
if [ -z "$base" ]; then
  # the bench sends everything from one address with one token: limits far above what it sends
  start_platform api "${BENCH_HTTP_PORT:-29380}" 600 SPOQ_LIMITS_API_PER_ADDRESS=10000000 SPOQ_LIMITS_API_PER_TOKEN=10000000
fi
curl -fs "$base/health/ready" >/dev/null || { echo "no platform answers at $base/health/ready" >&2; exit 1; }

email="bench-api-$(date +%s)-$RANDOM@example.com"
password="bench password $RANDOM$RANDOM"
body=$(python3 -c 'import json,sys;print(json.dumps({"email":sys.argv[1],"password":sys.argv[2]}))' "$email" "$password")
token=$(curl -fs -X POST "$base/api/auth/register" -H 'Content-Type: application/json' -d "$body" \
  | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
curl -fs "$base/api/status" -H "Authorization: Bearer $token" >/dev/null

# warm-up (JIT, connection pools), not counted
if [ "$WARMUP" -gt 0 ]; then
  RATE=max THREADS=$THREADS TOKEN=$token wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$here/paced.lua" "$base/api/status" >/dev/null
fi

run() { # label rate duration connections method path [body]
  local label=$1 rate=$2 duration=$3 connections=$4 method=$5 path=$6 req_body=${7:-}
  local out
  out=$(RATE=$rate THREADS=$THREADS TOKEN=$token METHOD=$method BODY=$req_body \
    wrk -t"$THREADS" -c"$connections" -d"${duration}s" --timeout 10s -s "$here/paced.lua" "$base$path" | grep '^RESULT')
  echo "$label $out"
}
status_paced=$(run "status@${RATE}/s" "$RATE" "$DURATION" "$CONNECTIONS" GET /api/status)
status_max=$(run "status@max" max 15 "$CONNECTIONS" GET /api/status)
devices_max=$(run "devices@max" max 15 "$CONNECTIONS" GET /api/devices)
login=$(run "login@max" max 15 4 POST /api/auth/login "$body")

python3 - "$RATE" "$GOAL_P99_MS" "$status_paced" "$status_max" "$devices_max" "$login" <<'PY'
import sys
rate_goal, p99_goal = float(sys.argv[1]), float(sys.argv[2])
def parse(line):
    label, _, rest = line.partition(" RESULT ")
    kv = dict(item.split("=", 1) for item in rest.split())
    return label, kv
rows = [parse(line) for line in sys.argv[3:]]
print(f"{'run':<16}{'req/s':>9}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}{'non-2xx':>9}{'sock err':>9}  statuses")
for label, kv in rows:
    print(f"{label:<16}{float(kv['rate']):>9.1f}{float(kv['p50_ms']):>9.2f}{float(kv['p90_ms']):>9.2f}{float(kv['p99_ms']):>9.2f}"
          f"{float(kv['max_ms']):>9.1f}{int(kv['non2xx']):>9}{int(kv['socket_errors']):>9}  {kv['statuses']}")
label, kv = rows[0]
errors = int(kv["non2xx"]) + int(kv["socket_errors"])
print(f"\nGET /api/status paced at {rate_goal:.0f}/s: {float(kv['rate']):.1f} req/s = {float(kv['rate']) / rate_goal:.2f} of the goal rate, "
      f"p99 {float(kv['p99_ms']):.2f} ms = {float(kv['p99_ms']) / p99_goal:.2f} of the {p99_goal:.0f} ms goal, {errors} errors (goal 0)")
label, kv = rows[3]
done = sum(int(v.split(":")[1]) for v in kv["statuses"].split(",") if ":" in v)
if done == 0 or float(kv["p50_ms"]) == 0:
    print(f"POST /api/auth/login: no login completed within wrk's 10 s timeout ({kv['socket_errors']} timed out): this box is too busy")
else:
    print(f"POST /api/auth/login (meant to be slow: PBKDF2, 210000 iterations by default): {float(kv['rate']):.1f} req/s, "
          f"p50 {float(kv['p50_ms']):.0f} ms, p99 {float(kv['p99_ms']):.0f} ms with 4 connections ({kv['socket_errors']} timed out)")
PY
