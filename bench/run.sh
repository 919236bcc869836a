#!/usr/bin/env bash
# Runs one benchmark scenario of docs/PERFORMANCE.md and prints its table:
#   bench/run.sh a|l|b|c|d|e|f [generator options]    e.g. bench/run.sh b --seconds 5
#   bench/run.sh g [--entities N --clients N --runs N] the large home (snapshots, reconnect storm)
#   bench/run.sh jmh [JMH options]                     the microbenchmarks (e.g. jmh Subscription)
#   bench/run.sh automation [--runs N]                 the motion rule: motion -> light, notify
#   bench/run.sh cluster [--rate R --seconds S]        two nodes on Redis (docs/SCALING.md)
#   bench/run.sh fuzz [SECONDS [SEED]]                 the fuzz suite, long (docs/SECURITY.md)
#   bench/run.sh history [size|query|statistics|subscribe|all]   docs/HISTORY.md
# Builds target/bench/pma-backend.jar (mvn -Pbench; BENCH_NO_BUILD=1 skips it), starts the server
# pinned to core 0 with one event loop, and the load generator pinned to core 1. Every run is
# bounded: steps have fixed lengths and the server is stopped when the script exits.
# BENCH_SERVER=ceiling runs the same scenario against the tuned Vert.x ceiling instead of PMA
# (io.pma.bench.CeilingServer: one encoding per event, the same frame bytes written to every
# subscriber, no PMA logic), with the same JVM options, core, event loop and port; the issue's
# same-run comparison is `bench/run.sh l` then `BENCH_SERVER=ceiling bench/run.sh l`.
set -euo pipefail
SCENARIO=${1:?usage: bench/run.sh a|l|b|c|d|e|f|g|jmh|cluster|automation|fuzz|history [options]}
shift
cd "$(dirname "$0")/.."
if [ "$SCENARIO" = fuzz ]; then
  # The fuzz suite of the normal build, each of its tests given SECONDS (default 600) instead of
  # 12; SEED replays a run (each test prints its seed).
  SEED_OPT=${2:+-Dfuzz.seed=$2}
  exec mvn -q -B test -Dtest='WebSocketFuzzTest,HttpFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfuzz.seconds="${1:-600}" $SEED_OPT
fi
JAR=target/bench/pma-backend.jar
SERVER_CORE=${BENCH_SERVER_CORE:-0}
GENERATOR_CORE=${BENCH_GENERATOR_CORE:-1}
if [ -z "${BENCH_NO_BUILD:-}" ] || [ ! -f "$JAR" ]; then
  mvn -q -B -Pbench package -DskipTests
fi
# 10,000 connections need as many descriptors on each side.
ulimit -n "$(ulimit -Hn)"

if [ "$SCENARIO" = cluster ]; then
  BENCH_NO_BUILD=1 exec bench/cluster.sh "$@"   # two nodes on one Redis stream (docs/SCALING.md)
fi

if [ "$SCENARIO" = automation ]; then
  # The motion scenario's latency, server in process on the server's core (docs/PERFORMANCE.md).
  exec taskset -c "$SERVER_CORE" java -cp "$JAR" io.pma.bench.AutomationLatency "$@"
fi

if [ "$SCENARIO" = history ]; then
  # Bytes per sample and query times of the history, in process on SQLite (docs/HISTORY.md).
  exec taskset -c "$SERVER_CORE" java -Xmx1g -cp "$JAR" io.pma.history.HistoryBench "$@"
fi

if [ "$SCENARIO" = jmh ]; then
  exec taskset -c "$GENERATOR_CORE" java -cp "$JAR" org.openjdk.jmh.Main "$@"
fi

DATA=$(mktemp -d /tmp/pma-bench.XXXXXX)
PORT=${BENCH_PORT:-$((20000 + RANDOM % 10000))}
PASSWORD=bench-$RANDOM-$RANDOM
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "${BENCH_PROFILE:-}" ] && [ -f target/bench/server.jfr ]; then
    echo "hottest server frames (JFR execution samples, top of stack):"
    jfr print --events jdk.ExecutionSample target/bench/server.jfr | grep -A1 'stackTrace = \[' \
      | grep -v -e 'stackTrace' -e '^--' | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -25
  fi
  cp "$DATA/server.log" target/bench/server-last.log 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT

SERVER_OPTS=${BENCH_SERVER_JAVA_OPTS:--Xmx1g}
if [ -n "${BENCH_PROFILE:-}" ]; then
  # BENCH_PROFILE=1: record the server with JFR and print its hottest frames at the end.
  rm -f target/bench/server.jfr
  SERVER_OPTS="$SERVER_OPTS -XX:StartFlightRecording=filename=target/bench/server.jfr,dumponexit=true,settings=profile"
fi
# The generator is one address standing for thousands of clients: the per-address cap is lifted.
# BENCH_EVENT_LOOPS (default 1) sets the server's event loops, e.g. 2 with BENCH_SERVER_CORE=0,1.
case "${BENCH_SERVER:-pma}" in
  pma)
    PMA_SERVER_PORT=$PORT PMA_SERVER_HOST=127.0.0.1 PMA_SERVER_EVENT_LOOPS=${BENCH_EVENT_LOOPS:-1} PMA_DEMO_ENABLED=false PMA_SERVER_MAX_CONNECTIONS_PER_ADDRESS=1000000 \
    PMA_STORAGE_DATA_DIR="$DATA" PMA_ADMIN_PASSWORD="$PASSWORD" PMA_LOG_LEVEL=WARN \
      taskset -c "$SERVER_CORE" java $SERVER_OPTS -jar "$JAR" >"$DATA/server.log" 2>&1 &
    ;;
  ceiling)
    # The ceiling has exactly one event loop: a comparison with PMA on more would mean nothing.
    [ "${BENCH_EVENT_LOOPS:-1}" = 1 ] || { echo "BENCH_SERVER=ceiling runs one event loop only" >&2; exit 2; }
    taskset -c "$SERVER_CORE" java $SERVER_OPTS -cp "$JAR" io.pma.bench.CeilingServer 127.0.0.1 "$PORT" \
      >"$DATA/server.log" 2>&1 &
    ;;
  *) echo "BENCH_SERVER must be pma or ceiling" >&2; exit 2 ;;
esac
SERVER_PID=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$PORT/health/live" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
  sleep 0.2
done
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "$(java -version 2>&1 | head -1); server ${BENCH_SERVER:-pma} pid $SERVER_PID on core $SERVER_CORE, generator on core $GENERATOR_CORE"
timeout 900 taskset -c "$GENERATOR_CORE" java ${BENCH_GENERATOR_JAVA_OPTS:--Xmx2g} -cp "$JAR" io.pma.bench.BenchMain "$SCENARIO" \
  --port "$PORT" --server-pid "$SERVER_PID" --password "$PASSWORD" "$@"
