#!/usr/bin/env bash
# Back up the PostgreSQL database named by DATABASE_URL into one pg_dump file (custom format).
#   DATABASE_URL=postgres://... ops/backup.sh [FILE]
# FILE defaults to var/backups/magazine-<UTC time>.dump; the path is printed when done.
# Media files are not in the dump: see docs/deploy.md, Backups.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "ops/backup.sh backs up PostgreSQL databases only" >&2; exit 2 ;;
esac

out="${1:-var/backups/magazine-$(date -u +%Y%m%d-%H%M%S).dump}"
mkdir -p "$(dirname "$out")"
# Written under a temporary name first, so a failed dump never looks like a good one.
pg_dump --format=custom --no-owner --no-privileges --file="$out.partial" "$DATABASE_URL"
mv "$out.partial" "$out"
echo "$out"
