#!/bin/bash -eu
# Builds every native Go fuzz target of ./fuzz as a libFuzzer binary, the
# way OSS-Fuzz and ClusterFuzzLite build native Go fuzz tests. Run by the
# base-builder-go image's `compile` in $SRC/wxcrypto (see Dockerfile).
#
# compile_native_go_fuzzer runs go-118-fuzz-build, which copies the target's
# _test.go file to a non-test file with "testing" replaced by its shim, and
# clang, which links it with libFuzzer. The shim must be in go.mod for that;
# this image's checkout is a throw-away copy, so adding it here is fine (the
# repository's go.mod lists no dependency and must stay so). fuzz/libfuzzer.sh
# does the same outside Docker, on a temporary copy of the module; keep the
# version pinned here and there the same.
#
# The binary names are fuzz_ plus the target's name in snake case;
# fuzz/targets_test.go checks that every target is listed below.

GO118FUZZBUILD_VERSION=v0.0.0-20250520111509-a70c2aa677fa

cd "$SRC/wxcrypto"
go get "github.com/AdamKorcz/go-118-fuzz-build/testing@$GO118FUZZBUILD_VERSION"

compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzAESCBCDecryptStrings fuzz_aescbc_decrypt_strings
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzAESCBCDifferential fuzz_aescbc_differential
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzAESCBCRoundTrip fuzz_aescbc_round_trip
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzCloud189Answer fuzz_cloud189_answer
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzCloudEvent fuzz_cloud_event
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzMsgHash fuzz_msg_hash
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzMsgPushDecrypt fuzz_msg_push_decrypt
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzMsgPushBody fuzz_msg_push_body
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzCheckResponse fuzz_check_response
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzErrcodeAnswer fuzz_errcode_answer
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzOpenJSON fuzz_open_json
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzSessionSig fuzz_session_sig
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzPaySig fuzz_pay_sig
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzRawSig fuzz_raw_sig
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzVectorFile fuzz_vector_file
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzWatermarkParse fuzz_watermark_parse
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzWatermarkCheck fuzz_watermark_check
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzXXTEARoundTrip fuzz_xxtea_round_trip
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzXXTEADifferential fuzz_xxtea_differential
compile_native_go_fuzzer github.com/wxcrypto/wxcrypto/fuzz FuzzXXTEADecryptHex fuzz_xxtea_decrypt_hex
