#!/usr/bin/env bash
# Prints the java the SSH gateway runs on: the newest Temurin 25+ JDK under /usr/lib/jvm when one is there (its
# AES-GCM and ChaCha20 intrinsics and its JIT give the gateway more throughput per CPU than JDK 17; see
# bench/gateway), else the java on PATH (JDK 17, what the build uses). SPOQ_GATEWAY_JAVA overrides both.
# The real file (not a shim), so that another user may run it.
# With --all: every candidate, best first, one per line (run.sh takes the first its unprivileged gateway user can run).
set -euo pipefail
candidates() {
  if [ -n "${SPOQ_GATEWAY_JAVA:-}" ]; then
    echo "$SPOQ_GATEWAY_JAVA"; return
  fi
  local jdk version
  for jdk in $(ls -d /usr/lib/jvm/temurin-*-jdk* /usr/lib/jvm/temurin-*-jre* 2>/dev/null | sort -t- -k2,2nr); do
    version="$(basename "$jdk" | sed -n 's/^temurin-\([0-9]*\)-.*/\1/p')"
    if [ -n "$version" ] && [ "$version" -ge 25 ] && [ -x "$jdk/bin/java" ]; then
      readlink -f "$jdk/bin/java"
    fi
  done
  readlink -f "$(command -v java)"
}
# awk reads every line (head would close the pipe early, and pipefail would make that a failure)
if [ "${1:-}" = "--all" ]; then
  candidates | awk '!seen[$0]++'
else
  candidates | awk 'NR == 1'
fi
