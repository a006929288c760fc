#!/bin/sh
# Regenerates every vector file under testdata/vectors/. Run from anywhere.
set -e
dir=$(dirname "$0")
node "$dir/opendata.mjs"
node "$dir/wycheproof.mjs" "$@"
