#!/usr/bin/env bash
# 50,000 concurrent VUs with 1 s think time, within a 1 GiB heap, against nginx on 127.0.0.1:9003.
# gale load on CPU 0, nginx on CPU 1. Prints req/s, errors, and the heap 5 s before the end (jcmd: used, then live after
# a full GC; the GC log is kept in /tmp/gale-bench/vus/gc.log).
# Usage: bench/vus.sh [VUS] [HOLD_SECONDS]     (defaults: 50000, 60; the ramp to VUS takes 10 s)
set -euo pipefail
VUS=${1:-50000}; HOLD=${2:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd); cd "$ROOT"
W=/tmp/gale-bench/vus; mkdir -p "$W"; rm -f "$W"/vus.json "$W"/gc.log
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package >&2
touch cli/target/gale.jar
trap '[ -f $W/vus.pid ] && kill "$(cat $W/vus.pid)" 2>/dev/null' EXIT
taskset -c 1 nginx -c "$ROOT/bench/vus.nginx.conf" -p "$W/"
for _ in $(seq 1 40); do curl -fsS -m 1 -o /dev/null http://127.0.0.1:9003/ && break; sleep 0.25; done
# VUs share keep-alive connections (one fd each; the fd limit here is 20,000): 15,000 at most.
GALE_JAVA_OPTS="-Xmx1g -Xlog:gc:file=$W/gc.log ${GALE_JAVA_OPTS:-}" /usr/bin/time -f '%U %S %e %M' -o "$W/time.txt" \
  taskset -c 0 ./gale load http://127.0.0.1:9003/ --stages "10s:$VUS,${HOLD}s:$VUS" --think 1s --connections 15000 \
  --summary-export "$W/vus.json" --out "$W/series.csv" --quiet > "$W/summary.txt" 2>&1 &
# The heap near the end of the hold, with every VU alive: used, then live after a full collection (jcmd). The GC
# log alone can say nothing when the run allocates too little to ever fill the young generation.
. "$ROOT/bin/jdk.sh"; gale_select_jdk >/dev/null
sleep $((10 + HOLD - 5))
pid=$(pgrep -f "gale.jar load http://127.0.0.1:9003/" | head -1)
used() {  # the serial GC's lines: "DefNew total 116160K, used 72457K [...", "Tenured total ..., used ...K [..."
  "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | awk '$2 == "total" && $4 == "used" {sub("K", "", $5); s += $5} END {print int(s / 1024)}'
}
echo "$(used) $("$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null; used)" > "$W/heap.txt"
wait
read -r u s e rss < "$W/time.txt"
python3 - "$W" "$u" "$s" "$e" "$rss" "$HOLD" <<'PY'
import json, re, sys
w, u, s, e, rss, hold = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
m = json.load(open(w + "/vus.json"))["metrics"]
rows = [l.split(",") for l in open(w + "/series.csv").read().splitlines()[1:]]
steady = [r for r in rows[:-2] if int(r[1]) > 15]   # after the ramp, without the partial last seconds
rps = sum(int(r[4]) for r in steady) / max(1, len(steady))
used, live = (int(x) for x in open(w + "/heap.txt").read().split())
print(f"vus_max        {m['vus_max']['max']}")
print(f"vus (max seen) {m['vus']['max']}")
print(f"requests       {m['http_reqs']['count']}  failed {m['http_req_failed']['value']*100:.3f}%")
print(f"req/s steady   {rps:.0f}  (ideal with 1 s think and zero latency: {m['vus_max']['max']})")
print(f"duration       p50 {m['http_req_duration']['med']:.2f} ms  p95 {m['http_req_duration']['p(95)']:.2f} ms  p99 {m['http_req_duration']['p(99)']:.2f} ms")
print(f"blocked        p95 {m['http_req_blocked']['p(95)']:.2f} ms (waiting for one of the shared connections)")
print(f"heap           used {used} MiB near the end, live {live} MiB after a full GC; limit 1024 MiB; RSS {rss//1024} MiB")
print(f"cpu            {u+s:.1f} s over {e:.0f} s")
PY
