#!/usr/bin/env bash
# After a failed `mvn verify -Pit`: prints, for each integration-test class that failed, the end of its gateway's log
# and the server's warnings, so that a CI run that shows only its last lines still says what the platform saw.
set -uo pipefail
cd "$(dirname "$0")/.."
reports=ear/target/failsafe-reports
logs=ear/target/it-gateway-logs
server_log=ear/target/liberty/wlp/usr/servers/spoq-it/logs/messages.log
[ -d "$reports" ] || exit 0
for report in $(grep -l -E "FAILURE!|ERROR!" "$reports"/*.txt 2>/dev/null); do
  class=$(basename "$report" .txt)
  simple=${class##*.}
  echo "=== $simple: gateway log (last lines, stack frames left out)"
  for log in "$logs/$simple"-*.log; do
    [ -f "$log" ] && grep -v -E '^\s+at |^\s+\.\.\. [0-9]+ more' "$log" | tail -n 40 | cut -c1-300
  done
done
if [ -f "$server_log" ]; then
  echo "=== server warnings and errors (last 30)"
  grep -E '^\[[^]]+\] [0-9a-f]+ .* [EW] ' "$server_log" | grep -v SROAP | tail -n 30 | cut -c1-300
fi
