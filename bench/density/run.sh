#!/usr/bin/env bash
# N idle computers, then the same N asleep: memory per computer, per 1000 users, one reconciler pass. See bench/README.md.
#   bash bench/density/run.sh [N=200] [BASE_URL]
# With BASE_URL: that platform, running on this machine with its Docker Swarm (its registration and claim limits must
# allow N from one address, see the README); its internal token from SPOQ_INTERNAL_TOKEN or ~/.spoq/internal-token.
# Without: starts the platform here (scripts/run.sh, own ports and SPOQ_HOME, limits
# raised, the idle watch every 2 s) and stops it after.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-200}
base=${2:-}
. bench/lib/platform.sh
for tool in docker jcmd ssh ssh-keygen ss python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
if [ -z "$base" ]; then
  start_platform density "${BENCH_HTTP_PORT:-29390}" 900 SPOQ_LIMITS_REGISTRATIONS_PER_ADDRESS=100000 \
    SPOQ_LIMITS_CLAIMS_PER_ADDRESS=100000 SPOQ_LIMITS_CLAIMS_GLOBAL=100000 SPOQ_LIMITS_API_PER_ADDRESS=1000000 \
    SPOQ_LIMITS_API_PER_TOKEN=1000000 SPOQ_IDLE_CHECK_INTERVAL_SECONDS=2
  export SPOQ_INTERNAL_TOKEN=${SPOQ_INTERNAL_TOKEN:-$(cat "$home/internal-token")}
fi
token=${SPOQ_INTERNAL_TOKEN:-$(cat ~/.spoq/internal-token)}
jar=${GATEWAY_JAR:-ssh-gateway/target/spoq-ssh-gateway.jar}
[ -f "$jar" ] || { echo "no $jar: mvn -B -q -DskipTests package" >&2; exit 1; }
python3 bench/density/density.py "$n" "$base" "$token" "$jar"
