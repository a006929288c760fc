// Package fuzz holds the project's fuzz targets: native Go fuzz tests
// (func FuzzXxx(f *testing.F)) for everything in the library that parses or
// decrypts input an attacker may choose. The package has no API of its own;
// its non-test files are the reference implementations and helpers the
// targets share. The libFuzzer build (go-118-fuzz-build_v2) compiles every
// _test.go file here against its own "testing" package, which has fewer
// methods than the standard one and drops build constraints: a test file
// here uses only what that shim has (no t.Chdir, no testing.AllocsPerRun).
//
// # Targets
//
// Each target checks that no input makes the library panic, that every
// error is one of the documented ones, and that every result agrees with a
// simple reference written here from the specification (spec/algorithms.md
// and spec/vectors.md), not from the library's code:
//
//   - FuzzAESCBCDecryptStrings: aescbc.Decrypt on arbitrary sessionKey, iv
//     and encryptedData strings; the first bad input decides the error.
//   - FuzzAESCBCDifferential: aescbc.Decrypt against a CBC and PKCS#7
//     reference built on crypto/aes, with forged last blocks that reach
//     every padding edge case.
//   - FuzzAESCBCRoundTrip: Encrypt and Decrypt are inverse and match the
//     reference's ciphertext.
//   - FuzzWatermarkParse: the strict watermark scanner and Policy.Verify
//     against the strict rule read through encoding/json's token stream.
//   - FuzzWatermarkCheck: the freshness rule (the integers, Check, and
//     CheckMillis) over the whole int64 range against big-integer
//     arithmetic, with sane error texts.
//   - FuzzOpenJSON: the Opener's Open, OpenInto and typed Open methods on
//     arbitrary plaintext JSON, against encoding/json: both reject with the
//     same class of error, or both accept with equal results.
//   - FuzzJSONObject: internal/jsonobj, the object splitter under the answer,
//     event and vector-file parsers, against encoding/json.
//   - FuzzSessionSig, FuzzPaySig, FuzzRawSig: the signatures against
//     crypto/hmac and crypto/sha1; verification accepts exactly the computed
//     value, in any letter case, and rejects every mutation.
//   - FuzzCheckResponse: the checkEncryptedData answer parser against the
//     documented reading with encoding/json, and encrypted_msg_hash of the
//     same bytes against crypto/sha256.
//   - FuzzErrcodeAnswer: errcode.Parse and ParseObject and internal/jsonint, the reader
//     of every platform answer's errcode and errmsg, likewise.
//   - FuzzCloudEvent: cloud-call events (cloudid.ParseEvent) and cloudid.Open
//     on each field, against the documented reading.
//   - FuzzXXTEARoundTrip: XXTEA encryption and decryption are inverse, with
//     bytes or hex, keys as bytes or text, in place or not.
//   - FuzzXXTEADifferential: XXTEA against a slow reference written from the
//     published algorithm, with forged length words at the window's edges.
//   - FuzzXXTEADecryptHex: DecryptHex on arbitrary text, errors in the
//     documented order.
//   - FuzzCloud189Answer: the 189 answer envelope and the user info behind
//     its XXTEA layer.
//   - FuzzMsgPushDecrypt, FuzzMsgPushBody: message push in safe mode, the
//     decryption and the XML or JSON body reader, against a transcription
//     of the algorithm over the standard library.
//   - FuzzVectorFile: the vector-file runner on arbitrary files.
//
// # Seeds
//
// Every target is seeded from the shared vectors in testdata/vectors
// (documented, Wycheproof and generated cases) plus literal edge cases, and
// fails if those files give it no seed. The vectors are found from any
// working directory: $WXCRYPTO_VECTORS, else testdata/vectors in the working
// directory or a parent, else beside this package's source. Inputs that once
// made a target fail are kept as regression inputs in testdata/fuzz/FuzzXxx/.
// A plain go test runs all of them:
//
//	go test ./fuzz/
//	go test -v -run '^Fuzz' ./fuzz/ | grep seeds:   # seed counts per target
//
// # Campaigns
//
// Native Go fuzzing, every target or the ones named, for a given time each,
// with a summary of executions, new coverage and crashes per target:
//
//	fuzz/run.sh -t 5m                        # one after another, all cores each
//	fuzz/run.sh -t 5m -p 0                   # all side by side
//	fuzz/run.sh -t 10m FuzzOpenJSON FuzzCheckResponse
//
// A crash is written to fuzz/testdata/fuzz/FuzzXxx/<hash> and replayed by
//
//	go test -run '^FuzzXxx/<hash>$' ./fuzz/
//
// Once the bug is fixed, commit that file: it stays a regression input.
//
// The same targets build as libFuzzer binaries, the way OSS-Fuzz and
// ClusterFuzzLite build native Go fuzz tests (compile_native_go_fuzzer_v2),
// and start from seed corpora made of the same seeds (fuzz/corpus). A
// libFuzzer crash becomes a regression input with fuzz/corpus -crash:
//
//	go run ./fuzz/corpus -o DIR              # seed corpora, dictionaries, options
//	fuzz/libfuzzer.sh -T 60 FuzzOpenJSON     # build, then run from the seed corpus
//	go run ./fuzz/corpus -crash CRASH -target FuzzOpenJSON
//
// The .clusterfuzzlite directory at the root of the repository builds them
// for ClusterFuzzLite and OSS-Fuzz; .github/workflows runs ClusterFuzzLite.
package fuzz
