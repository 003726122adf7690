#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 cluster and makes the role the tests and the
# README use (ocop/ocop, CREATEDB) plus a database `ocop`. Idempotent; needs root.
set -euo pipefail
version=${PG_VERSION:-15}
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 0.5
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'ocop'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE ocop LOGIN PASSWORD 'ocop' CREATEDB\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'ocop'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE DATABASE ocop OWNER ocop\""
echo "PostgreSQL ready: postgresql://ocop:ocop@127.0.0.1:5432/ocop"
