#!/usr/bin/env bash
# The two-node scenario of docs/SCALING.md: one redis-server and two PMA nodes (broker.type redis,
# each with its own SQLite file) on BENCH_SERVER_CORES (default: all cores), the generator on
# BENCH_GENERATOR_CORES; it writes state changes through node A's REST API while subscribers on
# both nodes measure delivery and end-to-end latency.
#   bench/cluster.sh [--rate 1000 --seconds 10 --subscribers 50]
# Normally started as `bench/run.sh cluster ...`. Everything it starts is stopped when it exits.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/bench/pma-backend.jar
if [ -z "${BENCH_NO_BUILD:-}" ] || [ ! -f "$JAR" ]; then
  mvn -q -B -Pbench package -DskipTests
fi
DATA=$(mktemp -d /tmp/pma-cluster-bench.XXXXXX)
PASSWORD=bench-$RANDOM-$RANDOM
REDIS_PORT=$((30000 + RANDOM % 5000))
PORT_A=$((35000 + RANDOM % 2000))
PORT_B=$((37000 + RANDOM % 2000))
ALL_CORES=0-$(($(nproc) - 1))
SERVER_CORES=${BENCH_SERVER_CORES:-$ALL_CORES}
GENERATOR_CORES=${BENCH_GENERATOR_CORES:-$ALL_CORES}
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  cp "$DATA"/node-*.log target/bench/ 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT

taskset -c "$SERVER_CORES" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
  --dir "$DATA" >"$DATA/redis.log" 2>&1 &
PIDS+=($!)
# The generator is one address standing for many clients: the per-address cap is lifted.
for node in a b; do
  port=$([ "$node" = a ] && echo "$PORT_A" || echo "$PORT_B")
  mkdir -p "$DATA/$node"
  PMA_SERVER_PORT=$port PMA_SERVER_HOST=127.0.0.1 PMA_SERVER_EVENT_LOOPS=1 PMA_DEMO_ENABLED=false PMA_SERVER_MAX_CONNECTIONS_PER_ADDRESS=1000000 \
  PMA_STORAGE_DATA_DIR="$DATA/$node" PMA_ADMIN_PASSWORD="$PASSWORD" PMA_LOG_LEVEL=WARN \
  PMA_BROKER_TYPE=redis PMA_BROKER_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" PMA_BROKER_NODE_ID=$node \
  PMA_JWT_SECRET="cluster-bench-secret-$PASSWORD-0123456789" \
    taskset -c "$SERVER_CORES" java -Xmx512m -jar "$JAR" >"$DATA/node-$node.log" 2>&1 &
  PIDS+=($!)
done
for port in "$PORT_A" "$PORT_B"; do
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/health/live" >/dev/null 2>&1 && break
    sleep 0.2
  done
done
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); redis $(redis-server --version | awk '{print $3}'); nodes and redis on cores $SERVER_CORES, generator on cores $GENERATOR_CORES"
timeout 300 taskset -c "$GENERATOR_CORES" java -Xmx1g -cp "$JAR" io.pma.bench.ClusterBench \
  --a "$PORT_A" --b "$PORT_B" --password "$PASSWORD" "$@"
