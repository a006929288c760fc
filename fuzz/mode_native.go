//go:build !libfuzzer

package fuzz

// libFuzzer reports whether the package is built as a libFuzzer binary.
// go-118-fuzz-build always sets the libfuzzer build tag; see mode_libfuzzer.go.
const libFuzzer = false
