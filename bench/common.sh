# Shell helpers shared by the benchmarks' run.sh scripts (sourced, not run).

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }

free_port() { # a loopback TCP port no socket uses, below the ephemeral range (32768-)
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 12000))
        [[ -z $(ss -Htan "sport = :$port") ]] && { echo "$port"; return; }
    done
    die "no free port found"
}

await_listen() { # port pid: 0 once listening; 1 if the process exits or 30 s pass
    local deadline=$((SECONDS + 30))
    until [[ -n $(ss -Hltn "src 127.0.0.1 and sport = :$1") ]]; do
        kill -0 "$2" 2>/dev/null || return 1
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}
