// Package msghash computes the encrypted_msg_hash that the checkEncryptedData
// API (检查加密信息, POST /wxa/business/checkencryptedmsg) takes, and parses
// that API's answer.
//
// The formula, from the project's algorithm notes (algorithms.md, section 4)
// and the platform page "checkEncryptedData":
//
//	encrypted_msg_hash = hex(SHA-256(encryptedData))
//
// where encryptedData is the base64 text exactly as the client received and
// sent it. Hashing the base64-decoded ciphertext instead is a common mistake
// that gives a different, wrong value (the documented example only matches
// over the text). [Hash] therefore takes the text as a string and never
// decodes it; nor does it trim, re-encode or otherwise normalise it.
//
// The platform only checks data produced in the last three days
// ([CheckWindow], see [Checkable]). Its answer looks like
//
//	{"errcode":0,"errmsg":"ok","vaild":true,"create_time":1629121902}
//
// with the member "vaild" misspelled; [ParseCheckResponse] reads it.
package msghash

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"time"
)

// HashLen is the length of an encrypted_msg_hash: 64 hex digits.
const HashLen = 2 * sha256.Size

// chunkSize is the stack buffer through which the text is fed to SHA-256;
// converting a long string to []byte would allocate.
const chunkSize = 512

// Hash returns encrypted_msg_hash for encryptedData: the lower-case hex
// SHA-256 of the base64 text as received (not of its decoding). It allocates
// once, for the returned string.
func Hash(encryptedData string) string {
	var out [HashLen]byte
	AppendHash(out[:0], encryptedData)
	return string(out[:])
}

// AppendHash appends the 64-character encrypted_msg_hash of encryptedData,
// computed as by [Hash], to dst and returns the extended slice. It does not
// allocate when cap(dst)-len(dst) >= HashLen.
func AppendHash(dst []byte, encryptedData string) []byte {
	var buf [chunkSize]byte
	var sum [sha256.Size]byte
	h := sha256.New()
	writeString(h, buf[:], encryptedData)
	h.Sum(sum[:0])
	return hex.AppendEncode(dst, sum[:])
}

// writeString feeds s to h through buf without converting s to []byte. It
// must stay small enough to be inlined, so that the digest's methods are
// devirtualized and the digest stays on the stack.
func writeString(h hash.Hash, buf []byte, s string) {
	for len(s) > 0 {
		n := copy(buf, s)
		h.Write(buf[:n])
		s = s[n:]
	}
}

// CheckWindow is how long after its creation encrypted data can still be
// checked: the platform documents that only data produced in the last three
// days is checked.
const CheckWindow = 3 * 24 * time.Hour

// Checkable reports whether data created at created can still be checked at
// now, that is whether it is less than CheckWindow old. A zero created time
// (unknown) is not checkable. A created time after now, as clock skew between
// the platform and this host can give, counts as checkable. Calling the API
// for older data is pointless: the platform will not vouch for it.
func Checkable(created, now time.Time) bool {
	if created.IsZero() {
		return false
	}
	return now.Sub(created) < CheckWindow
}
