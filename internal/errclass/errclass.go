// Package errclass names the class of every error the public packages
// return: one word, the same words as the `error` field of the test vectors
// (spec/vectors.md), so that the vector runner and the command line judge
// and report errors by one table. A class says what went wrong in terms a
// caller acts on; the sentinel says where.
//
//	word       meaning
//	base64     an input is not strict standard base64
//	key        a key has the wrong size, or is empty
//	iv         the iv does not decode to 16 bytes
//	size       empty, not whole blocks or words, or over a size cap
//	decrypt    padding, length word or key wrong: decryption failed
//	body       a message-push body not of its format, or without one Encrypt
//	buffer     a message-push frame whose length field does not fit
//	watermark  decrypted data without one well-formed watermark
//	appid      data made for another appid
//	expired    a timestamp older than the policy allows, or a cloudID too old
//	future     a timestamp further ahead than the policy's skew
//	payload    a verified payload that does not fit the typed result
//	cloudid    a cloudID the platform did not exchange
//	errcode    the platform answered a non-zero errcode (or 189 cloud code)
//	malformed  an answer, event, field or ciphertext not of the documented shape
//	signature  a signature that does not verify (or is not 64 hex digits)
//	input      an argument a signing call refuses: an empty appKey, openid or
//	           event, a uri that is neither a request path nor a client
//	           method, a body over 1 MiB
//	policy     an unusable policy or opener (the caller's configuration)
//
// Of returns "" for nil and "unknown" for an error outside the table;
// TestEverySentinelHasAClass keeps the table complete.
package errclass

import (
	"errors"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/cloud189"
	"github.com/wxcrypto/wxcrypto/cloudid"
	"github.com/wxcrypto/wxcrypto/errcode"
	"github.com/wxcrypto/wxcrypto/msgpush"
	"github.com/wxcrypto/wxcrypto/sessionsig"
	"github.com/wxcrypto/wxcrypto/watermark"
	"github.com/wxcrypto/wxcrypto/xxtea"
)

// Unknown is the class of an error outside the table.
const Unknown = "unknown"

// sentinels maps each exported sentinel of the public packages to its
// class. Where one error matches two sentinels, the first entry wins: the
// more specific sentinel comes first.
var sentinels = []struct {
	err   error
	class string
}{
	{aescbc.ErrBase64, "base64"},
	{aescbc.ErrKeySize, "key"},
	{aescbc.ErrIVSize, "iv"},
	{aescbc.ErrCiphertextSize, "size"},
	{aescbc.ErrDecrypt, "decrypt"},

	{watermark.ErrMalformed, "watermark"},
	{watermark.ErrAppID, "appid"},
	{watermark.ErrTooOld, "expired"},
	{watermark.ErrFuture, "future"},
	{watermark.ErrPolicy, "policy"},

	{wxcrypto.ErrPayload, "payload"},
	{cloudid.ErrExpired, "expired"},
	{cloudid.ErrMalformed, "malformed"},

	{errcode.ErrSystemBusy, "errcode"},
	{errcode.ErrInvalidCredential, "errcode"},
	{errcode.ErrInvalidSignature, "errcode"},
	{errcode.ErrRiskyContent, "errcode"},
	{errcode.ErrMalformed, "malformed"},
	{errcode.ErrTooLarge, "size"},

	{sessionsig.ErrSignature, "signature"},
	{sessionsig.ErrSessionKey, "key"},
	{sessionsig.ErrInput, "input"},

	{cloud189.ErrMalformedAnswer, "malformed"},
	{cloud189.ErrMalformedUserInfo, "malformed"},

	{xxtea.ErrKeyEmpty, "key"},
	{xxtea.ErrPlaintext, "size"},
	{xxtea.ErrCiphertext, "malformed"},
	{xxtea.ErrLength, "decrypt"},

	{msgpush.ErrKey, "key"},
	{msgpush.ErrBody, "body"},
	{msgpush.ErrSignature, "signature"},
	{msgpush.ErrBase64, "base64"},
	{msgpush.ErrDecrypt, "decrypt"},
	{msgpush.ErrBuffer, "buffer"},
	{msgpush.ErrAppID, "appid"},
}

// Of returns the class of err: "" for nil, Unknown for an error the table
// does not cover.
func Of(err error) string {
	if err == nil {
		return ""
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.class
		}
	}
	// Platform codes without a sentinel of their own.
	var platform *errcode.Error
	var api *cloud189.APIError
	if errors.As(err, &platform) || errors.As(err, &api) {
		return "errcode"
	}
	var cloud *cloudid.Error
	if errors.As(err, &cloud) {
		return "cloudid"
	}
	return Unknown
}

// Is returns the test for one class, in the form the vector runner's
// operations list their error words.
func Is(class string) func(error) bool {
	return func(err error) bool { return Of(err) == class }
}

// Code returns the number that goes with err: the platform's own code for
// a non-zero errcode (or 189 cloud code, or a cloudID's errCode), otherwise
// the official demos' code: message push's -400xx of msgpush.Code, or the
// open-data code of wxcrypto.Code (0 outside their scope).
func Code(err error) int64 {
	var platform *errcode.Error
	if errors.As(err, &platform) {
		return int64(platform.Code)
	}
	var api *cloud189.APIError
	if errors.As(err, &api) {
		return api.Code
	}
	var cloud *cloudid.Error
	if errors.As(err, &cloud) {
		return int64(cloud.Code)
	}
	if code := msgpush.Code(err); code != 0 {
		return int64(code)
	}
	return int64(wxcrypto.Code(err))
}
