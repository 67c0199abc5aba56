#!/usr/bin/env bash
# Start-up time of the tokend CLI, relative to the JVM's own: N pairs of (`java -version`,
# `tokend --help`) and N pairs of (`java -version`, `tokend whoami` against a local server), each
# pair run back to back on the same JDK, then the medians and the ratio of the medians. Pairing
# keeps the comparison fair on a machine whose load changes while the benchmark runs.
#   bench/cli-startup.sh [runs]        (default 10)
# Builds the jars and the start-up cache first if needed, and starts `tokend server` on a free
# port with a temporary data directory (embedded PostgreSQL), warmed with 500 requests (curl), and
# stopped at the end.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-10}
# shellcheck source=../scripts/jdk.sh
. "$root/scripts/jdk.sh"
tokend_select_jdk
java="$JAVA_HOME/bin/java"
tmp=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
export TOKEND_CONFIG_DIR="$tmp/config"
unset TOKEND_URL TOKEND_SESSION_TOKEN

# Outside the measurement: build the jars and the start-up cache for this JDK.
TOKEND_STARTUP_CACHE=wait "$root/tokend" --version >/dev/null

"$root/tokend" server --data-dir "$tmp/data" --http-address 127.0.0.1:0 --log-level warn >"$tmp/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 600); do # at most 60 s
  url=$(sed -n 's/^tokend is serving on \(http[^ ]*\).*/\1/p' "$tmp/server.log")
  [[ -n "$url" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log" >&2; echo "server exited" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "server did not start within 60 s" >&2; exit 1; }
"$root/tokend" login "$url" --first-user-email bench@example.com --first-user-username bench \
  --first-user-password 'Bench-Password-2026!' >/dev/null

# Outside the measurement: a server that has just started runs its request path interpreted, and
# the first requests take 10-30 ms instead of 2 ms; the CLI's start-up is what is measured, so the
# server is warmed first (the benchmark rules: pre-warmed).
session=$(cat "$TOKEND_CONFIG_DIR/session")
for _ in $(seq 1 500); do
  curl -s -o /dev/null -H "Coder-Session-Token: $session" "$url/api/v2/users/me" || true
done

ms() { # runs the command, prints its wall time in milliseconds
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

pairs() { # <label> <tokend args...>
  local label=$1 jvm=() cli=()
  shift
  "$root/tokend" "$@" >/dev/null # once unmeasured: file caches warm for both
  for _ in $(seq 1 "$runs"); do
    jvm+=("$(ms "$java" -version)")
    cli+=("$(ms "$root/tokend" "$@")")
  done
  local jm cm
  jm=$(printf '%s\n' "${jvm[@]}" | median)
  cm=$(printf '%s\n' "${cli[@]}" | median)
  printf '%-16s java -version %6s ms   tokend %6s ms   ratio %s\n' "$label" "$jm" "$cm" \
    "$(awk -v c="$cm" -v j="$jm" 'BEGIN {printf "%.1fx", c / j}')"
}

echo "JDK $TOKEND_JDK_VERSION ($JAVA_HOME), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $runs pairs each"
pairs "tokend --help" --help
pairs "tokend whoami" whoami
