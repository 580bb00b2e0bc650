#!/usr/bin/env bash
# The balancer beside HAProxy (1 thread) and nginx (1 worker) on the same two nginx backends, with the shared
# ../shared/bench/compare-balancers.sh (the balancer under test on CPU 0, backends and wrk on CPU 1), and HAProxy again
# after Gale. It prints median req/s, p50/p99 latency, CPU microseconds per request and the ratio to HAProxy's first
# turn.
# Usage: bench/balancer.sh [-d SECONDS] [-c CONNECTIONS] [-r ROUNDS]      (defaults: 10 s, 50, 5)
# Five rounds, not the shared script's three: the JVM's JIT needs about 20 s of load on this 2-core machine to reach
# its steady state, so with three rounds the median is still a warm-up round (bench/README.md, "Method").
# Gale runs as ./gale up runs it for anyone, with the launcher's JVM options for the balancer (Netty's fast buffer
# access, the serial GC promoting after one young collection, no leak detection, C2 for the request path), and with
# the JIT warm-up before it accepts that bench/static.yaml turns on; options in GALE_JAVA_OPTS, if set, come after them
# and win.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# Build first, so ./gale does not build inside a measured run (it rebuilds when a source is newer than its jar).
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package >&2
touch cli/target/gale.jar
if [ $# -eq 0 ]; then set -- -d 10 -r 5; fi
# HAProxy once more after Gale, on :8085: the script measures one balancer after the other, and this machine's speed
# can drift by a quarter in the three minutes between HAProxy's turn and Gale's. The second HAProxy row shows how much.
mkdir -p /tmp/gale-bench
sed 's/127.0.0.1:8084/127.0.0.1:8085/' "$ROOT/../shared/bench/haproxy.cfg" >/tmp/gale-bench/haproxy-last.cfg
exec "$ROOT/../shared/bench/compare-balancers.sh" "$@" -- \
  'gale 8083 ./gale up -f bench/static.yaml --admin-port 8091' \
  'haproxy-last 8085 env NBTHREAD=1 haproxy -db -f /tmp/gale-bench/haproxy-last.cfg'
