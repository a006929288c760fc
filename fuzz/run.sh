#!/usr/bin/env bash
# Runs the native Go fuzz targets of this package for a while each and prints,
# per target, the executions, the new interesting inputs (new coverage) and
# the crashes. Exits non-zero if any target crashed or failed to run.
#
#   fuzz/run.sh [-t DURATION] [-m DURATION] [-p PARALLEL] [-w WORKERS] [-l LOGDIR] [TARGET...]
#
#   -t DURATION  how long each target runs, as go test's -fuzztime (default 30s)
#   -m DURATION  at most this long minimizing each new interesting input, go
#                test's -fuzzminimizetime (default 1s; go test's own 60s would
#                spend most of a short run minimizing)
#   -p PARALLEL  how many targets run side by side (default 1; 0 means all)
#   -w WORKERS   fuzzing processes per target, go test's -parallel (default:
#                the number of CPUs divided by PARALLEL, at least 1)
#   -l LOGDIR    where each target's go test output goes (default: a new
#                temporary directory)
#   -s           do not run anything: summarize the logs already in LOGDIR
#   TARGET       FuzzXxx names; default every target of the package
#
# A crashing input is written by go test to fuzz/testdata/fuzz/FuzzXxx/; the
# summary prints the command that replays it.
set -euo pipefail

duration=30s
minimize=1s
parallel=1
workers=
logdir=
summarize_only=
usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while getopts "t:m:p:w:l:sh" opt; do
  case $opt in
    t) duration=$OPTARG ;;
    m) minimize=$OPTARG ;;
    p) parallel=$OPTARG ;;
    w) workers=$OPTARG ;;
    l) logdir=$OPTARG ;;
    s) summarize_only=1 ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
if [ -n "$logdir" ]; then
  mkdir -p "$logdir"
  logdir=$(cd "$logdir" && pwd)
fi
cd "$(dirname "$0")/.."

all=$(go test -list '^Fuzz' ./fuzz/ | grep '^Fuzz' || true)
if [ -z "$all" ]; then
  echo "run.sh: no fuzz target found in ./fuzz/ (does the package build?)" >&2
  exit 1
fi
if [ $# -gt 0 ]; then
  targets=("$@")
  for t in "${targets[@]}"; do
    if ! grep -qx "$t" <<<"$all"; then
      echo "run.sh: no target $t; the targets are:" $all >&2
      exit 2
    fi
  done
else
  mapfile -t targets <<<"$all"
fi
if [ "$parallel" -le 0 ] || [ "$parallel" -gt "${#targets[@]}" ]; then
  parallel=${#targets[@]}
fi
if [ -z "$workers" ]; then
  cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
  workers=$((cpus / parallel))
  [ "$workers" -ge 1 ] || workers=1
fi
if [ -n "$summarize_only" ]; then
  [ -n "$logdir" ] || { echo "run.sh: -s needs -l LOGDIR" >&2; exit 2; }
  found=()
  for t in "${targets[@]}"; do
    [ -f "$logdir/$t.log" ] && found+=("$t")
  done
  targets=("${found[@]}")
fi
if [ -z "$logdir" ]; then
  logdir=$(mktemp -d "${TMPDIR:-/tmp}/wxcrypto-fuzz.XXXXXX")
fi
mkdir -p "$logdir"

run_one() {
  local t=$1
  local rc=0
  go test -run='^$' -fuzz="^$t\$" -fuzztime="$duration" -fuzzminimizetime="$minimize" \
    -parallel="$workers" ./fuzz/ >"$logdir/$t.log" 2>&1 || rc=$?
  echo "$rc" >"$logdir/$t.rc"
}

run_all() {
  echo "fuzzing ${#targets[@]} target(s) for $duration each, $parallel at a time, $workers worker(s) each," \
    "minimizing at most $minimize; logs in $logdir"
  # Build the instrumented test binary once, so that parallel runs do not
  # all compile it at the same time.
  go test -c -fuzz=. -o /dev/null ./fuzz/ >/dev/null 2>&1 || true
  trap 'kill $(jobs -p) 2>/dev/null || true' INT TERM
  local running=0 t
  for t in "${targets[@]}"; do
    if [ "$running" -ge "$parallel" ]; then
      wait -n || true
      running=$((running - 1))
    fi
    run_one "$t" &
    running=$((running + 1))
  done
  wait
}

[ -n "$summarize_only" ] || run_all

# seconds converts a Go duration such as 1h2m3.5s, 4m0s or 850ms to seconds.
seconds() {
  awk -v d="$1" 'BEGIN {
    s = 0
    while (match(d, /^[0-9.]+(h|ms|m|s)/)) {
      part = substr(d, 1, RLENGTH); d = substr(d, RLENGTH + 1)
      n = part + 0
      if (part ~ /ms$/) s += n / 1000
      else if (part ~ /h$/) s += n * 3600
      else if (part ~ /m$/) s += n * 60
      else s += n
    }
    print s
  }'
}

# deadline_race reports whether a failed run is only Go's fuzz coordinator
# reporting its own -fuzztime deadline (go.dev/issue/75804, fixed in Go
# 1.27): "context deadline exceeded" as the sole failure, no failing input
# written, no seed or subtest failing, no panic.
deadline_race() {
  grep -qx '[[:space:]]*context deadline exceeded' "$1" &&
    ! grep -q 'Failing input written to' "$1" &&
    ! grep -qE -- '--- FAIL: [^ ]+/|^panic:' "$1" &&
    ! grep -E '_test\.go:[0-9]+: ' "$1" | grep -qvE '_test\.go:[0-9]+: seeds: '
}

status=0
raced=
total_execs=0
printf '\n%-26s %-7s %8s %12s %9s %9s %7s %7s\n' target result elapsed execs execs/s "new cov" corpus crashes
for t in "${targets[@]}"; do
  log="$logdir/$t.log"
  rc=$(cat "$logdir/$t.rc" 2>/dev/null || echo 1)
  line=$(grep -E '^fuzz: elapsed: .*execs: ' "$log" | tail -n 1 || true)
  elapsed=- execs=0 rate=- newcov=- corpus=- crashes=0 result=ok
  if [[ $line =~ elapsed:\ ([^,]+),\ execs:\ ([0-9]+)\ \(([0-9]+)/sec\),\ new\ interesting:\ ([0-9]+)\ \(total:\ ([0-9]+)\) ]]; then
    elapsed=${BASH_REMATCH[1]}
    execs=${BASH_REMATCH[2]}
    newcov=${BASH_REMATCH[4]}
    corpus=${BASH_REMATCH[5]}
    # The rate counts the fuzzing time only, not the replay of the corpus
    # that go test does first ("gathering baseline coverage").
    start=$(sed -n 's/^fuzz: elapsed: \([^,]*\), gathering baseline coverage: .*now fuzzing.*/\1/p' "$log" | tail -n 1)
    secs=$(awk -v a="$(seconds "$elapsed")" -v b="$(seconds "${start:-0s}")" 'BEGIN { print a - b }')
    rate=$(awk -v e="$execs" -v s="$secs" 'BEGIN { if (s > 0) printf "%d", e / s; else print "-" }')
  fi
  if grep -q 'Failing input written to' "$log"; then
    crashes=1
    result=CRASH
    status=1
  elif [ "$rc" != 0 ] && deadline_race "$log"; then
    result=ok*
    raced=1
  elif [ "$rc" != 0 ]; then
    result=ERROR
    status=1
  fi
  total_execs=$((total_execs + execs))
  printf '%-26s %-7s %8s %12s %9s %9s %7s %7s\n' "$t" "$result" "$elapsed" "$execs" "$rate" "$newcov" "$corpus" "$crashes"
done
echo "total executions: $total_execs"
if [ -n "$raced" ]; then
  echo "ok*: go test ended with \"context deadline exceeded\" and no failing input: Go's fuzz"
  echo "     coordinator racing its own -fuzztime deadline (go.dev/issue/75804), not a crash"
fi

for t in "${targets[@]}"; do
  log="$logdir/$t.log"
  if grep -q 'Failing input written to' "$log"; then
    input=$(sed -n 's/.*Failing input written to \(.*\)$/\1/p' "$log" | tail -n 1)
    echo
    echo "== $t crashed; input fuzz/$input"
    grep -E '^\s+(\S+_test\.go:[0-9]+|panic:|--- FAIL)' "$log" | head -n 20 || true
    echo "replay:  go test -run='^$t/$(basename "$input")\$' ./fuzz/"
  elif [ "$(cat "$logdir/$t.rc" 2>/dev/null || echo 1)" != 0 ] && ! deadline_race "$log"; then
    echo
    echo "== $t did not run cleanly:"
    tail -n 20 "$log"
  fi
done
exit $status
