#!/usr/bin/env bash
# Smoke test of the README's first command: starts exactly `bash scripts/run.sh` (on ports of its own,
# with its data in a fresh directory), waits for readiness, then walks in as a new user would:
# register -> claim an address -> profile -> device with a fresh ssh-keygen key -> (its pairing code) `ssh -p <gateway>
# <user>@127.0.0.1 'id -un; hostname'` must print the login and the computer's hostname.
# Removes the computer it made and stops everything it started, by process id. Exit 0 only if all held.
# scripts/test.sh runs it before the Maven build, so CI fails when the first command breaks.
set -euo pipefail
cd "$(dirname "$0")/.."

HTTP=${SMOKE_HTTP_PORT:-29080}
GATEWAY=${SMOKE_GATEWAY_PORT:-22222}
READY_SECONDS=${SMOKE_READY_SECONDS:-600}   # a first start downloads Liberty and builds everything
COMPUTER_SECONDS=${SMOKE_COMPUTER_SECONDS:-180}
B="http://127.0.0.1:$HTTP"

work=$(mktemp -d "${TMPDIR:-/tmp}/spoq-smoke.XXXXXX")
log="$work/run.log"
run_pid=""
token=""
internal_token=""
computer_id=""

say() { echo "smoke: $*"; }
fail() {
  echo "smoke: FAILED: $*" >&2
  echo "smoke: last lines of $log:" >&2
  tail -n 40 "$log" >&2 || true
  exit 1
}
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }
api() { # METHOD PATH [JSON]: the body on stdout; fails on a non-2xx answer
  local method=$1 path=$2 body=${3:-}
  local args=(-sS -m 30 -X "$method" -H 'Content-Type: application/json' -w '\n%{http_code}')
  [ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
  [ -n "$body" ] && args+=(--data-binary "$body")
  local out code
  out=$(curl "${args[@]}" "$B$path") || fail "$method $path: no answer"
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  [[ $code == 2* ]] || fail "$method $path answered $code: $out"
  printf '%s' "$out"
}

cleanup() {
  set +e
  if [ -n "$computer_id" ] && [ -n "$internal_token" ]; then
    curl -sS -m 30 -o /dev/null -X DELETE -H "Authorization: Bearer $internal_token" \
      "$B/internal/containers/$computer_id"
  fi
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    say "stopping run.sh (process group $run_pid)"
    kill -TERM -- "-$run_pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$run_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$run_pid" 2>/dev/null
  fi
  # the embedded PostgreSQL is a child of Liberty; it must not outlive the platform
  if [ -f "$work/home/pgdata/postmaster.pid" ]; then
    pg=$(head -n 1 "$work/home/pgdata/postmaster.pid")
    for _ in $(seq 1 20); do kill -0 "$pg" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pg" 2>/dev/null && { say "embedded PostgreSQL $pg still running after stop; stopping it"; kill -TERM "$pg"; }
  fi
  if [ -n "${sub:-}" ] && command -v docker >/dev/null; then
    docker service rm "spoq-$sub" >/dev/null 2>&1
    for _ in $(seq 1 20); do docker volume rm "spoq-home-$sub" >/dev/null 2>&1 && break; sleep 1; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

say "starting: bash scripts/run.sh (HTTP $HTTP, gateway $GATEWAY, data in $work/home)"
# setsid: run.sh, Maven, Liberty, the gateway and PostgreSQL share one process group to stop at the end.
SPOQ_HOME="$work/home" HTTP_PORT=$HTTP HTTPS_PORT=$((HTTP + 363)) OPERATOR_HTTP_PORT=$((HTTP + 1)) WASJMS_PORT=27276 WASJMS_SSL_PORT=27286 \
  SPOQ_DB_EMBEDDED_PORT=25432 SPOQ_GATEWAY_PORT=$GATEWAY SPOQ_GATEWAY_METRICS_PORT=29190 \
  setsid bash scripts/run.sh >"$log" 2>&1 </dev/null &
run_pid=$!

say "waiting up to ${READY_SECONDS}s for $B/health/ready"
deadline=$((SECONDS + READY_SECONDS))
until curl -fsS -m 5 "$B/health/ready" 2>/dev/null | grep -q '"status":"UP"'; do
  kill -0 "$run_pid" 2>/dev/null || fail "run.sh exited before the platform was ready"
  [ $SECONDS -lt $deadline ] || fail "not ready within ${READY_SECONDS}s"
  sleep 2
done
say "ready after ${SECONDS}s"
internal_token=$(cat "$work/home/internal-token")
until (exec 3<>"/dev/tcp/127.0.0.1/$GATEWAY") 2>/dev/null; do
  [ $SECONDS -lt $deadline ] || fail "the SSH gateway does not listen on $GATEWAY"
  sleep 1
done

sub="smoke$(date +%s)$RANDOM"
login=smoke
key="$work/id_ed25519"
ssh-keygen -q -t ed25519 -N '' -C smoke -f "$key"

registered=$(api POST /api/auth/register "{\"email\":\"$sub@example.com\",\"password\":\"correct horse battery staple\"}")
token=$(echo "$registered" | json 'd["token"]')
user_id=$(echo "$registered" | json 'd["user_id"]')
say "registered $sub@example.com"
api POST /api/setup/subdomain "{\"subdomain\":\"$sub\"}" >/dev/null
computer_id=$(curl -fsS -m 10 -H "Authorization: Bearer $internal_token" "$B/internal/containers/by-user/$user_id" \
  | json 'd["container_id"]') || fail "the claim made no computer for user $user_id"
profile=$(api POST /api/setup/profile "{\"username\":\"$login\"}" | json 'd["profile_id"]')
device=$(python3 -c 'import json,sys; print(json.dumps({"profile_id": sys.argv[1], "ssh_public_key": open(sys.argv[2]).read(), "name": "smoke"}))' "$profile" "$key.pub")
pairing_code=$(api POST /api/devices/add "$device" | json 'd["pairing_code"]')
say "claimed $sub, profile $login, device added (pairing code $pairing_code)"
# the device's first login asks for its pairing code (keyboard-interactive): answered as a user types it
askpass="$work/askpass.sh"
printf '#!/bin/sh\necho %s\n' "$pairing_code" > "$askpass"
chmod 700 "$askpass"

deadline=$((SECONDS + COMPUTER_SECONDS))
while :; do
  status=$(api GET /api/status | json 'd["container_status"]')
  [ "$status" = running ] && break
  [ "$status" = failed ] && fail "the computer failed: $(api GET /api/status)"
  [ $SECONDS -lt $deadline ] || fail "the computer is '$status' after ${COMPUTER_SECONDS}s"
  sleep 1
done
say "computer running"

ssh_out=""
for _ in $(seq 1 30); do
  if ssh_out=$(SSH_ASKPASS="$askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=:0 \
      ssh -F /dev/null -i "$key" -o IdentitiesOnly=yes -o StrictHostKeyChecking=no \
      -o UserKnownHostsFile=/dev/null -o BatchMode=no -o NumberOfPasswordPrompts=1 -o ConnectTimeout=10 -o LogLevel=ERROR \
      -p "$GATEWAY" "$login@127.0.0.1" 'id -un; hostname' 2>"$work/ssh.err" </dev/null); then
    break
  fi
  sleep 1
done
[ -n "$ssh_out" ] || fail "ssh through the gateway failed: $(cat "$work/ssh.err")"
say "ssh printed: $(echo "$ssh_out" | tr '\n' ' ')"
[ "$(echo "$ssh_out" | sed -n 1p)" = "$login" ] || fail "ssh ran as '$(echo "$ssh_out" | sed -n 1p)', not '$login'"
task=$(docker ps -q --filter "label=com.docker.swarm.service.name=spoq-$sub" | head -n 1)
[ -n "$task" ] || fail "no running container of service spoq-$sub"
computer_host=$(docker inspect -f '{{.Config.Hostname}}' "$task")
[ "$(echo "$ssh_out" | sed -n 2p)" = "$computer_host" ] \
  || fail "ssh landed on host '$(echo "$ssh_out" | sed -n 2p)', not the computer '$computer_host'"
say "PASSED in ${SECONDS}s: the README's first command brings up the platform and a shell through the gateway"
