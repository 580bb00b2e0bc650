#!/usr/bin/env bash
# A deployment of each strategy, then a rollback, of 4 reference-app tasks under 200 VUs of gale load (100 ms think
# time): requests, failed requests and how long each deployment took (and its rollback, for the bad revisions).
# Stack on 127.0.0.1:8180 (admin 8181). Method: bench/README.md.
# Usage: bench/deployments.sh            (about 4 minutes; writes /tmp/gale-bench/deployments/)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd); cd "$ROOT"
W=/tmp/gale-bench/deployments; mkdir -p "$W"; rm -f "$W"/*.json
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package >&2
touch cli/target/gale.jar
ADMIN=(--admin-port 8181)
./gale up -f bench/deployments.yaml "${ADMIN[@]}" > "$W/up.log" 2>&1 &
trap './gale down "${ADMIN[@]}" >/dev/null 2>&1 || true' EXIT
healthy() { ./gale status --json "${ADMIN[@]}" 2>/dev/null | python3 -c '
import json, sys; s = json.load(sys.stdin)
print(sum(1 for t in s["tasks"] if t["state"] == "RUNNING" and t["health"] == "healthy"))' 2>/dev/null || echo 0; }
for _ in $(seq 1 120); do [ "$(healthy)" = 4 ] && break; sleep 1; done

run() {  # name, then the gale command that deploys
  local name=$1; shift
  ./gale load http://127.0.0.1:8180/ --vus 200 --duration 10m --think 100ms --quiet \
    --summary-export "$W/$name.json" > "$W/$name.load.txt" 2>&1 &
  local load=$!
  sleep 3
  "$@" "${ADMIN[@]}" --wait > "$W/$name.deploy.txt" 2>&1 || true
  kill -INT "$load"; wait "$load" || true
  python3 - "$W" "$name" <<'PY'
import json, re, sys
w, name = sys.argv[1], sys.argv[2]
m = json.load(open(f"{w}/{name}.json"))["metrics"]
text = open(f"{w}/{name}.deploy.txt").read()
took = re.findall(r"deployment \d+ (\w+) in ([\d.]+) s", text)
failed = m["http_req_failed"]["value"] * m["http_reqs"]["count"]
print(f"{name:14s} requests {m['http_reqs']['count']:8d}  failed {failed:6.0f}  "
      + "  ".join(f"{state} in {s} s" for state, s in took))
PY
}
run rolling    ./gale deploy web --env BENCH=1 --strategy rolling
run canary     ./gale deploy web --env BENCH=2 --strategy canary
run linear     ./gale deploy web --env BENCH=3 --strategy linear
run blue-green ./gale deploy web --env BENCH=4 --strategy blue-green
run rollback   ./gale rollback web
run breaker    ./gale deploy web --env GALE_APP_FAULT=unhealthy
run canary-bad ./gale deploy web --env GALE_APP_FAULT=errors:0.3 --strategy canary
./gale deployments "${ADMIN[@]}"
