#!/usr/bin/env bash
# Builds the fuzz targets of this package as libFuzzer binaries with
# AddressSanitizer, as OSS-Fuzz's compile_native_go_fuzzer_v2 builds them
# (go-118-fuzz-build_v2 turns a target into a C archive, clang links it with
# libFuzzer), writes their seed corpora, dictionaries and options (go run
# ./fuzz/corpus), and optionally runs each binary from its seed corpus.
#
#   fuzz/libfuzzer.sh [-b BUILDER] [-o OUTDIR] [-r RUNS | -T SECONDS] [-j JOBS] [TARGET...]
#
#   -b BUILDER  a checkout of go-118-fuzz-build's v2 line to build the
#               builder and its testing shim from (default: the version pinned
#               in .clusterfuzzlite/build.sh, from the Go module proxy)
#   -o OUTDIR   where the binaries go (default $TMPDIR/wxcrypto-libfuzzer);
#               each run's corpus is OUTDIR/corpus/BIN, crashes OUTDIR/crashes/BIN
#   -r RUNS     after building, run each binary for RUNS inputs
#   -T SECONDS  after building, run each binary for SECONDS
#   -j JOBS     run with -jobs=JOBS -workers=JOBS (default 1: one process)
#   TARGET      FuzzXxx names; default every target
#
# BIN is the binary name that go run ./fuzz/corpus -list prints:
# fuzz_aescbc_decrypt_strings for FuzzAESCBCDecryptStrings, and so on. A run
# starts from BIN_seed_corpus.zip when its corpus is empty and uses BIN.dict.
# Run one by hand like any libFuzzer binary, and turn a crash into a go test
# regression input:
#
#   OUTDIR/fuzz_open_json -dict=OUTDIR/fuzz_open_json.dict -jobs=2 -workers=2 CORPUS_DIR
#   OUTDIR/fuzz_open_json CRASH_FILE          # replay one input
#   go run ./fuzz/corpus -crash CRASH_FILE -target FuzzOpenJSON
#
# Needs clang with libFuzzer and AddressSanitizer (Debian: apt-get install
# clang; installed automatically when run as root). Everything happens in a
# temporary copy of the module: go-118-fuzz-build renames the package's test
# files while it builds, and its testing shim must be added to go.mod, which
# in the repository lists no such dependency and must stay so.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# Keep in step with .clusterfuzzlite/build.sh.
GO118FUZZBUILD_VERSION=$(sed -n 's/^GO118FUZZBUILD_VERSION=//p' "$root/.clusterfuzzlite/build.sh")
out=${TMPDIR:-/tmp}/wxcrypto-libfuzzer
builder=
runs=
seconds=
jobs=1
usage() { sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while getopts "b:o:r:T:j:h" opt; do
  case $opt in
    b) builder=$(cd "$OPTARG" && pwd) ;;
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

echo "== a temporary copy of the module in $work/src"
mkdir "$work/src"
tar -C "$root" --exclude=./.git --exclude='*.test' -cf - . | tar -C "$work/src" -xf -
cd "$work/src"
if [ -n "$builder" ]; then
  echo "== go-118-fuzz-build_v2 from $builder"
  (cd "$builder" && go build -o "$work/bin/go-118-fuzz-build_v2" .)
  go mod edit -require=github.com/AdamKorcz/go-118-fuzz-build@v0.0.0-00010101000000-000000000000 \
    -replace=github.com/AdamKorcz/go-118-fuzz-build="$builder"
else
  echo "== go-118-fuzz-build_v2 $GO118FUZZBUILD_VERSION"
  GOBIN="$work/bin" go install "github.com/AdamKorcz/go-118-fuzz-build@$GO118FUZZBUILD_VERSION"
  mv "$work/bin/go-118-fuzz-build" "$work/bin/go-118-fuzz-build_v2"
  go get "github.com/AdamKorcz/go-118-fuzz-build/testing@$GO118FUZZBUILD_VERSION" 2>&1 | grep -v '^go: downloading' || true
fi

all=$(go run ./fuzz/corpus -list)
if [ $# -gt 0 ]; then
  targets=()
  for t in "$@"; do
    grep -q "^$t " <<<"$all" || { echo "libfuzzer.sh: no target $t; the targets are:" $(cut -d' ' -f1 <<<"$all") >&2; exit 2; }
    targets+=("$t")
  done
else
  mapfile -t targets < <(cut -d' ' -f1 <<<"$all")
fi
bin_of() { grep "^$1 " <<<"$all" | cut -d' ' -f2; }

echo "== seed corpora, dictionaries and options in $out"
go run ./fuzz/corpus -o "$out" "${targets[@]}"

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

for t in "${targets[@]}"; do
  name=$(bin_of "$t")
  echo "== build $t -> $out/$name"
  "$work/bin/go-118-fuzz-build_v2" -tags gofuzz -o "$work/$name.a" -func "$t" "$work/src/fuzz" >"$work/$name.log" 2>&1 ||
    { tail -n 20 "$work/$name.log"; exit 1; }
  clang++ -fsanitize=address,fuzzer "$work/$name.a" "$work/onstack.o" -lresolv -o "$out/$name"
done

if [ -z "$runs$seconds" ]; then
  echo "built ${#targets[@]} target(s) in $out"
  exit 0
fi

status=0
printf '\n%-26s %-7s %10s %9s %8s %6s %9s\n' target result execs execs/s init-cov cov corpus
for t in "${targets[@]}"; do
  name=$(bin_of "$t")
  corpus="$out/corpus/$name"
  crashes="$out/crashes/$name"
  log="$out/$name.log"
  mkdir -p "$corpus" "$crashes"
  if ! ls "$corpus" | grep -q . && [ -f "$out/${name}_seed_corpus.zip" ]; then
    (cd "$corpus" && unzip -q -o "$out/${name}_seed_corpus.zip")
  fi
  args=(-artifact_prefix="$crashes/" -print_final_stats=1)
  [ -f "$out/$name.dict" ] && args+=(-dict="$out/$name.dict")
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
  init=$(grep -hoE 'INITED cov: [0-9]+' "$log" | awk '{print $3}' | sort -n | tail -n 1)
  cov=$(grep -hoE 'cov: [0-9]+' "$log" | awk '{print $2}' | sort -n | tail -n 1)
  result=ok
  if [ "$rc" != 0 ] || ls "$crashes" | grep -q .; then
    result=CRASH
    status=1
  fi
  printf '%-26s %-7s %10s %9s %8s %6s %9s\n' "$t" "$result" "$execs" "$rate" "${init:--}" "${cov:--}" "$(ls "$corpus" | wc -l)"
done
for t in "${targets[@]}"; do
  name=$(bin_of "$t")
  if ls "$out/crashes/$name" | grep -q .; then
    echo
    echo "== $t: crashing inputs in $out/crashes/$name; replay with: $out/$name FILE"
    grep -m 5 -E 'panic|ERROR' "$out/$name.log" || true
    for c in "$out/crashes/$name"/*; do
      echo "   as a go test regression input: go run ./fuzz/corpus -crash $c -target $t"
    done
  fi
done
exit $status
