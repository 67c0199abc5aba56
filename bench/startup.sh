#!/usr/bin/env bash
# Time to first served request of `tokend server` with embedded PostgreSQL, from process start to
# the first 200 on /healthz. Prints a cold start (new data directory: binaries extracted, initdb)
# and warm starts (existing data directory) as `./tokend server` runs them, then warm starts of the
# same jar with a JDK AOT cache (JDK 25+: -XX:AOTCache, trained by one run of the server here),
# then the start-up phases of the last run (logged at debug level).
#   bench/startup.sh [runs]        (default 3 warm runs)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-3}
port=3999
work=$(mktemp -d)
data=$work/data
trap 'rm -rf "$work"' EXIT
"$root/tokend" --version >/dev/null   # builds the jar if needed, outside the measurement
# shellcheck source=../scripts/jdk.sh
. "$root/scripts/jdk.sh"
tokend_select_jdk >/dev/null
jar="$root/dist/target/tokend.jar"

measure() { # <command...>: prints milliseconds to the first 200 on /healthz, then stops the server
  local start end pid
  start=$(date +%s%N)
  "$@" server --data-dir "$data" --http-address "127.0.0.1:$port" --log-level debug >/dev/null 2>"$work/log" &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited:" >&2; cat "$work/log" >&2; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" || true
  echo $(( (end - start) / 1000000 ))
}

echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "cold start (new data dir): $(measure "$root/tokend") ms"
for i in $(seq 1 "$runs"); do
  echo "warm start $i (existing data dir): $(measure "$root/tokend") ms"
done

if "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$work/probe.aot" -version >/dev/null 2>&1; then
  cache=$work/tokend.aot
  # Training run: the JVM records the classes it loads and links, and writes the cache at exit.
  measure "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$cache" -jar "$jar" >/dev/null
  for i in $(seq 1 "$runs"); do
    echo "warm start $i with AOT cache (java -XX:AOTCache=… -jar tokend.jar): $(measure "$JAVA_HOME/bin/java" -XX:AOTCache="$cache" -jar "$jar") ms"
  done
else
  echo "AOT cache: not supported by $JAVA_HOME (JDK 25 or newer needed)"
fi
echo "phases of the last run:"
grep -E 'Start-up:|initdb completed|startup finished' "$work/log" | sed -E 's/^[^ ]+ +[A-Z]+ +/  /'
