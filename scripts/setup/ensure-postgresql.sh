#!/usr/bin/env bash
# Debian's PostgreSQL server binaries (initdb, pg_ctl, postgres): the metrics tests start a
# throwaway cluster on a loopback port to run the generated SQL on a real PostgreSQL.
set -euo pipefail
bash "$(dirname "$0")/apt-install.sh" postgresql
ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null
