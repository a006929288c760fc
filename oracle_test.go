package wxcrypto_test

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/internal/documented"
	"github.com/wxcrypto/wxcrypto/watermark"
)

// answer is what an attacker sees of one query: the error value and its
// message.
type answer struct {
	err error
	msg string
}

// paddingOracleAttack is the classic chosen-IV attack on one ciphertext
// block c: for each byte from the last, it searches the IV byte that makes
// the decryption end in valid padding, and so learns the block's
// intermediate value D(c), then the plaintext D(c) XOR prev. It asks query
// for the answer to (iv, c); padding counts as valid when the answer differs
// from the one to a query known to be bad. It returns the plaintext it
// recovered (ok false where it found no byte) and every answer it saw.
func paddingOracleAttack(c, prev []byte, query func(iv, c []byte) answer) (plain []byte, ok bool, answers map[answer]int) {
	answers = map[answer]int{}
	ask := func(iv []byte) answer {
		a := query(iv, c)
		answers[a]++
		return a
	}
	// The zero IV gives D(c) itself, whose last byte is a valid pad only
	// by a 1-in-16 chance: its answer stands for bad padding.
	var probe [16]byte
	bad := ask(probe[:])
	var inter [16]byte
	for pos := 15; pos >= 0; pos-- {
		pad := byte(16 - pos)
		found := false
		for g := 0; g < 256 && !found; g++ {
			var iv [16]byte
			for k := pos + 1; k < 16; k++ {
				iv[k] = inter[k] ^ pad
			}
			iv[pos] = byte(g)
			if ask(iv[:]) == bad {
				continue
			}
			// For the last byte, rule out a pad of 2 or more by
			// changing the byte before it.
			if pos == 15 {
				iv[14] ^= 0xff
				if ask(iv[:]) == bad {
					continue
				}
			}
			inter[pos] = byte(g) ^ pad
			found = true
		}
		if !found {
			return nil, false, answers
		}
	}
	plain = make([]byte, 16)
	for k := range plain {
		plain[k] = inter[k] ^ prev[k]
	}
	return plain, true, answers
}

func phoneBlocks(t *testing.T) (iv, ct []byte) {
	t.Helper()
	iv, err := base64.StdEncoding.DecodeString(documented.PhoneIV)
	if err != nil {
		t.Fatal(err)
	}
	ct, err = base64.StdEncoding.DecodeString(documented.PhoneEncryptedData)
	if err != nil {
		t.Fatal(err)
	}
	return iv, ct
}

// TestPaddingOracleAttackLearnsNothing runs the attack on the second block
// of the public phone payload ("18017448610","pu), through every open
// method of the Opener. Every forged query must get the same error value
// with the same message, so the attack cannot tell valid padding from bad
// and recovers nothing. (Before the rule, a valid padding with a plaintext
// that is not JSON gave "not valid JSON (at byte N)".)
func TestPaddingOracleAttackLearnsNothing(t *testing.T) {
	p := watermark.NewPolicy(documented.PhoneAppID)
	p.Now = func() time.Time { return time.Unix(documented.PhoneTimestamp, 0) }
	o, err := wxcrypto.NewOpener(p)
	if err != nil {
		t.Fatal(err)
	}
	_, ct := phoneBlocks(t)
	b64 := base64.StdEncoding.EncodeToString
	methods := map[string]func(key, data, iv string) error{
		"Open": func(k, d, iv string) error { _, _, err := o.Open(k, d, iv); return err },
		"OpenInto": func(k, d, iv string) error {
			var v map[string]any
			_, err := o.OpenInto(k, d, iv, &v)
			return err
		},
		"OpenUserInfo":    func(k, d, iv string) error { _, err := o.OpenUserInfo(k, d, iv); return err },
		"OpenPhoneNumber": func(k, d, iv string) error { _, err := o.OpenPhoneNumber(k, d, iv); return err },
		"OpenWeRunData":   func(k, d, iv string) error { _, err := o.OpenWeRunData(k, d, iv); return err },
		"OpenShareInfo":   func(k, d, iv string) error { _, err := o.OpenShareInfo(k, d, iv); return err },
	}
	all := map[answer]int{}
	for name, open := range methods {
		plain, ok, answers := paddingOracleAttack(ct[16:32], ct[:16], func(iv, c []byte) answer {
			err := open(documented.PhoneSessionKey, b64(c), b64(iv))
			if err == nil {
				return answer{nil, "accepted"}
			}
			return answer{err, err.Error()}
		})
		if ok {
			t.Errorf("%s: the attack recovered %q", name, plain)
		}
		for a, n := range answers {
			all[a] += n
		}
	}
	if len(all) != 1 {
		t.Fatalf("forged queries got %d distinct answers, want exactly one: %v", len(all), all)
	}
	for a, n := range all {
		if a.err != aescbc.ErrDecrypt || a.msg != aescbc.ErrDecrypt.Error() {
			t.Errorf("the one answer is %v, want aescbc.ErrDecrypt", a.err)
		}
		t.Logf("%d forged queries, one answer: %q", n, a.msg)
	}
}

// TestPaddingOracleAttackWorks keeps the attack honest: against an opener
// that tells valid padding from bad (the layer above the cipher reporting
// that the plaintext is not JSON), the same attack recovers the block.
func TestPaddingOracleAttackWorks(t *testing.T) {
	key, err := base64.StdEncoding.DecodeString(documented.PhoneSessionKey)
	if err != nil {
		t.Fatal(err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	_, ct := phoneBlocks(t)
	leaky := func(iv, c []byte) answer {
		p := make([]byte, len(c))
		cipher.NewCBCDecrypter(block, iv).CryptBlocks(p, c)
		n := int(p[len(p)-1])
		if n < 1 || n > 16 {
			return answer{aescbc.ErrDecrypt, "bad padding"}
		}
		for _, b := range p[len(p)-n:] {
			if int(b) != n {
				return answer{aescbc.ErrDecrypt, "bad padding"}
			}
		}
		var v any
		if err := json.Unmarshal(p[:len(p)-n], &v); err != nil {
			return answer{errors.New("not JSON"), fmt.Sprint(err)}
		}
		return answer{nil, "ok"}
	}
	plain, ok, answers := paddingOracleAttack(ct[16:32], ct[:16], leaky)
	if want := documented.PhonePlaintext[16:32]; !ok || string(plain) != want {
		t.Fatalf("the attack on a leaky opener recovered %q, %v; want %q", plain, ok, want)
	}
	t.Logf("recovered %q in %d queries", plain, sumCounts(answers))
}

func sumCounts(m map[answer]int) (n int) {
	for _, c := range m {
		n += c
	}
	return n
}
