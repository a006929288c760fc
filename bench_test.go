package wxcrypto_test

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/wxcrypto/wxcrypto"
	"github.com/wxcrypto/wxcrypto/aescbc"
	"github.com/wxcrypto/wxcrypto/internal/documented"
	"github.com/wxcrypto/wxcrypto/msghash"
	"github.com/wxcrypto/wxcrypto/msgpush"
	"github.com/wxcrypto/wxcrypto/sessionsig"
	"github.com/wxcrypto/wxcrypto/watermark"
	"github.com/wxcrypto/wxcrypto/xxtea"
)

// The hot path: open data is decrypted on every login and every press of
// the phone-number button. These benchmarks compare the library with the
// usual implementation (BaselineNaive) and with the floor of doing only the
// cryptography (BaselineLimit), on the same inputs, in the same run:
//
//	go test -run='^$' -bench=. -count=10 . | tee bench.txt
//	benchstat bench.txt

func benchOpener(b *testing.B, appID string, now int64) *wxcrypto.Opener {
	b.Helper()
	p := watermark.NewPolicy(appID)
	t := time.Unix(now, 0)
	p.Now = func() time.Time { return t }
	o, err := wxcrypto.NewOpener(p)
	if err != nil {
		b.Fatal(err)
	}
	return o
}

func BenchmarkOpenUserInfo(b *testing.B) {
	o := benchOpener(b, documented.UserInfoAppID, documented.UserInfoTimestamp)
	b.ReportAllocs()
	b.SetBytes(int64(len(documented.UserInfoEncryptedData)))
	for i := 0; i < b.N; i++ {
		if _, err := o.OpenUserInfo(documented.UserInfoSessionKey, documented.UserInfoEncryptedData, documented.UserInfoIV); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpenUserInfoParallel(b *testing.B) {
	o := benchOpener(b, documented.UserInfoAppID, documented.UserInfoTimestamp)
	b.ReportAllocs()
	b.SetBytes(int64(len(documented.UserInfoEncryptedData)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := o.OpenUserInfo(documented.UserInfoSessionKey, documented.UserInfoEncryptedData, documented.UserInfoIV); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// liveHeap stands for the live data of a real back end while a benchmark
// runs. With the few kilobytes of a test binary the garbage collector runs
// every 4 MiB of allocation, hundreds of times a second, and its fixed cost
// per cycle, hidden on the idle core in a serial benchmark, is what limits
// a parallel one (the BaselineLimitDecrypt floor itself gains only about
// 1.2x from the second core that way). A 64 MiB heap makes collections as
// rare as a server's.
var liveHeap [][]byte

// BenchmarkOpenUserInfoLiveHeap measures how OpenUserInfo scales from one
// core to two, with a server-like live heap.
func BenchmarkOpenUserInfoLiveHeap(b *testing.B) {
	for len(liveHeap) < 64 {
		liveHeap = append(liveHeap, make([]byte, 1<<20))
	}
	defer func() { liveHeap = nil }()
	runtime.GC()
	b.Run("Serial", BenchmarkOpenUserInfo)
	b.Run("Parallel", BenchmarkOpenUserInfoParallel)
}

func BenchmarkOpenPhoneNumber(b *testing.B) {
	o := benchOpener(b, documented.PhoneAppID, documented.PhoneTimestamp)
	b.ReportAllocs()
	b.SetBytes(int64(len(documented.PhoneEncryptedData)))
	for i := 0; i < b.N; i++ {
		if _, err := o.OpenPhoneNumber(documented.PhoneSessionKey, documented.PhoneEncryptedData, documented.PhoneIV); err != nil {
			b.Fatal(err)
		}
	}
}

// naiveUserInfo is the usual implementation, as most SDKs write it with
// the standard library: decode the three strings, decrypt with
// cipher.NewCBCDecrypter, strip the padding, json.Unmarshal, compare appid.
type naiveUserInfo struct {
	OpenID    string `json:"openId"`
	UnionID   string `json:"unionId"`
	NickName  string `json:"nickName"`
	Gender    int    `json:"gender"`
	Language  string `json:"language"`
	City      string `json:"city"`
	Province  string `json:"province"`
	Country   string `json:"country"`
	AvatarURL string `json:"avatarUrl"`
	Watermark struct {
		AppID     string `json:"appid"`
		Timestamp int64  `json:"timestamp"`
	} `json:"watermark"`
}

func naiveOpen(appID, sessionKey, iv, encryptedData string) (*naiveUserInfo, error) {
	key, err := base64.StdEncoding.DecodeString(sessionKey)
	if err != nil {
		return nil, err
	}
	ivb, err := base64.StdEncoding.DecodeString(iv)
	if err != nil {
		return nil, err
	}
	ct, err := base64.StdEncoding.DecodeString(encryptedData)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	if len(ct) == 0 || len(ct)%aes.BlockSize != 0 || len(ivb) != aes.BlockSize {
		return nil, errors.New("bad size")
	}
	pt := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, ivb).CryptBlocks(pt, ct)
	pad := int(pt[len(pt)-1])
	if pad < 1 || pad > 16 {
		return nil, errors.New("bad padding")
	}
	var u naiveUserInfo
	if err := json.Unmarshal(pt[:len(pt)-pad], &u); err != nil {
		return nil, err
	}
	if u.Watermark.AppID != appID {
		return nil, errors.New("appid mismatch")
	}
	return &u, nil
}

func BenchmarkBaselineNaiveUserInfo(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(documented.UserInfoEncryptedData)))
	for i := 0; i < b.N; i++ {
		if _, err := naiveOpen(documented.UserInfoAppID, documented.UserInfoSessionKey, documented.UserInfoIV, documented.UserInfoEncryptedData); err != nil {
			b.Fatal(err)
		}
	}
}

// limitDecrypt is the floor: base64 into reused buffers, the key schedule,
// CBC decryption; no checks, no JSON.
type limitDecrypt struct {
	key, iv [16]byte
	buf     []byte
}

func (l *limitDecrypt) run(sessionKey, iv, encryptedData string) {
	base64.StdEncoding.Decode(l.key[:], []byte(sessionKey))
	base64.StdEncoding.Decode(l.iv[:], []byte(iv))
	n, _ := base64.StdEncoding.Decode(l.buf, []byte(encryptedData))
	block, _ := aes.NewCipher(l.key[:])
	cipher.NewCBCDecrypter(block, l.iv[:]).CryptBlocks(l.buf[:n], l.buf[:n])
}

func BenchmarkBaselineLimitDecrypt(b *testing.B) {
	l := &limitDecrypt{buf: make([]byte, len(documented.UserInfoEncryptedData))}
	b.ReportAllocs()
	b.SetBytes(int64(len(documented.UserInfoEncryptedData)))
	for i := 0; i < b.N; i++ {
		l.run(documented.UserInfoSessionKey, documented.UserInfoIV, documented.UserInfoEncryptedData)
	}
}

var decryptSizes = []struct {
	name string
	n    int
}{{"64B", 64}, {"1KiB", 1 << 10}, {"16KiB", 16 << 10}, {"1MiB", 1 << 20}}

// sized returns base64 key, iv and encryptedData of an n-byte plaintext.
func sized(b *testing.B, n int) (key, iv, data string) {
	key = base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 16))
	iv = base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{9}, 16))
	data, err := aescbc.Encrypt(key, iv, bytes.Repeat([]byte("x"), n))
	if err != nil {
		b.Fatal(err)
	}
	return key, iv, data
}

// BenchmarkDecrypt measures aescbc with every check;
// BaselineLimitDecryptSized is the floor on the same inputs. Cost must grow
// linearly with size.
func BenchmarkDecrypt(b *testing.B) {
	for _, size := range decryptSizes {
		key, iv, data := sized(b, size.n)
		b.Run(size.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				if _, err := aescbc.Decrypt(key, data, iv); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkBaselineLimitDecryptSized(b *testing.B) {
	for _, size := range decryptSizes {
		key, iv, data := sized(b, size.n)
		l := &limitDecrypt{buf: make([]byte, len(data))}
		b.Run(size.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				l.run(key, iv, data)
			}
		})
	}
}

func BenchmarkXXTEA189(b *testing.B) {
	b.Run("DecryptHex", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(documented.Cloud189EncryptedData)))
		for i := 0; i < b.N; i++ {
			if _, err := xxtea.DecryptHex(documented.Cloud189AppSecret, documented.Cloud189EncryptedData); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("InPlace", func(b *testing.B) {
		ct, err := hex.DecodeString(documented.Cloud189EncryptedData)
		if err != nil {
			b.Fatal(err)
		}
		buf := make([]byte, len(ct))
		b.ReportAllocs()
		b.SetBytes(int64(len(ct)))
		for i := 0; i < b.N; i++ {
			copy(buf, ct)
			if _, err := xxtea.Decrypt(buf[:0], documented.Cloud189AppSecret, buf); err != nil {
				b.Fatal(err)
			}
		}
	})
}

const (
	docSessionKey = "o0q0otL8aEzpcZL/FT9WsQ=="
	xpayAppKey    = "12345"
	xpayURI       = "/xpay/query_user_balance"
	rawSessionKey = "HyVFkGl5F5OQWJZZaNzBBg=="
	rawSig        = "75e81ceda165f4ffa64f4068af58c64b8f54b88c"
	rawData       = `{"nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0"}`
	msgText       = "hsSuSUsePBqSQw2rYMtf9Nvha603xX8f2BMQBcYRoJiMNwOqt/UEhrqekebG5ar0LFNAm5MD4Uz6zorRwiXJwbySJ/FEJHav4NsobBIU1PwdjbJWVQLFy7+YFkHB32OnQXWMh6ugW7Dyk2KS5BXp1f5lniKPp1KNLyNLlFlNZ2mgJCJmWvHj5AI7BLpWwoRvqRyZvVXo+9FsWqvBdxmAPA=="
)

var (
	sessionBody = []byte(`{"foo":"bar"}`)
	xpayBody    = []byte(`{"openid": "xxx", "user_ip": "127.0.0.1", "env": 0}`)
)

// benchOne runs one signature or hash computation on n bytes.
func benchOne(b *testing.B, n int, f func() error) {
	b.ReportAllocs()
	b.SetBytes(int64(n))
	for b.Loop() {
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSessionSig(b *testing.B) {
	benchOne(b, len(sessionBody), func() error { _, err := sessionsig.Sign(docSessionKey, sessionBody); return err })
}

func BenchmarkPaySig(b *testing.B) {
	benchOne(b, len(xpayBody), func() error { _, err := sessionsig.SignPay(xpayAppKey, xpayURI, xpayBody); return err })
}

func BenchmarkRawSig(b *testing.B) {
	benchOne(b, len(rawData), func() error { return sessionsig.VerifyRawData(rawSessionKey, rawData, rawSig) })
}

func BenchmarkMsgHash(b *testing.B) {
	benchOne(b, len(msgText), func() error { msghash.Hash(msgText); return nil })
}

// Message push (msgpush): verify and decrypt the documented mini-program
// JSON push, against the straightforward version of the official samples.
const (
	pushToken     = "AAAAA"
	pushKey       = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	pushAppID     = "wxba5fad812f8e6fb9"
	pushTimestamp = "1714112445"
	pushNonce     = "415670741"
	pushSignature = "046e02f8204d34f8ba5fa3b1db94908f3df2e9b3"
	pushEncrypt   = "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04="
)

func BenchmarkPushDecrypt(b *testing.B) {
	c, err := msgpush.New(msgpush.Config{Token: pushToken, EncodingAESKey: pushKey, AppID: pushAppID})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(pushEncrypt)))
	for i := 0; i < b.N; i++ {
		if _, err := c.Decrypt(pushSignature, pushTimestamp, pushNonce, pushEncrypt); err != nil {
			b.Fatal(err)
		}
	}
}

// naivePushDecrypt is the samples' decryptMsg written with the standard
// library in the obvious way, with the same checks.
func naivePushDecrypt(token, encodingAESKey, appID, msgSignature, timestamp, nonce, encrypt string) ([]byte, error) {
	parts := []string{token, timestamp, nonce, encrypt}
	sort.Strings(parts)
	sum := sha1.Sum([]byte(strings.Join(parts, "")))
	if hex.EncodeToString(sum[:]) != msgSignature {
		return nil, errors.New("signature")
	}
	key, err := base64.StdEncoding.DecodeString(encodingAESKey + "=")
	if err != nil {
		return nil, err
	}
	ct, err := base64.StdEncoding.DecodeString(encrypt)
	if err != nil {
		return nil, err
	}
	if len(ct) == 0 || len(ct)%32 != 0 {
		return nil, errors.New("size")
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	plain := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, key[:16]).CryptBlocks(plain, ct)
	pad := int(plain[len(plain)-1])
	if pad < 1 || pad > 32 || !bytes.Equal(plain[len(plain)-pad:], bytes.Repeat([]byte{byte(pad)}, pad)) {
		return nil, errors.New("padding")
	}
	plain = plain[:len(plain)-pad]
	if len(plain) < 20 {
		return nil, errors.New("buffer")
	}
	n := uint64(binary.BigEndian.Uint32(plain[16:20]))
	if n > uint64(len(plain)-20) {
		return nil, errors.New("buffer")
	}
	if string(plain[20+n:]) != appID {
		return nil, errors.New("appid")
	}
	return plain[20 : 20+n], nil
}

func BenchmarkBaselineNaivePushDecrypt(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(pushEncrypt)))
	for i := 0; i < b.N; i++ {
		if _, err := naivePushDecrypt(pushToken, pushKey, pushAppID, pushSignature, pushTimestamp, pushNonce, pushEncrypt); err != nil {
			b.Fatal(err)
		}
	}
}
