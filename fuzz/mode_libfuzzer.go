//go:build libfuzzer

package fuzz

// libFuzzer reports whether the package is built as a libFuzzer binary.
//
// A libFuzzer build calls each FuzzXxx function once per input, with an
// F whose Add does nothing, so the seed helpers return at once instead of
// reading the vector files on every execution.
const libFuzzer = true
