package fuzz

import (
	"encoding/base64"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// The fixed inputs of the targets that need a key or an appid they do not
// fuzz: the official demo's, so that the documented vectors make good seeds.
const (
	demoSessionKey = "tiihtNczf5v6AKRyjwEUhQ=="
	demoIV         = "r7BXXKkLb8qrSNn05n0qiA=="
	demoAppID      = "wx4f4bc4dec97d474b"
)

// aescbcErrors are the documented errors of aescbc's decryption.
var aescbcErrors = []error{
	aescbc.ErrKeySize, aescbc.ErrIVSize, aescbc.ErrBase64,
	aescbc.ErrCiphertextSize, aescbc.ErrDecrypt,
}

// isOneOf reports whether err matches one of targets with errors.Is.
func isOneOf(err error, targets ...error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}

// kindOf classifies an error of package watermark or of the Opener.
func kindOf(err error) errKind {
	switch {
	case err == nil:
		return kindOK
	case errors.Is(err, watermark.ErrPolicy):
		return kindPolicy
	case errors.Is(err, aescbc.ErrDecrypt):
		return kindNotObject
	case errors.Is(err, watermark.ErrMalformed):
		return kindMalformed
	case errors.Is(err, watermark.ErrAppID):
		return kindAppID
	case errors.Is(err, watermark.ErrTooOld):
		return kindTooOld
	case errors.Is(err, watermark.ErrFuture):
		return kindFuture
	case errors.Is(err, wxcrypto.ErrPayload):
		return kindPayload
	}
	return errKind("unexpected error: " + err.Error())
}

// flipBit returns a copy of b (not empty) with one bit flipped, chosen by n.
func flipBit(b []byte, n uint16) []byte {
	out := append([]byte{}, b...)
	out[int(n)%len(out)] ^= 1 << (n >> 13)
	return out
}

// mixCase returns the hex text s with the letters whose index bit is set in
// mask (cyclically) in upper case.
func mixCase(s string, mask uint16) string {
	b := []byte(s)
	for i, c := range b {
		if mask>>(i%16)&1 == 1 && c >= 'a' && c <= 'f' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// refSessionKey is the session key rule: 24 characters of strict padded
// base64 of 16 bytes.
func refSessionKey(k string) bool {
	b, err := base64.StdEncoding.Strict().DecodeString(k)
	return len(k) == 24 && err == nil && len(b) == 16
}

// refValidURI is the uri rule of sessionsig's doc: one of the three client
// method names, or a request path: at most 1024 bytes, a '/' not followed
// by another, only bytes from '!' to '~' other than '?' and '#', and not a
// method name behind a slash (in any case).
func refValidURI(uri string) bool {
	methods := []string{"requestVirtualPayment", "requestMidasPaymentGameItem", "requestCommonPayment"}
	if slices.Contains(methods, uri) {
		return true
	}
	if uri == "" || len(uri) > 1024 || !strings.HasPrefix(uri, "/") || strings.HasPrefix(uri, "//") {
		return false
	}
	for _, m := range methods {
		if strings.EqualFold(strings.TrimLeft(uri, "/"), m) {
			return false
		}
	}
	for _, c := range []byte(uri) {
		if c < '!' || c > '~' || c == '?' || c == '#' {
			return false
		}
	}
	return true
}

// maxLen caps the inputs whose cost grows with their length (hashing,
// block ciphers, the references' byte loops): past a few blocks and buffer
// chunks, longer inputs reach no new code and only slow the fuzzer down.
const maxLen = 4096

// capped returns v cut to n bytes.
func capped[T ~string | ~[]byte](v T, n int) T {
	if len(v) > n {
		return v[:n]
	}
	return v
}
