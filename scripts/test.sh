#!/usr/bin/env bash
# Runs the whole test suite. As root (CI, a fresh machine) it first installs and starts
# what the store and browser tests need from Debian: PostgreSQL and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  if ! command -v pg_ctlcluster >/dev/null || ! command -v chromium >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql chromium chromium-driver >/dev/null
  fi
  bash scripts/start_postgres.sh
  export VEILLE_TEST_POSTGRES_URL="${VEILLE_TEST_POSTGRES_URL:-postgresql://veille:veille@127.0.0.1:5432/veille_test}"
fi

.venv/bin/pytest -q "$@"
