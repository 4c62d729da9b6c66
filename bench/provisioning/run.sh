#!/usr/bin/env bash
# Provisioning benchmark: claim → first successful SSH login (10 runs, p50/p95) beside the raw floor
# (`docker service create` of the same image → first SSH login), measured in the same run.
# Needs a running platform (SPOQ_URL, default http://127.0.0.1:9080) with its Docker engine on this
# machine, its internal token (SPOQ_INTERNAL_TOKEN, default ~/.spoq/internal-token), and docker, ssh,
# ssh-keygen, python3. RUNS=n changes the number of runs. See bench.py for what is timed.
set -euo pipefail
exec python3 "$(dirname "$0")/bench.py" "$@"
