package sessionsig

import (
	"crypto/sha1"
	"crypto/sha256"
	"hash"
)

// The digests below are written by hand instead of with crypto/hmac because
// hmac.New(sha256.New, key) allocates six times per call on the supported
// toolchains, while a sha256.New() or sha1.New() digest that never leaves the
// function is kept on the stack. Everything here works on stack arrays, so
// the Append* forms allocate nothing. The tests compare hmacSHA256 with
// crypto/hmac over many key and message lengths.

const (
	blockSize = 64 // SHA-256 and SHA-1 block size in bytes (RFC 2104's B)
	ipad      = 0x36
	opad      = 0x5c

	// chunkSize is the stack buffer through which string inputs are fed to
	// a digest; converting a long string to []byte would allocate.
	chunkSize = 512
)

// writeString feeds s to h through buf without converting s to []byte.
// It must stay small enough to be inlined: the digests' Write methods are
// then devirtualized and the digests do not escape to the heap.
func writeString(h hash.Hash, buf []byte, s string) {
	for len(s) > 0 {
		n := copy(buf, s)
		h.Write(buf[:n])
		s = s[n:]
	}
}

// hmacSHA256 sets out to HMAC-SHA256(key, head1 || head2 || body) as defined
// in RFC 2104: a key longer than the block size is replaced by its SHA-256
// digest, the key is zero-padded to one block, and
// HMAC = H((K ^ opad) || H((K ^ ipad) || message)).
func hmacSHA256(out *[sha256.Size]byte, key, head1, head2 string, body []byte) {
	var buf [chunkSize]byte
	var block [blockSize]byte
	if len(key) > blockSize {
		kh := sha256.New()
		writeString(kh, buf[:], key)
		kh.Sum(block[:0])
	} else {
		copy(block[:], key)
	}
	for i := range block {
		block[i] ^= ipad
	}
	inner := sha256.New()
	inner.Write(block[:])
	writeString(inner, buf[:], head1)
	writeString(inner, buf[:], head2)
	inner.Write(body)
	var innerSum [sha256.Size]byte
	inner.Sum(innerSum[:0])

	for i := range block {
		block[i] ^= ipad ^ opad
	}
	outer := sha256.New()
	outer.Write(block[:])
	outer.Write(innerSum[:])
	outer.Sum(out[:0])
}

// sha1Concat sets out to SHA-1(a || b).
func sha1Concat(out *[sha1.Size]byte, a, b string) {
	var buf [chunkSize]byte
	h := sha1.New()
	writeString(h, buf[:], a)
	writeString(h, buf[:], b)
	h.Sum(out[:0])
}
