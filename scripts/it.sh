#!/usr/bin/env bash
# Runs some integration-test classes against one IT server: bash scripts/it.sh 'BackupRestoreIT,AlertsIT' [maven args]
# Needs what scripts/test.sh sets up first (dockerd in swarm mode, the registry, the test tools): run that once.
set -euo pipefail
cd "$(dirname "$0")/.."
tests=${1:?which integration-test classes, e.g. 'SleepWakeIT,AlertsIT'}; shift
image=$(bash user-image/build.sh | tail -n 1)
exec mvn -B verify -Pit -Dit.container.image="$image" -Dit.test="$tests" -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false "$@"
