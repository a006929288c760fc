#!/bin/sh
# Regenerates every vector file under testdata/vectors/. Run from anywhere:
#   sh testdata/generate/all.sh path/to/aes_cbc_pkcs5_test.json
set -e
dir=$(dirname "$0")
node "$dir/opendata.mjs"
node "$dir/opendata_open.mjs"
node "$dir/signatures.mjs"
node "$dir/msgpush.mjs"
node "$dir/answers.mjs"
node "$dir/cloud.mjs"
python3 "$dir/xxtea.py"
node "$dir/wycheproof.mjs" "$@"
