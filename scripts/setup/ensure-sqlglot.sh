#!/usr/bin/env bash
# Debian's sqlglot (a Python SQL parser and transpiler): the metrics tests parse the SQL that
# `journey sql` writes for BigQuery, Snowflake and Trino, which cannot run here, and transpile
# it to DuckDB to run it. Debian's own python3 (/usr/bin/python3) sees it.
set -euo pipefail
bash "$(dirname "$0")/apt-install.sh" python3-sqlglot
/usr/bin/python3 -c 'import sqlglot'
