#!/usr/bin/env bash
# CPU profile of twgate under the relay benchmark's traffic (issue 13): smtp-source -> twgate ->
# smtp-sink on loopback, a warm-up first, then async-profiler attached to the running JVM for the
# measured messages. Writes a CPU flame graph (HTML), the collapsed stacks and the top frames
# (self and total) to bench/profile/results-DATE/. See README.md beside this file.
#
# Usage: bench/profile/run.sh [--messages N] [--sessions N] [--size BYTES] [--tag NAME]
#   --messages N  messages profiled (default 20000), after WARMUP (default 80000) unprofiled ones
#   --sessions N  smtp-source sessions (default 20)
#   --size BYTES  message size (default 4096)
#   --tag NAME    file name prefix in the results folder (default the commit, e.g. ce89062)
# Environment: TWGATE_JAR (default gateway/target/twgate.jar, built if missing), JVM_OPTIONS
#   (default deploy/jvm.options, the shipped options), EVENT (cpu or itimer; default: cpu if the
#   kernel lets perf_events be opened, else itimer), INTERVAL (ns between samples, default
#   1000000 = 1 ms of CPU), RESULTS_DIR (default bench/profile/results-DATE), BENCH_TMP.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=../common.sh
source "$here/../common.sh" # log, die, free_port, await_listen

messages=20000 sessions=20 size=4096 tag=""
while (($#)); do
    case "$1" in
        --messages) messages=$2; shift 2 ;;
        --sessions) sessions=$2; shift 2 ;;
        --size) size=$2; shift 2 ;;
        --tag) tag=$2; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
warmup=${WARMUP:-80000}
interval=${INTERVAL:-1000000}
jar=${TWGATE_JAR:-$repo/gateway/target/twgate.jar}
[[ $jar == /* ]] || jar=$PWD/$jar # the JVM starts in the work dir
jvm_options=${JVM_OPTIONS:-$repo/deploy/jvm.options}
results=${RESULTS_DIR:-$here/results-$(date +%Y-%m-%d)}
[[ -n $tag ]] || tag=$(git -C "$repo" log -1 --format=%h 2>/dev/null || echo unknown)

for tool in smtp-source smtp-sink java jcmd mvn unzip perl ss; do
    command -v "$tool" >/dev/null || die "'$tool' not found (Debian: apt-get install postfix; see ../relay/README.md)"
done
if [[ ! -f $jar ]]; then
    log "building $jar"
    (cd "$repo" && mvn -B -q -DskipTests package -pl gateway -am) || die "build failed"
fi

work=$(mktemp -d "${BENCH_TMP:-/var/tmp}/twgate-profile.XXXXXX")
pids=()
cleanup() {
    local rc=$? pid
    trap - EXIT INT TERM
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [[ ${KEEP:-0} == 1 ]] && log "work dir kept: $work" || rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- async-profiler
# Maven Central's tools.profiler:async-profiler:4.1:linux-x64 jar carries libasyncProfiler.so;
# the JVM loads it into the running twgate with jcmd JVMTI.agent_load (no asprof launcher needed).
mvn -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.1:jar:linux-x64 \
    -DoutputDirectory="$work" >"$work/mvn.log" 2>&1 || die "cannot fetch async-profiler: $(tail -3 "$work/mvn.log")"
unzip -q -o -j "$work/async-profiler-4.1-linux-x64.jar" linux-x64/libasyncProfiler.so -d "$work"
lib=$work/libasyncProfiler.so
if [[ -z ${EVENT:-} ]]; then
    # perf_event_paranoid above 2, or a VM without a PMU, refuses perf events: itimer then.
    paranoid=$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo 4)
    if ((EUID == 0 || paranoid <= 1)); then EVENT=cpu; else EVENT=itimer; fi
fi

# ---------------------------------------------------------------- sink and relay
sink_port=$(free_port)
mkfifo "$work/sink.fifo"
# Sent in batches of at most $batch, each awaited at the sink: in one long run the accepting
# side outruns delivery and the queue reaches spool.max_queued_messages (MAIL then gets 452,
# which ends smtp-source), as in the relay benchmark's batches.
batch=5000
milestones=$( (seq "$batch" "$batch" "$warmup"; echo "$warmup"; seq $((warmup + batch)) "$batch" $((warmup + messages)); echo $((warmup + messages))) | sort -nu)
# shellcheck disable=SC2086 # one milestone per word
perl "$repo/bench/relay/sink-watch.pl" "$work/watch" $milestones <"$work/sink.fifo" &
pids+=($!)
smtp-sink -c -u nobody "127.0.0.1:$sink_port" 1024 >"$work/sink.fifo" 2>>"$work/sink.err" &
sink_pid=$!
pids+=("$sink_pid")
await_listen "$sink_port" "$sink_pid" || die "smtp-sink did not listen"

relay_port=$(free_port)
cat >"$work/twgate.yaml" <<YAML
server:
  listen: ["127.0.0.1:$relay_port"]
  shutdown_grace: 5s
policy:
  relay_clients: ["127.0.0.0/8"]
spool:
  directory: $work/spool
routes:
  - smtproutes: ":[127.0.0.1]:$sink_port"
    name: sink
    final: false
metrics:
  listen: ""
YAML
(cd "$work" && exec env -u TWGATE_JAR java "@$jvm_options" -jar "$jar" run --config "$work/twgate.yaml") \
    >>"$work/twgate.log" 2>&1 &
relay_pid=$!
pids+=("$relay_pid")
await_listen "$relay_port" "$relay_pid" || die "twgate did not listen: $(tail -3 "$work/twgate.log")"

await_count() { # n: until the sink has n messages (120 s at most)
    local deadline=$((SECONDS + 120))
    until grep -q "^reached $1 " "$work/watch" 2>/dev/null; do
        ((SECONDS < deadline)) || die "the sink never reached $1 messages"
        sleep 0.1
    done
}
send() { # count already-at-the-sink: in batches, each awaited
    local sent=0 n
    while ((sent < $1)); do
        n=$(($1 - sent < batch ? $1 - sent : batch))
        smtp-source -d -M source.bench.invalid -f sender@source.bench.invalid -t rcpt@sink.bench.invalid \
            -s "$sessions" -m "$n" -l "$size" "127.0.0.1:$relay_port" 2>>"$work/source.err" ||
            die "smtp-source failed: $(tail -2 "$work/source.err")"
        sent=$((sent + n))
        await_count $(($2 + sent))
    done
}

log "warm-up: $warmup messages ($size bytes, $sessions sessions), not profiled"
send "$warmup" 0

mkdir -p "$results"
base=$results/$tag-${size}B-${sessions}sess
# ---------------------------------------------------------------- profiled part
# jcmd parses name=value pairs in its arguments: the agent's options go in double quotes, without spaces.
agent() { jcmd "$relay_pid" JVMTI.agent_load "$lib" "\"$1\"" >"$work/agent.out" 2>&1; cat "$work/agent.out" >>"$work/agent.log"
    grep -q "return code: 0" "$work/agent.out"; }
if ! agent "start,event=$EVENT,interval=$interval"; then
    [[ $EVENT == cpu ]] || die "async-profiler did not start: $(tail -3 "$work/twgate.log")"
    log "event=cpu refused (perf events not allowed here): itimer instead"
    EVENT=itimer
    agent "start,event=itimer,interval=$interval" || die "async-profiler did not start: $(tail -3 "$work/twgate.log")"
fi
cpu0=$(awk '{print $14 + $15}' "/proc/$relay_pid/stat")
t0=$EPOCHREALTIME
log "profiling $messages messages with event=$EVENT"
send "$messages" "$warmup"
t1=$EPOCHREALTIME
cpu1=$(awk '{print $14 + $15}' "/proc/$relay_pid/stat")
# The same samples twice: collapsed stacks (dump, profiler still running), then the flame graph (stop).
agent "dump,file=$work/profile.collapsed,collapsed"
agent "stop,file=$base.html,flamegraph,title=twgate_${tag}_${size}B_x${messages}_${sessions}sess_$EVENT"
cp "$work/profile.collapsed" "$base.collapsed"

hz=$(getconf CLK_TCK)
summary=$(awk -v n="$messages" -v a="$t0" -v b="$t1" -v d=$((cpu1 - cpu0)) -v hz="$hz" \
    'BEGIN {printf "%.0f msgs/s, %.3f ms CPU/msg (whole JVM, /proc utime+stime)", n / (b - a), d * 1000 / hz / n}')
perl "$here/top-frames.pl" "$base.collapsed" "$messages" "$interval" \
    "$summary; event=$EVENT, interval $interval ns; load average $(cut -d' ' -f1-3 /proc/loadavg)" >"$base-top.txt"
log "$summary"
log "written: $base.html, $base.collapsed, $base-top.txt"
