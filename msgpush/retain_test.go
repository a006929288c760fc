package msgpush

import (
	"bytes"
	"testing"
	"unsafe"
)

// The message Decrypt returns shares its allocation with the text that was
// signed, which holds the Token: what lies beyond the ciphertext must not
// keep it alive for as long as the caller keeps the message.
func TestMessageDoesNotKeepToken(t *testing.T) {
	c := mustNew(t, mpConfig)
	msg, err := c.Decrypt(mpPushSignature, mpPushTimestamp, mpPushNonce, mpPushEncrypt)
	if err != nil {
		t.Fatal(err)
	}
	// The whole buffer, from the start of the frame: the message starts
	// after the 16 random bytes and the length field.
	size := len(mpToken) + len(mpPushTimestamp) + len(mpPushNonce) + len(mpPushEncrypt)
	whole := unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(msg)), -frameHeader)), size)
	if !bytes.Equal(whole[frameHeader:frameHeader+len(msg)], msg) {
		t.Fatal("the buffer is not laid out as expected")
	}
	if bytes.Contains(whole, []byte(mpToken)) {
		t.Errorf("the message's buffer still holds the Token")
	}
}
