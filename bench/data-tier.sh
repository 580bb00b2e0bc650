#!/usr/bin/env bash
# GET /u/{code} through the balancer on managed MariaDB, with no cache, Caffeine and Redis, side by side in one run.
# Each configuration: ./gale up --fresh (2 tasks of the reference app, managed MariaDB, the cache under test) on CPU 0,
# 1,000 short URLs made through the balancer, a warm-up, then wrk on CPU 1 requesting random codes among them.
# Prints req/s, p99, and database queries per request from both sides: MariaDB's Com_select and the tasks'
# gale_app_db_queries_total{query="url_select"}.
# Usage: bench/data-tier.sh [-d SECONDS] [-c CONNECTIONS] [-r ROUNDS]   (defaults: 30, 64, 1; rounds alternate)
set -euo pipefail
DURATION=30; CONNECTIONS=64; ROUNDS=1
while getopts d:c:r: o; do case $o in d) DURATION=$OPTARG;; c) CONNECTIONS=$OPTARG;; r) ROUNDS=$OPTARG;;
  *) echo "usage: $0 [-d SECONDS] [-c CONNECTIONS] [-r ROUNDS]" >&2; exit 2;; esac; done
ROOT=$(cd "$(dirname "$0")/.." && pwd); cd "$ROOT"
W=/tmp/gale-bench/data-tier; mkdir -p "$W"; rm -f "$W"/results.txt
PORT=${GALE_BENCH_PORT:-9180}; ADMIN=${GALE_BENCH_ADMIN_PORT:-9181}
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package >&2
touch cli/target/gale.jar
for bin in mariadbd redis-server wrk mariadb; do command -v $bin >/dev/null || { echo "missing: $bin" >&2; exit 1; }; done
trap './gale down --admin-port $ADMIN >/dev/null 2>&1 || true' EXIT

cat > "$W/random-code.lua" <<'LUA'
local codes = {}
for line in io.lines(os.getenv("GALE_BENCH_CODES")) do codes[#codes + 1] = line end
math.randomseed(os.time())
request = function() return wrk.format("GET", "/u/" .. codes[math.random(#codes)]) end
LUA

json() { ./gale status --json --admin-port $ADMIN; }
# The sum of one sample over the tasks' /metrics (each task's port from gale status).
task_metric() {
  local total=0
  for p in $(json | python3 -c 'import json,sys; [print(t["port"]) for t in json.load(sys.stdin)["tasks"] if t["state"]=="RUNNING"]'); do
    v=$(curl -fsS "http://127.0.0.1:$p/metrics" | awk -v s="$1" '$1 == s {print $2}')
    total=$(python3 -c "print($total + ${v:-0})")
  done
  echo "$total"
}
com_select() { mariadb -h127.0.0.1 -P"$1" -ugale -N -e "SHOW GLOBAL STATUS LIKE 'Com_select'" | awk '{print $2}'; }

run() {  # $1: cache engine (none, caffeine, redis)
  local cache=$1 file="$W/stack-$1.yaml"
  local cachekeys="{ engine: $cache }"; [ "$cache" = redis ] && cachekeys="{ engine: redis, managed: true }"
  cat > "$file" <<YAML
listeners: [{ port: $PORT, defaultTargetGroup: web }]
targetGroups:
  web: { healthCheck: { path: /health, interval: 2s, timeout: 1s, healthyThreshold: 2, unhealthyThreshold: 2 } }
services:
  web: { desiredCount: 2, targetGroup: web }
database: { engine: mariadb, managed: true }
cache: $cachekeys
YAML
  taskset -c 0 ./gale up -f "$file" --admin-port $ADMIN --fresh > "$W/up-$cache.log" 2>&1 &
  for _ in $(seq 1 240); do
    [ "$(json 2>/dev/null | python3 -c 'import json,sys; print(sum(t["health"]=="healthy" for t in json.load(sys.stdin)["tasks"]))' 2>/dev/null)" = 2 ] && break
    sleep 0.5
  done
  local dbport; dbport=$(json | python3 -c 'import json,sys; print([d for d in json.load(sys.stdin)["data"] if d["name"]=="database"][0]["address"].split(":")[1])')
  python3 - "$PORT" > "$W/codes.txt" <<'PY'
import json, sys, urllib.request
for i in range(1000):
    request = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}/urls", method="POST",
                                     data=json.dumps({"url": f"https://example.com/{i}"}).encode(),
                                     headers={"Content-Type": "application/json"})
    print(json.load(urllib.request.urlopen(request, timeout=10))["code"])
PY
  GALE_BENCH_CODES="$W/codes.txt" taskset -c 1 wrk -t2 -c"$CONNECTIONS" -d5s -s "$W/random-code.lua" "http://127.0.0.1:$PORT" >/dev/null
  local sel0 q0 sel1 q1
  sel0=$(com_select "$dbport"); q0=$(task_metric 'gale_app_db_queries_total{query="url_select"}')
  GALE_BENCH_CODES="$W/codes.txt" taskset -c 1 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s "$W/random-code.lua" "http://127.0.0.1:$PORT" > "$W/wrk-$cache.txt"
  sel1=$(com_select "$dbport"); q1=$(task_metric 'gale_app_db_queries_total{query="url_select"}')
  ./gale down --admin-port $ADMIN >/dev/null; wait
  python3 - "$cache" "$W/wrk-$cache.txt" "$sel0" "$sel1" "$q0" "$q1" >> "$W/results.txt" <<'PY'
import re, sys
cache, wrk, sel0, sel1, q0, q1 = sys.argv[1], open(sys.argv[2]).read(), *map(float, sys.argv[3:])
requests = int(re.search(r"(\d+) requests in", wrk).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk).group(1))
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", wrk)
p99ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk)
print(f"{cache:9} {rps:10.0f} {p99ms:9.2f} {(sel1 - sel0) / requests:12.3f} {(q1 - q0) / requests:12.3f} {int(errors.group(1)) if errors else 0:8}")
PY
}

for r in $(seq 1 "$ROUNDS"); do for cache in none caffeine redis; do run "$cache"; done; done
printf '%-9s %10s %9s %12s %12s %8s\n' cache req/s p99_ms selects/req queries/req errors
cat "$W/results.txt"
