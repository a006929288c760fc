// Package fuzz holds the project's fuzz targets: native Go fuzz tests
// (func FuzzXxx(f *testing.F)) for everything in the library that parses or
// decrypts input an attacker may choose. The package has no API of its own;
// its non-test files are the reference implementations and helpers the
// targets share, kept out of _test.go files so that the libFuzzer build,
// which compiles only the file of the target it builds, can see them.
//
// # Targets
//
// Each target checks that no input makes the library panic, that every
// error is one of the documented ones, and that every result agrees with a
// simple reference written here from the specification (spec/algorithms.md
// and spec/vectors.md), not from the library's code:
//
//   - FuzzAESCBCDecryptStrings: aescbc.Decrypt and AppendDecrypt on arbitrary
//     sessionKey, iv and encryptedData strings; the first bad input decides
//     the error; nothing is left behind on error.
//   - FuzzAESCBCDifferential: aescbc.Open (plain, in place, appending) and
//     Decrypt against a CBC and PKCS#7 reference built on crypto/aes, with
//     forged last blocks that reach every padding edge case.
//   - FuzzAESCBCRoundTrip: Seal and Open, Encrypt and Decrypt are inverse and
//     match the reference's ciphertext.
//   - FuzzWatermarkParse: the strict watermark scanner and Policy.Verify
//     against the strict rule read through encoding/json's token stream.
//   - FuzzWatermarkCheck: the freshness rule (the integers, Check, and
//     CheckMillis) over the whole int64 range against big-integer
//     arithmetic, with sane error texts.
//   - FuzzOpenJSON: the Opener's Open and typed Open methods on arbitrary
//     plaintext JSON, against encoding/json: both reject with the same class
//     of error, or both accept with equal results.
//   - FuzzSessionSig, FuzzPaySig, FuzzRawSig: the signatures against
//     crypto/hmac and crypto/sha1; verification accepts exactly the computed
//     value, in any letter case, and rejects every mutation.
//   - FuzzMsgHash: encrypted_msg_hash against crypto/sha256.
//   - FuzzCheckResponse: the checkEncryptedData answer parser against the
//     documented reading with encoding/json.
//   - FuzzErrcodeAnswer: errcode.Parse and ParseObject and internal/jsonint, the reader
//     of every platform answer's errcode and errmsg, likewise.
//   - FuzzCloudEvent: cloud-call events (ParseCloudEvent) and the Opener's
//     Cloud methods on each field, against the documented reading.
//   - FuzzXXTEARoundTrip: XXTEA encryption and decryption are inverse, with
//     bytes or hex, keys as bytes or text, in place or not.
//   - FuzzXXTEADifferential: XXTEA against a slow reference written from the
//     published algorithm, with forged length words at the window's edges.
//   - FuzzXXTEADecryptHex: DecryptHex on arbitrary text, errors in the
//     documented order.
//   - FuzzCloud189Answer: the 189 answer envelope and the user info behind
//     its XXTEA layer.
//   - FuzzVectorFile: the vector-file runner on arbitrary files.
//
// # Seeds
//
// Every target is seeded from the shared vectors in ../testdata/vectors
// (documented, Wycheproof and generated cases) plus literal edge cases, and
// fails if those files give it no seed. Inputs that once made a target fail
// are kept as regression inputs in testdata/fuzz/FuzzXxx/. A plain go test
// runs all of them:
//
//	go test ./fuzz/
//	go test -v -run '^Fuzz' ./fuzz/ | grep seeds:   # seed counts per target
//
// # Campaigns
//
// Native Go fuzzing, every target or the ones named, for a given time each,
// with a summary of executions, new coverage and crashes per target:
//
//	fuzz/run.sh -t 5m                        # one after another
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
// ClusterFuzzLite build native Go fuzz tests (go-118-fuzz-build and clang),
// for long campaigns with -jobs and -workers:
//
//	fuzz/libfuzzer.sh                        # build every target
//	fuzz/libfuzzer.sh -T 60 -j 2 FuzzOpenJSON
//
// The .clusterfuzzlite directory at the root of the repository builds them
// for ClusterFuzzLite.
package fuzz
