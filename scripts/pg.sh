# shellcheck shell=bash
# PostgreSQL for Odoo, sourced by test.sh, run.sh, i18n.sh (after lib.sh).
#
# pr_pg_ensure either
#   * uses the server given by the environment, when PGHOST or PGPORT is set
#     (with PGUSER / PGPASSWORD as given; the role needs CREATEDB), or
#   * starts (creating it on first use) a private cluster shared by every clone
#     of the repository:
#       PR_PGDATA  data directory (default: $PR_CACHE_DIR/pgdata)
#       PR_PGPORT  TCP port on 127.0.0.1 (default: 54329)
#     with a login role odoo/odoo (CREATEDB): Odoo refuses to run as `postgres`.
#     The server is left running afterwards.
# Either way it exports PGHOST, PGPORT, PGUSER, PGPASSWORD for Odoo and psql.

PR_PGDATA="${PR_PGDATA:-$PR_CACHE_DIR/pgdata}"
PR_PGPORT="${PR_PGPORT:-54329}"
PR_PGSOCKET="$PR_CACHE_DIR/pgsocket"     # unix socket dir (superuser access)
PR_PGLOG="$PR_CACHE_DIR/postgresql.log"

# Directory with initdb/pg_ctl/psql: $PR_PG_BIN, else the newest Debian
# /usr/lib/postgresql/<version>/bin, else the one of `initdb` in PATH.
pr_pg_bindir() {
    local dir
    if [[ -n "${PR_PG_BIN:-}" ]]; then
        dir="$PR_PG_BIN"
    else
        dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null |
            sort -V | tail -n 1)"
        if [[ ! -x "$dir/initdb" ]] && command -v initdb >/dev/null 2>&1; then
            dir="$(dirname "$(realpath "$(command -v initdb)")")"
        fi
    fi
    [[ -x "$dir/initdb" && -x "$dir/psql" ]] ||
        pr_die "PostgreSQL binaries (initdb, psql) not found (run 'make setup', or set PR_PG_BIN)"
    echo "$dir"
}

# Run a server command as the cluster owner: the `postgres` system user when
# we are root (PostgreSQL refuses to run as root), ourselves otherwise.
pr_pg_as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# As root, the `postgres` user must be able to traverse every parent of the
# cache dir; $HOME (/root) is usually mode 700, so grant search-only (o+x,
# no listing) on the parents that lack it, from the top down.
pr_pg_grant_traverse() {
    local dir="" part
    local -a parts
    IFS=/ read -ra parts <<<"${1#/}"
    for part in "${parts[@]}"; do
        dir="$dir/$part"
        if ! runuser -u postgres -- test -x "$dir"; then
            pr_info "granting search permission (chmod o+x) on $dir so that the postgres user reaches $PR_PGDATA"
            chmod o+x "$dir"
        fi
    done
}

# Start a server: pr_pg_start <data dir> <log file> [options of postgres].
# pg_ctl detaches it into its own session, so it outlives us; it must inherit
# no file descriptor but stdin/stdout/stderr, or it would hold our lock (and
# any pipe a caller waits on) for its whole life.
# Our loopback ports (54329, 54330) lie in Linux's range of ephemeral ports:
# a client connection of this machine may hold one for a while (and a closed
# one keeps it 60 s in TIME_WAIT). When the server says its address is in
# use, the start is tried again every 5 s, PR_PG_START_TRIES times (24).
pr_pg_start() (
    local datadir="$1" logfile="$2" options="${3:-}" fd lines attempt
    for fd in /proc/"$BASHPID"/fd/*; do
        fd="${fd##*/}"
        if ((fd > 2)); then
            eval "exec $fd>&-" 2>/dev/null || true
        fi
    done
    for ((attempt = 1; ; attempt++)); do
        lines="$(wc -l <"$logfile" 2>/dev/null || echo 0)"
        if pr_pg_as_owner "$PG_BIN/pg_ctl" -D "$datadir" -l "$logfile" -w -t 60 \
            ${options:+-o "$options"} start </dev/null >/dev/null; then
            return 0
        fi
        ((attempt < ${PR_PG_START_TRIES:-24})) || return 1
        # (grep reads it all: with -q, tail's SIGPIPE would fail the pipe)
        tail -n "+$((lines + 1))" "$logfile" 2>/dev/null |
            grep "Address already in use" >/dev/null || return 1
        pr_warn "the port of $datadir is held by a connection of this machine: trying again in 5 s"
        sleep 5
    done
)

# psql as the cluster superuser, over the private unix socket.
# shellcheck disable=SC2120  # (arguments are optional)
pr_pg_super_psql() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PR_PGSOCKET" -p "$PR_PGPORT" \
        -U postgres -d postgres "$@"
}

pr_pg_private_cluster() {
    PG_BIN="$(pr_pg_bindir)"
    mkdir -p "$PR_CACHE_DIR"
    if [[ "$(id -u)" -eq 0 ]]; then
        id postgres >/dev/null 2>&1 ||
            pr_die "running as root needs the 'postgres' system user (install postgresql-15: make setup)"
        pr_pg_grant_traverse "$PR_CACHE_DIR"
    fi

    # Serialise init/start between clones running at the same time.
    exec {pr_pg_lock_fd}>"$PR_CACHE_DIR/pg.lock"
    flock "$pr_pg_lock_fd"

    if [[ ! -s "$PR_PGDATA/PG_VERSION" ]]; then
        pr_info "creating the private PostgreSQL cluster in $PR_PGDATA"
        mkdir -p "$PR_PGDATA" "$PR_PGSOCKET"
        chmod 700 "$PR_PGDATA" "$PR_PGSOCKET"
        if [[ "$(id -u)" -eq 0 ]]; then
            chown postgres: "$PR_PGDATA" "$PR_PGSOCKET"
        fi
        # Superuser `postgres`, trusted only on the private socket dir (mode
        # 700); TCP connections need a password.
        pr_pg_as_owner "$PG_BIN/initdb" -D "$PR_PGDATA" -U postgres \
            --auth-local=trust --auth-host=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 >"$PR_CACHE_DIR/initdb.log"
        # A throw-away development cluster: trade durability for speed.
        cat >>"$PR_PGDATA/postgresql.conf" <<EOF

# plateforme_refugies development cluster (scripts/pg.sh)
listen_addresses = '127.0.0.1'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    fi

    if pr_pg_as_owner "$PG_BIN/pg_ctl" -D "$PR_PGDATA" status >/dev/null 2>&1; then
        # Already running (maybe started by another clone): use its port.
        local running_port
        running_port="$(sed -n 4p "$PR_PGDATA/postmaster.pid")"
        if [[ "$running_port" != "$PR_PGPORT" ]]; then
            pr_warn "cluster $PR_PGDATA already runs on port $running_port (PR_PGPORT=$PR_PGPORT): using $running_port"
            PR_PGPORT="$running_port"
        fi
    else
        pr_info "starting PostgreSQL ($PR_PGDATA) on 127.0.0.1:$PR_PGPORT, log: $PR_PGLOG"
        mkdir -p "$PR_PGSOCKET"
        if [[ "$(id -u)" -eq 0 ]]; then
            chown postgres: "$PR_PGSOCKET"
            touch "$PR_PGLOG"
            chown postgres: "$PR_PGLOG"
        fi
        pr_pg_start "$PR_PGDATA" "$PR_PGLOG" "-p $PR_PGPORT -k $PR_PGSOCKET" ||
            pr_die "PostgreSQL did not start, see $PR_PGLOG (is port $PR_PGPORT taken? set PR_PGPORT)"
    fi

    # The login role used by Odoo (created once, password reset every time so
    # that a cluster created by hand also works).
    pr_pg_super_psql <<'EOF'
SELECT 'CREATE ROLE odoo' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'odoo')
\gexec
ALTER ROLE odoo WITH LOGIN CREATEDB PASSWORD 'odoo';
-- the cost of a random read on a disk that is an SSD or in memory (PostgreSQL
-- assumes a spinning disk, 4): the record rules' joins then use their indexes
-- (the count of a counsellor's list of 7,500 files: 15 -> 4 ms). A setting of
-- the role, stored in the catalog: a replica made of the cluster has it too.
ALTER ROLE odoo SET random_page_cost = 1.1;
EOF

    flock -u "$pr_pg_lock_fd"
    exec {pr_pg_lock_fd}>&-

    export PGHOST=127.0.0.1 PGPORT="$PR_PGPORT" PGUSER=odoo PGPASSWORD=odoo
}

# Entry point: set PGHOST/PGPORT/PGUSER/PGPASSWORD and make sure the server answers.
pr_pg_ensure() {
    if [[ -n "${PGHOST:-}" || -n "${PGPORT:-}" ]]; then
        PG_BIN="$(pr_pg_bindir)"
        pr_info "using the PostgreSQL server from the environment: ${PGHOST:-<default host>}:${PGPORT:-5432} as ${PGUSER:-$(id -un)}"
        export PGHOST PGPORT PGUSER PGPASSWORD
    else
        pr_pg_private_cluster
    fi
    "$PG_BIN/pg_isready" -q -t 30 -d postgres ||
        pr_die "PostgreSQL at ${PGHOST:-<default>}:${PGPORT:-5432} does not answer"
}

# psql as Odoo's role (the PG* variables), on the maintenance database.
pr_psql() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d postgres "$@"
}

pr_db_exists() {
    [[ "$(pr_psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" == "1" ]]
}

# Drop a database and its Odoo filestore.
pr_db_drop() {
    local db="$1"
    pr_psql -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || return 1
    rm -rf "${PR_ODOO_DATA_DIR:?}/filestore/$db"
}

# Databases and directories of a script, removed when it exits (also on
# failure or Ctrl-C): add them with pr_temporary, then
#   trap pr_remove_temporaries EXIT; trap 'exit 130' INT TERM
PR_TEMP_DBS=()
PR_TEMP_DIRS=()
pr_temporary() {
    local kind="$1"
    shift
    if [[ "$kind" == db ]]; then
        PR_TEMP_DBS+=("$@")
    else
        PR_TEMP_DIRS+=("$@")
    fi
}

pr_remove_temporaries() {
    local db
    for db in "${PR_TEMP_DBS[@]}"; do
        pr_db_drop "$db" >/dev/null 2>&1 || pr_warn "could not drop database $db"
    done
    if ((${#PR_TEMP_DIRS[@]})); then
        rm -rf "${PR_TEMP_DIRS[@]}"
    fi
    return 0
}
