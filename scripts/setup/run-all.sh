#!/usr/bin/env bash
# Installs and starts what the tests use (browsers, servers…), idempotently. Run before the
# tests by `npm test` (pretest); each ensure-*.sh does one thing and is quick when already done.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for script in "$here"/ensure-*.sh; do
    [ -e "$script" ] || continue
    echo "setup: $(basename "$script")"
    bash "$script"
done
