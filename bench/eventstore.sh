#!/usr/bin/env bash
# Event store benchmark (issue 2): builds what it needs, runs one benchmark JVM and rewrites the
# event-store section of docs/benchmarks.md.
#
#   bench/eventstore.sh            full run (memory: 10 k / 100 k / 1 M events, H2: 10 k / 100 k), ~15 min
#   bench/eventstore.sh --quick    10 k / 100 k stores, short runs; writes
#                                  infra/eventstore/target/bench/benchmarks-quick.md instead
#   extra arguments: --runs N (default 3), --out FILE
#
# Environment: BENCH_HEAP (default 8g), MVN_OFFLINE=false to let Maven download.
set -euo pipefail
cd "$(dirname "$0")/.."

offline=-o
[[ "${MVN_OFFLINE:-true}" == "false" ]] && offline=
mvn -B -q $offline -pl infra/eventstore -am -Pbench test-compile

module=infra/eventstore
cp="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
heap="${BENCH_HEAP:-8g}"
exec java -Xms2g -Xmx"$heap" -XX:+UseG1GC -Daxoniq.update-checker.disabled=true \
  -cp "$cp" org.lianfang.eventstore.bench.EventStoreBenchmark --work "$module/target/bench" "$@"
