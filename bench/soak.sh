#!/usr/bin/env bash
# The soak: mixed reads and writes through bench/soak.yaml (the default stack with autoscaling on CPU and managed
# MariaDB) for MINUTES, a fault at the start of each minute cycling task-kill, task-hang, http-latency and
# database-outage. Reports requests, writes acknowledged and found again afterwards, errors in each fault window and
# outside any, and heap after GC, RSS, file descriptors and threads of Gale, its tasks and MariaDB after the warm-up
# and at the end. Stack on 127.0.0.1:9280 (admin 9281). Method: bench/README.md.
# Usage: bench/soak.sh [--minutes N] [--rate R] [--write-share F] [--warmup S] [--grace S]
#        (defaults: 30, 100 requests/s, 0.3, 120 s, 5 s; writes /tmp/gale-bench/soak/)
set -euo pipefail
MINUTES=30; RATE=100; WRITE_SHARE=0.3; WARMUP=120; GRACE=5
usage() { echo "usage: $0 [--minutes N] [--rate R] [--write-share F] [--warmup S] [--grace S]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case $1 in --minutes) MINUTES=$2;; --rate) RATE=$2;; --write-share) WRITE_SHARE=$2;; --warmup) WARMUP=$2;;
    --grace) GRACE=$2;; *) usage;; esac
  shift 2
done
[[ $MINUTES =~ ^[1-9][0-9]*$ && $RATE =~ ^[1-9][0-9]*$ && $WARMUP =~ ^[0-9]+$ && $GRACE =~ ^[0-9]+$ ]] || usage
ROOT=$(cd "$(dirname "$0")/.." && pwd); cd "$ROOT"
W=/tmp/gale-bench/soak; mkdir -p "$W"; rm -f "$W"/*
PORT=${GALE_BENCH_PORT:-9280}; ADMIN=${GALE_BENCH_ADMIN_PORT:-9281}
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package >&2
touch cli/target/gale.jar
. "$ROOT/bin/jdk.sh"; gale_select_jdk >/dev/null
for bin in mariadbd jcmd curl python3; do command -v $bin >/dev/null || [ -x "$JAVA_HOME/bin/$bin" ] \
  || { echo "missing: $bin" >&2; exit 1; }; done
ulimit -n "$(ulimit -Hn)"

GALE_PID=; DRIVER_PID=
cleanup() {
  [ -z "$DRIVER_PID" ] || kill "$DRIVER_PID" 2>/dev/null || true
  ./gale fault clear --admin-port "$ADMIN" >/dev/null 2>&1 || true
  ./gale down --admin-port "$ADMIN" >/dev/null 2>&1 || true
  [ -z "$GALE_PID" ] || kill "$GALE_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

./gale up -f bench/soak.yaml --port "$PORT" --admin-port "$ADMIN" --fresh > "$W/up.log" 2>&1 &
GALE_PID=$!   # ./gale execs the JVM: this is Gale's own process
status() { ./gale status --json --admin-port "$ADMIN"; }
healthy() { status 2>/dev/null | python3 -c '
import json, sys; print(sum(t["health"] == "healthy" for t in json.load(sys.stdin)["tasks"]))' 2>/dev/null || echo 0; }
for _ in $(seq 1 240); do [ "$(healthy)" -ge 2 ] && break; sleep 0.5; done
[ "$(healthy)" -ge 2 ] || { echo "the stack did not become healthy; see $W/up.log" >&2; exit 1; }

# Heap after a full GC (jcmd), RSS and threads (/proc/PID/status) and open files (/proc/PID/fd) of Gale, each
# running task and the database server, one JSON line per process.
resources() {
  status > "$W/status-$1.json"
  # What any growth of Gale's is made of: its threads by name and its heap by class.
  "$JAVA_HOME/bin/jcmd" "$GALE_PID" Thread.print > "$W/threads-$1.txt" 2>&1 || true
  "$JAVA_HOME/bin/jcmd" "$GALE_PID" GC.class_histogram > "$W/histogram-$1.txt" 2>&1 || true
  python3 - "$GALE_PID" "$W/status-$1.json" "$JAVA_HOME/bin/jcmd" > "$W/resources-$1.jsonl" <<'PY'
import json, os, re, subprocess, sys
gale, status, jcmd = int(sys.argv[1]), json.load(open(sys.argv[2])), sys.argv[3]
procs = [("gale", gale)] + [(t["id"], t["pid"]) for t in status["tasks"] if t["state"] == "RUNNING"]
procs += [(d["name"], d["pid"]) for d in status.get("data", []) if d.get("pid")]
for name, pid in procs:
    fields = dict(l.split(":", 1) for l in open(f"/proc/{pid}/status").read().splitlines() if ":" in l)
    heap = None
    if os.path.basename(os.readlink(f"/proc/{pid}/exe")) == "java":
        subprocess.run([jcmd, str(pid), "GC.run"], capture_output=True, timeout=60)
        info = subprocess.run([jcmd, str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
        used = [int(m.group(1)) for l in info.splitlines() if not l.strip().startswith(("Metaspace", "class space"))
                for m in [re.search(r"total \d+K, used (\d+)K", l)] if m]
        z = re.search(r"ZHeap\s+used (\d+)M", info)
        heap = sum(used) / 1024 if used else (int(z.group(1)) if z else None)
    print(json.dumps({"name": name, "pid": pid, "heap_mib": heap,
                      "rss_mib": int(fields["VmRSS"].split()[0]) / 1024,
                      "fds": len(os.listdir(f"/proc/{pid}/fd")), "threads": int(fields["Threads"])}))
PY
}

SECONDS_TOTAL=$((WARMUP + MINUTES * 60))
"$JAVA_HOME/bin/java" "$ROOT/bench/SoakDriver.java" load 127.0.0.1 "$PORT" "$SECONDS_TOTAL" "$RATE" "$WRITE_SHARE" \
  "$W/requests.csv" > "$W/driver.txt" 2>&1 &
DRIVER_PID=$!
START=$(date +%s)
echo "soak: $MINUTES min of faults after $WARMUP s of warm-up, $RATE requests/s; files in $W" >&2
sleep "$WARMUP"   # the warm-up is a length of the run, not a wait for a condition
resources start

KINDS=(task-kill task-hang http-latency database-outage)
for ((i = 0; i < MINUTES; i++)); do
  sleep $((START + WARMUP + i * 60 - $(date +%s))) 2>/dev/null || true   # each fault on its minute
  case ${KINDS[i % 4]} in
    task-kill) args=(task-kill --service web --count 1);;
    task-hang) args=(task-hang --service web --count 1 --duration 10s);;
    http-latency) args=(http-latency --delay 500ms --jitter 100ms --duration 10s);;
    database-outage) args=(database-outage --mode stop --duration 10s);;
  esac
  asked=$(date +%s%3N)   # a fault acts before its fault.started event is out: its window opens at the request
  echo "$asked $(./gale fault inject "${args[@]}" --admin-port "$ADMIN" 2>&1 | tr '\n' ' ')" >> "$W/faults.log"
done
wait "$DRIVER_PID"; DRIVER_PID=
resources end
curl -fsS "http://127.0.0.1:$ADMIN/api/events?limit=10000" > "$W/events.json"
"$JAVA_HOME/bin/java" "$ROOT/bench/SoakDriver.java" readback 127.0.0.1 "$PORT" "$W/requests.csv" > "$W/readback.txt"

python3 - "$W" "$GRACE" <<'PY' | tee "$W/report.txt"
import csv, json, sys
from datetime import datetime
w, grace = sys.argv[1], int(sys.argv[2]) * 1000
rows = list(csv.DictReader(open(f"{w}/requests.csv")))
t0 = min(int(r["start_ms"]) for r in rows)
ms = lambda iso: int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)
windows = {}
for e in json.load(open(f"{w}/events.json")):
    if e["type"] == "fault.started":
        windows[e["subject"]] = {"what": e.get("reason", ""), "start": ms(e["time"]), "end": None}
    elif e["type"] == "fault.ended" and e["subject"] in windows:
        windows[e["subject"]]["end"] = ms(e["time"])
for line in open(f"{w}/faults.log"):
    asked, answer = line.split(" ", 1)
    if answer.strip() in windows:
        windows[answer.strip()]["start"] = min(int(asked), windows[answer.strip()]["start"])
for v in windows.values():
    v["end"] = v["end"] or v["start"]
    v["requests"] = v["errors"] = 0
expected = {"write": "201", "read": "302"}
outside = {"requests": 0, "errors": 0}
outside_errors = []
for r in rows:
    a, b, error = int(r["start_ms"]), int(r["end_ms"]), r["status"] != expected[r["kind"]]
    hit = [v for v in windows.values() if a <= v["end"] + grace and b >= v["start"]]
    for v in hit or [outside]:
        v["requests"] += 1; v["errors"] += error
    if error and not hit:
        outside_errors.append(r)
with open(f"{w}/outside-errors.csv", "w") as f:
    for r in outside_errors:
        f.write(",".join(r.values()) + "\n")
acked = sum(r["kind"] == "write" and r["status"] == "201" for r in rows)
rb = open(f"{w}/readback.txt").readline().split()
print(f"requests sent {sum(r['status'] != '-1' for r in rows)}, writes {sum(r['kind'] == 'write' for r in rows)}, "
      f"acknowledged (201) {acked}; read back: {' '.join(rb[2:])}")
print(f"\nerrors by window (a request counts in a fault's window if it overlaps [started, ended + {grace // 1000} s])")
print(f"{'at s':>6} {'length s':>9} {'requests':>9} {'errors':>7}  fault")
for v in sorted(windows.values(), key=lambda v: v["start"]):
    print(f"{(v['start'] - t0) / 1000:6.0f} {(v['end'] - v['start']) / 1000:9.1f} {v['requests']:9d} "
          f"{v['errors']:7d}  {v['what']}")
print(f"{'outside any window':>25} {outside['requests']:9d} {outside['errors']:7d}  (rows in outside-errors.csv)")
load = lambda p: {d["name"]: d for d in map(json.loads, open(f"{w}/resources-{p}.jsonl"))}
start, end = load("start"), load("end")
print("\nresources after warm-up -> at the end (heap after a full GC, MiB; RSS MiB; open files; threads)")
print(f"{'process':16} {'heap':>15} {'rss':>15} {'fds':>11} {'threads':>11}")
fmt = lambda a, b, k: (f"{a[k]:.1f} -> {b[k]:.1f}" if a[k] is not None else "-") if k in ("heap_mib", "rss_mib") \
    else f"{a[k]} -> {b[k]}"
for name, b in end.items():
    a = start.get(name)
    if a and a["pid"] == b["pid"]:
        print(f"{name:16} {fmt(a, b, 'heap_mib'):>15} {fmt(a, b, 'rss_mib'):>15} {fmt(a, b, 'fds'):>11} "
              f"{fmt(a, b, 'threads'):>11}")
    else:
        heap = f"{b['heap_mib']:.1f}" if b["heap_mib"] is not None else "-"
        print(f"{name:16} {'new: ' + heap:>15} {b['rss_mib']:15.1f} {b['fds']:11} {b['threads']:11}")
gone = [f"{n} (pid {a['pid']})" for n, a in start.items() if n not in end or end[n]["pid"] != a["pid"]]
print(f"tasks alive at the end: {sum(n.startswith('web-') for n in end)}; "
      f"processes of the start gone by the end: {', '.join(gone) or 'none'}")
PY
