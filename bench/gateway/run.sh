#!/usr/bin/env bash
# SSH gateway benchmark, in one run against ONE user's computer:
#   1. throughput of 256 MB through `ssh … 'cat > /dev/null'` via the gateway vs directly to the computer's sshd
#      (goal: ratio ≥ 0.90, sshpiper's bar);
#   2. `ssh … true` latency via the gateway vs direct, 20 of each, interleaved (median and p99; goal: ≤ +50 ms);
#   3. 200 concurrent idle sessions (`ssh -N`) through the gateway, then the gateway's heap (jcmd GC.heap_info),
#      CPU and memory (ps, /proc).
# It starts its OWN gateway process (ssh-gateway/target/spoq-ssh-gateway.jar) against a running platform
# (SPOQ_URL, default http://127.0.0.1:9080, with its internal token SPOQ_INTERNAL_TOKEN, default
# ~/.spoq/internal-token), makes a user (register → claim → profile → device with an ssh-keygen key), waits for
# the computer, and gives the gateway's upstream public key to that profile with
# POST /internal/containers/{id}/add-key (what the platform does itself when it was started with
# spoq.gateway.upstream-public-key-file). Everything it made is removed at the end (computer through
# DELETE /internal/containers/{id}, then checked; gateway process; temp dir).
# Needs: java (17+, with jcmd), ssh, ssh-keygen, ssh-keyscan, curl, jq, python3, docker (for the clean-up check).
# Knobs: SIZE_MB (256), THROUGHPUT_RUNS (3), WARMUP_RUNS (2, uncounted transfers through the gateway first), LATENCY_RUNS (20), IDLE_SESSIONS (200), CIPHER (client cipher, default:
# OpenSSH's choice), GATEWAY_JAR, KEEP=1 (keep the temp dir), PROFILE=1 (JFR profile of the gateway during the
# throughput runs: prints its hottest methods).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
SPOQ_URL="${SPOQ_URL:-http://127.0.0.1:9080}"
TOKEN="${SPOQ_INTERNAL_TOKEN:-$(cat "${HOME}/.spoq/internal-token")}"
GATEWAY_JAR="${GATEWAY_JAR:-$root/ssh-gateway/target/spoq-ssh-gateway.jar}"
# the JDK the platform runs the gateway on (scripts/gateway-java.sh: a newer one under /usr/lib/jvm when present)
GATEWAY_JAVA="${GATEWAY_JAVA:-$(bash "$root/scripts/gateway-java.sh")}"
JAVA_VERSION_LINE="$("$GATEWAY_JAVA" -version 2>&1 | sed -n 2p)"
JCMD="$(dirname "$(readlink -f "$GATEWAY_JAVA")")/jcmd"
SIZE_MB="${SIZE_MB:-256}"
THROUGHPUT_RUNS="${THROUGHPUT_RUNS:-3}"
WARMUP_RUNS="${WARMUP_RUNS:-2}"
LATENCY_RUNS="${LATENCY_RUNS:-20}"
IDLE_SESSIONS="${IDLE_SESSIONS:-200}"
CIPHER="${CIPHER:-}"

work="$(mktemp -d -t spoq-bench-gateway.XXXXXX)"
gateway_pid=""
container_id=""
subdomain=""
idle_pids=()

log() { printf '[bench-gateway] %s\n' "$*" >&2; }
now_ns() { date +%s%N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
api() { # method path token [json]
  local method="$1" path="$2" token="$3" body="${4:-}"
  local args=(-sS --max-time 30 -X "$method")
  [ -z "$token" ] || args+=(-H "Authorization: Bearer $token")
  [ -z "$body" ] || args+=(-H 'Content-Type: application/json' --data "$body")
  curl "${args[@]}" "$SPOQ_URL$path"
}

cleanup() {
  set +e
  if [ "${#idle_pids[@]}" -gt 0 ]; then kill "${idle_pids[@]}" 2>/dev/null; fi
  if [ -n "$gateway_pid" ]; then kill "$gateway_pid" 2>/dev/null; wait "$gateway_pid" 2>/dev/null; fi
  if [ -n "$container_id" ]; then
    log "removing the computer $subdomain ($container_id)"
    api DELETE "/internal/containers/$container_id" "$TOKEN" >/dev/null
    for _ in $(seq 1 60); do
      status="$(api GET "/internal/containers/$container_id/status" "$TOKEN" | jq -r .status 2>/dev/null)"
      [ "$status" = "deleted" ] && break
      sleep 0.5
    done
    for _ in $(seq 1 40); do
      docker service inspect "spoq-$subdomain" >/dev/null 2>&1 || docker volume inspect "spoq-home-$subdomain" >/dev/null 2>&1 || break
      sleep 0.5
    done
    if docker service inspect "spoq-$subdomain" >/dev/null 2>&1; then
      log "service spoq-$subdomain still there after the platform's delete: removing it"; docker service rm "spoq-$subdomain" >/dev/null
    fi
    if docker volume inspect "spoq-home-$subdomain" >/dev/null 2>&1; then
      log "volume spoq-home-$subdomain still there: removing it"; sleep 3; docker volume rm "spoq-home-$subdomain" >/dev/null
    fi
  fi
  if [ "${KEEP:-0}" = "1" ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

[ -f "$GATEWAY_JAR" ] || { log "no $GATEWAY_JAR: mvn -B -q -pl ssh-gateway -am install -DskipTests"; exit 1; }
curl -sf --max-time 5 "$SPOQ_URL/health" >/dev/null || { log "no platform at $SPOQ_URL"; exit 1; }

# ---- the gateway, its own process, on free ports -------------------------------------------------------------
gw_port="$(free_port)"; metrics_port="$(free_port)"
mkdir -p "$work/gateway"
# everything comes from 127.0.0.1 and one account: the per-address limits (30 new connections a minute, 10
# unauthenticated at once) and the per-account ones (16 connections, 32 channels) would refuse the benchmark itself,
# so they are raised; nothing else differs from the defaults
"$GATEWAY_JAVA" -Dspoq.gateway.port="$gw_port" -Dspoq.gateway.metrics-port="$metrics_port" -Dspoq.gateway.bind-address=127.0.0.1 \
  -Dspoq.gateway.data-dir="$work/gateway" -Dspoq.gateway.upstream-public-key-file="$work/gateway/upstream_ed25519.pub" \
  -Dspoq.control-plane.url="$SPOQ_URL" -Dspoq.internal.token="$TOKEN" \
  -Dspoq.gateway.limits.connections-per-minute-per-address=100000 \
  -Dspoq.gateway.limits.max-unauthenticated=1000 -Dspoq.gateway.limits.max-unauthenticated-per-address=1000 \
  -Dspoq.gateway.limits.max-connections-per-account=$((IDLE_SESSIONS + 50)) \
  -Dspoq.gateway.limits.max-channels-per-account=$((IDLE_SESSIONS + 50)) \
  -jar "$GATEWAY_JAR" >"$work/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 100); do
  curl -sf --max-time 1 "http://127.0.0.1:$metrics_port/health" >/dev/null 2>&1 && [ -f "$work/gateway/upstream_ed25519.pub" ] && break
  kill -0 "$gateway_pid" 2>/dev/null || { cat "$work/gateway.log" >&2; exit 1; }
  sleep 0.2
done
log "gateway pid $gateway_pid on 127.0.0.1:$gw_port (metrics $metrics_port)"

# ---- a user and their computer ------------------------------------------------------------------------------
rand="$(python3 -c 'import secrets,string; print("".join(secrets.choice(string.ascii_lowercase+string.digits) for _ in range(9)))')"
subdomain="bg$rand"
username="bench"
ssh-keygen -q -t ed25519 -N '' -C "bench-gateway@spoq" -f "$work/id_ed25519"
user_json="$(api POST /api/auth/register "" "{\"email\":\"bench-gw-$rand@example.com\",\"password\":\"Bench-Gw-$rand-Pass!\"}")"
user_token="$(jq -r .token <<<"$user_json")"; user_id="$(jq -r .user_id <<<"$user_json")"
[ "$user_token" != "null" ] || { log "register failed: $user_json"; exit 1; }
api POST /api/setup/subdomain "$user_token" "{\"subdomain\":\"$subdomain\"}" | jq -e .subdomain >/dev/null
container_id="$(api GET "/internal/containers/by-user/$user_id" "$TOKEN" | jq -r '.container_id // empty')" # for the clean-up
profile_id="$(api POST /api/setup/profile "$user_token" "{\"username\":\"$username\"}" | jq -r .profile_id)"
pub="$(cat "$work/id_ed25519.pub")"
device_json="$(api POST /api/devices/add "$user_token" "$(jq -cn --arg p "$profile_id" --arg k "$pub" '{profile_id:$p, ssh_public_key:$k}')")"
jq -e .device_id >/dev/null <<<"$device_json" || { log "device add failed: $device_json"; exit 1; }
pairing_code="$(jq -r '.pairing_code // empty' <<<"$device_json")"
for _ in $(seq 1 180); do
  state="$(api GET "/internal/containers/by-user/$user_id" "$TOKEN")"
  container_id="$(jq -r '.container_id // empty' <<<"$state")"
  [ "$(jq -r .status <<<"$state")" = "running" ] && break
  sleep 0.5
done
[ "$(jq -r .status <<<"$state")" = "running" ] || { log "computer not running: $state"; exit 1; }
direct_port="$(jq -r .ssh_port <<<"$state")"
log "computer $subdomain ($container_id) running, its sshd on 127.0.0.1:$direct_port"

# the gateway's upstream key for this profile (the platform does this itself when started with the key file)
api POST "/internal/containers/$container_id/add-key" "$TOKEN" \
  "$(jq -cn --arg u "$username" --arg k "$(cat "$work/gateway/upstream_ed25519.pub")" '{username:$u, ssh_key:$k, name:"spoq-gateway"}')" \
  | jq -e .success >/dev/null

ssh-keyscan -T 10 -p "$gw_port" 127.0.0.1 2>/dev/null >"$work/known_hosts"
ssh-keyscan -T 10 -p "$direct_port" 127.0.0.1 2>/dev/null >>"$work/known_hosts"
ssh_opts=(-F /dev/null -i "$work/id_ed25519" -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes
          -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$work/known_hosts" -o GlobalKnownHostsFile=/dev/null
          -o ConnectTimeout=10 -o LogLevel=ERROR)
if [ -n "$CIPHER" ]; then ssh_opts+=(-c "$CIPHER"); fi
via_gateway() { ssh "${ssh_opts[@]}" -p "$gw_port" "$username@127.0.0.1" "$@"; }
direct() { ssh "${ssh_opts[@]}" -p "$direct_port" "$username@127.0.0.1" "$@"; }

# a new device's first login through the gateway asks once for its pairing code (keyboard-interactive): typed
# here by an askpass program, since every later login of the bench runs in batch mode
if [ -n "$pairing_code" ]; then
  printf '#!/bin/sh\necho %s\n' "$pairing_code" >"$work/askpass"; chmod 700 "$work/askpass"
  for _ in $(seq 1 60); do
    SSH_ASKPASS="$work/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=none setsid -w ssh -o BatchMode=no \
      -o KbdInteractiveAuthentication=yes -o PreferredAuthentications=publickey,keyboard-interactive "${ssh_opts[@]}" \
      -p "$gw_port" "$username@127.0.0.1" true </dev/null 2>>"$work/pairing.log" && break
    sleep 0.5
  done
fi
for _ in $(seq 1 60); do
  via_gateway true 2>/dev/null && direct true 2>/dev/null && break
  sleep 0.5
done
[ "$(via_gateway hostname)" = "$subdomain" ] || { log "cannot log in through the gateway"; tail -20 "$work/gateway.log" >&2; exit 1; }
[ "$(direct hostname)" = "$subdomain" ] || { log "cannot log in directly"; exit 1; }
cipher_of() { ssh -v "${ssh_opts[@]}" -o LogLevel=DEBUG1 -p "$1" "$username@127.0.0.1" true 2>&1 | sed -n 's/.*kex: client->server cipher: \([^ ]*\).*/\1/p' | head -1; }
log "client ciphers: via gateway $(cipher_of "$gw_port"), direct $(cipher_of "$direct_port")"

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
p99() { sort -n | awk '{a[NR]=$1} END {r=int(NR*0.99); if (r<NR*0.99) r++; if (r<1) r=1; print a[r]}'; }

# ---- 1. throughput ---------------------------------------------------------------------------------------------
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$work/payload"
cat "$work/payload" >/dev/null # in the page cache
# the remote side times the stream itself (from the start of `cat` to its EOF), so login time is not in it
# and reports the CPU of its shell and of `cat` (bash's `times`: self, then children), which the sshd figure below leaves out
remote_cmd='s=$(date +%s%N); cat >/dev/null; e=$(date +%s%N); echo $((e-s)); times'
declare -a tp_gw_stream tp_gw_wall tp_direct_stream tp_direct_wall
# CPU per GB relayed: the gateway process (utime+stime), and the computer's sshd, all of its process tree (the
# listener, every connection's processes, live or ended), minus the remote shell and `cat` (/proc/<pid>/stat)
computer_sshd_pid() {
  local cid
  cid="$(docker ps -q --filter "label=com.docker.swarm.service.name=spoq-$subdomain" --filter status=running | head -1)"
  docker inspect --format '{{.State.Pid}}' "$cid"
}
sshd_pid="$(computer_sshd_pid)"
gateway_cpu() { python3 "$here/cpu.py" proc "$gateway_pid"; }
sshd_cpu() { python3 "$here/cpu.py" tree "$sshd_pid"; }
shell_cpu() { # bash `times` output (two lines "XmY.YYYs XmY.YYYs") → seconds, summed
  sed -n '2,3p' | tr ' ' '\n' | awk -F'[ms]' 'NF >= 2 {t += $1 * 60 + $2} END {printf "%.3f\n", t}'
}
declare -a cpu_gw_gateway cpu_gw_sshd cpu_direct_sshd
run_throughput() { # fn → "stream_MBps wall_MBps gateway_cpu_s sshd_cpu_s"
  local t0 t1 out ns g0 g1 s0 s1 sh
  g0=$(gateway_cpu); s0=$(sshd_cpu)
  t0=$(now_ns); out="$("$1" "$remote_cmd" <"$work/payload")"; t1=$(now_ns)
  sleep 0.3 # the connection's sshd processes end and are reaped (their time moves to the listener's children)
  g1=$(gateway_cpu); s1=$(sshd_cpu)
  ns="$(head -1 <<<"$out")"; sh="$(shell_cpu <<<"$out")"
  awk -v mb="$SIZE_MB" -v s="$ns" -v w="$((t1 - t0))" -v g="$(awk -v a="$g0" -v b="$g1" 'BEGIN {print b-a}')" \
      -v d="$(awk -v a="$s0" -v b="$s1" -v c="$sh" 'BEGIN {print b-a-c}')" \
      'BEGIN {printf "%.1f %.1f %.3f %.3f\n", mb/(s/1e9), mb/(w/1e9), g, d}'
}
# a gateway that has just started relays its first few hundred MB in the interpreter and C1 (in one run: 102, 124,
# then 212 MB/s); production gateways are warm, so WARMUP_RUNS transfers go through it first and are not counted
for _ in $(seq 1 "$WARMUP_RUNS"); do
  read -r stream _ < <(run_throughput via_gateway)
  log "warm-up via_gateway (not counted): $stream MB/s"
done
if [ "${PROFILE:-0}" = "1" ]; then # where the gateway spends its CPU while it relays (JDK Flight Recorder)
  "$JCMD" "$gateway_pid" JFR.start name=bench settings=profile filename="$work/gateway.jfr" >/dev/null
fi
for run in $(seq 1 "$THROUGHPUT_RUNS"); do
  for path in direct via_gateway; do
    read -r stream wall gcpu scpu < <(run_throughput "$path")
    log "throughput run $run $path: $stream MB/s (stream), $wall MB/s (wall, with login); CPU s: gateway $gcpu, computer's sshd $scpu"
    if [ "$path" = direct ]; then tp_direct_stream+=("$stream"); tp_direct_wall+=("$wall"); cpu_direct_sshd+=("$scpu")
    else tp_gw_stream+=("$stream"); tp_gw_wall+=("$wall"); cpu_gw_gateway+=("$gcpu"); cpu_gw_sshd+=("$scpu"); fi
  done
done
if [ "${PROFILE:-0}" = "1" ]; then
  "$JCMD" "$gateway_pid" JFR.stop name=bench >/dev/null
  log "the gateway's hottest methods during the throughput runs (share of CPU samples, top of stack):"
  "$(dirname "$JCMD")/jfr" print --events jdk.ExecutionSample --stack-depth 1 "$work/gateway.jfr" | sed -n 's/^ *\([A-Za-z_$][^ (]*\)(.*line:.*/\1/p' \
    | sort | uniq -c | sort -rn | awk '{t+=$1; c[NR]=$1; m[NR]=$2} END {for (i=1; i<=15 && i<=NR; i++) printf "  %5.1f %%  %s\n", 100*c[i]/t, m[i]}' >&2
  "$(dirname "$JCMD")/jfr" print --events jdk.ExecutionSample --stack-depth 1 "$work/gateway.jfr" | grep -c 'jdk.ExecutionSample' | sed 's/^/  samples: /' >&2
fi
m_gw_stream="$(printf '%s\n' "${tp_gw_stream[@]}" | median)"; m_direct_stream="$(printf '%s\n' "${tp_direct_stream[@]}" | median)"
m_gw_wall="$(printf '%s\n' "${tp_gw_wall[@]}" | median)"; m_direct_wall="$(printf '%s\n' "${tp_direct_wall[@]}" | median)"
per_gb() { median | awk -v mb="$SIZE_MB" '{printf "%.2f", $1 / (mb / 1024)}'; }
gb_gateway="$(printf '%s\n' "${cpu_gw_gateway[@]}" | per_gb)"; gb_gw_sshd="$(printf '%s\n' "${cpu_gw_sshd[@]}" | per_gb)"
gb_direct_sshd="$(printf '%s\n' "${cpu_direct_sshd[@]}" | per_gb)"

# ---- 2. latency of `ssh … true` ------------------------------------------------------------------------------------
: >"$work/lat_gw"; : >"$work/lat_direct"
for _ in $(seq 1 "$LATENCY_RUNS"); do
  t0=$(now_ns); direct true; t1=$(now_ns); echo "$(( (t1 - t0) / 1000000 ))" >>"$work/lat_direct"
  t0=$(now_ns); via_gateway true; t1=$(now_ns); echo "$(( (t1 - t0) / 1000000 ))" >>"$work/lat_gw"
done
lat_gw_med="$(median <"$work/lat_gw")"; lat_gw_p99="$(p99 <"$work/lat_gw")"
lat_d_med="$(median <"$work/lat_direct")"; lat_d_p99="$(p99 <"$work/lat_direct")"
log "latency (ms): direct median $lat_d_med p99 $lat_d_p99; via gateway median $lat_gw_med p99 $lat_gw_p99; runs direct $(sort -n "$work/lat_direct" | tr '\n' ' ')| via gateway $(sort -n "$work/lat_gw" | tr '\n' ' ')"

# ---- 3. idle sessions ------------------------------------------------------------------------------------------
metric() { { curl -sf --max-time 10 "http://127.0.0.1:$metrics_port/metrics" || true; } | awk -v k="$1" '$1==k {print $2}'; }
proc_line() { # rss, threads, cpu% (ps: over the process's life)
  local rss thr
  rss="$(awk '/VmRSS/ {print $2}' "/proc/$gateway_pid/status")"; thr="$(awk '/Threads/ {print $2}' "/proc/$gateway_pid/status")"
  echo "RSS $((rss / 1024)) MiB, $thr threads, ps: $(ps -o %cpu=,rss= -p "$gateway_pid" | awk '{printf "%%cpu %s rss %d KiB", $1, $2}')"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$gateway_pid/stat"; }
heap_line() { "$JCMD" "$gateway_pid" GC.heap_info 2>/dev/null | grep -m1 -E 'heap +total' | sed 's/^ *//'; }
"$JCMD" "$gateway_pid" GC.run >/dev/null 2>&1 || true
sleep 1
before_heap="$(heap_line)"; before_proc="$(proc_line)"
logins_before="$(metric ssh_logins_total)"
log "starting $IDLE_SESSIONS idle sessions (ssh -N), 10 at a time"
started=0
while [ "$started" -lt "$IDLE_SESSIONS" ]; do
  for _ in $(seq 1 10); do
    [ "$started" -ge "$IDLE_SESSIONS" ] && break
    ssh "${ssh_opts[@]}" -n -N -p "$gw_port" "$username@127.0.0.1" >>"$work/idle.log" 2>&1 &
    idle_pids+=("$!"); started=$((started + 1))
  done
  for _ in $(seq 1 150); do # wait for this batch's upstream logins (the computer's sshd has MaxStartups 20:30:100)
    now="$(metric ssh_logins_total)"
    [ "$(awk -v a="$now" -v b="$logins_before" 'BEGIN {print int(a-b)}')" -ge "$started" ] && break
    sleep 0.2
  done
done
sleep 5
alive=0; for p in "${idle_pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
active="$(metric ssh_connections_active)"
ticks0="$(cpu_ticks)"; sleep 10; ticks1="$(cpu_ticks)"
hz="$(getconf CLK_TCK)"
idle_cpu="$(awk -v d="$((ticks1 - ticks0))" -v hz="$hz" 'BEGIN {printf "%.2f", 100 * d / hz / 10}')"
idle_heap="$(heap_line)"; idle_proc="$(proc_line)"
"$JCMD" "$gateway_pid" GC.run >/dev/null 2>&1 || true
sleep 1
idle_heap_gc="$(heap_line)"
still_ok="$(via_gateway hostname 2>&1)"
if [ "${#idle_pids[@]}" -gt 0 ]; then
  kill "${idle_pids[@]}" 2>/dev/null || true
  wait "${idle_pids[@]}" 2>/dev/null || true # (never a bare `wait`: it would wait for the gateway too)
fi
idle_pids=()

# ---- report --------------------------------------------------------------------------------------------------
ratio_stream="$(awk -v g="$m_gw_stream" -v d="$m_direct_stream" 'BEGIN {printf "%.3f", g/d}')"
ratio_wall="$(awk -v g="$m_gw_wall" -v d="$m_direct_wall" 'BEGIN {printf "%.3f", g/d}')"
cat <<REPORT

== Spoq SSH gateway benchmark ($(date -u +%FT%TZ), $(nproc) CPUs, computer $subdomain limited to 1 CPU) ==
client: $(ssh -V 2>&1); cipher: ${CIPHER:-OpenSSH default}

1. throughput, $SIZE_MB MB through ssh … 'cat > /dev/null', median of $THROUGHPUT_RUNS
   stream (timed inside the computer):  direct $m_direct_stream MB/s   via gateway $m_gw_stream MB/s   ratio $ratio_stream  (goal ≥ 0.90)
   wall clock (login included):         direct $m_direct_wall MB/s   via gateway $m_gw_wall MB/s   ratio $ratio_wall
   runs: direct stream ${tp_direct_stream[*]}; via gateway stream ${tp_gw_stream[*]}
   CPU seconds per GB relayed (median):  the gateway $gb_gateway   the computer's sshd via the gateway $gb_gw_sshd, directly $gb_direct_sshd
   (gateway $JAVA_VERSION_LINE; runs, CPU s: gateway ${cpu_gw_gateway[*]}; sshd via gateway ${cpu_gw_sshd[*]}; sshd direct ${cpu_direct_sshd[*]})

2. ssh … true, $LATENCY_RUNS each, interleaved (ms)
   direct       median $lat_d_med   p99 $lat_d_p99
   via gateway  median $lat_gw_med   p99 $lat_gw_p99
   added        median +$(awk -v a="$lat_gw_med" -v b="$lat_d_med" 'BEGIN {printf "%.1f", a-b}')   p99 +$(awk -v a="$lat_gw_p99" -v b="$lat_d_p99" 'BEGIN {printf "%.1f", a-b}')  (goal ≤ +20 ms median, ≤ +40 ms p99)
   direct:      $(sort -n "$work/lat_direct" | tr '\n' ' ')
   via gateway: $(sort -n "$work/lat_gw" | tr '\n' ' ')

3. $IDLE_SESSIONS idle sessions (ssh -N) through the gateway: $alive client processes alive, ssh_connections_active $active
   before (after a GC): heap $before_heap
                        $before_proc
   with the sessions:   heap $idle_heap
                        $idle_proc
                        CPU over 10 s idle: $idle_cpu % of one core
   after a GC:          heap $idle_heap_gc
   a new login meanwhile: $still_ok
REPORT
