package xxtea_test

// A slow, deliberately plain XXTEA written from Wheeler and Needham's
// published btea ("Correction to xxtea", 1998), independent of the package
// code: words are packed and unpacked byte by byte, the length convention is
// spelled out step by step, and nothing is done in place.

const refDelta uint32 = 0x9e3779b9

// refBtea is the published btea: n > 1 encrypts v[0:n], n < -1 decrypts
// v[0:-n].
func refBtea(v []uint32, n int, key [4]uint32) {
	var y, z, sum uint32
	var p, rounds, e uint32
	mx := func() uint32 {
		return ((z>>5 ^ y<<2) + (y>>3 ^ z<<4)) ^ ((sum ^ y) + (key[(p&3)^e] ^ z))
	}
	if n > 1 {
		un := uint32(n)
		rounds = 6 + 52/un
		sum = 0
		z = v[un-1]
		for {
			sum += refDelta
			e = (sum >> 2) & 3
			for p = 0; p < un-1; p++ {
				y = v[p+1]
				v[p] += mx()
				z = v[p]
			}
			y = v[0]
			v[un-1] += mx()
			z = v[un-1]
			rounds--
			if rounds == 0 {
				break
			}
		}
	} else if n < -1 {
		un := uint32(-n)
		rounds = 6 + 52/un
		sum = rounds * refDelta
		y = v[0]
		for {
			e = (sum >> 2) & 3
			for p = un - 1; p > 0; p-- {
				z = v[p-1]
				v[p] -= mx()
				y = v[p]
			}
			z = v[un-1]
			v[0] -= mx()
			y = v[0]
			sum -= refDelta
			rounds--
			if rounds == 0 {
				break
			}
		}
	}
}

// refWords reads b as little-endian words, zero-padding the last one.
func refWords(b []byte) []uint32 {
	w := make([]uint32, (len(b)+3)/4)
	for i, c := range b {
		w[i/4] |= uint32(c) << (8 * (i % 4))
	}
	return w
}

// refBytes writes w as little-endian bytes.
func refBytes(w []uint32) []byte {
	b := make([]byte, 0, 4*len(w))
	for _, x := range w {
		b = append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24))
	}
	return b
}

// refKey zero-pads or truncates key to 16 bytes.
func refKey(key []byte) [4]uint32 {
	k16 := make([]byte, 16)
	for i := 0; i < 16 && i < len(key); i++ {
		k16[i] = key[i]
	}
	w := refWords(k16)
	return [4]uint32{w[0], w[1], w[2], w[3]}
}

// refEncryptWords encrypts whole words as they are, with no length word.
func refEncryptWords(key []byte, words []uint32) []byte {
	v := append([]uint32(nil), words...)
	refBtea(v, len(v), refKey(key))
	return refBytes(v)
}

// refEncrypt pads plaintext (non-empty) to words, appends its length and
// encrypts.
func refEncrypt(key, plaintext []byte) []byte {
	v := append(refWords(plaintext), uint32(len(plaintext)))
	return refEncryptWords(key, v)
}

// refDecrypt decrypts ciphertext and applies the length rule; ok is false
// for anything the rules reject (the empty key included).
func refDecrypt(key, ciphertext []byte) (plaintext []byte, ok bool) {
	if len(key) == 0 || len(ciphertext)%4 != 0 || len(ciphertext) < 8 {
		return nil, false
	}
	v := refWords(ciphertext)
	refBtea(v, -len(v), refKey(key))
	n := 4 * (len(v) - 1)
	m := int64(v[len(v)-1])
	if m < int64(n)-3 || m > int64(n) {
		return nil, false
	}
	return refBytes(v)[:m], true
}
