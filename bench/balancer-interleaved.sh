#!/usr/bin/env bash
# Gale and HAProxy (1 thread) side by side, in alternating rounds, so that the shared machine's noise falls on both.
# ../shared/bench/compare-balancers.sh measures one balancer after the other, and on this machine the speed of a
# whole minute can differ by 30%. Here both run on CPU 0 from the start, the backends and wrk on CPU 1, as in the
# shared script. The one not measured is stopped (SIGSTOP) for the other's round: an idle JVM still wakes for its
# timers, health checks and monitoring, and an idle Gale beside HAProxy lengthens HAProxy's tail (bench/README.md,
# "Method"). Once continued, each gets 1 s of load before its round, so that the health checks and
# pool sweeps that fell due while it was stopped run then, not in the round. Per round it prints req/s, CPU
# microseconds per request and latency percentiles up to the maximum (a wrk Lua script reads them), so tails show too.
# Usage: bench/balancer-interleaved.sh [-d SECONDS] [-r ROUNDS] [-w GALE_WARMUP_SECONDS]   (defaults: 10, 4, 20)
# Gale runs with ./gale's options for gale up, and GALE_JAVA_OPTS after them if set, as in bench/balancer.sh.
set -euo pipefail
DUR=10; ROUNDS=4; WARM=20
while [ $# -gt 0 ]; do case "$1" in
  -d) DUR=$2; shift 2;; -r) ROUNDS=$2; shift 2;; -w) WARM=$2; shift 2;; *) echo "unknown $1"; exit 2;; esac; done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED="$ROOT/../shared/bench"
W=/tmp/gale-bench-interleaved; mkdir -p $W/backends
for c in nginx haproxy wrk; do command -v $c >/dev/null || { echo "missing $c: apt-get install -y nginx haproxy wrk"; exit 2; }; done
cd "$ROOT"
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package >&2
touch cli/target/gale.jar

cat > $W/percentiles.lua <<'EOF'
done = function(summary, latency, requests)
  local s = ""
  for _, p in ipairs({50, 90, 99, 99.9}) do s = s .. string.format("p%s=%.2f ", p, latency:percentile(p) / 1000) end
  io.write(string.format("PCT %smax=%.2f n=%d\n", s, latency.max / 1000, summary.requests))
end
EOF
pgroups=()
cleanup() { for p in "${pgroups[@]}"; do kill -CONT -- -"$p" 2>/dev/null || true; kill -- -"$p" 2>/dev/null || true; done
  [ -f $W/backends/backends.pid ] && kill "$(cat $W/backends/backends.pid)" 2>/dev/null; rm -f $W/backends/backends.pid; }
trap cleanup EXIT
wait_port() { for _ in $(seq 1 120); do curl -fsS -m 1 -o /dev/null "http://127.0.0.1:$1/" 2>/dev/null && return 0; sleep 0.5; done; return 1; }
# CPU ticks (user + system) of every process in process group $1
group_ticks() { local t=0; for st in /proc/[0-9]*/stat; do
    read -r -a f < "$st" 2>/dev/null || continue
    [ "${f[4]:-}" = "$1" ] && t=$((t + f[13] + f[14])); done; echo $t; }

taskset -c 1 nginx -c "$SHARED/backends.nginx.conf" -p $W/backends/
NBTHREAD=1 setsid taskset -c 0 haproxy -db -f "$SHARED/haproxy.cfg" >$W/haproxy.log 2>&1 & pgroups+=($!); haproxy_pg=$!
setsid taskset -c 0 ./gale up -f bench/static.yaml --admin-port 8091 >$W/gale.log 2>&1 & pgroups+=($!); gale_pg=$!
wait_port 9001 && wait_port 8084 && wait_port 8083 || { echo "a balancer did not start; see $W/*.log"; exit 1; }
taskset -c 1 wrk -t1 -c50 -d"${WARM}s" http://127.0.0.1:8083/ >/dev/null   # Gale's JIT
taskset -c 1 wrk -t1 -c50 -d3s http://127.0.0.1:8084/ >/dev/null

HZ=$(getconf CLK_TCK)
for r in $(seq 1 "$ROUNDS"); do
  for entry in "haproxy-1t 8084 $haproxy_pg $gale_pg" "gale 8083 $gale_pg $haproxy_pg"; do
    read -r name port pg other <<<"$entry"
    kill -STOP -- -"$other"
    kill -CONT -- -"$pg"
    taskset -c 1 wrk -t1 -c50 -d1s "http://127.0.0.1:$port/" >/dev/null
    t0=$(group_ticks "$pg")
    out=$(taskset -c 1 wrk -t1 -c50 -d"${DUR}s" -s $W/percentiles.lua "http://127.0.0.1:$port/")
    t1=$(group_ticks "$pg")
    n=$(echo "$out" | sed -n 's/^PCT .*n=//p')
    printf '%-10s round %d  req/s %7.0f  cpu us/req %6s  %s\n' "$name" "$r" \
      "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
      "$(awk -v d=$((t1 - t0)) -v n="$n" -v hz="$HZ" 'BEGIN { printf "%.2f", d / hz * 1e6 / n }')" \
      "$(echo "$out" | sed -n 's/^PCT \(.*\) n=.*/\1/p')"
  done
done
