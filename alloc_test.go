package wxcrypto

import (
	"testing"

	"github.com/wxcrypto/wxcrypto/internal/documented"
)

// TestHotPathAllocations holds the open-data hot path to its budget of
// three allocations: the AES key schedule, the decrypted buffer, and the
// one copy of the result's values that its strings share.
func TestHotPathAllocations(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage counters change allocation counts")
	}
	user := opener(t, documented.UserInfoAppID, documented.UserInfoTimestamp)
	phone := opener(t, documented.PhoneAppID, documented.PhoneTimestamp)
	for _, tt := range []struct {
		name string
		f    func() error
	}{
		{"OpenUserInfo", func() error {
			_, err := user.OpenUserInfo(documented.UserInfoSessionKey, documented.UserInfoEncryptedData, documented.UserInfoIV)
			return err
		}},
		{"OpenPhoneNumber", func() error {
			_, err := phone.OpenPhoneNumber(documented.PhoneSessionKey, documented.PhoneEncryptedData, documented.PhoneIV)
			return err
		}},
	} {
		if err := tt.f(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if n := testing.AllocsPerRun(200, func() { tt.f() }); n > 3 {
			t.Errorf("%s: %v allocations per call, budget 3", tt.name, n)
		}
	}
}
