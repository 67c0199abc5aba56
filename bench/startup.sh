#!/usr/bin/env bash
# Time to first served request of `tokend server` with embedded PostgreSQL, from process start to
# the first 200 on /healthz. Prints a cold start (new data directory: binaries extracted, initdb)
# and warm starts (existing data directory), each run side by side in one go.
#   bench/startup.sh [runs]        (default 3 warm runs)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-3}
port=3999
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$root/tokend" --version >/dev/null   # builds the jar if needed, outside the measurement

measure() {
  local start end pid
  start=$(date +%s%N)
  "$root/tokend" server --data-dir "$data" --http-address "127.0.0.1:$port" --log-level warn >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited" >&2; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" || true
  echo $(( (end - start) / 1000000 ))
}

cold=$(measure)
echo "cold start (new data dir): ${cold} ms"
for i in $(seq 1 "$runs"); do
  echo "warm start $i (existing data dir): $(measure) ms"
done
