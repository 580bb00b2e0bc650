#!/usr/bin/env bash
# gale load beside wrk, hey and ab on one nginx (the shared compare-loadgens.sh pins each generator to CPU 0 and
# nginx to CPU 1) and prints median req/s, CPU microseconds per request and the ratio to wrk.
# Usage: bench/loadgen.sh [-d SECONDS] [-c CONNECTIONS] [-r ROUNDS]      (defaults: 10 s, 50, 3)
# GALE_JAVA_OPTS is passed to the JVM by ./gale after its own options for `load` (C1, serial GC, AOT cache).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# Build first, so ./gale does not build inside a measured run (it rebuilds when a source is newer than its jar).
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package >&2
touch cli/target/gale.jar
# ./gale writes its AOT cache for `load` on the first run of a build (~/.gale/aot); make that run a short one against
# our own nginx on :9003 (bench/vus.nginx.conf), not the measured one, so every measured round uses the cache
# (with --summary-export, as the measured runs, so the cache holds the JSON writer's classes too).
mkdir -p /tmp/gale-bench/vus
if taskset -c 1 nginx -c "$ROOT/bench/vus.nginx.conf" -p /tmp/gale-bench/vus/; then
  sleep 0.5
  ./gale load http://127.0.0.1:9003/ --vus 50 --duration 3s --quiet --summary-export /tmp/gale-bench/warm.json \
    >/dev/null 2>&1 || true
  kill "$(cat /tmp/gale-bench/vus/vus.pid)"
  sleep 0.5
else
  echo "loadgen.sh: :9003 is taken, so the first measured gale round writes the AOT cache (and costs more)" >&2
fi
# Two rows for gale: what ./gale runs for `load` (C2 for the request path only, serial GC, AOT cache with method
# profiles, warm-up before the clock), and the same with C1 only, which compiles less but runs slower code.
exec "$ROOT/../shared/bench/compare-loadgens.sh" "$@" -- \
  'gale ./gale load URL --vus CONN --duration DURs --summary-export /tmp/gale-bench/gale.json --quiet' \
  'gale-c1 env GALE_JAVA_OPTS=-XX:TieredStopAtLevel=1 ./gale load URL --vus CONN --duration DURs --summary-export /tmp/gale-bench/gale-c1.json --quiet'
