// Package msghash computes the encrypted_msg_hash that checkEncryptedData
// (POST /wxa/business/checkencryptedmsg) takes, and parses that API's answer:
//
//	encrypted_msg_hash = hex(SHA-256(encryptedData))
//
// The trap: encryptedData is the base64 text exactly as the client received
// and sent it. Hashing the decoded ciphertext gives a different, wrong value;
// [Hash] takes the text and never decodes, trims or re-encodes it. The
// platform only vouches for data produced in the last three days.
//
// The answer, {"errcode":0,"errmsg":"ok","vaild":true,"create_time":1629121902},
// misspells "vaild"; [ParseCheckResponse] reads it, with errcode and errmsg
// read by package errcode. Details are in spec/algorithms.md, section 4.
package msghash

import (
	"crypto/sha256"
	"encoding/hex"
)

// Hash returns encrypted_msg_hash for encryptedData: the lower-case hex
// SHA-256 of the base64 text as received (not of its decoding).
func Hash(encryptedData string) string {
	sum := sha256.Sum256([]byte(encryptedData))
	var out [2 * sha256.Size]byte
	hex.Encode(out[:], sum[:])
	return string(out[:])
}
