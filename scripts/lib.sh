# Shared helpers for the scripts in this folder; source it, don't run it.
# shellcheck shell=bash

# Every script works from the repository root, wherever it is called from.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
export VAR="$ROOT/var"

log() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# One value from .env, the way the Django settings see it (last assignment wins,
# surrounding quotes stripped). Empty when there is no .env or no such key.
dotenv_get() {
    [[ -f "$ROOT/.env" ]] || return 0
    sed -n -E "s/^[[:space:]]*(export[[:space:]]+)?$1[[:space:]]*=[[:space:]]*//p" "$ROOT/.env" \
        | tail -n 1 \
        | sed -E -e 's/[[:space:]]+$//' -e "s/^(['\"])(.*)\\1\$/\\2/"
}

# Same precedence as config/settings/base.py: environment, then .env, then default.
DATABASE_URL="${DATABASE_URL:-$(dotenv_get DATABASE_URL)}"
DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ideeen}"
REDIS_URL="${REDIS_URL:-$(dotenv_get REDIS_URL)}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"

# Only the standard library, so it runs before the virtualenv exists.
dbtool() { python3 "$ROOT/scripts/dbtool.py" "$@"; }

is_local_host() {
    case "$1" in
        127.0.0.1 | localhost | ::1 | "") return 0 ;;
        *) return 1 ;;
    esac
}

# A private PostgreSQL cluster must not be owned by root (initdb refuses), so
# as root a new cluster belongs to the `postgres` user if there is one, else
# `nobody` (PRIVATE_PG_USER chooses another). An existing cluster keeps its owner.
pg_owner() {
    if [[ "$(id -u)" != 0 ]]; then
        id -un
    elif [[ -d "$VAR/pg/data" ]] && [[ "$(stat -c %u "$VAR/pg/data")" != 0 ]]; then
        stat -c %U "$VAR/pg/data"
    elif [[ -n "${PRIVATE_PG_USER:-}" ]]; then
        echo "$PRIVATE_PG_USER"
    elif id -u postgres >/dev/null 2>&1; then
        echo postgres
    else
        echo nobody
    fi
}

# Run a PostgreSQL server program as the cluster owner.
as_pg_owner() {
    local owner
    owner="$(pg_owner)"
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u "$owner" -- "$@"
    else
        "$@"
    fi
}

# The directory holding initdb/pg_ctl: PATH first (e.g. a self-built server),
# then Debian's versioned directories, newest first.
pg_bindir() {
    local dir
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return 0
    fi
    # shellcheck disable=SC2012 # plain version directories
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$dir/pg_ctl" && -x "$dir/initdb" ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}
