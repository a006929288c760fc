package sessionsig

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// pattern returns n bytes that differ from position to position, so that a
// digest fed the wrong slice or a chunk twice gives a different result.
func pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7+int(seed)) ^ byte(i>>8)
	}
	return b
}

// TestHMACSHA256MatchesStdlib proves the hand-written RFC 2104 construction
// equal to crypto/hmac for keys around the block size (short keys are padded,
// a 64-byte key is used as is, longer keys are hashed first) and messages
// around the SHA-256 padding boundaries and the string chunk size.
func TestHMACSHA256MatchesStdlib(t *testing.T) {
	keyLens := []int{0, 1, 24, 32, 63, 64, 65, 200, chunkSize, chunkSize + 1, 3*chunkSize + 5}
	bodyLens := []int{0, 1, 13, 55, 56, 63, 64, 65, 119, 1000, 70000}
	headLens := []int{0, 1, 24, chunkSize - 1, chunkSize, chunkSize + 1}
	for _, kl := range keyLens {
		key := string(pattern(kl, 1))
		for _, bl := range bodyLens {
			body := pattern(bl, 2)
			for _, hl := range headLens {
				head1 := string(pattern(hl, 3))
				for _, head2 := range []string{"", "&"} {
					m := hmac.New(sha256.New, []byte(key))
					m.Write([]byte(head1))
					m.Write([]byte(head2))
					m.Write(body)
					want := m.Sum(nil)
					var got [sha256.Size]byte
					hmacSHA256(&got, key, head1, head2, body)
					if !bytes.Equal(got[:], want) {
						t.Fatalf("key %d, head %d+%d, body %d bytes: got %x, want %x",
							kl, hl, len(head2), bl, got, want)
					}
				}
			}
		}
	}
}

// TestHMACSHA256RFC4231 checks the construction against published values
// (RFC 4231 test cases 1, 2 and 6), independently of crypto/hmac.
func TestHMACSHA256RFC4231(t *testing.T) {
	tests := []struct {
		name, keyHex, data, want string
	}{
		{"case 1", strings.Repeat("0b", 20), "Hi There",
			"b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
		{"case 2", hex.EncodeToString([]byte("Jefe")), "what do ya want for nothing?",
			"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
		{"case 6 (131-byte key)", strings.Repeat("aa", 131), "Test Using Larger Than Block-Size Key - Hash Key First",
			"60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
	}
	for _, tc := range tests {
		key, err := hex.DecodeString(tc.keyHex)
		if err != nil {
			t.Fatal(err)
		}
		var got [sha256.Size]byte
		hmacSHA256(&got, string(key), "", "", []byte(tc.data))
		if hex.EncodeToString(got[:]) != tc.want {
			t.Errorf("%s: got %x, want %s", tc.name, got, tc.want)
		}
	}
}

func TestSHA1Concat(t *testing.T) {
	lens := []int{0, 1, 40, 55, 56, 64, chunkSize - 1, chunkSize, chunkSize + 1, 5000}
	for _, al := range lens {
		for _, bl := range lens {
			a, b := pattern(al, 4), pattern(bl, 5)
			want := sha1.Sum(append(append([]byte{}, a...), b...))
			var got [sha1.Size]byte
			sha1Concat(&got, string(a), string(b))
			if got != want {
				t.Fatalf("a %d, b %d bytes: got %x, want %x", al, bl, got, want)
			}
		}
	}
}

func TestValidURI(t *testing.T) {
	long := "/" + strings.Repeat("a", MaxURILength-1)
	tests := []struct {
		uri  string
		want bool
	}{
		{"/xpay/query_user_balance", true},
		{"/", true},
		{"/a%20b", true},
		{long, true},
		{long + "a", false},
		{"", false},
		{"xpay/query_user_balance", false},
		{"https://api.weixin.qq.com/xpay/query_user_balance", false},
		{"//api.weixin.qq.com/xpay/query_user_balance", false},
		{"/xpay/query_user_balance?access_token=T", false},
		{"/xpay/query_user_balance?", false},
		{"/xpay/query_user_balance#frag", false},
		{"/xpay/query user balance", false},
		{"/xpay/query_user_balance\n", false},
		{"/xpay/\x00", false},
		{"/xpay/\x7f", false},
		{"/xpay/余额", false},
	}
	for _, tc := range tests {
		if got := validURI(tc.uri); got != tc.want {
			t.Errorf("validURI(%q) = %v, want %v", tc.uri, got, tc.want)
		}
	}
}

func TestDecodeHex(t *testing.T) {
	var dst [4]byte
	tests := []struct {
		in   string
		want bool
	}{
		{"0a1B2c3D", true},
		{"0a1b2c3", false},
		{"0a1b2c3d0", false},
		{"0a1b2c3g", false},
		{" a1b2c3d", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := decodeHex(dst[:], tc.in); got != tc.want {
			t.Errorf("decodeHex(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if decodeHex(dst[:], "0a1B2c3D"); dst != [4]byte{0x0a, 0x1b, 0x2c, 0x3d} {
		t.Errorf("decodeHex decoded %x", dst)
	}
	// A destination longer than the stack buffer is refused, not overrun.
	big := make([]byte, sha256.Size+1)
	if decodeHex(big, strings.Repeat("00", len(big))) {
		t.Error("decodeHex accepted a destination larger than its buffer")
	}
}
