#!/usr/bin/env bash
# Starts the local PostgreSQL cluster (Debian layout) and creates the test role and
# database if they are missing. Idempotent.
set -euo pipefail
version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)
if [ -z "$version" ]; then
  echo "PostgreSQL is not installed (no /etc/postgresql); PostgreSQL tests will be skipped." >&2
  exit 0
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='veille'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE veille LOGIN PASSWORD 'veille'\""
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='veille_test'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE DATABASE veille_test OWNER veille\""
