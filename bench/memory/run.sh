#!/usr/bin/env bash
# Resident memory of twgate while one large message passes (issue 13): smtp-source sends one
# message of SIZE octets through twgate (the shipped JVM options, deploy/jvm.options) to
# smtp-sink on loopback; /proc/PID/status VmRSS is sampled every 20 ms from before the message
# until the sink has it. Reports idle, peak while it passed and after, and VmHWM.
# See README.md beside this file.
#
# Usage: bench/memory/run.sh [SIZE-IN-MiB (default 100)] [ROUNDS (default 3)]
# Environment: TWGATE_JAR (default gateway/target/twgate.jar, built if missing), JVM_OPTIONS
#   (default deploy/jvm.options), TWGATE_JAVA_OPTS (added after them), NMT=1 (also print
#   jcmd VM.native_memory summary at the peak's end), BENCH_TMP (default /var/tmp).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
mib=${1:-100}
rounds=${2:-3}
jar=${TWGATE_JAR:-$repo/gateway/target/twgate.jar}
jvm_options=${JVM_OPTIONS:-$repo/deploy/jvm.options}
# shellcheck source=../common.sh
source "$here/../common.sh" # log, die, free_port, await_listen
for tool in smtp-source smtp-sink java ss; do
    command -v "$tool" >/dev/null || die "'$tool' not found (Debian: apt-get install postfix java)"
done
[[ -f $jar ]] || (cd "$repo" && mvn -B -q -DskipTests package -pl gateway -am) || die "build failed"

work=$(mktemp -d "${BENCH_TMP:-/var/tmp}/twgate-memory.XXXXXX")
pids=()
cleanup() {
    local rc=$? pid
    trap - EXIT INT TERM
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
sink_count() { # messages smtp-sink -c has counted ("... mesg=N" records, one per CR)
    tr '\r' '\n' <"$1" | sed -n 's/.*mesg=\([0-9]*\).*/\1/p' | tail -n 1 | grep . || echo 0
}

for ((round = 1; round <= rounds; round++)); do
    dir=$work/round-$round
    mkdir -p "$dir"
    sink_port=$(free_port)
    smtp-sink -c -u nobody "127.0.0.1:$sink_port" 16 >"$dir/sink.out" 2>&1 &
    sink=$!
    pids+=("$sink")
    await_listen "$sink_port" "$sink" || die "smtp-sink did not listen"
    port=$(free_port)
    cat >"$dir/twgate.yaml" <<YAML
server:
  listen: ["127.0.0.1:$port"]
  max_message_size: $((mib + 1))M
  shutdown_grace: 5s
policy:
  relay_clients: ["127.0.0.0/8"]
spool:
  directory: $dir/spool
routes:
  - smtproutes: ":[127.0.0.1]:$sink_port"
    name: sink
    final: false
metrics:
  listen: ""
YAML
    nmt=()
    [[ ${NMT:-0} == 1 ]] && nmt=(-XX:NativeMemoryTracking=summary)
    # shellcheck disable=SC2086 # TWGATE_JAVA_OPTS is a list of options
    (cd "$dir" && exec env -u TWGATE_JAVA_OPTS -u TWGATE_JAR java "@$jvm_options" ${TWGATE_JAVA_OPTS:-} "${nmt[@]}" \
        -jar "$jar" run --config "$dir/twgate.yaml") >"$dir/twgate.log" 2>&1 &
    tw=$!
    pids+=("$tw")
    await_listen "$port" "$tw" || die "twgate did not listen: $(tail -n 3 "$dir/twgate.log")"
    # A few small messages first, so the paths every message takes are loaded, as in a running relay.
    smtp-source -d -s 1 -m 20 -l 4096 -f a@source.invalid -t b@sink.invalid "127.0.0.1:$port"
    deadline=$((SECONDS + 30))
    until [[ $(sink_count "$dir/sink.out") -ge 20 ]] || ((SECONDS > deadline)); do sleep 0.05; done
    sleep 1
    idle=$(rss_kib "$tw")
    smtp-source -s 1 -m 1 -l $((mib << 20)) -f a@source.invalid -t b@sink.invalid "127.0.0.1:$port" &
    src=$!
    peak=$idle
    samples=0
    t0=$SECONDS
    # Sampled until the sink has counted message 21 (the large one), at most 300 s.
    until [[ $(sink_count "$dir/sink.out") -ge 21 ]]; do
        r=$(rss_kib "$tw")
        ((r > peak)) && peak=$r
        samples=$((samples + 1))
        ((SECONDS - t0 < 300)) || die "the message did not reach the sink within 300 s"
        sleep 0.02
    done
    wait "$src" || die "smtp-source failed"
    sleep 1
    after=$(rss_kib "$tw")
    hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$tw/status")
    [[ ${NMT:-0} == 1 ]] && jcmd "$tw" VM.native_memory summary | sed -n '/^Total/,$p' | grep -E '^Total|^-' >&2
    printf 'round %d: %d MiB message in %d s; RSS idle %.1f MiB, peak while it passed %.1f MiB (+%.1f), after %.1f MiB; VmHWM %.1f MiB; %d samples\n' \
        "$round" "$mib" $((SECONDS - t0)) "$(bc -l <<<"$idle/1024")" "$(bc -l <<<"$peak/1024")" \
        "$(bc -l <<<"($peak-$idle)/1024")" "$(bc -l <<<"$after/1024")" "$(bc -l <<<"$hwm/1024")" "$samples"
    kill -TERM "$tw" "$sink" 2>/dev/null || true
    wait "$tw" "$sink" 2>/dev/null || true
    pids=()
    rm -rf "$dir"
done
