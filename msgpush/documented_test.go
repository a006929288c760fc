package msgpush

// The documented values of spec/algorithms.md section 9.
const (
	classicToken     = "spamtest"
	classicKey       = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	classicAppID     = "wx2c2769f8efd9abc2"
	classicTimestamp = "1409735669"
	classicNonce     = "1320562132"
	classicSignature = "5d197aaffba7e9b25a30732f161a50dee96bd5fa"
	classicEncrypt   = "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE="
	classicMessage   = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>"

	mpToken = "AAAAA"
	mpKey   = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	mpAppID = "wxba5fad812f8e6fb9"

	mpURLTimestamp = "1714036504"
	mpURLNonce     = "1514711492"
	mpURLSignature = "f464b24fc39322e44b38aa78f5edd27bd1441696"
	mpURLEchostr   = "4375120948345356249"

	mpPlainTimestamp = "1714037059"
	mpPlainNonce     = "486452656"
	mpPlainSignature = "899cf89e464efb63f54ddac96b0a0a235f53aa78"

	mpPushTimestamp    = "1714112445"
	mpPushNonce        = "415670741"
	mpPushURLSignature = "6c5c811b55cc85e0e1b54100749188c20beb3f5d"
	mpPushSignature    = "046e02f8204d34f8ba5fa3b1db94908f3df2e9b3"
	mpPushEncrypt      = "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04="
	mpPushMessage      = `{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714112445,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}`

	mpReplyRandom    = "707722b803182950"
	mpReplyMessage   = `{"demo_resp":"good luck"}`
	mpReplyTimestamp = 1713424427
	mpReplyNonce     = "415670741"
	mpReplyEncrypt   = "ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ=="
	mpReplySignature = "1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1"

	tpAppID     = "wx134c8103faa5a59e"
	tpTimestamp = "1715943329"
	tpNonce     = "1590219412"
	tpSignature = "6c12a4205838198b8fa631b3220723bb07f1015c"
	tpEncrypt   = "D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg=="
	tpMessage   = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n<CreateTime>1715943329</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[debug_demo]]></Event>\n<debug_str><![CDATA[hello world]]></debug_str>\n</xml>"

	tpReplyRandom    = "999951349e8ee746"
	tpReplyMessage   = "<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>"
	tpReplyTimestamp = 1713424427
	tpReplyNonce     = "415670741"
	tpReplyEncrypt   = "hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7"
	tpReplySignature = "03e0812039325c2712ef5f0f980fd14c70d6e307"
)
