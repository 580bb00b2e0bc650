#!/usr/bin/env bash
# gale load over HTTP/2 beside h2load (nghttp2-client) on one nginx (bench/h2.nginx.conf, CPU 1), each generator
# alone on CPU 0 with the same connections and streams: h2c (prior knowledge) and h2 over TLS (ALPN). Prints the
# median req/s, CPU microseconds per request (user + system of the whole generator process) and the ratio to h2load.
# Usage: bench/h2.sh [-d SECONDS] [-c CONNECTIONS] [-m STREAMS] [-r ROUNDS]     (defaults: 10 s, 4, 25, 3)
# Ports 9004 (h2c) and 9005 (TLS); GALE_BENCH_H2C_PORT and GALE_BENCH_TLS_PORT move them.
set -euo pipefail
DUR=10; CONN=4; STREAMS=25; ROUNDS=3
while [ $# -gt 0 ]; do case "$1" in
  -d) DUR=$2; shift 2;; -c) CONN=$2; shift 2;; -m) STREAMS=$2; shift 2;; -r) ROUNDS=$2; shift 2;;
  *) echo "usage: bench/h2.sh [-d SECONDS] [-c CONNECTIONS] [-m STREAMS] [-r ROUNDS]" >&2; exit 2;; esac; done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
for c in nginx h2load openssl taskset; do
  command -v $c >/dev/null || { echo "missing $c: apt-get install -y nginx nghttp2-client openssl util-linux" >&2; exit 2; }
done
# Build first, so ./gale does not build inside a measured run (it rebuilds when a source is newer than its jar).
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package >&2
touch cli/target/gale.jar
W=/tmp/gale-bench/h2; mkdir -p $W
H2C=${GALE_BENCH_H2C_PORT:-9004}; TLS=${GALE_BENCH_TLS_PORT:-9005}
sed -e "s/:9004 /:$H2C /" -e "s/:9005 /:$TLS /" "$ROOT/bench/h2.nginx.conf" > $W/h2.nginx.conf
[ -s $W/server.pem ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost -keyout $W/server.key -out $W/server.pem 2>/dev/null
trap '[ -f $W/h2.pid ] && kill "$(cat $W/h2.pid)" 2>/dev/null; rm -f $W/h2.pid' EXIT
taskset -c 1 nginx -c $W/h2.nginx.conf -p $W/
for _ in $(seq 1 40); do h2load -n 1 http://127.0.0.1:$H2C/ 2>/dev/null | grep -q '1 succeeded' && break; sleep 0.25; done
VUS=$((CONN * STREAMS))
# ./gale writes its AOT cache for `load` on the first run of a build: make that a short unmeasured run.
./gale load http://127.0.0.1:$H2C/ --protocol h2c --vus "$VUS" --connections "$CONN" --streams "$STREAMS" \
  --threads 1 --duration 3s --quiet --summary-export $W/warm.json >/dev/null 2>&1 || true

declare -A CMD URLS; order=()
add() { order+=("$1"); URLS[$1]=$2; CMD[$1]=$3; }
# h2load: one thread, -c connections of -m streams each; gale: one event loop, CONN x STREAMS VUs that fill
# each connection's STREAMS streams (docs/load.md#http2), so both keep the same requests in flight.
G="./gale load URL --vus $VUS --connections $CONN --streams $STREAMS --threads 1 --duration ${DUR}s --quiet"
add h2load-h2c http://127.0.0.1:$H2C/ "h2load -t 1 -c $CONN -m $STREAMS -D $DUR URL"
add gale-h2c http://127.0.0.1:$H2C/ "$G --protocol h2c --summary-export $W/NAME.json"
add h2load-tls https://localhost:$TLS/ "h2load -t 1 -c $CONN -m $STREAMS -D $DUR URL"
add gale-tls https://localhost:$TLS/ "$G --protocol h2 --insecure-skip-tls-verify --summary-export $W/NAME.json"

count() {  # name output -> "requests failed protocol"
  case $1 in
    h2load*) echo "$2" | awk '/^requests:/ {r=$8; f=$10+$12} /^ALPN|^Application protocol:/ {p=$NF}
                              END {print r+0, f+0, (p ? p : "h2c")}';;
    *) python3 - "$W/$1.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["metrics"]
protocols = json.load(open(sys.argv[1])).get("gale", {}).get("results", {}).get("protocols", {})
print(m["http_reqs"]["count"], m["http_req_failed"]["passes"], ",".join(k for k, v in protocols.items() if v) or "?")
PY
    ;;
  esac; }
declare -A RPS CPU NOTE
for r in $(seq 1 "$ROUNDS"); do
  for name in "${order[@]}"; do   # rounds alternate the generators, so drift hits each alike
    rm -f "$W/$name.json"
    c=${CMD[$name]//URL/${URLS[$name]}}; c=${c//NAME/$name}
    /usr/bin/time -f '%U %S %e' -o $W/time.txt taskset -c 0 bash -c "exec $c" >$W/out.txt 2>&1 || true
    read -r u s _ < $W/time.txt
    read -r n failed proto <<<"$(count "$name" "$(cat $W/out.txt)")"
    RPS[$name]+="$(awk -v n="$n" -v d="$DUR" 'BEGIN {printf "%.0f", n/d}') "
    CPU[$name]+="$(awk -v n="$n" -v u="$u" -v s="$s" 'BEGIN { if (n>0) printf "%.2f", (u+s)*1e6/n; else print "n/a" }') "
    NOTE[$name]="$proto, failed $failed"
  done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR? a[int((NR+1)/2)] : "n/a")}'; }
echo "connections $CONN, streams $STREAMS per connection, ${DUR}s, $ROUNDS rounds (medians)"
printf '%-11s %12s %12s %10s  %s\n' generator 'req/s' 'cpu us/req' 'vs h2load' 'protocol, failed (last round)'
for name in "${order[@]}"; do
  peer=h2load-${name#*-}; base=$(echo "${RPS[$peer]}" | median)
  rps=$(echo "${RPS[$name]}" | median); cpu=$(echo "${CPU[$name]}" | median)
  printf '%-11s %12s %12s %10s  %s\n' "$name" "$rps" "$cpu" \
    "$(awk -v a="$rps" -v b="$base" 'BEGIN { if (b+0>0) printf "%.2f", a/b; else print "n/a" }')" "${NOTE[$name]}"
done
