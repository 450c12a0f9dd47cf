#!/usr/bin/env bash
# Restores a scripts/db-backup.sh file into the database named by DATABASE_URL, replacing what it holds.
# Usage: DATABASE_URL=postgres://user:pass@host:5432/agrilink scripts/db-restore.sh FILE --yes
# Stop the api and the workers first; restore into a copy and check it before touching production.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the database to restore into}"
file="${1:?usage: db-restore.sh FILE [--yes]}"
[ -r "$file" ] || { echo "cannot read $file" >&2; exit 2; }
db_name="$(basename "${DATABASE_URL%%\?*}")"
if [ "${2:-}" != "--yes" ] && [[ "$db_name" != *test* ]]; then
  echo "This replaces every table of database \"$db_name\". Run again with --yes to go on." >&2
  exit 3
fi
# One transaction: a failed restore leaves the database as it was.
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$file"
echo "restored $file into $db_name"
