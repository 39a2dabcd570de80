#!/usr/bin/env bash
# Run the benchmark against its own database (ideeen_bench) and Redis database (8)
# on the same servers as DATABASE_URL and REDIS_URL; the benchmark creates and
# migrates that database itself.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DATABASE_URL="$(dbtool with-db "$DATABASE_URL" ideeen_bench)"
REDIS_URL="$(dbtool with-db "$REDIS_URL" 8)"
export DATABASE_URL REDIS_URL
exec "$ROOT/.venv/bin/python" -m bench "$@"
