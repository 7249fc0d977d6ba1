#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests: its own data folder in a temp directory, listening
# on 127.0.0.1 on a free port, trust authentication, no fsync. Nothing of the machine's own
# PostgreSQL service is used or touched.
#
#   scripts/postgres.sh start    start a cluster (installing PostgreSQL from Debian if missing)
#                                and print its connection string on stdout
#   scripts/postgres.sh env      print `export CONTINUITY_TEST_POSTGRES=...` for `eval`
#   scripts/postgres.sh stop     stop the cluster and delete its folder
#   scripts/postgres.sh install  install PostgreSQL from Debian if it is missing
#
# The running cluster's folder is recorded in $CONTINUITY_PG_STATE (default
# artifacts/postgres/cluster in the repository), so `stop` and `env` find it again.
# $CONTINUITY_PG_BIN overrides where initdb and pg_ctl are found.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state_file=${CONTINUITY_PG_STATE:-$root/artifacts/postgres/cluster}

say() { printf '%s\n' "$*" >&2; }
die() {
    say "postgres.sh: $*"
    exit 1
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# The newest PostgreSQL installed by Debian's packages, or $CONTINUITY_PG_BIN.
find_bin() {
    if [[ -n ${CONTINUITY_PG_BIN:-} ]]; then
        [[ -x $CONTINUITY_PG_BIN/initdb ]] || die "no initdb in CONTINUITY_PG_BIN=$CONTINUITY_PG_BIN"
        printf '%s\n' "$CONTINUITY_PG_BIN"
        return
    fi
    local candidates=(/usr/lib/postgresql/*/bin/initdb)
    [[ -x ${candidates[0]} ]] || return 1
    printf '%s\n' "${candidates[@]%/initdb}" | sort -V | tail -n 1
}

as_root() {
    if is_root; then
        "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo "$@"
    else
        return 1
    fi
}

install_postgres() {
    if find_bin >/dev/null; then
        return
    fi
    if ! is_root && ! { command -v sudo >/dev/null && sudo -n true 2>/dev/null; }; then
        die "PostgreSQL is not installed and this user cannot install packages. Install it with: sudo apt-get install postgresql"
    fi
    command -v apt-get >/dev/null || die "PostgreSQL is not installed and there is no apt-get to install it with"
    say "Installing PostgreSQL from Debian (apt-get install postgresql) ..."
    as_root apt-get update -qq </dev/null >&2
    # The package would create and start a default cluster; ours lives in a temp folder, so switch
    # the default cluster off first (the way the official postgres container image does).
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-common </dev/null >&2
    as_root sed -ri 's/^#?[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' \
        /etc/postgresql-common/createcluster.conf
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql </dev/null >&2
    find_bin >/dev/null || die "apt-get installed postgresql, but no /usr/lib/postgresql/*/bin/initdb was found"
}

# initdb and pg_ctl refuse to run as root: run them as the postgres user then.
as_cluster_owner() {
    if is_root; then
        id postgres >/dev/null 2>&1 || die "running as root, but there is no 'postgres' user to own the cluster"
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 30000))
        if ! port_in_use "$port"; then
            printf '%s\n' "$port"
            return
        fi
    done
    die "found no free port on 127.0.0.1"
}

recorded_dir() {
    [[ -f $state_file ]] || return 1
    local dir
    dir=$(<"$state_file")
    [[ -n $dir && -d $dir ]] || return 1
    printf '%s\n' "$dir"
}

is_running() {
    local bin=$1 dir=$2
    as_cluster_owner "$bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1
}

start() {
    install_postgres
    local bin dir
    bin=$(find_bin)

    if dir=$(recorded_dir); then
        if is_running "$bin" "$dir"; then
            say "PostgreSQL is already running ($dir)."
            cat "$dir/connection"
            return
        fi
        rm -rf "$dir"
    fi
    rm -f "$state_file"

    # The postgres user must reach the folder, so as root it goes straight under /tmp.
    local base=/tmp
    is_root || base=${TMPDIR:-/tmp}
    dir=$(mktemp -d "$base/continuity-pg.XXXXXX")
    [[ $dir != *"'"* && $dir != *" "* ]] || die "temp folder '$dir' has a quote or space in its name; set TMPDIR"
    mkdir "$dir/data" "$dir/sock"
    is_root && chown -R postgres: "$dir"

    local locale=C
    if locale -a 2>/dev/null | grep -qix 'c.utf-\?8'; then
        locale=C.UTF-8
    fi
    say "Creating a PostgreSQL $(basename "$(dirname "$bin")") cluster in $dir ..."
    if ! as_cluster_owner "$bin/initdb" -D "$dir/data" --auth=trust -U postgres -E UTF8 --locale="$locale" \
        >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        rm -rf "$dir"
        die "initdb failed"
    fi

    # Another process may take the port between the check and the start: then try another.
    local port started=false
    for _ in 1 2 3 4 5; do
        port=$(free_port)
        if as_cluster_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k '$dir/sock' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >/dev/null 2>&1; then
            started=true
            break
        fi
        grep -q 'could not bind\|Address already in use' "$dir/postgres.log" 2>/dev/null || break
    done
    if ! $started; then
        tail -n 20 "$dir/postgres.log" >&2 || true
        rm -rf "$dir"
        die "PostgreSQL did not start"
    fi

    local connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    printf '%s\n' "$connection" >"$dir/connection"
    mkdir -p "$(dirname "$state_file")"
    printf '%s\n' "$dir" >"$state_file"
    say "PostgreSQL is listening on 127.0.0.1:$port."
    printf '%s\n' "$connection"
}

stop() {
    local dir bin
    if ! dir=$(recorded_dir); then
        rm -f "$state_file"
        say "No PostgreSQL cluster of ours is running."
        return
    fi
    if bin=$(find_bin) && is_running "$bin" "$dir"; then
        as_cluster_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 ||
            say "pg_ctl stop failed; deleting the folder anyway"
    fi
    rm -rf "$dir"
    rm -f "$state_file"
    say "PostgreSQL stopped and $dir deleted."
}

env_line() {
    local dir
    dir=$(recorded_dir) || die "no cluster is running; start one with: scripts/postgres.sh start"
    printf "export CONTINUITY_TEST_POSTGRES='%s'\n" "$(<"$dir/connection")"
}

case ${1:-} in
start) start ;;
stop) stop ;;
env) env_line ;;
install) install_postgres ;;
*)
    sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
    ;;
esac
