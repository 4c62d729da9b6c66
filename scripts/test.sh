#!/usr/bin/env bash
# Runs every test: unit tests, then the integration tests against a real Liberty server on a real
# (embedded) PostgreSQL. Needs JDK 17, Maven and the OpenSSH client tools (ssh-keygen).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
mvn -B verify "$@"
