#!/usr/bin/env bash
# Unpacks a release archive into a temporary directory and installs and starts it as a user
# would (bin/pma-archive-classes, then bin/pma with the demo, its own data directory and a free
# port) until GET /health/ready answers 200, then stops it with SIGTERM; then starts it again on the
# same data (a restart). Prints, for each, the time from launch to ready and the resident set size.
# Fails when the archive's own runtime is not the one that runs, or start/stop go wrong.
# Run by `./pma test` after `./mvnw -Pdist package` (docs/OPERATIONS.md); the numbers of
# docs/PERFORMANCE.md ("Start-up and memory") come from it. JAVA_OPTS reaches bin/pma.
# Usage: smoke-test.sh target/pma-<version>-linux-x64.tar.gz [--no-class-archive]
set -euo pipefail
archive=$1
class_archive=${2:-}
work=$(mktemp -d)
pid=""
cleanup() {
  [ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "dist smoke test: $*" >&2; [ ! -f "$work/log" ] || tail -n 30 "$work/log" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd -P)
tar -xzf "$archive" -C "$work"
home=$(echo "$work"/pma-*-linux-x64)
[ -x "$home/bin/pma" ] && [ -x "$home/runtime/bin/java" ] && [ -f "$home/lib/pma-backend.jar" ] \
  && [ -f "$home/systemd/pma.service" ] || fail "the archive lacks bin/pma, runtime/, lib/ or systemd/"
version=$("$home/bin/pma" --version) || fail "bin/pma --version failed"
# The documented install step: the class-data archive, made where the archive was unpacked.
if [ "$class_archive" != --no-class-archive ]; then
  "$home/bin/pma-archive-classes" >/dev/null || fail "bin/pma-archive-classes failed"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# Starts bin/pma on the data directory until /health/ready answers, checks it, stops it with SIGTERM;
# sets ready_ms, cpu_ms and rss_mb. The first call creates the schema and the admin (a bcrypt hash),
# the second is a restart on the same data, as after a reboot or an upgrade.
start_measure_stop() {
  local start ready ticks exe rss_kb status
  start=$(date +%s%N)
  mkdir -p "$work/tmp"
  JAVA_OPTS="${JAVA_OPTS:-} -Djava.io.tmpdir=$work/tmp" \
    PMA_SERVER_HOST=127.0.0.1 PMA_SERVER_PORT=$port PMA_STORAGE_DATA_DIR="$work/data" \
    PMA_ADMIN_PASSWORD=smoke-test-password-9 "$home/bin/pma" >"$work/log" 2>&1 &
  pid=$!
  # One polling process, every 10 ms: a curl per poll would take a good part of the second core
  # from the starting JVM (a process start each time) and make the measurement slower than PMA.
  ready=$(python3 "$here/poll-ready.py" "http://127.0.0.1:$port/health/ready" "$pid" 60) \
    || fail "not ready within 60 s, or PMA exited during start-up"
  # CPU time (user + system, in clock ticks) the process used until ready: less dependent on the
  # machine's load than the wall-clock time.
  ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  exe=$(readlink "/proc/$pid/exe")
  case "$exe" in
    "$home/runtime/"*) ;;
    *) fail "PMA runs on $exe, not on the archive's runtime" ;;
  esac
  # The resident set once start-up has settled (the last compilations, the first status report).
  sleep 2
  rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  # SQLite's native library comes from lib/, not extracted to the temporary directory (it would be
  # deleted at exit, so this looks while PMA runs).
  ! ls "$work/tmp" | grep -q sqlite || fail "SQLite's library was extracted to $(ls "$work/tmp")"
  kill -TERM "$pid"
  status=0
  wait "$pid" || status=$?
  pid=""
  # 143 = 128 + SIGTERM: how the JVM ends after its shutdown hooks ran on SIGTERM.
  [ "$status" -eq 0 ] || [ "$status" -eq 143 ] || fail "exit status $status after SIGTERM"
  grep -q "PMA stopped" "$work/log" || fail "no shutdown line in the log"
  ! grep -q "Unable to use shared archive" "$work/log" || fail "the class-data archive was refused"
  ready_ms=$(( (ready - start) / 1000000 ))
  cpu_ms=$(( ticks * 1000 / $(getconf CLK_TCK) ))
  rss_mb=$(( rss_kb / 1024 ))
}

start_measure_stop
first="ready in $ready_ms ms ($cpu_ms ms of CPU), RSS $rss_mb MB 2 s later"
start_measure_stop
printf 'dist smoke test: %s first start %s; restart ready in %d ms (%d ms of CPU), RSS %d MB (load average %s)\n' \
  "$version" "$first" "$ready_ms" "$cpu_ms" "$rss_mb" "$(cut -d' ' -f1-3 /proc/loadavg)"
