#!/usr/bin/env bash
# Make sure PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) answer.
# A server that already answers is used as it is. Otherwise, when the server
# programs are installed, a private instance is started under var/ (var/pg,
# var/redis) on the host and port from the URL; a later call reuses it.
# No root privileges are needed; as root the private PostgreSQL runs as an
# unprivileged user because initdb and postgres refuse to run as root.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-30}"

wait_for() { # CHECK-COMMAND...: true once it succeeds within WAIT_SECONDS
    local i
    for ((i = 0; i < WAIT_SECONDS * 4; i++)); do
        "$@" && return 0
        sleep 0.25
    done
    return 1
}

install_hint() {
    die "$1 does not answer at $2 and no $1 server is installed to start one.
  Install it (as root): apt-get install postgresql redis-server
  or point $3 at a running server (environment or .env)."
}

ensure_postgres() {
    eval "$(dbtool pg-vars "$DATABASE_URL")"
    if dbtool ping-pg "$DATABASE_URL"; then
        return 0
    fi
    is_local_host "$PG_HOST" ||
        die "PostgreSQL does not answer at $PG_HOST:$PG_PORT (DATABASE_URL); only a local one can be started here."
    local bindir
    bindir="$(pg_bindir)" || install_hint PostgreSQL "$PG_HOST:$PG_PORT" DATABASE_URL

    # The private server reads the installed share directory: the Dutch Ispell
    # dictionary goes there (as root; a normal user is told what to run).
    if [[ "$(id -u)" == 0 ]]; then
        "$(dirname "${BASH_SOURCE[0]}")/hunspell_nl.sh" || true
    elif [[ -f /usr/share/hunspell/nl.dic ]] && ! compgen -G "/usr/share/postgresql/*/tsearch_data/nl_opentaal.dict" >/dev/null; then
        log "For the Dutch Ispell dictionary (bench compounds) run once as root: scripts/hunspell_nl.sh"
    fi

    local dir="$VAR/pg" owner
    local data="$dir/data" run="$dir/run"
    owner="$(pg_owner)"
    mkdir -p "$data" "$run"
    if [[ "$(id -u)" == 0 ]]; then
        chown -R "$owner:" "$dir"
        # The unprivileged owner must be able to reach var/pg through its parents.
        runuser -u "$owner" -- test -w "$dir" ||
            die "user $owner cannot write $dir (a parent directory is not readable for it); move the checkout or run as a normal user."
    fi
    chmod 700 "$data"

    if [[ ! -f "$data/PG_VERSION" ]]; then
        log "Creating a private PostgreSQL cluster in var/pg (superuser $PG_USER, trust auth)"
        as_pg_owner "$bindir/initdb" -D "$data" -U "$PG_USER" --auth=trust \
            -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
            { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    fi

    # Running, but not where the URL says (e.g. another port): restart it there.
    if as_pg_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        log "Restarting the private PostgreSQL on $PG_HOST:$PG_PORT"
        as_pg_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    fi

    # Unix sockets have a ~107 byte path limit: go TCP-only in a deep checkout.
    local sockets="$run"
    ((${#run} < 90)) || sockets=""
    log "Starting a private PostgreSQL on $PG_HOST:$PG_PORT (var/pg)"
    as_pg_owner "$bindir/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t "$WAIT_SECONDS" \
        -o "-c listen_addresses='$PG_HOST' -c port=$PG_PORT -c unix_socket_directories='$sockets'" \
        start >/dev/null ||
        { tail -n 20 "$dir/postgres.log" >&2; die "PostgreSQL did not start (log: var/pg/postgres.log)"; }
    wait_for dbtool ping-pg "$DATABASE_URL" ||
        die "PostgreSQL started but does not answer at $PG_HOST:$PG_PORT (log: var/pg/postgres.log)"
}

ensure_redis() {
    eval "$(dbtool redis-vars "$REDIS_URL")"
    if dbtool ping-redis "$REDIS_URL"; then
        return 0
    fi
    is_local_host "$REDIS_HOST" ||
        die "Redis does not answer at $REDIS_HOST:$REDIS_PORT (REDIS_URL); only a local one can be started here."
    command -v redis-server >/dev/null 2>&1 || install_hint Redis "$REDIS_HOST:$REDIS_PORT" REDIS_URL

    local dir="$VAR/redis"
    mkdir -p "$dir"
    # redis-server binds addresses, not names.
    local bind="$REDIS_HOST"
    [[ "$bind" != localhost ]] || bind=127.0.0.1
    # A private instance left running on another port: stop it first.
    if [[ -f "$dir/redis.pid" ]] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
        log "Restarting the private Redis on $REDIS_HOST:$REDIS_PORT"
        kill "$(cat "$dir/redis.pid")"
        wait_for bash -c "! kill -0 $(cat "$dir/redis.pid") 2>/dev/null" || true
    fi
    rm -f "$dir/redis.pid"
    log "Starting a private Redis on $REDIS_HOST:$REDIS_PORT (var/redis)"
    # Nothing kept on disk: it is a cache and a broker for local work only.
    redis-server --daemonize yes --bind "$bind" --port "$REDIS_PORT" \
        --dir "$dir" --save "" --appendonly no \
        --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" ||
        die "redis-server did not start (log: var/redis/redis.log)"
    wait_for dbtool ping-redis "$REDIS_URL" ||
        { tail -n 20 "$dir/redis.log" >&2; die "Redis does not answer at $REDIS_HOST:$REDIS_PORT (log: var/redis/redis.log)"; }
}

ensure_postgres
ensure_redis
log "PostgreSQL and Redis answer ($PG_HOST:$PG_PORT, $REDIS_HOST:$REDIS_PORT)."
