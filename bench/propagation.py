#!/usr/bin/env python3
"""Revocation propagation across replicas, for bench/http.sh.

Each round: mint a named token on replica 1; use it twice on every other replica (so that each
caches it); expire it on replica 1 (PUT /api/v2/users/me/keys/{id}/expire); from the moment that
request returns, one thread per other replica polls GET /api/v2/users/me with the token on a
keep-alive connection until the first 401. The time from the return to that 401 is one sample.
The pollers start on a barrier after the return, so a sample includes their wake-up: the figures
are an upper bound of the propagation itself.

  propagation.py --session TOKEN --rounds N URL1 URL2 [URL3 ...]   prints one JSON object
"""
import argparse
import http.client
import json
import math
import sys
import threading
import time
import urllib.parse

TIMEOUT_S = 2.0


def connect(url):
    u = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=10)


def call(conn, method, path, token, body=None):
    headers = {"Coder-Session-Token": token}
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    return r.status, data


def percentile(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, math.ceil(p / 100.0 * len(s)) - 1))  # nearest rank
    return s[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--session", required=True)
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("urls", nargs="+")
    a = ap.parse_args()
    writer, readers = a.urls[0], a.urls[1:]
    state = {"key": None, "t0": 0.0}
    samples = {u: [] for u in readers}
    polls = {u: [] for u in readers}
    problems = []
    barrier = threading.Barrier(len(readers) + 1)

    def reader(url):
        conn = connect(url)
        for _ in range(a.rounds):
            barrier.wait()  # token minted
            for _ in range(2):  # first use loads and caches it, second is a hit
                status, _ = call(conn, "GET", "/api/v2/users/me", state["key"])
                if status != 200:
                    problems.append(f"{url}: warm-up answered {status}")
            barrier.wait()  # warmed
            barrier.wait()  # expired: state["t0"] is when the expiring request returned
            n = 0
            while True:
                status, _ = call(conn, "GET", "/api/v2/users/me", state["key"])
                n += 1
                now = time.perf_counter()
                if status == 401:
                    samples[url].append((now - state["t0"]) * 1000.0)
                    polls[url].append(n)
                    break
                if now - state["t0"] > TIMEOUT_S:
                    problems.append(f"{url}: still {status} {TIMEOUT_S}s after the expiry")
                    break
            barrier.wait()  # round done

    threads = [threading.Thread(target=reader, args=(u,), daemon=True) for u in readers]
    for t in threads:
        t.start()
    conn = connect(writer)
    for _ in range(a.rounds):
        status, body = call(conn, "POST", "/api/v2/users/me/keys/tokens", a.session, "{}")
        if status != 201:
            sys.exit(f"minting on {writer} answered {status}: {body[:200]!r}")
        key = json.loads(body)["key"]
        state["key"] = key
        barrier.wait()
        barrier.wait()
        key_id = key.split("_")[1]
        status, body = call(conn, "PUT", f"/api/v2/users/me/keys/{key_id}/expire", a.session)
        state["t0"] = time.perf_counter()
        if status // 100 != 2:
            sys.exit(f"expiring on {writer} answered {status}: {body[:200]!r}")
        barrier.wait()
        barrier.wait()
    for t in threads:
        t.join()
    every = [s for u in readers for s in samples[u]]
    first_poll = sum(1 for u in readers for n in polls[u] if n == 1)
    print(json.dumps({
        "rounds": a.rounds,
        "samples": len(every),
        "p50_ms": percentile(every, 50),
        "p99_ms": percentile(every, 99),
        "max_ms": max(every) if every else float("nan"),
        "revoked_on_first_poll": first_poll,
        "problems": problems[:10],
        "problem_count": len(problems),
    }))


if __name__ == "__main__":
    main()
