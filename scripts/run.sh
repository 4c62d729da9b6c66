#!/usr/bin/env bash
# Runs the Spoq Cloud platform on http://localhost:9080 (embedded PostgreSQL unless SPOQ_DB_URL is set).
# Needs JDK 17 and Maven; everything else comes from Maven Central. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
cd ear
exec mvn -B liberty:run
