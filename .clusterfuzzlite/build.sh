#!/bin/bash -eu
# Builds every native Go fuzz target of ./fuzz for OSS-Fuzz and
# ClusterFuzzLite, with their seed corpora, dictionaries and options. Run by
# the base-builder-go image's `compile` in $SRC/wxcrypto (see Dockerfile),
# in address (fuzzing) and coverage (report) modes alike.
#
# The targets come from `go run ./fuzz/corpus -list`, which asks go test, so
# a new FuzzXxx in ./fuzz is built without a change here. Set
# WXCRYPTO_FUZZ_TARGETS to a space-separated list of FuzzXxx names to build
# only those.
#
# compile_native_go_fuzzer_v2 builds a target with go-118-fuzz-build_v2
# (address mode: all test files of ./fuzz, "testing" replaced by its shim,
# linked with libFuzzer by clang) or with go test -c -cover (coverage mode).
# The shim must be in go.mod; this image's checkout is a throw-away copy, so
# adding it here is fine (the repository's go.mod keeps no such
# dependency). The pinned version is of the shim's v2 line, which the
# image's go-118-fuzz-build_v2 is built from; a go.mod that already names
# the module (a local build that replaced it) is left as it is.

GO118FUZZBUILD_VERSION=v0.0.0-20250911191804-fc5dc53b9db8

cd "$SRC/wxcrypto"
if ! go list -m github.com/AdamKorcz/go-118-fuzz-build >/dev/null 2>&1; then
  go get "github.com/AdamKorcz/go-118-fuzz-build/testing@$GO118FUZZBUILD_VERSION"
fi

targets=$(go run ./fuzz/corpus -list)
if [ -n "${WXCRYPTO_FUZZ_TARGETS:-}" ]; then
  targets=$(for t in $WXCRYPTO_FUZZ_TARGETS; do grep "^$t " <<<"$targets" || { echo "no target $t" >&2; exit 1; }; done)
fi

# Seed corpora (BIN_seed_corpus.zip), dictionaries and options beside the
# binaries. The coverage runner runs each test binary in $OUT, where the
# targets' f.Add seeds then find the vectors.
# shellcheck disable=SC2086
go run ./fuzz/corpus -o "$OUT" $(cut -d' ' -f1 <<<"$targets")
mkdir -p "$OUT/testdata"
rm -rf "$OUT/testdata/vectors"
cp -r testdata/vectors "$OUT/testdata/vectors"

while read -r target binary; do
  compile_native_go_fuzzer_v2 github.com/wxcrypto/wxcrypto/fuzz "$target" "$binary"
done <<<"$targets"
