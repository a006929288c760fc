package fuzz

import "encoding/binary"

// The XXTEA reference below is written slowly from the published algorithm
// (Wheeler and Needham's corrected block TEA, "btea": a positive n encodes
// n words, a negative n decodes -n words), with the length-word convention
// of spec/algorithms.md section 6. It shares no code with package xxtea.

const refDelta uint32 = 0x9E3779B9

// refKey zero-pads or truncates key to 16 bytes and reads four
// little-endian words.
func refKey(key []byte) [4]uint32 {
	var b [16]byte
	copy(b[:], key)
	var k [4]uint32
	for i := range k {
		k[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return k
}

func refMX(sum, y, z uint32, p, e uint32, k *[4]uint32) uint32 {
	return ((z>>5 ^ y<<2) + (y>>3 ^ z<<4)) ^ ((sum ^ y) + (k[(p&3)^e] ^ z))
}

// btea encodes v in place when n > 1 and decodes it when n < -1, where |n|
// is len(v).
func btea(v []uint32, n int, k *[4]uint32) {
	switch {
	case n > 1:
		rounds := 6 + 52/n
		var sum uint32
		z := v[n-1]
		for ; rounds > 0; rounds-- {
			sum += refDelta
			e := (sum >> 2) & 3
			var p int
			for p = 0; p < n-1; p++ {
				y := v[p+1]
				v[p] += refMX(sum, y, z, uint32(p), e, k)
				z = v[p]
			}
			y := v[0]
			v[n-1] += refMX(sum, y, z, uint32(p), e, k)
			z = v[n-1]
		}
	case n < -1:
		n = -n
		rounds := 6 + 52/n
		sum := uint32(rounds) * refDelta
		y := v[0]
		for ; rounds > 0; rounds-- {
			e := (sum >> 2) & 3
			var p int
			for p = n - 1; p > 0; p-- {
				z := v[p-1]
				v[p] -= refMX(sum, y, z, uint32(p), e, k)
				y = v[p]
			}
			z := v[n-1]
			v[0] -= refMX(sum, y, z, uint32(p), e, k)
			y = v[0]
			sum -= refDelta
		}
	}
}

func toWords(b []byte) []uint32 {
	v := make([]uint32, len(b)/4)
	for i := range v {
		v[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return v
}

func fromWords(v []uint32) []byte {
	b := make([]byte, 4*len(v))
	for i, w := range v {
		binary.LittleEndian.PutUint32(b[4*i:], w)
	}
	return b
}

// refXXTEAEncryptWithLength zero-pads data to whole words, appends length
// as one more word and encodes the result. length is normally len(data);
// other values forge a ciphertext whose stored length is out of place.
func refXXTEAEncryptWithLength(key, data []byte, length uint32) []byte {
	padded := make([]byte, (len(data)+3)/4*4+4)
	copy(padded, data)
	binary.LittleEndian.PutUint32(padded[len(padded)-4:], length)
	v := toWords(padded)
	k := refKey(key)
	btea(v, len(v), &k)
	return fromWords(v)
}

// refXXTEAEncrypt encrypts a plaintext the way the canonical libraries do.
func refXXTEAEncrypt(key, plaintext []byte) []byte {
	return refXXTEAEncryptWithLength(key, plaintext, uint32(len(plaintext)))
}

// refXXTEADecrypt decodes ciphertext (whole words, at least two) and returns
// the plaintext, or false when the stored length m is not within
// n-3 <= m <= n, where n = 4 * (words - 1).
func refXXTEADecrypt(key, ciphertext []byte) ([]byte, bool) {
	if len(ciphertext)%4 != 0 || len(ciphertext) < 8 {
		return nil, false
	}
	v := toWords(ciphertext)
	k := refKey(key)
	btea(v, -len(v), &k)
	n := 4 * (len(v) - 1)
	m := int(v[len(v)-1])
	if m > n || m < n-3 {
		return nil, false
	}
	return fromWords(v)[:m], true
}
