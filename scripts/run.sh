#!/usr/bin/env bash
# Run the web server, a Celery worker and Celery beat together in the foreground.
# Ctrl-C (or TERM/HUP) stops all three; when one of them exits, the others are
# stopped too, so nothing is left running behind the terminal.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BIN="$ROOT/.venv/bin"
ADDR="${RUN_ADDR:-127.0.0.1:8000}"
export PYTHONUNBUFFERED=1
mkdir -p "$VAR"

pgids=()

# start NAME COMMAND...: run COMMAND in a session (process group) of its own, its
# output prefixed with [NAME]. The group lets one kill reach the program's children
# too (runserver's autoreloader, Celery's pool); the separate session keeps the
# terminal's Ctrl-C away from them, so that this script decides the order.
start() {
    local name="$1"
    shift
    # $! is the group id: setsid only forks when already a group leader, and a
    # background child of a non-interactive shell never is.
    # shellcheck disable=SC2016 # expanded by the inner bash, on purpose
    # The prefixing sed ignores the stop signals so the programs' last words
    # (e.g. Celery's warm shutdown) still get printed; it ends at end of input.
    setsid bash -c 'set -o pipefail; "$@" 2>&1 | (trap "" INT TERM; exec sed -u "s/^/[$0] /")' \
        "$name" "$@" &
    pgids+=("$!")
}

alive() { # true while every program is still running
    local g
    for g in "${pgids[@]}"; do
        kill -0 -- "-$g" 2>/dev/null || return 1
    done
}

stopped=0
# shellcheck disable=SC2317 # called from the traps
cleanup() {
    ((stopped)) && return 0
    stopped=1
    local g i any
    ((${#pgids[@]})) || return 0
    log "Stopping web, worker and beat..."
    for g in "${pgids[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
    # A Celery worker finishes its running tasks on TERM: allow that, within bounds.
    for ((i = 0; i < 60; i++)); do
        any=0
        for g in "${pgids[@]}"; do kill -0 -- "-$g" 2>/dev/null && any=1; done
        ((any)) || break
        sleep 0.25
    done
    for g in "${pgids[@]}"; do kill -KILL -- "-$g" 2>/dev/null || true; done
    wait 2>/dev/null || true
    log "Stopped."
}
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM HUP
trap cleanup EXIT

start web "$BIN/python" manage.py runserver "$ADDR"
# One worker for every queue (config/settings/base.py: CELERY_TASK_QUEUES) is enough on a
# development machine: it takes its next task from each queue in turn, so a periodic job
# waits for a task or two, never for a backlog (tests/messaging/test_worker.py).
# docker-compose.yml runs a worker per queue group.
start worker "$BIN/celery" -A config worker -l info --concurrency 2 \
    --queues celery,sending,matching,periodic
start beat "$BIN/celery" -A config beat -l info --schedule "$VAR/celerybeat-schedule"

# Print where to go once the web server answers (or after a minute regardless).
host="${ADDR%:*}" port="${ADDR##*:}"
for ((i = 0; i < 240; i++)); do
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && break
    alive || break
    sleep 0.25
done
if alive; then
    cat >&2 <<BANNER

  Ideeënmakelaar is running at http://$ADDR/
  Admin:        http://$ADDR/admin/
  Demo logins:  broker@demo.local / demo-broker
                coordinator@demo.local / demo-coordinator
                civil@demo.local / demo-civil
                admin@demo.local / demo-admin
  Press Ctrl-C to stop web, worker and beat.

BANNER
fi

# Wait until one program exits (or a signal arrives); then stop the others.
status=0
wait -n || status=$?
log "A process exited (status $status); stopping the others."
exit "$status"
