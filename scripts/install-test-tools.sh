#!/usr/bin/env bash
# Installs the system tools the tests use, when they are missing (Debian/Ubuntu; needs root or sudo).
set -euo pipefail
missing=()
command -v ssh-keygen >/dev/null || missing+=(openssh-client)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
command -v pkill >/dev/null || missing+=(procps)
command -v wrk >/dev/null || missing+=(wrk) # bench/api
command -v chromium >/dev/null && command -v chromedriver >/dev/null || missing+=(chromium chromium-driver)
# promtool (alert rule tests in the build), Prometheus and Alertmanager themselves (AlertsIT)
command -v promtool >/dev/null || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null || missing+=(prometheus-alertmanager)
# backups: restic (the backup tool itself, and `restic check --read-data` in BackupRestoreIT), pg_dump / psql
command -v restic >/dev/null || missing+=(restic)
command -v pg_dump >/dev/null && command -v psql >/dev/null || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
