// Writes testdata/vectors/opendata_open.json: operation opendata.open, the whole open-data
// layer (spec/vectors.md): AES-128-CBC decryption, then the strict watermark rule of
// spec/algorithms.md section 2, then appid and freshness. Node.js standard library only;
// the JSON reader (lib.mjs) and the watermark rule below are written from the spec, and every
// case is judged by them (and decrypted by node:crypto) before the file is written.
//
//   node testdata/generate/opendata_open.mjs
import { assert, b64, encrypt, foldName, NotJSON, openData, parseJSON, prng, strictB64Decode, SCHEMA, writeDoc } from './lib.mjs';

const rand = prng('wxcrypto opendata.open v1');

// parseDocument reads a plaintext with lib.mjs's strict JSON reader, after a strict UTF-8
// decoding: bytes that are not UTF-8 are not JSON text either.
function parseDocument(bytes) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new NotJSON('not UTF-8');
  }
  return parseJSON(text);
}

// exactlyOne returns the one member named exactly name, or null when it is missing, repeated,
// or accompanied by a member whose name folds to it.
function exactlyOne(members, name) {
  const same = members.filter(([n]) => foldName(n) === name);
  return same.length === 1 && same[0][0] === name ? same[0][1] : null;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// judge returns 'decrypt' (not one JSON object in UTF-8), 'watermark', or the watermark.
function judgeWatermark(plaintext) {
  let doc;
  try {
    doc = parseDocument(plaintext);
  } catch (e) {
    if (e instanceof NotJSON) return 'decrypt';
    throw e;
  }
  if (!doc.members) return 'decrypt';
  const wm = exactlyOne(doc.members, 'watermark');
  if (!wm || !wm.members) return 'watermark';
  const appid = exactlyOne(wm.members, 'appid');
  const ts = exactlyOne(wm.members, 'timestamp');
  if (!appid || !('str' in appid) || appid.lone || !ts || !('num' in ts) || !/^-?(0|[1-9][0-9]*)$/.test(ts.num)) return 'watermark';
  const t = BigInt(ts.num);
  if (t < INT64_MIN || t > INT64_MAX) return 'watermark';
  return { appid: appid.str, timestamp: t };
}

// The whole layer: the error word, or null for a valid case.
function judge(t) {
  const k = strictB64Decode(t.sessionKey);
  const v = strictB64Decode(t.iv);
  const c = strictB64Decode(t.encryptedData);
  if (!k || !v || !c) return 'base64';
  if (k.length !== 16) return 'key';
  if (v.length !== 16) return 'iv';
  if (c.length === 0 || c.length % 16 !== 0 || c.length > 4 << 20) return 'size';
  const pt = openData(t.sessionKey, t.iv, t.encryptedData);
  if (pt === null) return 'decrypt';
  const w = judgeWatermark(pt);
  if (typeof w === 'string') return w;
  if (w.appid !== t.appid) return 'appid';
  if (w.timestamp < BigInt(t.now) - BigInt(t.maxAge)) return 'expired';
  if (w.timestamp > BigInt(t.now) + BigInt(t.skew)) return 'future';
  t.decrypted = pt;
  return null;
}

// ---- The cases. ----

const tests = [];
function add(comment, flags, fields, want) {
  const t = { tcId: tests.length + 1, comment, flags, result: want === 'valid' ? 'valid' : 'invalid', ...fields };
  const got = judge(t);
  assert((got === null) === (want === 'valid'), `tcId ${t.tcId} (${comment}): judged ${got}, want ${want}`);
  if (want === 'valid') {
    t.plaintext = t.decrypted.toString('utf8');
    assert(Buffer.from(t.plaintext, 'utf8').equals(t.decrypted), `tcId ${t.tcId}: plaintext is not UTF-8`);
  } else {
    assert(got === want, `tcId ${t.tcId} (${comment}): judged ${got}, want ${want}`);
    t.error = want;
  }
  delete t.decrypted;
  tests.push(t);
}

const KEY = rand('key', 16);
const IV = rand('iv', 16);
const APPID = 'wx0123456789abcdef';
const NOW = 1700000000;
const policy = { appid: APPID, now: NOW, maxAge: 600, skew: 60 };
function sealed(plaintext, key = KEY, iv = IV) {
  const p = Buffer.isBuffer(plaintext) ? plaintext : Buffer.from(plaintext, 'utf8');
  return { sessionKey: b64(key), iv: b64(iv), encryptedData: b64(encrypt(key, iv, p)) };
}
const wm = (appid = APPID, ts = NOW) => `"watermark":{"appid":${JSON.stringify(appid)},"timestamp":${ts}}`;

// The documented examples of algorithms.md section 1, with a clock of their day.
const demo = {
  sessionKey: 'tiihtNczf5v6AKRyjwEUhQ==', iv: 'r7BXXKkLb8qrSNn05n0qiA==',
  encryptedData: 'CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==',
};
const demoPlaintext = '{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0","unionId":"ocMvos6NjeKLIBqg5Mr9QjxrP1FA","watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}';
const demoPolicy = { appid: 'wx4f4bc4dec97d474b', now: 1477314187 + 30, maxAge: 600, skew: 60 };
add('official demo user info, checked on its day', ['Documented'], { ...demo, ...demoPolicy }, 'valid');
assert(tests.at(-1).plaintext === demoPlaintext, 'the demo does not decrypt to the documented plaintext');
add('official demo user info, one day later', ['Documented', 'Expired'], { ...demo, ...demoPolicy, now: 1477314187 + 86400 }, 'expired');
add('official demo user info, for another appid', ['Documented', 'AppID'], { ...demo, ...demoPolicy, appid: 'wx0000000000000000' }, 'appid');
add('official demo user info, a clock before it was made', ['Documented', 'Future'], { ...demo, ...demoPolicy, now: 1477314187 - 61 }, 'future');
const phone = {
  sessionKey: 'lyY4HPQbaOYzZdG+JcYK9w==', iv: 'Cds8j3VYoGvnTp1BrjXdJg==',
  encryptedData: 'Kf3TdPbzEmhWMuPKtlKxIWDkijhn402w1bxoHL4kLdcKr6jT1jNcIhvDJfjXmJcgDWLjmBiIGJ5acUuSvxLws3WgAkERmtTuiCG10CKLsJiR+AXVk7B2TUQzsq88YVilDz/YAN3647REE7glGmeBPfvUmdbfDzhL9BzvEiuRhABuCYyTMz4iaM8hFjbLB1caaeoOlykYAFMWC5pZi9P8uw==',
};
const phonePolicy = { appid: 'wxdaa2ab9ef87b5497', now: 1558787160 + 30, maxAge: 600, skew: 60 };
add('public phone-number example, checked on its day', ['Documented'], { ...phone, ...phonePolicy }, 'valid');
assert(tests.at(-1).plaintext === '{"phoneNumber":"18017448610","purePhoneNumber":"18017448610","countryCode":"86","watermark":{"timestamp":1558787160,"appid":"wxdaa2ab9ef87b5497"}}', 'phone example');
add('public phone-number example, session key of the user-info demo', ['Documented', 'WrongKey'], { ...phone, ...phonePolicy, sessionKey: demo.sessionKey }, 'decrypt');

// Valid payloads of every shape the platform sends, and what the rule leaves free.
for (const [comment, text] of [
  ['phone payload', `{"phoneNumber":"13800138000","purePhoneNumber":"13800138000","countryCode":"86",${wm()}}`],
  ['share info with an unknown nested member', `{"openGId":"tGLoR3","newField":{"nested":[1,2,{"watermark":"free here"}]},${wm()}}`],
  ['WeRun steps', `{"stepInfoList":[{"timestamp":1699920000,"step":5000},{"timestamp":1700006400,"step":12}],${wm()}}`],
  ['watermark first, members in another order, white space', ` \n{ "watermark" : { "timestamp" : ${NOW} , "appid" : "${APPID}" } ,\t"openId" : "o" }\r\n`],
  ['escaped names that are exactly watermark, appid and timestamp', `{"\\u0077atermark":{"\\u0061ppid":"${APPID}","time\\u0073tamp":${NOW}}}`],
  ['an escaped appid equal after unescaping', `{"watermark":{"appid":"wx0123456789abcde\\u0066","timestamp":${NOW}}}`],
  ['non-ASCII members and values', `{"nickName":"微信用户😀","城市":"广州",${wm()}}`],
  ['extra watermark members and a lone surrogate elsewhere', `{"x":"\\ud800",${wm().slice(0, -1)},"extra":{"appid":"other"},"APPID2":1}}`],
  ['timestamp exactly now - maxAge', `{${wm(APPID, NOW - 600)}}`],
  ['timestamp exactly now + skew', `{${wm(APPID, NOW + 60)}}`],
  ['plaintext of a whole number of blocks (full pad block)', `{"a":"${'x'.repeat(96 - 9 - wm().length)}",${wm()}}`],
]) {
  add(comment, ['Generated'], { ...sealed(text), ...policy }, 'valid');
}

// Decryption classes, the first bad input deciding.
const good = sealed(`{${wm()}}`);
add('session key not base64', ['Base64'], { ...good, ...policy, sessionKey: good.sessionKey.replace(/.$/, '') }, 'base64');
add('iv with a space (form decoded)', ['Base64'], { ...good, ...policy, iv: ' ' + good.iv.slice(1) }, 'base64');
add('encryptedData with a newline', ['Base64'], { ...good, ...policy, encryptedData: good.encryptedData.slice(0, 4) + '\n' + good.encryptedData.slice(4) }, 'base64');
add('session key of 24 bytes', ['KeySize'], { ...good, ...policy, sessionKey: b64(rand('key24', 24)) }, 'key');
add('iv of 15 bytes', ['IVSize'], { ...good, ...policy, iv: b64(rand('iv15', 15)) }, 'iv');
add('iv and encryptedData swapped', ['IVSize'], { ...policy, sessionKey: good.sessionKey, iv: sealed(`{"openId":"a long enough payload",${wm()}}`).encryptedData, encryptedData: good.iv }, 'iv');
add('empty encryptedData', ['CiphertextSize'], { ...good, ...policy, encryptedData: '' }, 'size');
add('encryptedData not whole blocks', ['CiphertextSize'], { ...good, ...policy, encryptedData: b64(rand('ct17', 17)) }, 'size');
add('wrong session key', ['WrongKey'], { ...good, ...policy, sessionKey: b64(rand('other key', 16)) }, 'decrypt');

// Valid padding, but not one JSON object in UTF-8: the same class as bad padding.
for (const [comment, bytes] of [
  ['form text', Buffer.from('openId=x&phoneNumber=13800138000')],
  ['empty plaintext (one full pad block)', Buffer.alloc(0)],
  ['a JSON array holding the payload', Buffer.from(`[{${wm()}}]`)],
  ['a JSON string', Buffer.from('"watermark"')],
  ['truncated object', Buffer.from(`{${wm()}`)],
  ['trailing comma', Buffer.from(`{${wm()},}`)],
  ['data after the object', Buffer.from(`{${wm()}}x`)],
  ['two objects', Buffer.from(`{${wm()}}{}`)],
  ['a byte-order mark first', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`{${wm()}}`)])],
  ['invalid UTF-8 in an unknown member', Buffer.concat([Buffer.from('{"nickName":"'), Buffer.from([0xff, 0xfe]), Buffer.from(`",${wm()}}`)])],
  ['a UTF-8 encoded surrogate', Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(`",${wm()}}`)])],
  ['an unescaped control character in a string', Buffer.from(`{"x":"a\u0001b",${wm()}}`)],
  ['an invalid escape', Buffer.from(`{"x":"\\q",${wm()}}`)],
  ['a number with a leading zero', Buffer.from(`{"x":01,${wm()}}`)],
  ['single-quoted strings', Buffer.from(`{'watermark':{'appid':'${APPID}','timestamp':${NOW}}}`)],
  ['a vertical tab as white space', Buffer.from(`{\v${wm()}}`)],
]) {
  add(`valid padding, not a JSON object: ${comment}`, ['NotObject'], { ...sealed(bytes), ...policy }, 'decrypt');
}

// JSON objects without exactly one well-formed watermark.
for (const [comment, text] of [
  ['no watermark', '{"openId":"o"}'],
  ['empty object', '{}'],
  ['watermark null', '{"watermark":null}'],
  ['watermark an array', `{"watermark":[{"appid":"${APPID}","timestamp":${NOW}}]}`],
  ['duplicate watermark, the last one good', `{"watermark":{"appid":"evil","timestamp":1},${wm()}}`],
  ['duplicate watermark, parts in each', `{"watermark":{"appid":"${APPID}"},"watermark":{"timestamp":${NOW}}}`],
  ['watermark and Watermark', `{${wm()},"Watermark":{"appid":"evil","timestamp":1}}`],
  ['watermark only as WATERMARK', `{"WATERMARK":{"appid":"${APPID}","timestamp":${NOW}}}`],
  ['a Kelvin sign folding to watermark', `{${wm()},"watermar\\u212a":{}}`],
  ['duplicate appid', `{"watermark":{"appid":"evil","appid":"${APPID}","timestamp":${NOW}}}`],
  ['appid and APPID', `{"watermark":{"appid":"${APPID}","APPID":"evil","timestamp":${NOW}}}`],
  ['timestamp and a long-s timeſtamp', `{"watermark":{"appid":"${APPID}","timestamp":${NOW},"time\u017ftamp":1}}`],
  ['duplicate timestamp', `{"watermark":{"appid":"${APPID}","timestamp":1,"timestamp":${NOW}}}`],
  ['no appid', `{"watermark":{"timestamp":${NOW}}}`],
  ['no timestamp', `{"watermark":{"appid":"${APPID}"}}`],
  ['appid a number', `{"watermark":{"appid":1,"timestamp":${NOW}}}`],
  ['appid with a lone surrogate escape', `{"watermark":{"appid":"wx\\ud800","timestamp":${NOW}}}`],
  ['timestamp a string', `{"watermark":{"appid":"${APPID}","timestamp":"${NOW}"}}`],
  ['timestamp with a fraction', `{"watermark":{"appid":"${APPID}","timestamp":${NOW}.0}}`],
  ['timestamp with an exponent', `{"watermark":{"appid":"${APPID}","timestamp":1.7e9}}`],
  ['timestamp beyond int64', `{"watermark":{"appid":"${APPID}","timestamp":9223372036854775808}}`],
  ['timestamp null', `{"watermark":{"appid":"${APPID}","timestamp":null}}`],
]) {
  add(`watermark: ${comment}`, ['Watermark'], { ...sealed(text), ...policy }, 'watermark');
}

// The policy.
add('another appid', ['AppID'], { ...sealed(`{${wm('wxother')}}`), ...policy }, 'appid');
add('appid differing in case only', ['AppID'], { ...sealed(`{${wm(APPID.toUpperCase())}}`), ...policy }, 'appid');
add('timestamp one second older than maxAge', ['Expired'], { ...sealed(`{${wm(APPID, NOW - 601)}}`), ...policy }, 'expired');
add('timestamp in milliseconds', ['Future'], { ...sealed(`{${wm(APPID, NOW * 1000)}}`), ...policy }, 'future');
add('timestamp one second beyond the skew', ['Future'], { ...sealed(`{${wm(APPID, NOW + 61)}}`), ...policy }, 'future');
add('timestamp the int64 minimum', ['Expired'], { ...sealed(`{${wm(APPID, '-9223372036854775808')}}`), ...policy }, 'expired');

// ---- The file. ----

const notes = {
  Documented: 'the documented examples of spec/algorithms.md section 1, with a clock of their day',
  Generated: 'a valid payload generated from a fixed seed and judged by this script',
  Base64: 'an input that is not strict standard padded base64',
  KeySize: 'a session key that does not decode to 16 bytes',
  IVSize: 'an iv that does not decode to 16 bytes',
  CiphertextSize: 'a ciphertext that is empty or not whole blocks',
  WrongKey: 'decryption with another key, failing on the padding',
  NotObject: 'valid padding but a plaintext that is not one JSON object in valid UTF-8: the same class as bad padding',
  Watermark: 'a JSON object without exactly one well-formed watermark under the strict rule',
  AppID: 'a watermark made for another appid',
  Expired: 'a timestamp older than now - maxAge',
  Future: 'a timestamp later than now + skew',
};
const used = new Set(tests.flatMap((t) => t.flags));
for (const f of used) assert(f in notes, 'no note for flag ' + f);
const order = ['tcId', 'comment', 'flags', 'result', 'error', 'sessionKey', 'iv', 'encryptedData', 'appid', 'now', 'maxAge', 'skew', 'plaintext'];
const doc = {
  schema: SCHEMA,
  operation: 'opendata.open',
  source: 'documented examples of spec/algorithms.md section 1 and cases generated by testdata/generate/opendata_open.mjs (node:crypto, fixed seed)',
  notes: Object.fromEntries(Object.entries(notes).filter(([f]) => used.has(f))),
  numberOfTests: tests.length,
  tests: tests.map((t) => Object.fromEntries(order.filter((k) => k in t).map((k) => [k, t[k]]))),
};
writeDoc('opendata_open.json', doc);
