#!/usr/bin/env bash
# The HTTP benchmark of issue 10 (validation at memory speed): starts tokend itself on loopback
# and prints, side by side in one run, /healthz, /users/me with a cache hit and with the cache
# disabled, minting, revocation propagation across 3 replicas on one PostgreSQL, and RSS after
# the load, each with its ratio and goal.
#   bench/http.sh                          (about 5 minutes on 2 shared cores)
# Settings (environment):
#   JAVA_OPTS       JVM options of every tokend started (default: the recommended server flags,
#                   see docs/performance.md); JAVA_OPTS= (set, empty) runs with the JVM's defaults
#   BENCH_PHASES    which parts to run, default "cache nocache replicas"
#   BENCH_DURATION  wrk measurement per endpoint, default 10s
#   BENCH_ROUNDS    revocation rounds, default 200
# Needs curl, python3 and wrk (installed with apt-get when missing). Every process it starts is
# stopped on exit. The machine may be shared: compare the ratios, not the absolute figures.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/jdk.sh
. "$root/scripts/jdk.sh"
tokend_select_jdk

RECOMMENDED_JAVA_OPTS="-XX:+UseG1GC -Xms64m -Xmx256m"
JAVA_OPTS=${JAVA_OPTS-$RECOMMENDED_JAVA_OPTS}
PHASES=${BENCH_PHASES:-cache nocache replicas}
DURATION=${BENCH_DURATION:-10s}
ROUNDS=${BENCH_ROUNDS:-200}
WARM_SECONDS=2      # per endpoint per warm-up round
WARM_MIN=3          # warm-up rounds at least
WARM_MAX=${BENCH_WARM_MAX:-12}  # and at most (bounded run time)
JIT_QUIET=2         # the JIT is quiet when a round compiled at most this many methods

jar="$root/dist/target/tokend.jar"
"$root/tokend" --version >/dev/null   # builds the jar if needed, outside the measurement
if ! command -v wrk >/dev/null; then
  echo "installing wrk..." >&2
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tokend-bench.XXXXXX")
data="$work/data"
results="$work/results.tsv"
: >"$results"
pids=()

stop_server() { # pid data-dir: SIGTERM (the embedded PostgreSQL stops cleanly), bounded, then SIGKILL
  local pid=$1 dir=$2 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    # A killed tokend leaves its embedded PostgreSQL running: stop that one by its pid.
    if [[ -f "$dir/postgres/postmaster.pid" ]]; then
      kill -TERM "$(head -1 "$dir/postgres/postmaster.pid")" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

declare -A pid_dir
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    stop_server "$pid" "${pid_dir[$pid]}"
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

started_pid=""
start_server() { # name port data-dir [server options...]; sets started_pid
  local name=$1 port=$2 dir=$3 i
  shift 3
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$jar" server --http-address "127.0.0.1:$port" --data-dir "$dir" \
      --log-level warn --dangerous-disable-rate-limits --prometheus-enable "$@" >"$work/$name.log" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
  pid_dir[$started_pid]=$dir
  for i in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    if ! kill -0 "$started_pid" 2>/dev/null; then
      echo "tokend $name exited:" >&2; tail -20 "$work/$name.log" >&2; exit 1
    fi
    sleep 0.2
  done
  echo "tokend $name did not answer /healthz within 120 s" >&2; exit 1
}

stop_started() { # pid
  local pid=$1 p keep=()
  stop_server "$pid" "${pid_dir[$pid]}"
  for p in "${pids[@]}"; do [[ $p == "$pid" ]] || keep+=("$p"); done
  pids=("${keep[@]}")
}

session=""
token=""
sign_in() { # port: creates the first user once, signs in and mints a named token
  local api="http://127.0.0.1:$1/api/v2"
  curl -sf -X POST "$api/users/first" -H 'Content-Type: application/json' \
      -d '{"email":"bench@example.com","username":"bench","password":"SomeSecurePassword!"}' >/dev/null 2>&1 || true
  session=$(curl -sf -X POST "$api/users/login" -H 'Content-Type: application/json' \
      -d '{"email":"bench@example.com","password":"SomeSecurePassword!"}' | sed -E 's/.*"session_token":"([^"]+)".*/\1/')
  token=$(curl -sf -X POST "$api/users/me/keys/tokens" -H "Coder-Session-Token: $session" \
      -H 'Content-Type: application/json' -d '{}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
  [[ $session == tkds_* && $token == tkdt_* ]] || { echo "signing in on port $1 failed" >&2; exit 1; }
}

jit_count() { "$JAVA_HOME/bin/jstat" -compiler "$1" | awk 'NR == 2 {print $1}'; }

# Runs every given load (one wrk command line each, as a string) round after round until a whole
# round compiles at most JIT_QUIET methods (jstat -compiler), between WARM_MIN and WARM_MAX rounds.
warm() { # pid load...
  local pid=$1 prev cur round load
  shift
  prev=$(jit_count "$pid")
  for round in $(seq 1 "$WARM_MAX"); do
    for load in "$@"; do
      eval "wrk -t1 -c16 -d${WARM_SECONDS}s $load" >/dev/null
    done
    cur=$(jit_count "$pid")
    if (( round >= WARM_MIN && cur - prev <= JIT_QUIET )); then
      break
    fi
    prev=$cur
  done
  echo "  warm-up: $round rounds; JIT compiled $cur methods, +$((cur - prev)) in the last round"
}

measure() { # label load
  local label=$1 load=$2 out
  out=$(eval "wrk -t1 -c16 -d$DURATION --latency $load")
  awk -v label="$label" '
    /Requests\/sec/ {rps = $2}
    $1 == "99%" {p99 = $2}
    /Non-2xx/ {errors += $NF}
    /Socket errors/ {gsub(/[^0-9 ]/, " "); split($0, f, " "); errors += f[1] + f[2] + f[3] + f[4]}
    END {printf "%s\t%s\t%s\t%d\n", label, rps, p99, errors}' <<<"$out" >>"$results"
  tail -1 "$results" | awk -F'\t' '{printf "  %s: %s req/s, p99 %s, %d errors\n", $1, $2, $3, $4}'
}

rss_of() { # pid -> "VmRSS VmHWM" in KiB
  awk '/^VmRSS/ {r = $2} /^VmHWM/ {h = $2} END {print r, h}' "/proc/$1/status"
}

echo "tokend HTTP benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); JAVA_OPTS=${JAVA_OPTS:-(JVM defaults)}"
echo "wrk -t1 -c16 -d$DURATION on 127.0.0.1, rate limits off (--dangerous-disable-rate-limits)"
load_start=$(cut -d' ' -f1 /proc/loadavg)
rss=""
prop=""

if [[ " $PHASES " == *" cache "* ]]; then
  port=$(free_port)
  echo "tokend with the validation cache (default --api-key-cache-ttl 5m) on :$port, embedded PostgreSQL"
  start_server main "$port" "$data"
  pid=$started_pid
  sign_in "$port"
  url="http://127.0.0.1:$port"
  healthz="'$url/healthz'"
  me="-H 'Coder-Session-Token: $token' '$url/api/v2/users/me'"
  mint="-s '$root/bench/mint.lua' '$url/api/v2/users/me/keys/tokens'"
  export TOKEN=$session
  warm "$pid" "$healthz" "$me" "$mint"
  measure healthz "$healthz"
  measure me_cached "$me"
  measure mint "$mint"
  rss=$(rss_of "$pid")
  curl -sf "$url/metrics" | grep -E '^tokend_api_key_(cache|lookups|unseen)' | sed 's/^/  metric: /' || true
  stop_started "$pid"
fi

if [[ " $PHASES " == *" nocache "* ]]; then
  port=$(free_port)
  echo "tokend with the cache disabled (--api-key-cache-ttl 0) on :$port, same data directory"
  start_server nocache "$port" "$data" --api-key-cache-ttl 0
  pid=$started_pid
  sign_in "$port"
  url="http://127.0.0.1:$port"
  me="-H 'Coder-Session-Token: $token' '$url/api/v2/users/me'"
  if [[ " $PHASES " != *" cache "* ]]; then
    healthz="'$url/healthz'"
    warm "$pid" "$healthz" "$me"
    measure healthz "$healthz"
  else
    warm "$pid" "$me"
  fi
  measure me_uncached "$me"
  stop_started "$pid"
fi

if [[ " $PHASES " == *" replicas "* ]]; then
  ports=("$(free_port)" "$(free_port)" "$(free_port)")
  echo "3 replicas on one PostgreSQL: :${ports[0]} (embedded PostgreSQL), :${ports[1]} and :${ports[2]} (--postgres-url)"
  start_server replica1 "${ports[0]}" "$data"
  replica_pids=("$started_pid")
  pg_port=$(sed -n 4p "$data/postgres/postmaster.pid")
  pg_password=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(open(sys.argv[1]).read().strip(), safe=""))' \
      "$data/postgres-password")
  pg_url="postgres://postgres:$pg_password@127.0.0.1:$pg_port/postgres"
  start_server replica2 "${ports[1]}" "$work/replica2" --postgres-url "$pg_url"
  replica_pids+=("$started_pid")
  start_server replica3 "${ports[2]}" "$work/replica3" --postgres-url "$pg_url"
  replica_pids+=("$started_pid")
  sign_in "${ports[0]}"
  urls=()
  for i in 0 1 2; do
    urls+=("http://127.0.0.1:${ports[i]}")
    warm "${replica_pids[i]}" "-H 'Coder-Session-Token: $token' 'http://127.0.0.1:${ports[i]}/api/v2/users/me'"
  done
  python3 "$root/bench/propagation.py" --session "$session" --rounds 20 "${urls[@]}" >/dev/null  # warm-up
  prop=$(python3 "$root/bench/propagation.py" --session "$session" --rounds "$ROUNDS" "${urls[@]}")
  echo "  propagation: $prop"
  for i in 2 1 0; do stop_started "${replica_pids[i]}"; done
fi

load_end=$(cut -d' ' -f1 /proc/loadavg)
python3 - "$results" "$rss" "$prop" "$load_start" "$load_end" <<'PY'
import json, sys

HEALTHZ_BEFORE, ME_BEFORE, MINT_BEFORE, RSS_BEFORE = 58500, 2016, 599, 625  # old code, same machine

def ms(s):
    for unit, f in (("us", 1e-3), ("ms", 1.0), ("s", 1e3)):
        if s.endswith(unit):
            return float(s[: -len(unit)]) * f
    return float("nan")

rows = {}
for line in open(sys.argv[1]):
    label, rps, p99, errors = line.rstrip("\n").split("\t")
    rows[label] = (float(rps or "nan"), ms(p99), int(errors))
rss, prop, load_start, load_end = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
healthz = rows.get("healthz", (float("nan"),))[0]

table = []
def add(op, rate, p99, ratio, goal, met, before):
    table.append((op, rate, p99, ratio, goal, met, before))

def yes(ok):
    return "yes" if ok else "NO"

if "healthz" in rows:
    r, p, e = rows["healthz"]
    add("GET /healthz", f"{r:,.0f}", f"{p:.1f} ms", "1.00x", "(reference)", "", f"{HEALTHZ_BEFORE:,} req/s")
for label, op, goal in (("me_cached", "GET /users/me, cache hit", True),
                        ("me_uncached", "GET /users/me, cache off (ttl 0)", False)):
    if label in rows:
        r, p, e = rows[label]
        ratio = r / healthz
        add(op, f"{r:,.0f}", f"{p:.1f} ms", f"{ratio:.3f}x /healthz",
            ">= 0.5x /healthz" if goal else "(comparison)", yes(ratio >= 0.5) if goal else "",
            f"{ME_BEFORE:,} req/s = {ME_BEFORE / HEALTHZ_BEFORE:.3f}x")
if "mint" in rows:
    r, p, e = rows["mint"]
    add("POST /users/me/keys/tokens (mint)", f"{r:,.0f}", f"{p:.1f} ms", f"{r / MINT_BEFORE:.2f}x 599",
        ">= 3x 599 = 1,797/s", yes(r >= 3 * MINT_BEFORE), f"{MINT_BEFORE} req/s")
if prop:
    d = json.loads(prop)
    add(f"revocation, 3 replicas ({d['samples']} samples)", f"p50 {d['p50_ms']:.1f} ms",
        f"p99 {d['p99_ms']:.1f} ms", f"max {d['max_ms']:.1f} ms", "p99 < 50 ms",
        yes(d["p99_ms"] < 50 and d["problem_count"] == 0), "TTL (no push)")
if rss:
    now_kib, peak_kib = (int(x) for x in rss.split())
    add("RSS after the load (peak)", f"{now_kib / 1024:.0f} MiB", f"peak {peak_kib / 1024:.0f} MiB", "",
        "<= 320 MiB", yes(peak_kib / 1024 <= 320), f"{RSS_BEFORE} MiB")

head = ("operation", "req/s", "p99", "ratio", "goal", "met?", "before issue 10")
widths = [max(len(str(x[i])) for x in [head] + table) for i in range(len(head))]
print()
print(" | ".join(h.ljust(w) for h, w in zip(head, widths)))
print("-+-".join("-" * w for w in widths))
for row in table:
    print(" | ".join(str(c).ljust(w) for c, w in zip(row, widths)))
errors = sum(e for _, _, e in rows.values())
print(f"\nload average {load_start} at the start, {load_end} at the end; non-2xx or socket errors: {errors}")
if prop and json.loads(prop)["problem_count"]:
    print("propagation problems:", json.loads(prop)["problems"])
PY
