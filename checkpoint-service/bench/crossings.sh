#!/usr/bin/env bash
# Checkpoint crossing throughput at the service (issue 6), with the raw-insert baseline of the same
# store in the same run. Not a test. Prints a markdown table and writes it to
# checkpoint-service/target/bench/crossings.md (or --out FILE) for docs/benchmarks.md.
#
#   checkpoint-service/bench/crossings.sh                       2,000 crossings per run, 1 and 4 tablets
#   checkpoint-service/bench/crossings.sh --crossings 10000 --threads 1,4,8 --people 1000
#
# Environment: BENCH_HEAP (default 2g), MVN_OFFLINE=false to let Maven download.
set -euo pipefail
cd "$(dirname "$0")/../.."

offline=-o
[[ "${MVN_OFFLINE:-true}" == "false" ]] && offline=
AXONIQ_UPDATE_CHECKER_DISABLED=true mvn -B -q $offline -pl infra/contracts,checkpoint-service -Pbench test-compile

module=checkpoint-service
cp="$module/target/test-classes:$module/target/classes:infra/contracts/target/classes:$(cat "$module/target/bench.classpath")"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
exec java -Xms512m -Xmx"${BENCH_HEAP:-2g}" -Daxoniq.update-checker.disabled=true \
  -cp "$cp" org.lianfang.checkpoint.bench.CrossingThroughputBenchmark "$@"
