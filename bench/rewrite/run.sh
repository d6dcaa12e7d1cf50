#!/bin/sh
# Builds twgate-rewrite into the local repository, then builds and runs the JMH benchmarks.
# Extra arguments go to JMH, e.g. ./run.sh -f 1 -wi 2 -i 3 RuleSetBenchmark
set -eu
cd "$(dirname "$0")"
mvn -q -f ../../pom.xml -pl rewrite -am install -DskipTests
mvn -q -f pom.xml package
# ~/.m2 is shared: if another build installed a different twgate-rewrite in between, say so
if ! unzip -l target/benchmarks.jar | grep -q 'org/twgate/rewrite/rule/RuleSet.class'; then
    echo "run.sh: target/benchmarks.jar has no twgate-rewrite classes;" \
         "another build replaced the installed snapshot, run again" >&2
    exit 1
fi
exec java -jar target/benchmarks.jar "$@"
