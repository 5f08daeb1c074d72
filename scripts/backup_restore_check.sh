#!/usr/bin/env bash
# Prove a backup restores: pg_dump a database, pg_restore it into a scratch
# database, and check the copy is the same:
#   - every table's row count,
#   - a sample of records: a checksum of the first SAMPLE_ROWS rows of every
#     table, ordered by its first column (the primary key),
#   - every trigger came back, and the access log still refuses TRUNCATE,
#     UPDATE and DELETE in the restored copy (append-only, docs/operations.md).
# The scratch database (<name>_restore_check) is dropped before and after, so a
# run that was interrupted leaves nothing in the way of the next one.
# CI runs it after the PostgreSQL tests, on the CI database with the demo data.
#
#   scripts/backup_restore_check.sh postgres://user@host:5432/dbname
set -euo pipefail

SOURCE="${1:?usage: $0 postgres://user@host:5432/dbname}"
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
SAMPLE_ROWS="${SAMPLE_ROWS:-200}"
SERVER="${SOURCE%/*}"
NAME="${SOURCE##*/}"
NAME="${NAME%%\?*}"
SCRATCH="${NAME}_restore_check"
RESTORED="$SERVER/$SCRATCH"
DUMP="$(mktemp -t rp-backup-XXXXXX.dump)"

drop_scratch() {
  psql "$SERVER/postgres" -q -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS \"$SCRATCH\" WITH (FORCE)" >/dev/null
}
cleanup() {
  rm -f "$DUMP"
  drop_scratch || true
}
trap cleanup EXIT
fail() {
  echo "FAILED: $*" >&2
  exit 1
}

started=$SECONDS
drop_scratch

echo "Backing up $NAME"
pg_dump --format=custom --no-owner --file="$DUMP" "$SOURCE"

echo "Restoring into scratch database $SCRATCH"
psql "$SERVER/postgres" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$SCRATCH\""
pg_restore --no-owner --exit-on-error --dbname="$RESTORED" "$DUMP"

# One line per table: name, row count, checksum of its first SAMPLE_ROWS rows.
table_summary() {
  psql "$1" -v ON_ERROR_STOP=1 -tA -F' ' -c "
    SELECT format(
      'SELECT %L, (SELECT count(*) FROM %I.%I),'
      ' (SELECT md5(coalesce(string_agg(s::text, E''\\n''), '''')) FROM'
      ' (SELECT * FROM %I.%I ORDER BY 1 LIMIT $SAMPLE_ROWS) s);',
      table_name, table_schema, table_name, table_schema, table_name)
    FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY table_name" |
    psql "$1" -v ON_ERROR_STOP=1 -tA -F' '
}

triggers() {
  psql "$1" -v ON_ERROR_STOP=1 -tA -c "
    SELECT tgrelid::regclass || ' ' || tgname FROM pg_trigger
    WHERE NOT tgisinternal ORDER BY 1"
}

before="$(table_summary "$SOURCE")"
after="$(table_summary "$RESTORED")"
[ -n "$before" ] || fail "no tables found in $NAME"
if [ "$before" != "$after" ]; then
  diff <(echo "$before") <(echo "$after") >&2 || true
  fail "row counts or sampled records differ between the database and its restored backup"
fi
tables="$(echo "$before" | wc -l)"
rows="$(echo "$before" | awk '{ total += $2 } END { print total }')"

trigger_list="$(triggers "$SOURCE")"
[ "$trigger_list" = "$(triggers "$RESTORED")" ] || fail "the restored copy has different triggers"
access_log_triggers="$(echo "$trigger_list" | grep -c '^casework_accessevent ' || true)"
[ "$access_log_triggers" = "2" ] ||
  fail "the access log's append-only triggers are missing (found $access_log_triggers)"

# The triggers work in the copy, not only exist: each change is refused.
for change in "TRUNCATE casework_accessevent" \
  "UPDATE casework_accessevent SET what = what" \
  "DELETE FROM casework_accessevent"; do
  if output="$(psql "$RESTORED" -v ON_ERROR_STOP=1 -qc "$change" 2>&1)"; then
    case "$change" in
      TRUNCATE*) fail "the restored access log accepted: $change" ;;
    esac
    # A row trigger only fires when there are rows to change.
    [ "$(psql "$RESTORED" -tAc 'SELECT count(*) FROM casework_accessevent')" = "0" ] ||
      fail "the restored access log accepted: $change"
  elif ! grep -q "append-only" <<<"$output"; then
    fail "$change failed for another reason: $output"
  fi
done

echo "Backup restored: $tables tables, $rows rows, the same counts and sampled records" \
  "(first $SAMPLE_ROWS rows of each table); $(echo "$trigger_list" | wc -l) triggers back;" \
  "the access log still refuses changes. $((SECONDS - started)) s."
