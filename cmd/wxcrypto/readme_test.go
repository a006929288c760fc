package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADME: what a new user needs is in the README and the repository:
// the licence, every command, -json and encrypt, the four peers' calls, and
// the reason there is no golang.org/x/crypto.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	license, err := os.ReadFile("../../LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(license), "Apache License\n                           Version 2.0, January 2004") ||
		!strings.Contains(string(license), "END OF TERMS AND CONDITIONS") {
		t.Error("LICENSE is not the Apache License 2.0 text")
	}
	text := string(readme)
	want := []string{
		"[`LICENSE`](LICENSE)", "Apache License 2.0", "golang.org/x/crypto", "no XXTEA",
		// The migration table: each peer's call and ours.
		"Decrypt(sessionKey, encryptedData, iv)", "DecryptUserInfo(sessionKey, rawData, encryptedData, signature, iv)",
		"DecryptData(encryptedData, sessionKey, iv)", "DecryptOpenDataToStruct(encryptedData, iv, sessionKey, &v)",
		"o.OpenUserInfo(sessionKey, encryptedData, iv)",
		// The error table's columns.
		"| error (class) | what happened | what to tell the client | code |",
		// The command line.
		"-json", `{"error":`, `"class":`, `"code":`, "encrypt -appid", "RFC 3339",
	}
	for name := range commands {
		want = append(want, "`"+name+"`")
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("README.md lacks %q", w)
		}
	}
	// The README's sample of a -json failure is what the command prints.
	sample := regexp.MustCompile("(?m)^\\{\"error\":.*\\}$").FindString(text)
	if sample == "" {
		t.Fatal("no -json failure sample in README.md")
	}
	for _, k := range []string{`"error":`, `"class":"expired"`, `"code":-41003`} {
		if !strings.Contains(sample, k) {
			t.Errorf("README sample %s lacks %s", sample, k)
		}
	}
}
