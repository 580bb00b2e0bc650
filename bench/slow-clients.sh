#!/usr/bin/env bash
# Normal clients beside slow ones, for Gale and HAProxy (1 thread, timeout http-request 10s) in the same run: a fixed
# rate of GETs (./gale load, open model) measured quiet, then while SLOWLORIS connections send their heads one header
# line at a time and SLOW_POSTS send a 1 MiB body one byte at a time (bench/SlowClients.java, reconnecting whenever
# the server closes them). Per balancer: the normal clients' error rate and p99, quiet and under attack, and the
# ratio of the two p99s (the target: error rate 0, p99 under attack at most 2x the quiet one). Rounds alternate
# between the balancers; the one not measured is stopped (SIGSTOP), as in bench/balancer-interleaved.sh.
# Balancers on CPU 0; the backends (bench/slow-clients.nginx.conf), the load and the attacker on CPU 1.
# Usage: bench/slow-clients.sh [-d SECONDS] [-R RATE] [-r ROUNDS] [-n SLOWLORIS] [-p SLOW_POSTS] [-s SETTLE_SECONDS]
#        (defaults: 30, 1000, 3, 2000, 200, 15)
# Ports: Gale 8087 (admin 8092), HAProxy 8088, backends 9001 and 9002, their upload sink 9004; GALE_BENCH_PORTS="GALE
# ADMIN HAPROXY BACKEND1 BACKEND2 SINK" moves them (the configs are copied with the ports replaced).
set -euo pipefail
DUR=30; RATE=1000; ROUNDS=3; LORIS=2000; POSTS=200; SETTLE=15
while [ $# -gt 0 ]; do case "$1" in
  -d) DUR=$2; shift 2;; -R) RATE=$2; shift 2;; -r) ROUNDS=$2; shift 2;; -n) LORIS=$2; shift 2;;
  -p) POSTS=$2; shift 2;; -s) SETTLE=$2; shift 2;; *) echo "unknown $1"; exit 2;; esac; done
ROOT=$(cd "$(dirname "$0")/.." && pwd); cd "$ROOT"
W=/tmp/gale-bench/slow-clients; mkdir -p "$W/backends"; rm -f "$W"/*.json "$W"/attack-*.txt
read -r GALE ADMIN HAPROXY B1 B2 SINK <<<"${GALE_BENCH_PORTS:-8087 8092 8088 9001 9002 9004}"
for f in slow-clients.yaml slow-clients.haproxy.cfg slow-clients.nginx.conf; do
  sed -e "s/8087/$GALE/g; s/8088/$HAPROXY/g; s/9001/$B1/g; s/9002/$B2/g; s/9004/$SINK/g" "bench/$f" >"$W/$f"
done
for c in nginx haproxy jq taskset; do command -v $c >/dev/null || { echo "missing $c: apt-get install -y nginx haproxy jq util-linux"; exit 2; }; done
# Each attacker holds a socket in the attacker and one in the balancer (two for a slow POST, which reaches a backend).
ulimit -n "$(ulimit -Hn)"
NEED=$(( 2 * (LORIS + POSTS) + 4000 ))
[ "$(ulimit -n)" -ge "$NEED" ] || { echo "open files limit $(ulimit -n) is below $NEED: raise the hard limit (ulimit -Hn)"; exit 2; }
. "$ROOT/bin/jdk.sh"; gale_select_jdk >/dev/null
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package >&2
touch cli/target/gale.jar

pgroups=()
cleanup() { for p in "${pgroups[@]}"; do kill -CONT -- -"$p" 2>/dev/null || true; kill -- -"$p" 2>/dev/null || true; done
  [ -f "$W/backends/backends.pid" ] && kill "$(cat "$W/backends/backends.pid")" 2>/dev/null; rm -f "$W/backends/backends.pid"; }
trap cleanup EXIT
wait_port() { for _ in $(seq 1 120); do curl -fsS -m 1 -o /dev/null "http://127.0.0.1:$1/" 2>/dev/null && return 0; sleep 0.5; done; return 1; }

taskset -c 1 nginx -c "$W/slow-clients.nginx.conf" -p "$W/backends/"
setsid taskset -c 0 haproxy -db -f "$W/slow-clients.haproxy.cfg" >"$W/haproxy.log" 2>&1 & pgroups+=($!); haproxy_pg=$!
setsid taskset -c 0 ./gale up -f "$W/slow-clients.yaml" --admin-port "$ADMIN" >"$W/gale.log" 2>&1 & pgroups+=($!); gale_pg=$!
wait_port "$B1" && wait_port "$HAPROXY" && wait_port "$GALE" || { echo "a balancer did not start; see $W/*.log"; exit 1; }

# The normal clients: RATE GETs a second for DUR seconds, whatever the server does (k6's constant-arrival-rate).
load() {  # PORT OUT.json SECONDS
  taskset -c 1 ./gale load "http://127.0.0.1:$1/" --rps "$RATE" --duration "$3s" --timeout 10s \
    --summary-export "$2" --quiet >/dev/null 2>&1 || true
}
load "$GALE" "$W/warm-gale.json" 20   # Gale's JIT, beyond its own warm-up
load "$HAPROXY" "$W/warm-haproxy.json" 5

for r in $(seq 1 "$ROUNDS"); do
  for entry in "haproxy $HAPROXY $haproxy_pg $gale_pg" "gale $GALE $gale_pg $haproxy_pg"; do
    read -r name port pg other <<<"$entry"
    kill -STOP -- -"$other"
    kill -CONT -- -"$pg"
    load "$port" "$W/$name-$r-settle.json" 2
    load "$port" "$W/$name-$r-quiet.json" "$DUR"
    taskset -c 1 "$JAVA_HOME/bin/java" -Xss256k "$ROOT/bench/SlowClients.java" 127.0.0.1 "$port" "$LORIS" "$POSTS" \
      $((SETTLE + DUR + 10)) >"$W/attack-$name-$r.txt" 2>&1 &
    attacker=$!
    for _ in $(seq 1 120); do grep -q '^ready' "$W/attack-$name-$r.txt" && break; sleep 0.5; done
    sleep "$SETTLE"   # past the first header timeouts: the attack's steady state, reconnections included
    load "$port" "$W/$name-$r-attack.json" "$DUR"
    wait "$attacker" || true
  done
done
kill -CONT -- -"$haproxy_pg" 2>/dev/null || true; kill -CONT -- -"$gale_pg" 2>/dev/null || true

row() {  # NAME PHASE: median over rounds of requests, error rate (%) and p99 (ms)
  for f in "$W/$1"-*-"$2".json; do
    jq -r '[.metrics.http_reqs.count, .metrics.http_req_failed.value * 100, .metrics.http_req_duration["p(99)"]] | @tsv' "$f"
  done | sort -t$'\t' -k3 -g | awk -F'\t' '{ r[NR] = $0 } END { print r[int((NR + 1) / 2)] }'
}
printf '%-8s %-7s %9s %10s %9s %12s %s\n' balancer phase requests "errors %" "p99 ms" "p99/quiet" target
for name in haproxy gale; do
  IFS=$'\t' read -r qn qe qp <<<"$(row $name quiet)"
  IFS=$'\t' read -r an ae ap <<<"$(row $name attack)"
  ratio=$(awk -v a="$ap" -v q="$qp" 'BEGIN { printf "%.2f", a / q }')
  ok=$(awk -v e="$ae" -v x="$ratio" 'BEGIN { print (e == 0 && x <= 2) ? "met" : "missed" }')
  printf '%-8s %-7s %9d %10.3f %9.2f %12s\n' "$name" quiet "$qn" "$qe" "$qp" ""
  printf '%-8s %-7s %9d %10.3f %9.2f %12s %s\n' "$name" attack "$an" "$ae" "$ap" "$ratio" "$ok"
done
echo "attackers, last round (opened, closed by the server, answers before the close):"
for name in haproxy gale; do sed -n 's/^\(slowloris\|slow_post\)/  '"$name"' \1/p' "$W/attack-$name-$ROUNDS.txt"; done
echo "Gale's closes by reason:"
curl -fsS "http://127.0.0.1:$ADMIN/metrics" | grep '^gale_balancer_client_timeouts_total' | sed 's/^/  /' || true
