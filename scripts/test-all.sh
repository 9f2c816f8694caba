#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: installs the system packages
# the tests use (ffmpeg, Chromium, Redis, PostgreSQL) when they are
# missing, starts PostgreSQL for cloud-sync's tests, installs npm packages if
# needed, then runs `npm test`. Needs root (or sudo) only for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
[ -x /usr/bin/chromium ] || need+=(chromium)
# The render farm's tests run BullMQ against a real Redis (issue 17).
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v perl >/dev/null 2>&1 || need+=(perl)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "test-all: installing ${need[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi

if [ -z "${KINGJAM_TEST_PG_URL:-}" ]; then
  eval "$(bash .ci/postgres.sh)"
  # A server this run started is stopped when it ends, so no daemon outlives the run.
  if [ -n "${KINGJAM_TEST_PG_STARTED:-}" ]; then
    # shellcheck disable=SC2086 # "VERSION CLUSTER" is two words on purpose
    trap 'pg_ctlcluster $KINGJAM_TEST_PG_STARTED stop -m fast >/dev/null 2>&1 || true' EXIT
  fi
fi
export KINGJAM_TEST_PG_URL

[ -d node_modules/better-sqlite3 ] || npm ci --no-audit --no-fund
npm test
