#!/usr/bin/env bash
# Restore a dump made by ops/backup.sh into the database named by DATABASE_URL,
# replacing the tables it holds, in one transaction: either all of it is restored or nothing changes.
#   DATABASE_URL=postgres://... ops/restore.sh FILE
set -euo pipefail

file="${1:?usage: ops/restore.sh FILE}"
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to restore into}"
[ -r "$file" ] || { echo "cannot read $file" >&2; exit 2; }

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$file"
echo "restored $file"
