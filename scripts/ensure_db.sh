#!/usr/bin/env bash
# Create the database named in DATABASE_URL (or in $1) unless it exists.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PY="${PY:-$ROOT/.venv/bin/python}"
"$PY" "$ROOT/scripts/dbtool.py" create-db "${1:-$DATABASE_URL}"
