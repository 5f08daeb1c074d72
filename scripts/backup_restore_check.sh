#!/usr/bin/env bash
# Prove a backup restores: pg_dump a database, pg_restore it into a scratch
# database, compare every table's row count, check the access-log triggers
# came back, then drop the scratch database. See docs/operations.md.
#
#   scripts/backup_restore_check.sh postgres://user@host:5432/dbname
set -euo pipefail

SOURCE="${1:?usage: $0 postgres://user@host:5432/dbname}"
SERVER="${SOURCE%/*}"
SCRATCH="rp_restore_check_$$"
DUMP="$(mktemp -t rp-backup-XXXXXX.dump)"

cleanup() {
  rm -f "$DUMP"
  psql "$SERVER/postgres" -q -c "DROP DATABASE IF EXISTS $SCRATCH" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "Backing up $SOURCE"
pg_dump --format=custom --no-owner --file="$DUMP" "$SOURCE"

echo "Restoring into scratch database $SCRATCH"
psql "$SERVER/postgres" -q -c "CREATE DATABASE $SCRATCH"
pg_restore --no-owner --exit-on-error --dbname="$SERVER/$SCRATCH" "$DUMP"

count_rows() {
  psql "$1" -v ON_ERROR_STOP=1 -tA -F' ' -c "
    SELECT format('SELECT %L, count(*) FROM %I.%I;', table_name, table_schema, table_name)
    FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY table_name" |
    psql "$1" -v ON_ERROR_STOP=1 -tA -F' '
}

before="$(count_rows "$SOURCE")"
after="$(count_rows "$SERVER/$SCRATCH")"
if [ -z "$before" ] || [ "$before" != "$after" ]; then
  echo "FAILED: row counts differ between the database and its restored backup"
  diff <(echo "$before") <(echo "$after") || true
  exit 1
fi
tables="$(echo "$before" | wc -l)"
rows="$(echo "$before" | awk '{ total += $2 } END { print total }')"

triggers="$(psql "$SERVER/$SCRATCH" -tA -c "
  SELECT count(*) FROM pg_trigger
  WHERE tgrelid = 'casework_accessevent'::regclass AND NOT tgisinternal")"
if [ "$triggers" != "2" ]; then
  echo "FAILED: the access log's append-only triggers were not restored (found $triggers)"
  exit 1
fi

echo "Backup restored: $tables tables, $rows rows, the same in both; access log still append-only."
