#!/usr/bin/env bash
# Relay benchmark of issue 2: smtp-source -> {twgate | Postfix | nothing} -> smtp-sink on
# loopback, counted end to end (until the sink has every message), alternating twgate and
# Postfix in one run so the ratio between them is measured under the same machine noise.
# See README.md beside this file for what it measures and how to read the output.
#
# Usage: bench/relay/run.sh [--rounds N] [--quick] [--install]
#   --rounds N   rounds per system (default 3; at least 2); the median is reported
#   --quick      one tenth of every message count (a smoke run; figures not comparable)
#   --install    apt-get install postfix (debconf "No configuration") and keep its default
#                instance stopped and disabled, then run
# Environment: TWGATE_JAR (default gateway/target/twgate.jar, built if missing),
#   TWGATE_JAVA_OPTS (extra JVM options, for every twgate system),
#   JVM_OPTIONS (the options file of the "twgate" system, default deploy/jvm.options, the shipped
#   defaults; "twgate-unbounded" runs the same jar with the JVM's own defaults: heap up to a
#   quarter of the machine; "twgate-java25" the same jar and options file on Java 25:
#   JAVA25_HOME, default /usr/lib/jvm/temurin-25-jdk-amd64, with JAVA25_OPTS after the file),
#   PEER_JAR (the jar of the "twgate-peer" system: another build, e.g. the commit before a change,
#   with the same options file and Java as "twgate", for an A/B in one run; PEER_NAME says what
#   it is in the report; not in the default SYSTEMS), SYSTEMS (default "direct twgate twgate-unbounded postfix"),
#   CASES (names of the cases to run, default all),
#   TRIAL_TIMEOUT (s, default 120), WARMUP_BATCHES (most warm-up batches, default 30),
#   JIT_QUIET (twgate's warm-up ends after two batches in a row during which HotSpot's compilers
#   were busy for less than this percentage of the batch's time, default 5), WARMUP_MIN (4 KiB
#   batches twgate gets at least, quiet or not, default 10),
#   RUN_DEADLINE (s, default 1080: no new round starts after it), BENCH_TMP (default /var/tmp),
#   RESULTS_DIR (default this folder), KEEP=1 (keep the work dir), SAMPLES=1 (take jcmd
#   Thread.print samples of twgate during its trials into RESULTS_DIR/samples-<date>/; this
#   costs CPU and so lowers twgate's figures: use it to look, not to measure), STATUS_REFRESH=S
#   (twgate serves its metrics and status page on loopback, and a loop loads the page and
#   status.json every S seconds during its trials, as a browser left open on it does).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

rounds=3
scale=1
install=0
while (($#)); do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        --quick) scale=10; shift ;;
        --install) install=1; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
((rounds >= 2)) || { echo "run.sh: --rounds must be at least 2 (a median of one is no median)" >&2; exit 2; }

trial_timeout=${TRIAL_TIMEOUT:-120}
run_deadline=${RUN_DEADLINE:-1080}
results_dir=${RESULTS_DIR:-$here}
mkdir -p "$results_dir" # before the trials: a report that cannot be written at the end loses the whole run
jar=${TWGATE_JAR:-$repo/gateway/target/twgate.jar}
[[ $jar == /* ]] || jar=$PWD/$jar # the JVM starts in the work dir
jvm_options=${JVM_OPTIONS:-$repo/deploy/jvm.options}
java25_home=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
read -r -a systems <<<"${SYSTEMS:-direct twgate twgate-unbounded postfix}"
# Warm-up, not counted: batches of the case's own traffic. Postfix has no JIT: one batch starts
# its processes and fills its caches. twgate goes on until a batch leaves HotSpot's JIT almost
# idle (JIT_QUIET): on 2 cores C2 compiling the hot paths takes much of a core for the first
# minute or so, and a relay is measured running, not starting (the README says how large).
small_batch=$((5000 / scale))
large_batch=$((200 / scale))
warmup_batches=${WARMUP_BATCHES:-30}
jit_quiet=${JIT_QUIET:-5}
# C2 goes quiet for a batch or two and then compiles again: in the A/B runs of 2026-12-05 a
# warm-up that ended after 35,000 messages left the JIT 26-34 % busy in the measured part (and
# CPU per message 20 % higher), one of 80,000 or more under 1 % of it.
warmup_min=${WARMUP_MIN:-10}

# The cases of issue 2: name messages size sessions recipients-per-message.
cases=(
    "4KiB-20sess $((10000 / scale)) 4096 20 1"
    "4KiB-1sess $((10000 / scale)) 4096 1 1"
    "1MiB-10sess $((200 / scale)) 1048576 10 1"
    "4KiB-10rcpt $((2000 / scale)) 4096 20 10"
)

if [[ -n ${CASES:-} ]]; then # e.g. CASES="1MiB-10sess 4KiB-1sess": only these
    chosen=()
    for spec in "${cases[@]}"; do [[ " $CASES " == *" ${spec%% *} "* ]] && chosen+=("$spec"); done
    ((${#chosen[@]})) || { echo "run.sh: CASES='$CASES' names none of: ${cases[*]%% *}" >&2; exit 2; }
    cases=("${chosen[@]}")
fi

# shellcheck source=../common.sh
source "$here/../common.sh" # log, die, free_port, await_listen

# ---------------------------------------------------------------- prerequisites
if ((install)); then
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y postfix >/dev/null
fi
# Never let the distribution's own instance run: it is no part of the benchmark.
if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled postfix >/dev/null 2>&1; then
    systemctl disable --now postfix >/dev/null 2>&1 || true
fi
for tool in smtp-source smtp-sink postfix postconf perl java jcmd ss timeout cc; do
    command -v "$tool" >/dev/null || die "'$tool' not found (Debian: apt-get install postfix; see README.md)"
done
if [[ " ${systems[*]} " == *" twgate-peer "* ]]; then
    [[ -f ${PEER_JAR:-} ]] || die "twgate-peer: set PEER_JAR to the jar to compare with (PEER_JAR='${PEER_JAR:-}')"
fi
if [[ " ${systems[*]} " == *" twgate-java25 "* ]]; then
    [[ -x $java25_home/bin/java && -x $java25_home/bin/jcmd ]] ||
        die "twgate-java25: no Java 25 at JAVA25_HOME=$java25_home (bin/java and bin/jcmd); set JAVA25_HOME or leave twgate-java25 out of SYSTEMS"
    "$java25_home/bin/java" -version 2>&1 | grep -q 'version "25' ||
        die "twgate-java25: $java25_home/bin/java is not Java 25: $("$java25_home/bin/java" -version 2>&1 | head -1)"
fi
((EUID == 0)) || die "run as root: a private Postfix instance needs root to start"
if [[ ! -f $jar ]]; then
    log "building $jar"
    (cd "$repo" && mvn -B -q -DskipTests package -pl gateway -am) || die "build failed"
fi

# ---------------------------------------------------------------- cleanup, whatever happens
work=$(mktemp -d "${BENCH_TMP:-/var/tmp}/twgate-bench.XXXXXX")
chmod 755 "$work" # Postfix daemons run as user postfix and must reach their queue below it
pids=()           # every process this script started and has not stopped yet
postfix_confs=()  # every private Postfix instance this script started and has not stopped yet

stop_pid() { # pid [grace seconds]: TERM, wait up to grace, then KILL
    local pid=$1 grace=${2:-5} deadline
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + grace))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    forget pids "$pid" # its number may be reused by someone else's process later
}

forget() { # array-name value: removes value from the named array
    local -n list=$1
    local kept=() item
    for item in "${list[@]}"; do [[ $item == "$2" ]] || kept+=("$item"); done
    list=("${kept[@]}")
}

stop_postfix() { # config dir
    local conf=$1 master="" deadline
    [[ -f $conf/../queue/pid/master.pid ]] && master=$(tr -d ' \n' <"$conf/../queue/pid/master.pid")
    postfix -c "$conf" stop >/dev/null 2>&1 || true
    if [[ -n $master ]]; then
        deadline=$((SECONDS + 10))
        while kill -0 "$master" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.05; done
        if kill -0 "$master" 2>/dev/null; then
            pkill -KILL -P "$master" 2>/dev/null || true
            kill -KILL "$master" 2>/dev/null || true
        fi
    fi
    forget postfix_confs "$conf"
}

cleanup() {
    local rc=$? pid conf
    trap - EXIT INT TERM
    for conf in "${postfix_confs[@]}"; do stop_postfix "$conf"; done
    for pid in "${pids[@]}"; do stop_pid "$pid" 2; done
    if [[ ${KEEP:-0} == 1 ]]; then log "work dir kept: $work"; else rm -rf "$work"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- small tools
cpu_ticks() { # utime+stime(+cutime+cstime with "children") of one pid, in clock ticks
    local stat rest
    stat=$(<"/proc/$1/stat") || { echo 0; return; }
    rest=${stat##*) }                   # fields from 3 on; the command name may hold spaces
    read -r -a f <<<"$rest"             # f[0] is field 3, so field N is f[N-3]
    if [[ ${2:-} == children ]]; then echo $((f[11] + f[12] + f[13] + f[14]))
    else echo $((f[11] + f[12])); fi
}

postfix_ticks() { # the whole instance: master with its reaped children, plus live children
    local master=$1 total child
    total=$(cpu_ticks "$master" children)
    for child in $(pgrep -P "$master" || true); do total=$((total + $(cpu_ticks "$child"))); done
    echo "$total"
}

await_milestone() { # watch-file milestone deadline-seconds: 0 when reached
    local deadline=$((SECONDS + $3))
    until grep -q "^reached $2 " "$1" 2>/dev/null; do
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}

clk_tck=$(getconf CLK_TCK)
date_tag=$(date +%Y-%m-%d)
samples_dir=$results_dir/samples-$date_tag

# ---------------------------------------------------------------- the relays
start_twgate() { # dir sink-port system -> sets relay_pid, relay_port (and refresher with STATUS_REFRESH)
    local dir=$1 metrics_listen='""' status_port="" defaults=() java=java relay_jar=$jar
    [[ $3 == twgate || $3 == twgate-java25 || $3 == twgate-peer ]] && defaults=("@$jvm_options") # the java launcher reads an options file
    [[ $3 == twgate-peer ]] && relay_jar=$(realpath "$PEER_JAR")
    if [[ $3 == twgate-java25 ]]; then
        java=$java25_home/bin/java
        # shellcheck disable=SC2206 # JAVA25_OPTS is a list of options
        defaults+=(${JAVA25_OPTS:-})
    fi
    relay_port=$(free_port)
    refresher=""
    if [[ -n ${STATUS_REFRESH:-} ]]; then
        status_port=$(free_port)
        metrics_listen="127.0.0.1:$status_port"
    fi
    cat >"$dir/twgate.yaml" <<YAML
server:
  listen: ["127.0.0.1:$relay_port"]
  shutdown_grace: 5s
policy:
  relay_clients: ["127.0.0.0/8"]
spool:
  directory: $dir/spool
routes:
  - smtproutes: ":[127.0.0.1]:$2"
    name: sink
    final: false
metrics:
  listen: $metrics_listen
YAML
    # shellcheck disable=SC2086 # TWGATE_JAVA_OPTS is a list of options
    # twgate reads TWGATE_* variables as configuration overrides: these two are not for it.
    (cd "$dir" && exec env -u TWGATE_JAVA_OPTS -u TWGATE_JAR "$java" "${defaults[@]}" ${TWGATE_JAVA_OPTS:-} -jar "$relay_jar" run --config "$dir/twgate.yaml") \
        >>"$dir/twgate.log" 2>&1 &
    relay_pid=$!
    pids+=("$relay_pid")
    if await_listen "$relay_port" "$relay_pid"; then
        if [[ -n $status_port ]]; then
            (while :; do
                curl -s -o /dev/null "http://127.0.0.1:$status_port/" || true
                curl -s -o /dev/null "http://127.0.0.1:$status_port/status.json" || true
                sleep "$STATUS_REFRESH"
            done) &
            refresher=$!
            pids+=("$refresher")
        fi
        return
    fi
    stop_pid "$relay_pid" 10
    log "twgate did not listen on 127.0.0.1:$relay_port: $(tail -n 2 "$dir/twgate.log")"
    return 1
}

start_postfix() { # dir sink-port -> sets relay_pid (the master), relay_port
    local dir=$1 conf=$1/etc
    relay_port=$(free_port)
    mkdir -p "$conf" "$dir/queue" "$dir/data"
    chown postfix:postfix "$dir/data"
    cp /etc/postfix/master.cf "$conf/master.cf"
    # Stock Postfix defaults (durability included: cleanup fsyncs every queue file) except
    # what makes it a loopback-only relay of its own to the sink.
    cat >"$conf/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
myhostname = relay.bench.invalid
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:$2
smtp_dns_support_level = disabled
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
CF
    postconf -c "$conf" -M# smtp/inet
    postconf -c "$conf" -Me "127.0.0.1:$relay_port/inet = 127.0.0.1:$relay_port inet n - n - - smtpd"
    postconf -c "$conf" -F '*/*/chroot = n' # a chroot would need /etc copied into the queue
    postfix_confs+=("$conf")
    if postfix -c "$conf" start >>"$dir/postfix-start.log" 2>&1; then
        relay_pid=$(tr -d ' \n' <"$dir/queue/pid/master.pid")
        await_listen "$relay_port" "$relay_pid" && return
    fi
    stop_postfix "$conf"
    log "postfix did not listen on 127.0.0.1:$relay_port: $(tail -n 2 "$dir/postfix-start.log" "$dir/maillog" 2>&1)"
    rm -rf "$conf" "$dir/queue" "$dir/data"
    return 1
}

start_sink() { # dir milestone... -> sets sink_port, sink_pid, watch_pid
    local dir=$1
    shift
    sink_port=$(free_port)
    rm -f "$dir/sink.fifo"
    mkfifo "$dir/sink.fifo"
    perl "$here/sink-watch.pl" "$dir/watch" "$@" <"$dir/sink.fifo" &
    watch_pid=$!
    pids+=("$watch_pid")
    smtp-sink -c -u nobody "127.0.0.1:$sink_port" 1024 >"$dir/sink.fifo" 2>>"$dir/sink.err" &
    sink_pid=$!
    pids+=("$sink_pid")
    await_listen "$sink_port" "$sink_pid" && return
    stop_pid "$sink_pid" 2
    stop_pid "$watch_pid" 2
    log "smtp-sink did not listen on 127.0.0.1:$sink_port: $(tail -n 2 "$dir/sink.err")"
    return 1
}

# Another program may take a port between our check and our bind (other people's tests
# run on this machine too): each start gets three ports to try.
with_retries() { # function args...
    local attempt
    for attempt in 1 2 3; do
        "$@" && return
    done
    die "$1 failed three times"
}

relay_ticks() { # system pid
    case $1 in
        twgate*) cpu_ticks "$2" ;;
        postfix) postfix_ticks "$2" ;;
        *) echo 0 ;;
    esac
}

jcmd_for() { # pid ...: the jcmd of the JDK the pid runs on (twgate-java25's is Java 25's)
    if [[ ${system:-} == twgate-java25 ]]; then "$java25_home/bin/jcmd" "$@"; else jcmd "$@"; fi
}

jit_ms() { # pid: milliseconds HotSpot's compilers have spent so far (its java.ci.totalTime counter, ns)
    jcmd_for "$1" PerfCounter.print 2>/dev/null | awk -F= '$1 == "java.ci.totalTime" {v = $2} END {printf "%d\n", v / 1e6}'
}

gc_ms() { # pid: milliseconds the JVM's collectors have spent so far (sun.gc.collector.N.time, in hrt ticks)
    jcmd_for "$1" PerfCounter.print 2>/dev/null | awk -F= '$1 ~ /^sun\.gc\.collector\.[0-9]+\.time$/ {t += $2}
        $1 == "sun.os.hrt.frequency" {f = $2} END {printf "%d\n", (f > 0 ? t * 1000 / f : 0)}'
}

jit_share() { # jit-ms-before jit-ms-after epoch-before epoch-after: percent of the wall time spent compiling
    awk -v a="$1" -v b="$2" -v s="$3" -v e="$4" 'BEGIN {w = (e - s) * 1000; printf "%.1f\n", (w > 0 ? (b - a) * 100 / w : 100)}'
}

watch_rss() { # pid file: the largest VmRSS (KiB) seen while the pid lives, sampled every 100 ms, kept in file
    local peak=0 r
    while r=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null) && [[ -n $r ]]; do
        ((r > peak)) && { peak=$r; echo "$peak" >"$2"; }
        sleep 0.1
    done
}

sample_threads() { # pid dir tag: one jcmd Thread.print a second while the pid lives
    local i=0
    mkdir -p "$2"
    while kill -0 "$1" 2>/dev/null; do
        jcmd_for "$1" Thread.print >"$2/$3-$i.txt" 2>/dev/null || true
        i=$((i + 1))
        sleep 1
    done
}

# ---------------------------------------------------------------- one trial
# Appends to $raw: system case round msgs/s cpu-ms-per-msg peak-rss-MiB status sink-cpu-ms-per-msg
# warm-up-msgs jit-busy-percent-while-measured peak-rss-MiB-while-measured gc-pause-ms-per-msg. Runs in the
# main shell (never in $(...)), so the EXIT trap knows every process it started.
# Sends warm-up batches of one message size (adding to $warmup) until the relay is warm: one
# batch for Postfix and the ceiling; for twgate, until two batches in a row leave its JIT busy
# for less than JIT_QUIET % of their time, after at least MIN batches, or WARMUP_BATCHES. Uses
# run_trial's locals.
warm_up() { # message-size batch min-batches
    local k jit0 jit1 w0 w1 quiet=0
    for ((k = 1; k <= warmup_batches; k++)); do
        [[ $system == twgate* ]] && jit0=$(jit_ms "$relay_pid")
        w0=$EPOCHREALTIME
        timeout "$trial_timeout" "${source[@]}" -s "$sessions" -m "$2" -l "$1" -r "$rcpts" \
            "127.0.0.1:$relay_port" 2>>"$dir/source.err" || die "$system: warm-up send failed: $(tail -2 "$dir/source.err")"
        warmup=$((warmup + $2))
        await_milestone "$dir/watch" "$warmup" "$trial_timeout" || die "$system: warm-up never reached the sink"
        [[ $system == twgate* ]] || return 0
        jit1=$(jit_ms "$relay_pid")
        w1=$EPOCHREALTIME
        if awk -v p="$(jit_share "$jit0" "$jit1" "$w0" "$w1")" -v q="$jit_quiet" 'BEGIN {exit !(p < q)}'; then
            quiet=$((quiet + 1))
            ((quiet >= 2 && k >= $3)) && return 0
        else
            quiet=0
        fi
    done
}

run_trial() { # system round case msgs size sessions rcpts
    local system=$1 round=$2 name=$3 msgs=$4 size=$5 sessions=$6 rcpts=$7
    local dir=$work/$system-$name-$round sink_port sink_pid watch_pid relay_pid="" relay_port
    local warmup=0 target i j milestones jit_before="" jit_after="" gc_before="" gc_after="" gc_per_msg=NA
    local cpu0 cpu1 sink0 sink1 sink_ms t0 t1 status=ok hwm=0 rate cpu_ms final sampler="" rss_watch="" loaded=NA
    mkdir -p "$dir"
    # The sink stamps every count at which a warm-up batch or the trial can end. A large-message
    # case first warms up with 4 KiB batches (the per-message paths, which a few thousand large
    # messages would leave half-compiled), then with batches of its own size.
    milestones=$(for ((i = 1; i <= warmup_batches; i++)); do
        echo $((i * small_batch)) $((i * small_batch + msgs))
        if ((size > 4096)); then
            for ((j = 1; j <= warmup_batches; j++)); do
                echo $((i * small_batch + j * large_batch)) $((i * small_batch + j * large_batch + msgs))
            done
        fi
    done | tr ' ' '\n' | sort -nu)

    # shellcheck disable=SC2086 # one milestone per word
    with_retries start_sink "$dir" $milestones
    case $system in
        twgate*) with_retries start_twgate "$dir" "$sink_port" "$system" ;;
        postfix) with_retries start_postfix "$dir" "$sink_port" ;;
        direct) relay_port=$sink_port ;;
    esac

    local source=(smtp-source -d -M source.bench.invalid -f sender@source.bench.invalid
        -t rcpt@sink.bench.invalid)
    warm_up 4096 "$small_batch" "$warmup_min"
    ((size > 4096)) && warm_up "$size" "$large_batch" 0
    target=$((warmup + msgs))

    [[ $system == twgate* ]] && jit_before=$(jit_ms "$relay_pid") && gc_before=$(gc_ms "$relay_pid")
    [[ -n $relay_pid ]] && cpu0=$(relay_ticks "$system" "$relay_pid") || cpu0=0
    sink0=$(cpu_ticks "$sink_pid")
    if [[ ${SAMPLES:-0} == 1 && $system == twgate* ]]; then
        sample_threads "$relay_pid" "$samples_dir" "$name-r$round" &
        sampler=$!
        pids+=("$sampler")
    fi
    if [[ $system == twgate* ]]; then # resident size at full load: the measured part only
        echo 0 >"$dir/rss-peak"
        watch_rss "$relay_pid" "$dir/rss-peak" &
        rss_watch=$!
        pids+=("$rss_watch")
    fi
    t0=$EPOCHREALTIME
    if ! timeout "$trial_timeout" "${source[@]}" -s "$sessions" -m "$msgs" -l "$size" -r "$rcpts" \
        "127.0.0.1:$relay_port" 2>>"$dir/source.err"; then
        status="source-failed"
    fi
    if ! await_milestone "$dir/watch" "$target" "$trial_timeout"; then
        [[ $status == ok ]] && status="timeout"
    fi
    sink1=$(cpu_ticks "$sink_pid")
    if [[ -n $relay_pid ]]; then
        cpu1=$(relay_ticks "$system" "$relay_pid")
        [[ $system == twgate* ]] && jit_after=$(jit_ms "$relay_pid") && gc_after=$(gc_ms "$relay_pid")
        [[ $system == twgate* ]] && hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$relay_pid/status")
        [[ -n $rss_watch ]] && { stop_pid "$rss_watch" 2; loaded=$(($(<"$dir/rss-peak") / 1024)); }
        case $system in
            twgate*) stop_pid "$relay_pid" 10 ;;
            postfix) stop_postfix "$dir/etc" ;;
        esac
    else
        cpu1=0
    fi
    [[ -n $sampler ]] && stop_pid "$sampler" 2
    [[ -n ${refresher:-} ]] && { stop_pid "$refresher" 2; refresher=""; }
    stop_pid "$sink_pid" 2
    wait "$watch_pid" 2>/dev/null || true
    forget pids "$watch_pid"
    final=$(awk '$1 == "final" {print $2}' "$dir/watch")
    if [[ $status == ok ]]; then
        t1=$(awk -v m="$target" '$1 == "reached" && $2 == m {print $4}' "$dir/watch")
        rate=$(awk -v n="$msgs" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", n / (b - a)}')
        ((final == target)) || status="sink-got-$((final - warmup))-of-$msgs"
    else
        rate=NA
        status="$status(sink-got-$((final - warmup))-of-$msgs)"
    fi
    cpu_ms=$(awk -v d=$((cpu1 - cpu0)) -v n="$msgs" -v hz="$clk_tck" 'BEGIN {printf "%.3f", d * 1000 / hz / n}')
    [[ $system == direct ]] && cpu_ms=NA
    sink_ms=$(awk -v d=$((sink1 - sink0)) -v n="$msgs" -v hz="$clk_tck" 'BEGIN {printf "%.3f", d * 1000 / hz / n}')
    [[ $system == twgate* ]] && hwm=$((hwm / 1024)) || hwm=NA
    if [[ $status != ok ]]; then
        log "$system $name round $round: $status; last lines of its logs:"
        tail -n 5 "$dir"/*.log "$dir/source.err" "$dir/maillog" 2>/dev/null | sed 's/^/    /' >&2 || true
    fi
    [[ -n $gc_before && -n $gc_after ]] && gc_per_msg=$(awk -v a="$gc_before" -v b="$gc_after" -v n="$msgs" 'BEGIN {printf "%.3f", (b - a) / n}')
    local jit_window=NA
    [[ -n $jit_before && -n $jit_after && $status == ok ]] && jit_window=$(jit_share "$jit_before" "$jit_after" "$t0" "$t1")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$system" "$name" "$round" "$rate" "$cpu_ms" "$hwm" "$status" \
        "$sink_ms" "$warmup" "$jit_window" "$loaded" "$gc_per_msg" >>"$raw"
    log "$system $name round $round: $rate msgs/s, $cpu_ms ms CPU/msg, peak RSS $hwm MiB (measured part $loaded), $status, sink $sink_ms ms CPU/msg," \
        "warm-up $warmup msgs, JIT busy $jit_window% of the measured time, GC $gc_per_msg ms/msg"
    rm -rf "$dir/spool" "$dir/queue" # the next trial's fsyncs should not pay for this one's files
}

# ---------------------------------------------------------------- the disk's part
# One session waits for each message's syncs before its 250, so its limit is the ceiling's time
# per message plus the spool's sync pattern on this disk (spool-sync-probe.c, the same steps as
# the spool takes for a small message), measured in the same run, on the same file system.
probe=$work/spool-sync-probe
cc -O2 -o "$probe" "$here/spool-sync-probe.c" || die "cannot build spool-sync-probe.c"
probe_spool() { # round: appends "round path-to-250 in-fdatasync background", then the same for the tmp/ fallback, to $probes
    local dir=$work/probe-$1 reserved fallback
    mkdir -p "$dir/reserved" "$dir/fallback"
    reserved=$("$probe" "$dir/reserved" $((2000 / scale)) 4396 reserved)
    fallback=$("$probe" "$dir/fallback" $((2000 / scale)) 4396 fallback)
    echo "$1 $reserved $fallback" >>"$probes"
    log "spool sync pattern round $1: $reserved ms per message (path to 250, of it fdatasync, background);" \
        "tmp/ fallback $fallback"
    rm -rf "$dir"
}

# ---------------------------------------------------------------- the run
raw=$work/raw.tsv
probes=$work/probes.txt
: >"$probes"
started=$SECONDS
log "work dir $work; $rounds rounds; message counts divided by $scale"
for ((round = 1; round <= rounds; round++)); do
    if ((round > 2 && SECONDS - started > run_deadline)); then
        log "run deadline (${run_deadline}s) passed: stopping after $((round - 1)) rounds"
        break
    fi
    for spec in "${cases[@]}"; do
        read -r name msgs size sessions rcpts <<<"$spec"
        for system in "${systems[@]}"; do
            run_trial "$system" "$round" "$name" "$msgs" "$size" "$sessions" "$rcpts"
        done
        # The disk's share of the sequential limit, measured next to the case it limits.
        ((sessions == 1)) && probe_spool "$round"
    done
done

# ---------------------------------------------------------------- the report
median() { # numbers on stdin (NA and blanks ignored) -> median, or NA
    sort -g | awk '$1 != "NA" && $1 != "" {v[n++] = $1}
        END {if (!n) print "NA"; else if (n % 2) print v[int(n / 2)];
             else printf "%.3f\n", (v[n / 2 - 1] + v[n / 2]) / 2}'
}
column_of() { # system case column(4 rate, 5 cpu, 6 rss)
    awk -F '\t' -v s="$1" -v c="$2" -v k="$3" '$1 == s && $2 == c {print $k}' "$raw"
}
beside_table() { # system label other-system other-label: one system's medians beside another's, per case
    local a=$1 la=$2 b=$3 lb=$4 spec name ra rb
    echo
    echo "| case | $la msgs/s | $lb msgs/s | $la/$lb | $la CPU ms/msg | $lb CPU ms/msg | $la RSS at load MiB | $lb RSS at load MiB | $la peak RSS MiB | $lb peak RSS MiB |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for spec in "${cases[@]}"; do
        read -r name _ <<<"$spec"
        ra=$(column_of "$a" "$name" 4 | median)
        rb=$(column_of "$b" "$name" 4 | median)
        echo "| $name | $(fmt "$ra" %.0f) | $(fmt "$rb" %.0f) | $(ratio "$ra" "$rb") |" \
            "$(fmt "$(column_of "$a" "$name" 5 | median)" %.3f) | $(fmt "$(column_of "$b" "$name" 5 | median)" %.3f) |" \
            "$(fmt "$(column_of "$a" "$name" 11 | max)" %.0f) | $(fmt "$(column_of "$b" "$name" 11 | max)" %.0f) |" \
            "$(fmt "$(column_of "$a" "$name" 6 | max)" %.0f) | $(fmt "$(column_of "$b" "$name" 6 | max)" %.0f) |"
    done
}
fmt() { awk -v x="$1" -v f="$2" 'BEGIN {if (x == "NA") print "NA"; else printf f, x}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "NA" || b == "NA" || a == "" || b == "" || b == 0) print "NA"; else printf "%.2f", a / b}'; }
max() { sort -g | awk '$1 != "NA" && $1 != "" {v = $1} END {print (v == "" ? "NA" : v)}'; }

report=$results_dir/results-$date_tag.md
# The last commit that changed what runs (the gateway and the libraries it is built from).
commit=$(git -C "$repo" log -1 --format=%h -- gateway config rewrite dsn pom.xml 2>/dev/null || echo unknown)
{
    echo "# Relay benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GiB,"
    echo "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "twgate $commit on $(java -version 2>&1 | head -1)$([[ " ${systems[*]} " == *" twgate-java25 "* ]] && echo "; twgate-java25 on $("$java25_home/bin/java" -version 2>&1 | head -1) with JAVA25_OPTS='${JAVA25_OPTS:-}'"); Postfix $(postconf -d -h mail_version 2>/dev/null)."
    echo "Rounds: $(awk -F '\t' '{print $3}' "$raw" | sort -u | wc -l), median reported; message counts divided by $scale."
    echo
    echo "| case | messages | ceiling msgs/s | twgate msgs/s | twgate/ceiling | twgate/sequential limit | twgate unbounded msgs/s | bounded/unbounded | Postfix msgs/s | twgate/Postfix | twgate CPU ms/msg | unbounded CPU ms/msg | Postfix CPU ms/msg | twgate RSS at load MiB | twgate peak RSS MiB | unbounded RSS at load MiB | unbounded peak RSS MiB |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    sync_ms=$(awk '{print $2}' "$probes" | median)
    for spec in "${cases[@]}"; do
        read -r name msgs size sessions rcpts <<<"$spec"
        direct=$(column_of direct "$name" 4 | median)
        tw=$(column_of twgate "$name" 4 | median)
        un=$(column_of twgate-unbounded "$name" 4 | median)
        pf=$(column_of postfix "$name" 4 | median)
        limit=NA
        ((sessions == 1)) && limit=$(awk -v d="$direct" -v s="$sync_ms" 'BEGIN {if (d == "NA" || s == "NA" || d == 0) print "NA"; else printf "%.1f", 1000 / (1000 / d + s)}')
        echo "| $name | $msgs | $(fmt "$direct" %.0f) | $(fmt "$tw" %.0f) | $(ratio "$tw" "$direct") | $(ratio "$tw" "$limit") |" \
            "$(fmt "$un" %.0f) | $(ratio "$tw" "$un") | $(fmt "$pf" %.0f) | **$(ratio "$tw" "$pf")** |" \
            "$(fmt "$(column_of twgate "$name" 5 | median)" %.3f) | $(fmt "$(column_of twgate-unbounded "$name" 5 | median)" %.3f) |" \
            "$(fmt "$(column_of postfix "$name" 5 | median)" %.3f) | $(fmt "$(column_of twgate "$name" 11 | max)" %.0f) |" \
            "$(fmt "$(column_of twgate "$name" 6 | max)" %.0f) | $(fmt "$(column_of twgate-unbounded "$name" 11 | max)" %.0f) |" \
            "$(fmt "$(column_of twgate-unbounded "$name" 6 | max)" %.0f) |"
    done
    if [[ " ${systems[*]} " == *" twgate-peer "* ]]; then
        echo
        echo "twgate beside twgate-peer (PEER_JAR=$PEER_JAR${PEER_NAME:+, $PEER_NAME}), same options file and Java, in the same run:"
        beside_table twgate twgate twgate-peer peer
    fi
    if [[ " ${systems[*]} " == *" twgate-java25 "* ]]; then
        echo
        echo "The same jar and options file on Java 25 (twgate-java25), beside Java 17 (twgate) in the same run:"
        beside_table twgate-java25 "Java 25" twgate "Java 17"
    fi
    echo
    echo "Sequential limit (one session): 1 / (the ceiling's time per message + the spool's sync pattern)."
    echo "Spool sync pattern on this disk (spool-sync-probe.c), per round, ms per message: into a reserved file (path to 250,"
    echo "of it in fdatasync, background renames and queue/ fsyncs), then the tmp/ fallback (path to 250 with its directory fsync, of it in fdatasync, unlink):"
    echo "$(sed 's/^/round /' "$probes" | paste -sd ';' -); median path to 250 $sync_ms ms (the limit uses it)."
    echo "twgate: \`java @$(realpath --relative-to="$repo" "$jvm_options" 2>/dev/null || echo "$jvm_options") -jar\` ($(grep -v '^[[:space:]]*#' "$jvm_options" | grep . | tr '\n' ' '| sed 's/ $//'));"
    echo "twgate unbounded: \`java -jar\` (the JVM's defaults); both with TWGATE_JAVA_OPTS='${TWGATE_JAVA_OPTS:-}'. RSS at load: the largest VmRSS sampled (every 100 ms) while the case was measured, warm-up excluded; peak RSS: VmHWM, the largest over the JVM's life (warm-up and its JIT compilations included); both the largest of any round."
    echo
    echo "Every trial (system, case, round, msgs/s, relay CPU ms/msg, peak RSS MiB, status, smtp-sink CPU ms/msg,"
    echo "warm-up messages before it, % of its time twgate's JIT compilers were busy, RSS MiB at load, GC ms/msg):"
    echo
    echo '```'
    column -t -s $'\t' "$raw" 2>/dev/null || tr '\t' ' ' <"$raw"
    echo '```'
} >"$report"
cat "$report"
log "written to $report in $((SECONDS - started)) s"
if awk -F '\t' '$7 != "ok" {bad = 1} END {exit !bad}' "$raw"; then
    log "some trials did not complete: see the status column"
    exit 1
fi
