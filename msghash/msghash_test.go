package msghash_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/wxcrypto/wxcrypto/msghash"
)

// Documented value (algorithms.md section 4).
const (
	docEncryptedData = "hsSuSUsePBqSQw2rYMtf9Nvha603xX8f2BMQBcYRoJiMNwOqt/UEhrqekebG5ar0LFNAm5MD4Uz6zorRwiXJwbySJ/FEJHav4NsobBIU1PwdjbJWVQLFy7+YFkHB32OnQXWMh6ugW7Dyk2KS5BXp1f5lniKPp1KNLyNLlFlNZ2mgJCJmWvHj5AI7BLpWwoRvqRyZvVXo+9FsWqvBdxmAPA=="
	docHash          = "657edd868c9715a9bebe42b833269a557a48498785397a796f1568c29a200b2c"
)

func TestHashDocumented(t *testing.T) {
	if got := msghash.Hash(docEncryptedData); got != docHash {
		t.Errorf("Hash = %q, want %q", got, docHash)
	}
}

// TestHashIsOverTheText: hashing the decoded ciphertext is the classic
// mistake; it must not be what Hash computes.
func TestHashIsOverTheText(t *testing.T) {
	decoded, err := base64.StdEncoding.DecodeString(docEncryptedData)
	if err != nil {
		t.Fatal(err)
	}
	wrong := sha256.Sum256(decoded)
	if msghash.Hash(docEncryptedData) == hex.EncodeToString(wrong[:]) {
		t.Error("Hash hashed the decoded bytes")
	}
	// The text is not normalised: a '+' turned into a space, or a trailing
	// newline, changes the hash.
	spaced := strings.ReplaceAll(docEncryptedData, "+", " ")
	for _, s := range []string{spaced, docEncryptedData + "\n", strings.TrimRight(docEncryptedData, "=")} {
		if msghash.Hash(s) == docHash {
			t.Errorf("Hash(%q) equals the documented hash", s)
		}
	}
}

func TestHashMatchesStdlib(t *testing.T) {
	for _, n := range []int{0, 1, 63, 64, 511, 512, 513, 1024, 1025, 100000} {
		s := strings.Repeat("AbC+/=", n/6+1)[:n]
		want := sha256.Sum256([]byte(s))
		if got := msghash.Hash(s); got != hex.EncodeToString(want[:]) {
			t.Errorf("length %d: Hash = %s, want %x", n, got, want)
		}
	}
}

func TestAllocations(t *testing.T) {
	var s string
	// The byte copy of the text, and the returned string.
	if n := testing.AllocsPerRun(200, func() { s = msghash.Hash(docEncryptedData) }); n > 2 {
		t.Errorf("Hash: %v allocations, budget 2", n)
	}
	_ = s
}
