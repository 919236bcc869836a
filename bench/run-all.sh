#!/usr/bin/env bash
# Runs every scenario of docs/PERFORMANCE.md in turn (about 10 minutes) and keeps each output in
# target/bench/results/SCENARIO.txt; JMH too when called with --jmh.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Pbench package -DskipTests
mkdir -p target/bench/results
for scenario in l a b d e f c; do
  echo "== scenario $scenario, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  BENCH_NO_BUILD=1 bench/run.sh "$scenario" 2>&1 | tee "target/bench/results/$scenario.txt" \
    | grep -E '^\| [a-z] |^connected|^server RSS|sustained|^load|failure|Exception' || true
done
echo "== scenario f without the stalled client (baseline)"
BENCH_NO_BUILD=1 bench/run.sh f --stalled 0 2>&1 | tee target/bench/results/f0.txt | grep -E '^\| [a-z] ' || true
if [ "${1:-}" = --jmh ]; then
  BENCH_NO_BUILD=1 bench/run.sh jmh 2>&1 | tee target/bench/results/jmh.txt | grep -E '^[A-Z][A-Za-z]+Benchmark|^Benchmark'
fi
