#!/usr/bin/env bash
# Runs the Spoq SSH gateway on its own: builds the jar when it is missing, then starts it in the
# foreground (Ctrl-C stops it). Configuration comes from the environment, e.g.
#   SPOQ_GATEWAY_PORT=2222 SPOQ_CONTROL_PLANE_URL=http://127.0.0.1:9080 bash ssh-gateway/run.sh
# The internal token is read from ~/.spoq/internal-token (written by the control plane) unless
# SPOQ_INTERNAL_TOKEN or SPOQ_INTERNAL_TOKEN_FILE says otherwise. Extra arguments go to the JVM.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/spoq-ssh-gateway.jar"
if [ ! -f "$jar" ]; then
  (cd "$here/.." && mvn -B -q -pl ssh-gateway -am install -DskipTests)
fi
exec java "$@" -jar "$jar"
