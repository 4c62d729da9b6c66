#!/usr/bin/env bash
# Runs every test: unit tests, then the integration tests against a real Liberty server on a real
# (embedded) PostgreSQL and a real Docker Swarm (dockerd on this machine, in swarm mode on loopback).
# First a smoke test of the README's run command (scripts/smoke-run.sh), then `mvn verify -Pit`.
# Needs JDK 17, Maven and root (to install and start dockerd); installs the rest from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
bash scripts/install-docker.sh
bash scripts/start-docker.sh
image=$(bash user-image/build.sh | tail -n 1)
echo "user image: $image"
# the README's first command, exactly as a new user runs it (fails CI when it breaks)
bash scripts/smoke-run.sh
if ! mvn -B verify -Pit -Dit.container.image="$image" "$@"; then
    bash scripts/report-failed-its.sh
    exit 1
fi
