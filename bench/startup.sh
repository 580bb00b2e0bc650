#!/usr/bin/env bash
# Seconds from `./gale up` (the default stack, on its own ports) to the first 200 through the balancer, median of N
# runs. The clock starts when the command is run, so the launcher script, the JVM's start, the balancer, the embedded
# database and the tasks' own start are all in it; the build is not (the script builds first).
# Usage: bench/startup.sh [-n RUNS] [-p PORT] [-a ADMIN_PORT] [WORKTREE]      (defaults: 5 runs, 18180, 18181, this tree)
# WORKTREE is any checkout of Gale (an older commit in a git worktree, say), so that two can be measured in one window.
set -euo pipefail
RUNS=5; PORT=18180; ADMIN=18181
while [ $# -gt 0 ]; do case "$1" in
  -n) RUNS=$2; shift 2;; -p) PORT=$2; shift 2;; -a) ADMIN=$2; shift 2;;
  -h|--help) sed -n '2,6p' "$0"; exit 0;; -*) echo "unknown option $1" >&2; exit 2;; *) break;; esac; done
TREE=$(cd "${1:-$(dirname "$0")/..}" && pwd)
[ -x "$TREE/gale" ] || { echo "no ./gale in $TREE" >&2; exit 2; }
# Build first, so ./gale does not build inside a measured run (it rebuilds when a source is newer than its jar).
(cd "$TREE" && ./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package >&2 && touch cli/target/gale.jar)
W=$(mktemp -d /tmp/gale-startup.XXXXXX)
pid=""
stop() {
  [ -n "$pid" ] || return 0
  "$TREE/gale" down --admin-port "$ADMIN" --state-dir "$W/state" >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
}
trap 'stop; rm -rf "$W"' EXIT
now() { date +%s.%N; }
times=()
for r in $(seq 1 "$RUNS"); do
  if curl -s -o /dev/null -m 1 "http://127.0.0.1:$PORT/"; then echo "port $PORT is in use" >&2; exit 1; fi
  t0=$(now)
  setsid "$TREE/gale" up --port "$PORT" --admin-port "$ADMIN" --state-dir "$W/state" >"$W/up-$r.log" 2>&1 &
  pid=$!
  took=""
  while kill -0 "$pid" 2>/dev/null; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$PORT/" || true)
    if [ "$code" = 200 ]; then took=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'); break; fi
    if awk -v a="$t0" -v b="$(now)" 'BEGIN { exit !(b - a > 120) }'; then break; fi
    sleep 0.05
  done
  stop
  if [ -z "$took" ]; then echo "run $r: no 200 within 120 s; the log:" >&2; tail -20 "$W/up-$r.log" >&2; exit 1; fi
  echo "run $r: ${took} s"
  times+=("$took")
  sleep 1
done
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "first 200 through the balancer after ./gale up, median of $RUNS: ${median} s ($TREE at $(git -C "$TREE" rev-parse --short HEAD 2>/dev/null || echo '?'))"
