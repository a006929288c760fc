package msgpush_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"

	"github.com/wxcrypto/wxcrypto/msgpush"
	"github.com/wxcrypto/wxcrypto/sessionsig"
)

// The mini-program message-push page's configuration and its JSON push.
const (
	token          = "AAAAA"
	encodingAESKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	appID          = "wxba5fad812f8e6fb9"

	pushQuery = "signature=6c5c811b55cc85e0e1b54100749188c20beb3f5d&timestamp=1714112445&nonce=415670741&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY&encrypt_type=aes&msg_signature=046e02f8204d34f8ba5fa3b1db94908f3df2e9b3"
	pushBody  = `{"ToUserName":"gh_97417a04a28d","Encrypt":"+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04="}`
)

func ExampleCrypter_Open() {
	c, err := msgpush.New(msgpush.Config{Token: token, EncodingAESKey: encodingAESKey, AppID: appID, JSON: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	query, _ := url.ParseQuery(pushQuery)
	msg, err := c.Open(query, []byte(pushBody))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s\n", msg)
	// Output:
	// {"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714112445,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}
}

func ExampleCrypter_VerifyURL() {
	c, _ := msgpush.New(msgpush.Config{Token: token, EncodingAESKey: encodingAESKey, AppID: appID})
	query, _ := url.ParseQuery("signature=f464b24fc39322e44b38aa78f5edd27bd1441696&echostr=4375120948345356249&timestamp=1714036504&nonce=1514711492")
	echo, err := c.VerifyURL(query)
	fmt.Println(echo, err)

	// The push's msg_signature is not the URL signature.
	query.Set("signature", "046e02f8204d34f8ba5fa3b1db94908f3df2e9b3")
	_, err = c.VerifyURL(query)
	fmt.Println(err, msgpush.Code(err))
	// Output:
	// 4375120948345356249 <nil>
	// msgpush: signature mismatch -40001
}

func ExampleCrypter_Seal() {
	// The documented reply: its random prefix fixed, as only tests should.
	c, _ := msgpush.New(msgpush.Config{
		Token: token, EncodingAESKey: encodingAESKey, AppID: appID, JSON: true,
		Rand: strings.NewReader("707722b803182950"),
	})
	reply, err := c.Seal([]byte(`{"demo_resp":"good luck"}`), 1713424427, "415670741")
	fmt.Printf("%s %v\n", reply, err)
	// Output:
	// {"Encrypt":"ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==","MsgSignature":"1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1","TimeStamp":1713424427,"Nonce":"415670741"} <nil>
}

func ExampleCode() {
	// The classic sample's push, received by a server configured for
	// another appid: the signature and the padding pass, the trailer does not.
	c, _ := msgpush.New(msgpush.Config{Token: "spamtest", EncodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", AppID: "wx0000000000000000"})
	_, err := c.Decrypt("5d197aaffba7e9b25a30732f161a50dee96bd5fa", "1409735669", "1320562132", "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=")
	fmt.Println(err, errors.Is(err, msgpush.ErrAppID), msgpush.Code(err))

	// An EncodingAESKey of 44 characters: a standard base64 key was pasted.
	_, err = msgpush.New(msgpush.Config{Token: token, EncodingAESKey: encodingAESKey + "=", AppID: appID})
	fmt.Println(msgpush.Code(err))
	// Output:
	// msgpush: message is for another appid true -40005
	// -40004
}

// A push handler: the URL check, a push decrypted, an encrypted reply.
func pushHandler(c *msgpush.Crypter) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		query := r.URL.Query()
		if r.Method == http.MethodGet {
			echo, err := c.VerifyURL(query)
			if err != nil {
				http.Error(w, "signature mismatch", http.StatusForbidden)
				return
			}
			io.WriteString(w, echo)
			return
		}
		// 1 MiB is the package's cap on a body.
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		if err != nil {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		msg, err := c.Open(query, body)
		if err != nil {
			// The error says what class of failure it was, never what the
			// message held.
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var m struct{ MsgType, Event string }
		if json.Unmarshal(msg, &m) != nil || m.Event != "debug_demo" {
			io.WriteString(w, "success") // received, no reply
			return
		}
		reply, err := c.Seal([]byte(`{"demo_resp":"good luck"}`), time.Now().Unix(), query.Get("nonce"))
		if err != nil {
			io.WriteString(w, "success")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(reply)
	}
}

func Example_handler() {
	cfg := msgpush.Config{Token: token, EncodingAESKey: encodingAESKey, AppID: appID, JSON: true}
	server, _ := msgpush.New(cfg)
	srv := httptest.NewServer(pushHandler(server))
	defer srv.Close()

	// The platform verifies the URL...
	resp, err := http.Get(srv.URL + "/push?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&echostr=4375120948345356249&timestamp=1714036504&nonce=1514711492")
	if err != nil {
		fmt.Println(err)
		return
	}
	echo, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Printf("URL check: %d %s\n", resp.StatusCode, echo)

	// ...then pushes the documented debug_demo event...
	resp, err = http.Post(srv.URL+"/push?"+pushQuery, "application/json", strings.NewReader(pushBody))
	if err != nil {
		fmt.Println(err)
		return
	}
	reply, _ := io.ReadAll(resp.Body)
	resp.Body.Close()

	// ...and checks the encrypted reply the way it checks a push.
	var r struct {
		MsgSignature string
		TimeStamp    int64
		Nonce        string
	}
	if err := json.Unmarshal(reply, &r); err != nil {
		fmt.Println(resp.StatusCode, err)
		return
	}
	platform, _ := msgpush.New(cfg)
	q := url.Values{"msg_signature": {r.MsgSignature}, "timestamp": {fmt.Sprint(r.TimeStamp)}, "nonce": {r.Nonce}}
	msg, err := platform.Open(q, reply)
	fmt.Printf("reply: %d %s %v\n", resp.StatusCode, msg, err)

	// A push whose body was changed on the way is refused.
	resp, err = http.Post(srv.URL+"/push?"+pushQuery, "application/json", strings.NewReader(strings.Replace(pushBody, "+qdx", "+qdy", 1)))
	if err != nil {
		fmt.Println(err)
		return
	}
	refusal, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Printf("tampered: %d %s", resp.StatusCode, refusal)
	// Output:
	// URL check: 200 4375120948345356249
	// reply: 200 {"demo_resp":"good luck"} <nil>
	// tampered: 400 msgpush: signature mismatch
}

// Virtual-payment deliveries arrive as pushes: decrypt the push, then verify
// PayEventSig over Event and the exact Payload text with the appKey.
func Example_payEvent() {
	const appKey = "12345"
	c, _ := msgpush.New(msgpush.Config{Token: token, EncodingAESKey: encodingAESKey, AppID: appID, JSON: true})

	query, body := deliveryPush(appKey)
	msg, err := c.Open(query, body)
	if err != nil {
		fmt.Println(err)
		return
	}
	var ev struct {
		Event    string
		MiniGame struct {
			Payload     string // a JSON text, verified as it is
			PayEventSig string
		}
	}
	if err := json.Unmarshal(msg, &ev); err != nil {
		fmt.Println(err)
		return
	}
	err = sessionsig.VerifyPayEvent(appKey, ev.Event, ev.MiniGame.Payload, ev.MiniGame.PayEventSig)
	fmt.Println(ev.Event, err)

	var payload struct {
		OpenId     string
		OutTradeNo string
	}
	json.Unmarshal([]byte(ev.MiniGame.Payload), &payload)
	fmt.Println(payload.OutTradeNo, "for", payload.OpenId)

	// The same push under another appKey's signature is refused.
	err = sessionsig.VerifyPayEvent("54321", ev.Event, ev.MiniGame.Payload, ev.MiniGame.PayEventSig)
	fmt.Println(err != nil)
	// Output:
	// minigame_game_pay_goods_deliver_notify <nil>
	// order-20240517-0001 for o9AgO5Kd5ggOC-bXrbNODIiE3bGY
	// true
}

// deliveryPush plays the platform: it signs a delivery event with appKey
// and encrypts it into a push's query and body.
func deliveryPush(appKey string) (url.Values, []byte) {
	const event = "minigame_game_pay_goods_deliver_notify"
	payload := `{"OpenId":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","Env":0,"OutTradeNo":"order-20240517-0001","GoodsInfo":{"ProductId":"gem_100","Quantity":1,"ActualPrice":600}}`
	sig, _ := sessionsig.SignPayEvent(appKey, event, payload)
	msg, _ := json.Marshal(map[string]any{
		"ToUserName": "gh_97417a04a28d", "CreateTime": 1715943329, "MsgType": "event", "Event": event,
		"MiniGame": map[string]string{"Payload": payload, "PayEventSig": sig},
	})
	platform, _ := msgpush.New(msgpush.Config{Token: token, EncodingAESKey: encodingAESKey, AppID: appID, JSON: true})
	// A sealed reply has the shape of a push body (Encrypt, with its
	// signature alongside), which is all this simulation needs.
	sealed, _ := platform.Seal(msg, 1715943329, "1590219412")
	var r struct{ MsgSignature string }
	json.Unmarshal(sealed, &r)
	q := url.Values{"timestamp": {"1715943329"}, "nonce": {"1590219412"}, "msg_signature": {r.MsgSignature}, "encrypt_type": {"aes"}}
	return q, bytes.Clone(sealed)
}
