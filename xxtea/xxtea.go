// Package xxtea implements XXTEA (Wheeler and Needham's "corrected block
// TEA") as China Telecom 189 cloud mini-apps use it to encrypt the user info
// of h5.authorizeUserInfo ("encryptedData"). The exact rules, with the
// documented example they were checked against, are in the project's
// spec/algorithms.md, section 6.
//
// XXTEA is a legacy cipher, here only so that back ends can read what the
// 189 platform sends. It has published attacks, and the format has no
// integrity check: it is not a recommendation, and nothing new should be
// built on it.
//
// # Algorithm
//
// Standard XXTEA: delta 0x9E3779B9, 6 + 52/n rounds for n 32-bit words,
// words little-endian. The key is the key bytes zero-padded or truncated to
// 16 bytes ([KeySize]).
//
// The length convention is that of the XXTEA libraries common in other
// languages, so the two interoperate: encryption zero-pads the plaintext to
// whole 32-bit words and appends its length as one more little-endian 32-bit
// word; decryption reads the length back and accepts it only if
// n-3 <= m <= n, where n = 4 * (words - 1). The zero padding itself is not
// checked, as in those libraries, so a ciphertext from an encryptor that pads
// with other bytes still decrypts (and does not re-encrypt to itself).
//
// # The 189 key trap
//
// For 189 the key is the appSecret text as it is: its ASCII bytes, of which
// only the first 16 characters matter, because the key is truncated to 16
// bytes. Hex-decoding the 40-character appSecret gives a different 20-byte
// key, and decryption then fails with [ErrLength]. The platform doc's remark
// about hex asks Java users whose library takes the key in hex to hex-encode
// the appSecret text, which gives back the same ASCII bytes; it never means
// decoding it. Pass the appSecret string directly:
//
//	userInfo, err := xxtea.DecryptHex(appSecret, encryptedData)
//
// # API
//
// [Encrypt] and [Decrypt] work on raw bytes and append to a caller-supplied
// slice, allocating nothing when it has room. [EncryptHex], [EncryptHexLower]
// and [DecryptHex] work on the hex text that travels on the wire (the 189
// platform sends upper case; decryption accepts either case). Every function
// takes the key as a string or a byte slice, so an appSecret can be passed
// without conversion.
//
// An empty key is rejected with [ErrKeyEmpty] rather than treated as 16 zero
// bytes: it is almost always a missing configuration value. A key of 16 zero
// bytes, given explicitly, is accepted.
//
// The format cannot represent an empty plaintext (the shortest ciphertext is
// two words, which holds 1 to 4 bytes), so encrypting one is an error,
// [ErrPlaintextEmpty], and an empty or one-word ciphertext is rejected with
// [ErrCiphertextSize]. Other XXTEA libraries return empty output for empty
// input; this package does not, so that everything it encrypts round-trips
// through its own Decrypt.
//
// # Errors
//
// Errors are sentinel values for use with [errors.Is], some wrapped with
// detail. A wrong key almost always shows up as [ErrLength]: the decrypted
// length word is then effectively random and lands in its 4-value window with
// probability 2^-30 or less. That also means a wrong key or corrupt data
// occasionally decrypts "successfully" to garbage; check the content (for
// 189, that the JSON parses and its appId is yours). No error text ever
// contains key or plaintext bytes. No input makes a function panic.
package xxtea

import (
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
)

const (
	// KeySize is the size of an XXTEA key in bytes. Shorter keys are
	// zero-padded to it and longer ones truncated.
	KeySize = 16
	// MaxCiphertextSize is the largest ciphertext accepted, in bytes. The 189
	// platform documents encryptedData as at most 1024 hex characters (512
	// bytes); the cap leaves a wide margin and bounds the work and memory one
	// request can demand.
	MaxCiphertextSize = 1 << 20
	// MaxPlaintextSize is the largest plaintext Encrypt accepts: the one whose
	// ciphertext is MaxCiphertextSize bytes.
	MaxPlaintextSize = MaxCiphertextSize - wordSize
	// MinCiphertextSize is the shortest valid ciphertext: two 32-bit words.
	MinCiphertextSize = 2 * wordSize
)

const (
	wordSize = 4
	delta    = 0x9E3779B9
)

var (
	// ErrKeyEmpty means the key is empty, usually a missing appSecret.
	ErrKeyEmpty = errors.New("xxtea: empty key")
	// ErrPlaintextEmpty means Encrypt was given an empty plaintext, which the
	// format cannot represent.
	ErrPlaintextEmpty = errors.New("xxtea: empty plaintext cannot be encrypted")
	// ErrTooLarge means the ciphertext is larger than MaxCiphertextSize (or
	// its hex text longer than twice that), or the plaintext larger than
	// MaxPlaintextSize.
	ErrTooLarge = errors.New("xxtea: input larger than the size cap")
	// ErrHex means the ciphertext text is not hex: an odd length or a
	// character outside 0-9, a-f and A-F.
	ErrHex = errors.New("xxtea: ciphertext is not valid hex")
	// ErrCiphertextSize means the ciphertext is not a whole number of 32-bit
	// words, or shorter than two words (including empty).
	ErrCiphertextSize = errors.New("xxtea: ciphertext is not a whole number of 32-bit words, or shorter than two words")
	// ErrLength means the length stored in the last decrypted word is out of
	// range. This is what a wrong key almost always gives, and also corrupt
	// or truncated data.
	ErrLength = errors.New("xxtea: stored length out of range (wrong key or corrupt data)")
)

// hexError is ErrHex with the position of the problem.
type hexError struct {
	offset int // the first bad character, or -1 for an odd length
}

func (e hexError) Error() string {
	if e.offset < 0 {
		return ErrHex.Error() + " (odd length)"
	}
	return ErrHex.Error() + " (at character " + strconv.Itoa(e.offset) + ")"
}

func (e hexError) Unwrap() error { return ErrHex }

// Encrypt encrypts plaintext with key and appends the ciphertext to dst,
// returning the updated slice. The ciphertext is len(plaintext) rounded up to
// whole 32-bit words, plus one word for the length.
//
// dst may overlap plaintext; to encrypt in place, pass plaintext[:0]. No
// memory is allocated when dst has room for the ciphertext; otherwise a new
// slice is. On error dst is returned unchanged.
func Encrypt[K ~string | ~[]byte](dst []byte, key K, plaintext []byte) ([]byte, error) {
	if len(key) == 0 {
		return dst, ErrKeyEmpty
	}
	if len(plaintext) == 0 {
		return dst, ErrPlaintextEmpty
	}
	if len(plaintext) > MaxPlaintextSize {
		return dst, ErrTooLarge
	}
	size := ciphertextSize(len(plaintext))
	ret, out := sliceForAppend(dst, size)
	copy(out, plaintext) // a memmove: fine when they overlap
	clear(out[len(plaintext) : size-wordSize])
	binary.LittleEndian.PutUint32(out[size-wordSize:], uint32(len(plaintext)))
	k := loadKey(key)
	encryptWords(out, &k)
	clear(k[:])
	return ret, nil
}

// Decrypt decrypts ciphertext with key, checks the stored length and appends
// the plaintext to dst, returning the updated slice.
//
// dst may overlap ciphertext; to decrypt in place, pass ciphertext[:0]. No
// memory is allocated when dst has room for len(ciphertext) more bytes. On
// error dst is returned unchanged and every byte written past len(dst) is
// zeroed (so in place, a ciphertext that fails the length check is zeroed).
func Decrypt[K ~string | ~[]byte](dst []byte, key K, ciphertext []byte) ([]byte, error) {
	if len(key) == 0 {
		return dst, ErrKeyEmpty
	}
	if err := checkCiphertextSize(len(ciphertext)); err != nil {
		return dst, err
	}
	ret, out := sliceForAppend(dst, len(ciphertext))
	copy(out, ciphertext)
	m, ok := decryptInPlace(key, out)
	if !ok {
		clear(out)
		return dst, ErrLength
	}
	clear(out[m:]) // the padding and the length word
	return ret[:len(dst)+m], nil
}

// EncryptHex encrypts plaintext with key and returns the ciphertext in
// upper-case hex, as the 189 platform sends it. It allocates only the
// result for ciphertexts up to 512 bytes (the platform's documented maximum),
// and one scratch buffer as well above that.
func EncryptHex[K ~string | ~[]byte](key K, plaintext []byte) (string, error) {
	return encryptHex(key, plaintext, upperHex)
}

// EncryptHexLower is like EncryptHex but returns lower-case hex.
func EncryptHexLower[K ~string | ~[]byte](key K, plaintext []byte) (string, error) {
	return encryptHex(key, plaintext, lowerHex)
}

// DecryptHex decodes ciphertextHex (upper, lower or mixed case, nothing
// else: no spaces, no prefix) and decrypts it with key. For 189, key is the
// appSecret text and ciphertextHex the encryptedData field.
//
// The result is the only allocation: the hex is decoded into it and
// decrypted in place. Input that fails a size or hex check allocates
// nothing. Errors are checked in this order: [ErrKeyEmpty], [ErrTooLarge]
// (more than 2*MaxCiphertextSize characters), [ErrHex], [ErrCiphertextSize],
// [ErrLength].
func DecryptHex[K ~string | ~[]byte](key K, ciphertextHex string) ([]byte, error) {
	if len(key) == 0 {
		return nil, ErrKeyEmpty
	}
	if len(ciphertextHex) > 2*MaxCiphertextSize {
		return nil, ErrTooLarge
	}
	// Check the size before allocating, so a bad size costs nothing. A bad
	// character is the more useful report, so it comes first.
	odd := len(ciphertextHex)%2 != 0
	if err := checkCiphertextSize(len(ciphertextHex) / 2); odd || err != nil {
		if i := badHex(ciphertextHex); i >= 0 {
			return nil, hexError{offset: i}
		}
		if odd {
			return nil, hexError{offset: -1}
		}
		return nil, err
	}
	buf := make([]byte, len(ciphertextHex)/2)
	if i := decodeHex(buf, ciphertextHex); i >= 0 {
		return nil, hexError{offset: i}
	}
	m, ok := decryptInPlace(key, buf)
	if !ok {
		clear(buf)
		return nil, ErrLength
	}
	clear(buf[m:])
	return buf[:m:m], nil
}

// encryptHexStack is the ciphertext size EncryptHex handles without a
// scratch allocation: the 189 platform's documented maximum.
const encryptHexStack = 512

func encryptHex[K ~string | ~[]byte](key K, plaintext []byte, digits *[16]byte) (string, error) {
	var stack [encryptHexStack]byte
	var scratch []byte
	if len(plaintext) <= MaxPlaintextSize && ciphertextSize(len(plaintext)) <= len(stack) {
		scratch = stack[:0]
	}
	ct, err := Encrypt(scratch, key, plaintext)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(2 * len(ct))
	var chunk [256]byte
	for len(ct) > 0 {
		n := min(len(ct), len(chunk)/2)
		for i, c := range ct[:n] {
			chunk[2*i] = digits[c>>4]
			chunk[2*i+1] = digits[c&0x0f]
		}
		b.Write(chunk[:2*n])
		ct = ct[n:]
	}
	return b.String(), nil
}

// ciphertextSize is the ciphertext length for an n-byte plaintext.
func ciphertextSize(n int) int {
	return (n+wordSize-1)/wordSize*wordSize + wordSize
}

func checkCiphertextSize(n int) error {
	if n > MaxCiphertextSize {
		return ErrTooLarge
	}
	if n < MinCiphertextSize || n%wordSize != 0 {
		return ErrCiphertextSize
	}
	return nil
}

// decryptInPlace decrypts buf (whole words, at least two) and returns the
// stored length and whether it is in range.
func decryptInPlace[K ~string | ~[]byte](key K, buf []byte) (int, bool) {
	k := loadKey(key)
	decryptWords(buf, &k)
	clear(k[:])
	n := uint32(len(buf) - wordSize)
	m := binary.LittleEndian.Uint32(buf[n:])
	if m > n || m < n-3 {
		return 0, false
	}
	return int(m), true
}

// loadKey zero-pads or truncates key to 16 bytes and reads it as four
// little-endian words.
func loadKey[K ~string | ~[]byte](key K) [4]uint32 {
	var b [KeySize]byte
	copy(b[:], key)
	k := [4]uint32{
		binary.LittleEndian.Uint32(b[0:]),
		binary.LittleEndian.Uint32(b[4:]),
		binary.LittleEndian.Uint32(b[8:]),
		binary.LittleEndian.Uint32(b[12:]),
	}
	clear(b[:])
	return k
}

// mx is the XXTEA mixing function.
func mx(sum, y, z uint32, p int, e uint32, k *[4]uint32) uint32 {
	return ((z>>5 ^ y<<2) + (y>>3 ^ z<<4)) ^ ((sum ^ y) + (k[(uint32(p)^e)&3] ^ z))
}

// encryptWords encrypts v, at least two little-endian words, in place.
func encryptWords(v []byte, k *[4]uint32) {
	n := len(v) / wordSize
	last := n - 1
	z := binary.LittleEndian.Uint32(v[last*wordSize:])
	var sum uint32
	for rounds := 6 + 52/n; rounds > 0; rounds-- {
		sum += delta
		e := sum >> 2 & 3
		x := binary.LittleEndian.Uint32(v) // v[p], not yet updated this round
		for p := 0; p < last; p++ {
			y := binary.LittleEndian.Uint32(v[(p+1)*wordSize:])
			z = x + mx(sum, y, z, p, e, k)
			binary.LittleEndian.PutUint32(v[p*wordSize:], z)
			x = y
		}
		y := binary.LittleEndian.Uint32(v) // v[0], already updated
		z = x + mx(sum, y, z, last, e, k)
		binary.LittleEndian.PutUint32(v[last*wordSize:], z)
	}
}

// decryptWords decrypts v, at least two little-endian words, in place.
func decryptWords(v []byte, k *[4]uint32) {
	n := len(v) / wordSize
	last := n - 1
	rounds := 6 + 52/n
	sum := uint32(rounds) * delta
	y := binary.LittleEndian.Uint32(v)
	for ; rounds > 0; rounds-- {
		e := sum >> 2 & 3
		x := binary.LittleEndian.Uint32(v[last*wordSize:]) // v[p], not yet updated this round
		for p := last; p > 0; p-- {
			z := binary.LittleEndian.Uint32(v[(p-1)*wordSize:])
			y = x - mx(sum, y, z, p, e, k)
			binary.LittleEndian.PutUint32(v[p*wordSize:], y)
			x = z
		}
		z := binary.LittleEndian.Uint32(v[last*wordSize:]) // v[n-1], already updated
		y = x - mx(sum, y, z, 0, e, k)
		binary.LittleEndian.PutUint32(v, y)
		sum -= delta
	}
}

var (
	upperHex = &[16]byte{'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'}
	lowerHex = &[16]byte{'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'}
)

// hexValues maps each byte to its value as a hex digit of either case, or
// to 0xff. A table, not branches: ciphertext digits are random, and
// mispredicted branches made decoding several times slower.
var hexValues = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for i := range 10 {
		t['0'+i] = byte(i)
	}
	for i := range 6 {
		t['a'+i] = byte(10 + i)
		t['A'+i] = byte(10 + i)
	}
	return t
}()

// fromHex returns the value of one hex digit of either case, or 0xff.
func fromHex(c byte) byte { return hexValues[c] }

// decodeHex decodes s (even length) into dst (len(s)/2 bytes) and returns
// the index of the first bad character, or -1.
func decodeHex(dst []byte, s string) int {
	var bad byte
	for i := range dst {
		hi, lo := fromHex(s[2*i]), fromHex(s[2*i+1])
		bad |= hi | lo
		dst[i] = hi<<4 | lo
	}
	if bad&0xf0 != 0 {
		return badHex(s)
	}
	return -1
}

// badHex returns the index of the first character of s that is not a hex
// digit, or -1.
func badHex(s string) int {
	for i := 0; i < len(s); i++ {
		if fromHex(s[i]) == 0xff {
			return i
		}
	}
	return -1
}

// sliceForAppend extends in by n bytes, reusing its capacity when it can. It
// returns the whole slice and the new tail.
func sliceForAppend(in []byte, n int) (head, tail []byte) {
	if total := len(in) + n; cap(in) >= total {
		head = in[:total]
	} else {
		head = make([]byte, total)
		copy(head, in)
	}
	tail = head[len(in):]
	return
}
