#!/usr/bin/env bash
# Event store benchmark (issue 2): builds what it needs, runs one benchmark JVM and rewrites the
# event-store section of docs/benchmarks.md.
#
#   bench/eventstore.sh            full run (memory: 10 k / 100 k / 1 M events, H2: 10 k / 100 k), ~15-18 min
#   bench/eventstore.sh --quick    10 k / 100 k stores, short runs (~8 min); writes
#                                  infra/eventstore/target/bench/benchmarks-quick.md instead
#   extra arguments: --runs N (default 5; catch-up 5, with --quick 3), --out FILE,
#                    --backends memory|h2 and --sections append|grow (partial runs, written like --quick)
#
# Environment: BENCH_HEAP (default 8g), MVN_OFFLINE=false to let Maven download from the start (an offline
# build that fails is retried online anyway).
set -euo pipefail
cd "$(dirname "$0")/.."

offline=-o
[[ "${MVN_OFFLINE:-true}" == "false" ]] && offline=
# Maven offline first (fast, and what a shared ~/.m2 usually allows); if that fails because something
# is not cached yet (a fresh ~/.m2), once more online.
build() {
  mvn -B -q $offline "$@" && return
  [[ -n "$offline" ]] || return 1
  echo "offline build failed (something missing from ~/.m2?): trying again with downloads" >&2
  mvn -B -q "$@"
}
build -pl infra/eventstore -am -Pbench test-compile

module=infra/eventstore
cp="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
heap="${BENCH_HEAP:-8g}"
exec java -Xms2g -Xmx"$heap" -XX:+UseG1GC -Daxoniq.update-checker.disabled=true \
  -cp "$cp" org.lianfang.eventstore.bench.EventStoreBenchmark "$@"
