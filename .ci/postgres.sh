#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL for the cloud-sync tests, creates the
# test role and database, and prints the URL on stdout:
#   eval "$(bash .ci/postgres.sh)"      # → export KINGJAM_TEST_PG_URL=postgres://…
# Idempotent; run as root on Debian/Ubuntu. Everything but the export lines goes to stderr.
# When it had to start the cluster it also prints KINGJAM_TEST_PG_STARTED ("VERSION CLUSTER")
# so the caller can stop it again.
set -euo pipefail
exec 3>&1 1>&2

# The server is a daemon: it must not inherit this script's descriptors, above all fd 3
# (the caller's command substitution), or `$(bash .ci/postgres.sh)` never sees end of file
# and the caller waits for ever.
detached() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      n=${fd##*/}
      if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi
    done
    exec "$@" </dev/null
  )
}

ROLE=${KINGJAM_TEST_PG_ROLE:-kingjam_test}
PASS=${KINGJAM_TEST_PG_PASSWORD:-kingjam_test}
DB=${KINGJAM_TEST_PG_DB:-kingjam_test}

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  detached apt-get update -q
  detached apt-get install -y -q postgresql
fi

VER=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VER main"; then
  pg_createcluster "$VER" main
fi
PORT=$(pg_lsclusters -h | awk -v v="$VER" '$1==v && $2=="main" {print $3}')
if ! pg_lsclusters -h | awk -v v="$VER" '$1==v && $2=="main" {print $4}' | grep -q online; then
  detached pg_ctlcluster "$VER" main start
  echo "export KINGJAM_TEST_PG_STARTED='$VER main'" >&3
fi
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$PORT"

psql_admin() { runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qtAX "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
  psql_admin -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASS'"
else
  psql_admin -c "ALTER ROLE $ROLE LOGIN PASSWORD '$PASS'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE $DB OWNER $ROLE"
fi
# A throwaway test database: commits need not wait for the WAL flush (role-local setting).
psql_admin -c "ALTER ROLE $ROLE SET synchronous_commit = off"
# Each test file works in its own schema; the role owns the database so it may create them.
psql_admin -d "$DB" -c "GRANT ALL ON DATABASE $DB TO $ROLE"

echo "export KINGJAM_TEST_PG_URL=postgres://$ROLE:$PASS@127.0.0.1:$PORT/$DB" >&3
