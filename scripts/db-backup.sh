#!/usr/bin/env bash
# Backs up the AgriLink database named by DATABASE_URL to a pg_dump custom-format file.
# Usage: DATABASE_URL=postgres://user:pass@host:5432/agrilink scripts/db-backup.sh [OUT_FILE]
# Default OUT_FILE: backups/agrilink-YYYYmmdd-HHMMSS.dump (BACKUP_DIR overrides the folder).
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
out="${1:-${BACKUP_DIR:-backups}/agrilink-$(date -u +%Y%m%d-%H%M%S).dump}"
mkdir -p "$(dirname "$out")"
# Custom format: compressed, restorable table by table, in parallel (pg_restore -j).
# No owners or grants, so the file restores into a database owned by another role.
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$out.partial" "$DATABASE_URL"
mv "$out.partial" "$out"
echo "$out"
