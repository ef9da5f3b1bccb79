#!/usr/bin/env bash
# make replica: a streaming replica of the private PostgreSQL cluster
# (scripts/pg.sh) on another loopback port, for the production mode of
# `make run` (PG_REPLICA_PORT) and for `make load`.
#
#   scripts/replica.sh start    makes the replica on first use (pg_basebackup
#                               -R: a standby that streams the primary's WAL),
#                               then starts it and waits until it has replayed
#                               the primary's current WAL; a replica that
#                               cannot catch up (stopped while the primary
#                               recycled the WAL it needs) is made again;
#                               prints its port
#   scripts/replica.sh stop     stops it
#   scripts/replica.sh status   running or not, and its replay lag
#   scripts/replica.sh drop     stops it and deletes its data directory
#
# The replica holds every database of the cluster, read-only (hot standby).
# Environment: PR_REPLICA_PGDATA (default: $PR_CACHE_DIR/pgdata-replica),
# PR_REPLICA_PORT (default: 54330), and those of lib.sh and pg.sh. Only for
# the private cluster: a server given by PGHOST/PGPORT has its own replicas.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
source "$PR_ROOT/scripts/pg.sh"

PR_REPLICA_PGDATA="${PR_REPLICA_PGDATA:-$PR_CACHE_DIR/pgdata-replica}"
PR_REPLICA_PORT="${PR_REPLICA_PORT:-54330}"
PR_REPLICA_SOCKET="$PR_CACHE_DIR/pgsocket-replica"
PR_REPLICA_LOG="$PR_CACHE_DIR/postgresql-replica.log"
action="${1:-status}"

[[ -z "${PGHOST:-}${PGPORT:-}" ]] ||
    pr_die "PGHOST/PGPORT point at another server: the replica is made of the private cluster only"
pr_pg_ensure

replica_running() {
    pr_pg_as_owner "$PG_BIN/pg_ctl" -D "$PR_REPLICA_PGDATA" status >/dev/null 2>&1
}

replica_psql() {
    "$PG_BIN/psql" -X -q -tA -h 127.0.0.1 -p "$PR_REPLICA_PORT" -d postgres "$@"
}

# whether the running replica replays the primary up to the primary's
# current WAL position within PR_REPLICA_WAIT seconds (default 30)
replica_caught_up() {
    local target
    target="$(pr_psql -tA -d postgres -c 'SELECT pg_current_wal_lsn()')"
    for _ in $(seq "${PR_REPLICA_WAIT:-30}"); do
        if [[ "$(replica_psql -c "SELECT COALESCE(pg_last_wal_replay_lsn() >= '$target', false)" \
            2>/dev/null)" == "t" ]]; then
            return 0
        fi
        sleep 1
    done
    return 1
}

start_replica() {
    pr_info "starting the replica on 127.0.0.1:$PR_REPLICA_PORT, log: $PR_REPLICA_LOG"
    if [[ "$(id -u)" -eq 0 ]]; then
        touch "$PR_REPLICA_LOG"
        chown postgres: "$PR_REPLICA_LOG"
    fi
    pr_pg_start "$PR_REPLICA_PGDATA" "$PR_REPLICA_LOG" ||
        pr_die "the replica did not start, see $PR_REPLICA_LOG"
}

make_replica() {
    pr_info "making a streaming replica of $PR_PGDATA in $PR_REPLICA_PGDATA (pg_basebackup -R)"
    mkdir -p "$PR_REPLICA_PGDATA" "$PR_REPLICA_SOCKET"
    chmod 700 "$PR_REPLICA_PGDATA" "$PR_REPLICA_SOCKET"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown postgres: "$PR_REPLICA_PGDATA" "$PR_REPLICA_SOCKET"
    fi
    # as the cluster's superuser over the private socket (initdb trusts
    # local replication connections)
    pr_pg_as_owner "$PG_BIN/pg_basebackup" -h "$PR_PGSOCKET" -p "$PGPORT" -U postgres \
        -D "$PR_REPLICA_PGDATA" -R -X stream -c fast
    pr_pg_as_owner tee -a "$PR_REPLICA_PGDATA/postgresql.auto.conf" >/dev/null <<EOF2
# replica of $PR_PGDATA (scripts/replica.sh)
port = $PR_REPLICA_PORT
unix_socket_directories = '$PR_REPLICA_SOCKET'
hot_standby = on
hot_standby_feedback = on
EOF2
}

case "$action" in
start)
    if [[ ! -s "$PR_REPLICA_PGDATA/PG_VERSION" ]]; then
        make_replica
    fi
    replica_running || start_replica
    [[ "$(replica_psql -c 'SELECT pg_is_in_recovery()')" == "t" ]] ||
        pr_die "the server on port $PR_REPLICA_PORT is not a standby"
    if ! replica_caught_up; then
        pr_warn "the replica does not catch up with the primary (WAL recycled while it was stopped?): making it again"
        pr_pg_as_owner "$PG_BIN/pg_ctl" -D "$PR_REPLICA_PGDATA" -m fast -w stop >/dev/null
        rm -rf "${PR_REPLICA_PGDATA:?}"
        make_replica
        start_replica
        replica_caught_up || pr_die "the new replica does not catch up either, see $PR_REPLICA_LOG"
    fi
    pr_info "replica ready: PG_REPLICA_PORT=$PR_REPLICA_PORT make run WORKERS=4"
    echo "$PR_REPLICA_PORT"
    ;;
stop)
    if replica_running; then
        pr_pg_as_owner "$PG_BIN/pg_ctl" -D "$PR_REPLICA_PGDATA" -m fast -w stop >/dev/null
        pr_info "replica stopped"
    else
        pr_info "the replica is not running"
    fi
    ;;
status)
    if replica_running; then
        echo "replica running on 127.0.0.1:$PR_REPLICA_PORT, replay lag: $(replica_psql -c \
            "SELECT COALESCE(now() - pg_last_xact_replay_timestamp(), '0')")"
    else
        echo "replica not running"
        exit 3
    fi
    ;;
drop)
    "$0" stop
    rm -rf "${PR_REPLICA_PGDATA:?}" "$PR_REPLICA_SOCKET"
    pr_info "replica deleted"
    ;;
*)
    pr_die "usage: $0 start|stop|status|drop"
    ;;
esac
