#!/usr/bin/env bash
# Stop the private PostgreSQL and Redis under var/ started by ensure_services.sh.
# Servers that were not started by it (system services, other hosts) are never touched.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# stop_pid NAME PIDFILE PROGRAM SIGNAL: signal the process named in PIDFILE if it
# is still PROGRAM (a pid file can be stale after a reboot), then wait for it.
stop_pid() {
    local name="$1" pidfile="$2" program="$3" signal="$4" pid
    [[ -f "$pidfile" ]] || return 0
    pid="$(head -n 1 "$pidfile")"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
        tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$program"; then
        log "Stopping the private $name"
        kill "-$signal" "$pid"
        for _ in $(seq 1 120); do
            kill -0 "$pid" 2>/dev/null || return 0
            sleep 0.25
        done
        die "the private $name (pid $pid) did not stop within 30 s"
    fi
}

# SIGINT is PostgreSQL's "fast" shutdown; it works whoever owns the cluster.
stop_pid "PostgreSQL (var/pg)" "$VAR/pg/data/postmaster.pid" postgres INT
stop_pid "Redis (var/redis)" "$VAR/redis/redis.pid" redis-server TERM
rm -f "$VAR/redis/redis.pid"
