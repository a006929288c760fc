package xxtea_test

import (
	"encoding/hex"
	"strconv"
	"testing"

	"github.com/wxcrypto/wxcrypto/xxtea"
)

var benchSizes = []int{16, 136, 1024, 16 << 10}

func BenchmarkEncrypt(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(strconv.Itoa(size), func(b *testing.B) {
			pt := make([]byte, size)
			dst := make([]byte, 0, size+8)
			b.ReportAllocs()
			b.SetBytes(int64(size))
			for b.Loop() {
				dst, _ = xxtea.Encrypt(dst[:0], appSecret, pt)
			}
		})
	}
}

func BenchmarkDecrypt(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(strconv.Itoa(size), func(b *testing.B) {
			ct, err := xxtea.Encrypt(nil, appSecret, make([]byte, size))
			if err != nil {
				b.Fatal(err)
			}
			dst := make([]byte, 0, len(ct))
			b.ReportAllocs()
			b.SetBytes(int64(len(ct)))
			for b.Loop() {
				if _, err := xxtea.Decrypt(dst, appSecret, ct); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncryptHex(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(strconv.Itoa(size), func(b *testing.B) {
			pt := make([]byte, size)
			b.ReportAllocs()
			b.SetBytes(int64(size))
			for b.Loop() {
				_, _ = xxtea.EncryptHex(appSecret, pt)
			}
		})
	}
}

func BenchmarkDecryptHex(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(strconv.Itoa(size), func(b *testing.B) {
			ct, err := xxtea.EncryptHex(appSecret, make([]byte, size))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(ct) / 2))
			for b.Loop() {
				if _, err := xxtea.DecryptHex(appSecret, ct); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecryptHex189 is the 189 documented example: hex decoding and
// decryption of the 140-byte encryptedData.
func BenchmarkDecryptHex189(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(docCiphertext) / 2))
	for b.Loop() {
		if _, err := xxtea.DecryptHex(appSecret, docCiphertext); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHexDecode189 is the standard library's hex decoding of the same
// ciphertext, for comparison with BenchmarkDecryptHex189.
func BenchmarkHexDecode189(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(docCiphertext) / 2))
	for b.Loop() {
		if _, err := hex.DecodeString(docCiphertext); err != nil {
			b.Fatal(err)
		}
	}
}
