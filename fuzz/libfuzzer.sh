#!/usr/bin/env bash
# Builds the fuzz targets of this package as libFuzzer binaries, the way
# OSS-Fuzz and ClusterFuzzLite build native Go fuzz tests: go-118-fuzz-build
# turns a target into a C archive, clang links it with libFuzzer. Optionally
# runs each binary too.
#
#   fuzz/libfuzzer.sh [-o OUTDIR] [-r RUNS | -T SECONDS] [-j JOBS] [TARGET...]
#
#   -o OUTDIR   where the binaries go (default $TMPDIR/wxcrypto-libfuzzer);
#               each run's corpus is OUTDIR/corpus/NAME, crashes OUTDIR/crashes/NAME
#   -r RUNS     after building, run each binary for RUNS inputs
#   -T SECONDS  after building, run each binary for SECONDS
#   -j JOBS     run with -jobs=JOBS -workers=JOBS (default 1: one process)
#   TARGET      FuzzXxx names; default every target
#
# The binary of FuzzAESCBCDecryptStrings is fuzz_aescbc_decrypt_strings, and
# so on. Run one by hand like any libFuzzer binary:
#
#   OUTDIR/fuzz_open_json -jobs=2 -workers=2 -max_total_time=600 CORPUS_DIR
#   OUTDIR/fuzz_open_json CRASH_FILE          # replay one input
#
# Needs clang (Debian: apt-get install clang; installed automatically when run
# as root) and the Go module proxy. Everything happens in a temporary copy of
# the module: go-118-fuzz-build rewrites the target's file while it builds,
# and its testing shim must be added to go.mod, which in the repository lists
# no dependency and must stay so.
set -euo pipefail

# Keep in step with .clusterfuzzlite/build.sh.
GO118FUZZBUILD_VERSION=v0.0.0-20250520111509-a70c2aa677fa

root=$(cd "$(dirname "$0")/.." && pwd)
out=${TMPDIR:-/tmp}/wxcrypto-libfuzzer
runs=
seconds=
jobs=1
usage() { sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while getopts "o:r:T:j:h" opt; do
  case $opt in
    o) out=$OPTARG ;;
    r) runs=$OPTARG ;;
    T) seconds=$OPTARG ;;
    j) jobs=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
mkdir -p "$out"
out=$(cd "$out" && pwd)

if ! command -v clang >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing clang"
    apt-get update -qq && apt-get install -y -qq clang >/dev/null
  else
    echo "libfuzzer.sh: needs clang with libFuzzer; on Debian or Ubuntu: sudo apt-get install clang" >&2
    exit 1
  fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/wxcrypto-libfuzzer-build.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "== go-118-fuzz-build $GO118FUZZBUILD_VERSION"
GOBIN="$work/bin" go install "github.com/AdamKorcz/go-118-fuzz-build@$GO118FUZZBUILD_VERSION"

echo "== a temporary copy of the module in $work/src"
mkdir "$work/src"
tar -C "$root" --exclude=./.git --exclude='*.test' -cf - . | tar -C "$work/src" -xf -
cd "$work/src"
go get "github.com/AdamKorcz/go-118-fuzz-build/testing@$GO118FUZZBUILD_VERSION" 2>&1 | grep -v '^go: downloading' || true

all=$(go test -list '^Fuzz' ./fuzz/ | grep '^Fuzz')
if [ $# -gt 0 ]; then
  targets=("$@")
  for t in "${targets[@]}"; do
    grep -qx "$t" <<<"$all" || { echo "libfuzzer.sh: no target $t; the targets are:" $all >&2; exit 2; }
  done
else
  mapfile -t targets <<<"$all"
fi

# Go runs its code on its own stacks, and libFuzzer's signal handlers then
# need SA_ONSTACK; OSS-Fuzz links the same fix-up into its Go fuzzers.
cat >"$work/onstack.c" <<'C'
#include <signal.h>
#include <stddef.h>

static void add_onstack(int sig) {
  struct sigaction sa;
  if (sigaction(sig, NULL, &sa) == 0 && !(sa.sa_flags & SA_ONSTACK)) {
    sa.sa_flags |= SA_ONSTACK;
    sigaction(sig, &sa, NULL);
  }
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  int sigs[] = {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGINT, SIGTERM,
                SIGALRM, SIGXFSZ, SIGUSR1, SIGUSR2};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) add_onstack(sigs[i]);
  (void)argc;
  (void)argv;
  return 0;
}
C
clang -c -o "$work/onstack.o" "$work/onstack.c"

name_of() {
  printf 'fuzz_%s' "$(printf '%s' "${1#Fuzz}" | sed -E 's/([a-z0-9])([A-Z])/\1_\2/g; s/([A-Z]+)([A-Z][a-z])/\1_\2/g' | tr 'A-Z' 'a-z')"
}

for t in "${targets[@]}"; do
  name=$(name_of "$t")
  echo "== build $t -> $out/$name"
  "$work/bin/go-118-fuzz-build" -o "$work/$name.a" -func "$t" "$work/src/fuzz"
  clang -fsanitize=fuzzer "$work/$name.a" "$work/onstack.o" -o "$out/$name"
done

if [ -z "$runs$seconds" ]; then
  echo "built ${#targets[@]} target(s) in $out"
  exit 0
fi

status=0
printf '\n%-26s %-7s %10s %9s %6s %9s\n' target result execs execs/s cov corpus
for t in "${targets[@]}"; do
  name=$(name_of "$t")
  corpus="$out/corpus/$name"
  crashes="$out/crashes/$name"
  log="$out/$name.log"
  mkdir -p "$corpus" "$crashes"
  args=(-artifact_prefix="$crashes/" -print_final_stats=1)
  if [ -n "$runs" ]; then args+=(-runs="$runs"); else args+=(-max_total_time="$seconds"); fi
  rc=0
  if [ "$jobs" -gt 1 ]; then
    # -jobs runs workers that log to fuzz-N.log in the working directory;
    # libFuzzer copies each job's log into its own output when the job ends.
    (cd "$out" && "$out/$name" "${args[@]}" -jobs="$jobs" -workers="$jobs" "$corpus" >"$log" 2>&1) || rc=$?
    rm -f "$out"/fuzz-*.log
  else
    "$out/$name" "${args[@]}" "$corpus" >"$log" 2>&1 || rc=$?
  fi
  execs=$(grep -h 'stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s + 0}')
  rate=$(grep -h 'stat::average_exec_per_sec' "$log" | awk '{s += $2} END {print s + 0}')
  cov=$(grep -hoE 'cov: [0-9]+' "$log" | awk '{print $2}' | sort -n | tail -n 1)
  result=ok
  if [ "$rc" != 0 ] || ls "$crashes" | grep -q .; then
    result=CRASH
    status=1
  fi
  printf '%-26s %-7s %10s %9s %6s %9s\n' "$t" "$result" "$execs" "$rate" "${cov:--}" "$(ls "$corpus" | wc -l)"
done
for t in "${targets[@]}"; do
  name=$(name_of "$t")
  if ls "$out/crashes/$name" | grep -q .; then
    echo
    echo "== $t: crashing inputs in $out/crashes/$name; replay with: $out/$name FILE"
    grep -m 5 -E 'panic|ERROR' "$out/$name.log" || true
  fi
done
exit $status
