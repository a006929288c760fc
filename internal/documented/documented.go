// Package documented holds the documented example values of
// spec/algorithms.md, for the demo command, tests and benchmarks. Each value
// was checked against its source; none was produced by this library.
package documented

// The official demo's user info (algorithms.md section 1).
const (
	UserInfoAppID         = "wx4f4bc4dec97d474b"
	UserInfoSessionKey    = "tiihtNczf5v6AKRyjwEUhQ=="
	UserInfoIV            = "r7BXXKkLb8qrSNn05n0qiA=="
	UserInfoEncryptedData = "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew=="
	UserInfoPlaintext     = `{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0","unionId":"ocMvos6NjeKLIBqg5Mr9QjxrP1FA","watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}`
	UserInfoTimestamp     = 1477314187
)

// A public phone-number example from another SDK's tests (algorithms.md
// section 1).
const (
	PhoneAppID         = "wxdaa2ab9ef87b5497"
	PhoneSessionKey    = "lyY4HPQbaOYzZdG+JcYK9w=="
	PhoneIV            = "Cds8j3VYoGvnTp1BrjXdJg=="
	PhoneEncryptedData = "Kf3TdPbzEmhWMuPKtlKxIWDkijhn402w1bxoHL4kLdcKr6jT1jNcIhvDJfjXmJcgDWLjmBiIGJ5acUuSvxLws3WgAkERmtTuiCG10CKLsJiR+AXVk7B2TUQzsq88YVilDz/YAN3647REE7glGmeBPfvUmdbfDzhL9BzvEiuRhABuCYyTMz4iaM8hFjbLB1caaeoOlykYAFMWC5pZi9P8uw=="
	PhonePlaintext     = `{"phoneNumber":"18017448610","purePhoneNumber":"18017448610","countryCode":"86","watermark":{"timestamp":1558787160,"appid":"wxdaa2ab9ef87b5497"}}`
	PhoneTimestamp     = 1558787160
)

// The 189 cloud h5.authorizeUserInfo example (algorithms.md section 6).
const (
	Cloud189AppSecret     = "32b5362f61f26f4e0e1221a57e7ab02ea77dbc40"
	Cloud189AppID         = "0e0d8b62"
	Cloud189EncryptedData = "A83FE5716360F141AD490C4A14349684202581439D7BCE51CC6D0550B872B7C0A7FA9C78F9B1DEB988FF73C1CBC0406FFBC9DBF0D1CAE33AF019507DF3B1479621A77DE1F16A7C3AC5D52017F184CFA99F19064E122B0CA5C88C88C1526AC7CFAE8FACDB7BA8F28F7C38424667E5E1EE589AD8A48664C56B1BD25AA448C252CF7BCAA3AA9376AB7192496C36"
	Cloud189Plaintext     = `{"openId":"ee01554bdc77dee74db8bf8acc3426690c2572c9694e38e8","appId":"0e0d8b62","phoneNumber":"18912345679","timestamp":1578042800057}`
	Cloud189TimestampMS   = 1578042800057
	Cloud189Answer        = `{"code":0,"msg":"成功","data":{"encryptedData":"` + Cloud189EncryptedData + `"}}`
)
