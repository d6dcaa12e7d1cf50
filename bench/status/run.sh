#!/bin/sh
# The status page's cost per load at 10,000 queued messages, against /metrics in the same run.
# Builds gateway/target/twgate.jar if missing (no install into ~/.m2), then runs the benchmark
# in Java's source-file mode on that jar. Options: -Dqueued=N -Drounds=N -Dloads=N
set -eu
cd "$(dirname "$0")/../.."
[ -f gateway/target/twgate.jar ] || mvn -B -q -DskipTests -pl gateway -am package
# nodelay: the JDK's HTTP server otherwise leaves the body to Nagle and the client's delayed ACK
# (about 40 ms per request, the same for every path), which would hide what the work costs.
exec java -Xmx256m -Dsun.net.httpserver.nodelay=true "$@" -cp gateway/target/twgate.jar bench/status/StatusPageBench.java
