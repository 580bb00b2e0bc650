#!/usr/bin/env bash
# gale load beside wrk, hey and ab on one nginx (the shared compare-loadgens.sh pins each generator to CPU 0 and
# nginx to CPU 1) and prints median req/s, CPU microseconds per request and the ratio to wrk.
# Usage: bench/loadgen.sh [-d SECONDS] [-c CONNECTIONS] [-r ROUNDS]      (defaults: 10 s, 50, 3)
# GALE_JAVA_OPTS is passed to the JVM by ./gale (e.g. an AOT cache, see bench/README.md).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# Build first, so ./gale does not build inside a measured run (it rebuilds when a source is newer than its jar).
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package >&2
touch cli/target/gale.jar
# JDK 25's AOT cache (classes loaded and linked, method profiles) from a short training run: ~1 s less startup CPU.
AOT=/tmp/gale-bench/gale.aot
mkdir -p /tmp/gale-bench
if [ ! -s "$AOT" ]; then
  mkdir -p /tmp/gale-bench/vus   # train against our own nginx on :9003 (bench/vus.nginx.conf), not the measured one
  taskset -c 1 nginx -c "$ROOT/bench/vus.nginx.conf" -p /tmp/gale-bench/vus/
  sleep 0.5
  GALE_JAVA_OPTS="-XX:AOTCacheOutput=$AOT -Xlog:aot=error" ./gale load http://127.0.0.1:9003/ --vus 50 --duration 5s \
    --quiet >/dev/null 2>&1 || true
  kill "$(cat /tmp/gale-bench/vus/vus.pid)"; sleep 0.5
fi
# Three rows for gale: the JVM's defaults; C1 only with the serial GC, which suits short runs pinned to one CPU (C2
# spends seconds of that CPU compiling during a 10 s run); and the defaults with the AOT cache.
exec "$ROOT/../shared/bench/compare-loadgens.sh" "$@" -- \
  'gale ./gale load URL --vus CONN --duration DURs --summary-export /tmp/gale-bench/gale.json --quiet' \
  'gale-c1 env GALE_JAVA_OPTS=-XX:TieredStopAtLevel=1\ -XX:+UseSerialGC ./gale load URL --vus CONN --duration DURs --summary-export /tmp/gale-bench/gale-c1.json --quiet' \
  "gale-aot env GALE_JAVA_OPTS=-XX:AOTCache=$AOT ./gale load URL --vus CONN --duration DURs --summary-export /tmp/gale-bench/gale-aot.json --quiet"
