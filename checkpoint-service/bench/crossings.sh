#!/usr/bin/env bash
# Checkpoint crossings (issues 6 and 11), measured in one run against their limits: raw driver
# inserts of the documents a crossing stores, crossings posted to checkpoint-service, and the same
# through the gateway. Builds the exec jars, starts the embedded store, checkpoint-service and the
# gateway as JVMs of their own (like ./lianfang up), drives them from a separate load process
# (CrossingLoadClient), stops what it started and writes its section of docs/benchmarks.md.
# Not a test.
#
#   checkpoint-service/bench/crossings.sh                 H2 store, 4 tablets at 2 gates, 3 rounds
#   checkpoint-service/bench/crossings.sh --store memory --tablets 8 --crossings 2000 --rate 40
#
# Options: --store h2|memory (h2, as ./lianfang up), --tablets N (4), --checkpoints N (2),
# --crossings N per throughput run (1000), --runs N (3), --rate N offered crossings/s for the latency
# runs (20), --rate-seconds N (15), --people N known to the gate (500), --warm-up-seconds N (600: warm-up
# rounds through service and gateway until both JIT compilers settle, at most this long), --no-build, --no-docs.
# Environment: MVN_OFFLINE=false lets Maven download from the start (an offline build that fails is
# retried online anyway); BENCH_SERVICE_JAVA_OPTS, BENCH_STORE_JAVA_OPTS;
# BENCH_START_TIMEOUT seconds to wait for health (900); BENCH_STORE_PORT (27917), BENCH_CHECKPOINT_PORT (18983), BENCH_GATEWAY_PORT (18980),
# BENCH_FLOOR_PORT (18989: the stack's floor, StackFloorApp, a bare Spring MVC endpoint doing the raw insert);
# BENCH_JARS=DIR takes the store and checkpoint-service exec jars from DIR (to measure another
# build, e.g. an older commit, under the same load client); BENCH_LABEL names that build.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
VERSION=0.1.0-SNAPSHOT
command_line="checkpoint-service/bench/crossings.sh${*:+ $*}"

store=h2
build=1
docs=1
client_args=()
while (($#)); do
  case "$1" in
    --store) store="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-docs) docs=0; shift ;;
    --tablets | --checkpoints | --crossings | --runs | --rate | --rate-seconds | --people | --warm-up-seconds)
      client_args+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[[ "$store" == h2 || "$store" == memory ]] || { echo "--store is h2 or memory" >&2; exit 2; }

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
export AXONIQ_UPDATE_CHECKER_DISABLED=true

if ((build)); then
  echo "building the exec jars and the load client"
  build -pl infra/devstore,checkpoint-service,gateway -am package -DskipTests
  build -pl checkpoint-service -am -Pbench test-compile
fi

STORE_PORT="${BENCH_STORE_PORT:-27917}"
CHECKPOINT_PORT="${BENCH_CHECKPOINT_PORT:-18983}"
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-18980}"
FLOOR_PORT="${BENCH_FLOOR_PORT:-18989}"
# Full JIT for every JVM: the comparison is of work per crossing, not of startup settings.
SERVICE_OPTS="${BENCH_SERVICE_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"
STORE_OPTS="${BENCH_STORE_JAVA_OPTS:--Xmx768m -XX:+UseSerialGC}"
WORK="$ROOT/checkpoint-service/target/bench/run-$CHECKPOINT_PORT"
rm -rf "$WORK"
mkdir -p "$WORK/data"

for port in "$STORE_PORT" "$CHECKPOINT_PORT" "$GATEWAY_PORT" "$FLOOR_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use; set BENCH_*_PORT" >&2
    exit 1
  fi
done

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

secret() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
IDENTITY_KEY="$(secret)"
ADMIN_KEY="lf_admin_$(secret)"
STORE_URI="mongodb://127.0.0.1:$STORE_PORT"

store_args=(--port "$STORE_PORT" --dir "$WORK/data")
[[ "$store" == memory ]] && store_args+=(--memory)
# shellcheck disable=SC2086
java $STORE_OPTS -jar "${BENCH_JARS:-infra/devstore/target}/devstore-$VERSION-exec.jar" "${store_args[@]}" >"$WORK/store.log" 2>&1 &
PIDS+=("$!")
# shellcheck disable=SC2086
SERVER_PORT="$CHECKPOINT_PORT" LIANFANG_MONGODB_URI="$STORE_URI" LIANFANG_IDENTITY_KEY="$IDENTITY_KEY" \
  java $SERVICE_OPTS -jar "${BENCH_JARS:-checkpoint-service/target}/checkpoint-service-$VERSION-exec.jar" >"$WORK/checkpoint.log" 2>&1 &
PIDS+=("$!")
gateway_jar="${BENCH_JARS:-gateway/target}/gateway-$VERSION-exec.jar"
[[ -f "$gateway_jar" ]] || gateway_jar="gateway/target/gateway-$VERSION-exec.jar"
# The per-client rate limit (operator 50/s) would cap the tablets' one shared API key: lifted here.
# shellcheck disable=SC2086
SERVER_PORT="$GATEWAY_PORT" LIANFANG_MONGODB_URI="$STORE_URI" LIANFANG_IDENTITY_KEY="$IDENTITY_KEY" \
  LIANFANG_ADMIN_API_KEY="$ADMIN_KEY" LIANFANG_CHECKPOINT_URL="http://127.0.0.1:$CHECKPOINT_PORT" \
  java $SERVICE_OPTS -Dlianfang.gateway.security.rate-limits.operator.per-second=1000000 \
  -Dlianfang.gateway.security.rate-limits.operator.burst=1000000 \
  -jar "$gateway_jar" >"$WORK/gateway.log" 2>&1 &
PIDS+=("$!")

healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }
start_timeout="${BENCH_START_TIMEOUT:-900}"
deadline=$((SECONDS + start_timeout))
until healthy "$CHECKPOINT_PORT" && healthy "$GATEWAY_PORT"; do
  for pid in "${PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "a JVM died while starting; see $WORK/*.log" >&2; exit 1; }
  done
  ((SECONDS < deadline)) || { echo "not healthy within $start_timeout s; see $WORK/*.log" >&2; exit 1; }
  sleep 2
done
echo "store, checkpoint-service and gateway are up"

cp_file="checkpoint-service/target/bench.classpath"
# The infra modules from this tree, not from ~/.m2 (which other builds may have replaced).
client_cp="checkpoint-service/target/test-classes:checkpoint-service/target/classes:$(tr ':' '\n' <"$cp_file" \
  | sed -E 's#.*/org/lianfang/([a-z-]+)/'"$VERSION"'/.*\.jar#infra/\1/target/classes#' | paste -sd:)"

# The stack's floor (StackFloorApp): a bare Spring Boot MVC endpoint doing the raw contender's insert,
# with the service's JVM options: the most any service on this stack can reach on this machine.
# shellcheck disable=SC2086
java $SERVICE_OPTS -cp "$client_cp" org.lianfang.stackfloor.StackFloorApp --server.port="$FLOOR_PORT" \
  --lianfang.floor.store="$STORE_URI" >"$WORK/floor.log" 2>&1 &
PIDS+=("$!")
deadline=$((SECONDS + start_timeout))
until curl -fsS --max-time 2 "http://127.0.0.1:$FLOOR_PORT/floor/health" >/dev/null 2>&1; do
  kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "the floor JVM died while starting; see $WORK/floor.log" >&2; exit 1; }
  ((SECONDS < deadline)) || { echo "the floor not up within $start_timeout s; see $WORK/floor.log" >&2; exit 1; }
  sleep 1
done

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u +%Y-%m-%dT%H:%M)"
start_s=$SECONDS
table="$WORK/table.md"
java -Xmx512m -cp "$client_cp" org.lianfang.checkpoint.bench.CrossingLoadClient --store "$STORE_URI" \
  --service "http://127.0.0.1:$CHECKPOINT_PORT" --gateway "http://127.0.0.1:$GATEWAY_PORT" \
  --floor "http://127.0.0.1:$FLOOR_PORT" --admin-key "$ADMIN_KEY" --identity-key "$IDENTITY_KEY" --out "$table" \
  "${client_args[@]}"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
took=$((SECONDS - start_s))

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
mem_gb=$(($(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo) / 1024 / 1024))
java_version="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
section="$WORK/section.md"
{
  echo "<!-- crossings-benchmark:begin (generated by checkpoint-service/bench/crossings.sh; edits inside are overwritten) -->"
  echo "### Run"
  echo
  echo "- Command: \`$command_line\`, took $((took / 60)) min $((took % 60)) s (load phase)."
  echo "- Date: $started UTC.${BENCH_LABEL:+ Build: $BENCH_LABEL.}"
  echo "- Machine: $(nproc) cores ($cpu), $mem_gb GB RAM, **shared with other workers**: load average $load_before at the start, $load_after at the end (1/5/15 min)."
  echo "- Java $java_version. Embedded store (devstore exec jar, $store backend$([[ "$store" == h2 ]] && echo ', as ./lianfang up'); \`$STORE_OPTS\`), checkpoint-service and gateway exec jars (\`$SERVICE_OPTS\`), each its own JVM, and the stack's floor (\`StackFloorApp\`, a fifth JVM with the service's options); the load client is a JVM of its own on loopback. The gateway's per-client rate limit is lifted for the run."
  echo
  cat "$table"
  echo "<!-- crossings-benchmark:end -->"
} >"$section"
cat "$section"

if ((docs)); then
  python3 - "$ROOT/docs/benchmarks.md" "$section" <<'EOF'
import re, sys
doc_path, section_path = sys.argv[1], sys.argv[2]
doc, section = open(doc_path).read(), open(section_path).read().rstrip("\n")
pattern = re.compile(r"<!-- crossings-benchmark:begin.*?<!-- crossings-benchmark:end -->", re.S)
if pattern.search(doc):
    doc = pattern.sub(lambda m: section, doc)
else:
    doc = doc.rstrip("\n") + "\n\n" + section + "\n"
open(doc_path, "w").write(doc)
EOF
  echo "written to docs/benchmarks.md"
fi
