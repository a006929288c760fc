// Generates the signature and hash vector files with Node's standard library (node:crypto),
// an implementation independent of the Go code:
//
//   testdata/vectors/sessionsig.json       operation sessionsig        (login-state signature,
//                                           xpay user signature, checkSessionKey's empty body)
//   testdata/vectors/paysig.json           operation paysig            (xpay pay_sig)
//   testdata/vectors/opendata_rawsig.json  operation opendata.rawsig   (rawData SHA-1 signature)
//   testdata/vectors/msghash.json          operation msghash           (encrypted_msg_hash)
//   testdata/vectors/payeventsig.json      operation payeventsig       (virtual-payment push PayEventSig)
//
// Every documented value of algorithms.md sections 3, 4 and 5 is a valid case flagged
// "Documented"; the script stops if Node does not reproduce it. Generated cases cover empty,
// block-boundary, large (64 KiB) and non-ASCII bodies, and the invalid signatures an
// implementation must reject: a changed hex digit, truncation, the base64-decoded session key
// used as key, pay_sig without the '&', a re-serialised body, upper-case hex, and so on.
// Signatures of valid cases are lower-case hex, the only form a verifier accepts. Session keys
// must be 24 characters of strict base64 of 16 bytes: cases with another key are invalid
// whatever their signature. Client payment methods (requestVirtualPayment and its twins) sign
// the bare method name; server APIs sign the request path without its query string.
//
// Deterministic: every random key and body comes from SHA-256 in counter mode over a fixed
// seed, so re-running gives byte-identical files. No npm packages:
//
//   node testdata/generate/signatures.mjs
import crypto from 'node:crypto';
import { assert, b64, isSessionKey, prng, SCHEMA, writeDoc } from './lib.mjs';

// Fields of each operation, in the order they are written after tcId, comment, flags, result.
const FIELDS = {
  sessionsig: ['sessionKey', 'body', 'signature'],
  paysig: ['appKey', 'uri', 'body', 'signature'],
  'opendata.rawsig': ['rawData', 'sessionKey', 'signature'],
  msghash: ['encryptedData', 'hash'],
  payeventsig: ['appKey', 'event', 'payload', 'signature'],
};

// What each flag marks; every file carries the notes of the flags it uses. A note starts
// with its kind: "Source:" (provenance), "Input:" (what the case exercises, valid or not) or
// "Defect:" (why the case is invalid; only on invalid cases).
const NOTES = {
  Documented: 'Source: a value published in an official document or its official demo (spec/algorithms.md), reproduced before writing.',
  Generated: 'Source: generated from a fixed seed by a script under testdata/generate/ that checks each case with code independent of the library.',
  EmptyBody: 'Input: an empty message or body.',
  NonAscii: 'Input: text with non-ASCII characters, used as its UTF-8 bytes.',
  Large: 'Input: a large message (tens of KiB).',
  ClientMethod: 'Input: a client payment call: the uri is a bare method name and the body the signData string.',
  ModifiedSignature: 'Defect: a correct signature with a hex digit changed.',
  Truncated: 'Defect: a correct value with characters or words cut off.',
  Malformed: 'Defect: the signature is not hex of the right length.',
  UpperCaseHex: 'Defect: the correct signature in upper-case hex, which the platform never sends; verifiers accept lower case only.',
  DecodedKey: 'Defect: computed with the base64-decoded session key instead of its text.',
  UrlDamagedKey: 'Defect: computed with a key whose + was turned into a space by URL decoding.',
  BadSessionKey: 'Defect: the session key is not 24 characters of strict base64 of 16 bytes, refused whatever the signature.',
  Reserialised: 'Defect: the signature is of the same JSON re-serialised, not of the exact bytes.',
  WrongAlgorithm: 'Defect: computed with another hash or HMAC arrangement.',
  WrongOrder: 'Defect: the two parts of the message concatenated in the wrong order.',
  MissingAmpersand: 'Defect: computed without the "&" between its two parts.',
  MissingUri: 'Defect: computed over the body alone, without the uri or event.',
  FullUrl: 'Defect: computed over the full URL instead of the request path.',
  WrongKey: 'Defect: a key other than the one used to encrypt or sign.',
  ModifiedMessage: 'Defect: a correct signature presented for a different message.',
  UriWithQuery: 'Defect: a uri with a query string, refused whatever its signature.',
  SlashedMethod: 'Defect: a client method name written as a path (leading slash), refused whatever the signature.',
  MissingSlash: 'Defect: a server request path without its leading slash (xpay/...), refused whatever the signature.',
  MethodCase: 'Defect: a client method name in another letter case, refused whatever the signature.',
  EmptyEvent: 'Defect: an empty event, refused whatever the signature.',
  DecodedBytes: 'Defect: computed over the base64-decoded bytes instead of the text as received.',
  ChangedDigit: 'Defect: one hex digit of a correct value changed.',
  UrlDecoded: 'Defect: computed over the text after URL decoding turned its + into spaces.',
  TrailingNewline: 'Defect: computed over the text with a newline appended.',
};

// ---------------------------------------------------------------------------------------------
// Primitives

const hmacHex = (key, msg) => crypto.createHmac('sha256', key).update(msg).digest('hex');
const sha1Hex = (...parts) => parts.reduce((h, p) => h.update(p), crypto.createHash('sha1')).digest('hex');
const sha256Hex = (...parts) => parts.reduce((h, p) => h.update(p), crypto.createHash('sha256')).digest('hex');

// RFC 2104 written out over createHash, to cross-check createHmac on every case.
function rfc2104(key, msg) {
  let k = Buffer.from(key);
  if (k.length > 64) k = crypto.createHash('sha256').update(k).digest();
  const block = Buffer.alloc(64);
  k.copy(block);
  const ipad = Buffer.from(block.map((b) => b ^ 0x36));
  const opad = Buffer.from(block.map((b) => b ^ 0x5c));
  const inner = crypto.createHash('sha256').update(ipad).update(msg).digest();
  return crypto.createHash('sha256').update(opad).update(inner).digest('hex');
}

const sessionSig = (sessionKey, body) => {
  const s = hmacHex(sessionKey, body);
  assert(s === rfc2104(sessionKey, body), 'createHmac disagrees with RFC 2104');
  return s;
};
const paySig = (appKey, uri, body) => sessionSig(appKey, uri + '&' + body);
const rawSig = (rawData, sessionKey) => sha1Hex(rawData, sessionKey);
const msgHash = (encryptedData) => sha256Hex(encryptedData);

// Deterministic bytes (lib.mjs's prng) over a fixed seed.
const bytes = prng('wxcrypto signature vectors v1');
const sessionKeyFor = (label) => b64(bytes(label, 16)); // 24 characters, like code2Session's
// A printable key of n characters (AppKeys are 32-character strings).
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const printableKey = (label, n) => Array.from(bytes(label, n), (b) => ALNUM[b % ALNUM.length]).join('');
// An ASCII JSON body of exactly n bytes.
function jsonBody(label, n) {
  const shell = '{"data":""}';
  assert(n >= shell.length, 'body too short');
  const hexText = bytes(label, Math.ceil((n - shell.length) / 2)).toString('hex').slice(0, n - shell.length);
  return `{"data":"${hexText}"}`;
}

// One hex digit changed (to a different digit, same case).
function changeDigit(sig, i) {
  const c = sig[i] === '0' ? '1' : '0';
  return sig.slice(0, i) + c + sig.slice(i + 1);
}

// ---------------------------------------------------------------------------------------------
// Documented values (algorithms.md sections 3, 4, 5)

const DOC = {
  sessionKey: 'o0q0otL8aEzpcZL/FT9WsQ==',
  body: '{"foo":"bar"}',
  signature: '654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b',
};
const XPAY = {
  appKey: '12345',
  uri: '/xpay/query_user_balance',
  body: '{"openid": "xxx", "user_ip": "127.0.0.1", "env": 0}',
  paySig: 'c37809f27c6d7fd1837ad2500a04512b66b34fd793a39a385fade56dca89a4b5',
  sessionKey: '9hAb/NEYUlkaMBEsmFgzig==',
  userSig: '089d9e8dc5d308977360c4b79ec600a93d736802802a807d634192328032f6c7',
};
const RAW = {
  rawData:
    '{"nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0"}',
  sessionKey: 'HyVFkGl5F5OQWJZZaNzBBg==',
  signature: '75e81ceda165f4ffa64f4068af58c64b8f54b88c',
};
const MSG = {
  encryptedData:
    'hsSuSUsePBqSQw2rYMtf9Nvha603xX8f2BMQBcYRoJiMNwOqt/UEhrqekebG5ar0LFNAm5MD4Uz6zorRwiXJwbySJ/FEJHav4NsobBIU1PwdjbJWVQLFy7+YFkHB32OnQXWMh6ugW7Dyk2KS5BXp1f5lniKPp1KNLyNLlFlNZ2mgJCJmWvHj5AI7BLpWwoRvqRyZvVXo+9FsWqvBdxmAPA==',
  hash: '657edd868c9715a9bebe42b833269a557a48498785397a796f1568c29a200b2c',
};
assert(sessionSig(DOC.sessionKey, DOC.body) === DOC.signature, 'documented login-state signature');
assert(paySig(XPAY.appKey, XPAY.uri, XPAY.body) === XPAY.paySig, 'documented pay_sig');
assert(sessionSig(XPAY.sessionKey, XPAY.body) === XPAY.userSig, 'documented xpay user signature');
assert(rawSig(RAW.rawData, RAW.sessionKey) === RAW.signature, 'documented rawData signature');
assert(msgHash(MSG.encryptedData) === MSG.hash, 'documented encrypted_msg_hash');

// The signData of algorithms.md section 5 (the wx.requestVirtualPayment page's example).
const SIGN_DATA = '{"offerId":"123","buyQuantity":1,"env":0,"currencyType":"CNY","productId":"testproductId","goodsPrice":10,"outTradeNo":"xxxxxx","attach":"testdata"}';

const decodedKey = (sessionKey) => Buffer.from(sessionKey, 'base64');
const NON_ASCII_BODY = '{"nickName":"张三","city":"广州","note":"café ☕ 😀"}';
const LARGE = 64 * 1024;

// ---------------------------------------------------------------------------------------------
// Writer: fixed key order, 2-space indentation, flags on one line, final newline.

function writeVectors(fileName, operation, source, cases, check) {
  const fields = FIELDS[operation];
  assert(fields, 'unknown operation ' + operation);
  assert(!source.includes('\n'), 'source must be one line');
  const tests = cases.map((c, i) => {
    const t = { tcId: i + 1, comment: c.comment, flags: c.flags, result: c.result };
    assert(typeof t.comment === 'string' && t.comment !== '' && !t.comment.includes('\n'), `tcId ${t.tcId}: comment`);
    assert(Array.isArray(t.flags) && t.flags.every((f) => typeof f === 'string' && /^[A-Za-z0-9]+$/.test(f)), `tcId ${t.tcId}: flags`);
    assert(t.result === 'valid' || t.result === 'invalid', `tcId ${t.tcId}: result`);
    for (const k of Object.keys(c)) {
      assert(['comment', 'flags', 'result', ...fields].includes(k), `tcId ${t.tcId}: unknown field ${k}`);
    }
    for (const f of fields) {
      assert(typeof c[f] === 'string', `tcId ${t.tcId}: field ${f} missing`);
      assert(Buffer.from(c[f], 'utf8').toString('utf8') === c[f], `tcId ${t.tcId}: field ${f} is not UTF-8 safe`);
      t[f] = c[f];
    }
    check(t);
    return t;
  });
  const comments = new Set();
  for (const t of tests) {
    assert(!comments.has(t.comment), `tcId ${t.tcId}: duplicate comment "${t.comment}"`);
    comments.add(t.comment);
  }
  const used = [...new Set(tests.flatMap((t) => t.flags))].sort();
  const notes = {};
  for (const f of used) {
    assert(NOTES[f], `flag ${f} has no note`);
    assert(!NOTES[f].startsWith('Defect: ') || tests.every((t) => t.result === 'invalid' || !t.flags.includes(f)), `Defect flag ${f} on a valid case`);
    notes[f] = NOTES[f];
  }
  writeDoc(fileName, { schema: SCHEMA, operation, source, notes, numberOfTests: tests.length, tests });
}

// A valid signature case must carry exactly the lower-case signature and pass the input rules;
// an invalid one must break a rule or carry a signature other than the computed one.
function checkSignature(t, want, inputOK = true) {
  if (t.result === 'valid') {
    assert(inputOK, `tcId ${t.tcId}: valid case breaks an input rule`);
    assert(t.signature === want, `tcId ${t.tcId}: valid case does not carry the computed signature`);
    assert(/^[0-9a-f]+$/.test(t.signature), `tcId ${t.tcId}: valid signature is not lower-case hex`);
  } else {
    assert(!inputOK || t.signature !== want, `tcId ${t.tcId}: invalid case carries the right signature`);
  }
}

// The uri rule: a client method name, or a request path (one leading '/', printable ASCII
// without space, '?' or '#', at most 1024 bytes).
const METHODS = ['requestVirtualPayment', 'requestMidasPaymentGameItem', 'requestCommonPayment'];
function uriOK(u) {
  if (METHODS.includes(u)) return true;
  if (u.length > 1024 || !u.startsWith('/') || u.startsWith('//')) return false;
  if (METHODS.some((m) => u.slice(1).toLowerCase() === m.toLowerCase())) return false;
  return /^[!-~]+$/.test(u) && !/[?#]/.test(u);
}
const eventOK = (e) => e !== '' && e.length <= 1024 && !/[&?/ \t\r\n]/.test(e);

// Session keys that are not what code2Session hands out, from a valid key holding a '+'.
function badSessionKeys(key) {
  assert(isSessionKey(key) && key.includes('+'), 'badSessionKeys wants a valid key with a +');
  const raw = Buffer.from(key, 'base64');
  const list = [
    ["whose '+' became a space", ['UrlDamagedKey', 'BadSessionKey'], key.replaceAll('+', ' ')],
    ['without its == padding', ['BadSessionKey'], key.slice(0, 22)],
    ['in the URL-safe alphabet', ['BadSessionKey'], key.replaceAll('+', '-').replaceAll('/', '_')],
    ['with a trailing newline', ['BadSessionKey'], key + '\n'],
    ['with non-zero unused bits', ['BadSessionKey'], key.slice(0, 21) + ALNUM[(ALNUM.indexOf(key[21]) + 1) % 52] + '=='],
    ['of 32 bytes (44 characters)', ['BadSessionKey'], b64(Buffer.concat([raw, raw]))],
    ['of 12 bytes (16 characters)', ['BadSessionKey'], b64(raw.subarray(0, 12))],
    ['that is empty', ['BadSessionKey'], ''],
  ];
  for (const [, , k] of list) assert(!isSessionKey(k), `session key ${JSON.stringify(k)} should be refused`);
  return list;
}

const valid = (comment, flags, fields) => ({ comment, flags, result: 'valid', ...fields });
const invalid = (comment, flags, fields) => ({ comment, flags, result: 'invalid', ...fields });

// ---------------------------------------------------------------------------------------------
// sessionsig

{
  // A session key whose text holds both '+' and '/' (the characters URL transport damages).
  let plusSlashKey;
  for (let i = 0; !plusSlashKey; i++) {
    const k = sessionKeyFor(`sessionsig/plus-slash/${i}`);
    if (k.includes('+') && k.includes('/')) plusSlashKey = k;
  }
  const k1 = sessionKeyFor('sessionsig/key1');
  const k2 = sessionKeyFor('sessionsig/key2');
  const large = jsonBody('sessionsig/large', LARGE);
  const sig = sessionSig;
  const docSig = DOC.signature;
  const cases = [
    valid('documented login-state signature', ['Documented'], { sessionKey: DOC.sessionKey, body: DOC.body, signature: docSig }),
    valid('documented xpay user signature (body with spaces)', ['Documented'], {
      sessionKey: XPAY.sessionKey, body: XPAY.body, signature: XPAY.userSig,
    }),
    valid('GET / checkSessionKey form: empty body, documented key', ['EmptyBody'], {
      sessionKey: DOC.sessionKey, body: '', signature: sig(DOC.sessionKey, ''),
    }),
    valid('GET / checkSessionKey form: empty body, generated key', ['EmptyBody'], {
      sessionKey: k1, body: '', signature: sig(k1, ''),
    }),
    valid('session key containing + and /', ['Generated'], { sessionKey: plusSlashKey, body: DOC.body, signature: sig(plusSlashKey, DOC.body) }),
    valid('non-ASCII body (UTF-8 bytes signed)', ['Generated', 'NonAscii'], {
      sessionKey: k1, body: NON_ASCII_BODY, signature: sig(k1, NON_ASCII_BODY),
    }),
    valid('body with a trailing newline, signed as sent', ['Generated'], {
      sessionKey: k2, body: DOC.body + '\n', signature: sig(k2, DOC.body + '\n'),
    }),
    ...[55, 56, 63, 64, 65, 119, 1000].map((n) => {
      const body = jsonBody(`sessionsig/len${n}`, n);
      return valid(`${n}-byte body`, ['Generated'], { sessionKey: k2, body, signature: sig(k2, body) });
    }),
    valid('64 KiB body', ['Generated', 'Large'], { sessionKey: k1, body: large, signature: sig(k1, large) }),
    invalid('documented case, first hex digit changed', ['ModifiedSignature'], {
      sessionKey: DOC.sessionKey, body: DOC.body, signature: changeDigit(docSig, 0),
    }),
    invalid('documented case, last hex digit changed', ['ModifiedSignature'], {
      sessionKey: DOC.sessionKey, body: DOC.body, signature: changeDigit(docSig, 63),
    }),
    invalid('documented case, truncated to 63 digits', ['Truncated'], {
      sessionKey: DOC.sessionKey, body: DOC.body, signature: docSig.slice(0, 63),
    }),
    invalid('documented case, truncated to 32 digits', ['Truncated'], {
      sessionKey: DOC.sessionKey, body: DOC.body, signature: docSig.slice(0, 32),
    }),
    invalid('empty signature', ['Malformed'], { sessionKey: DOC.sessionKey, body: DOC.body, signature: '' }),
    invalid('signature with a trailing newline', ['Malformed'], {
      sessionKey: DOC.sessionKey, body: DOC.body, signature: docSig + '\n',
    }),
    invalid('signature in base64 instead of hex', ['Malformed'], {
      sessionKey: DOC.sessionKey, body: DOC.body, signature: b64(Buffer.from(docSig, 'hex')),
    }),
    invalid('signed with the base64-decoded session key', ['DecodedKey'], {
      sessionKey: DOC.sessionKey, body: DOC.body, signature: hmacHex(decodedKey(DOC.sessionKey), DOC.body),
    }),
    invalid('xpay user signature signed with the base64-decoded session key', ['DecodedKey'], {
      sessionKey: XPAY.sessionKey, body: XPAY.body, signature: hmacHex(decodedKey(XPAY.sessionKey), XPAY.body),
    }),
    invalid('signed with + turned into a space in the session key', ['UrlDamagedKey'], {
      sessionKey: plusSlashKey, body: DOC.body, signature: sig(plusSlashKey.replaceAll('+', ' '), DOC.body),
    }),
    invalid('signature of the body re-serialised with spaces', ['Reserialised'], {
      sessionKey: DOC.sessionKey, body: DOC.body, signature: sig(DOC.sessionKey, '{"foo": "bar"}'),
    }),
    invalid('xpay user signature of the body re-serialised without spaces', ['Reserialised'], {
      sessionKey: XPAY.sessionKey, body: XPAY.body, signature: sig(XPAY.sessionKey, JSON.stringify(JSON.parse(XPAY.body))),
    }),
    invalid('plain sha256(sessionKey + body) instead of HMAC', ['WrongAlgorithm'], {
      sessionKey: DOC.sessionKey, body: DOC.body, signature: sha256Hex(DOC.sessionKey + DOC.body),
    }),
    invalid('HMAC with key and body swapped', ['WrongAlgorithm'], {
      sessionKey: DOC.sessionKey, body: DOC.body, signature: hmacHex(DOC.body, DOC.sessionKey),
    }),
    invalid('empty-body signature presented for a non-empty body', ['EmptyBody'], {
      sessionKey: DOC.sessionKey, body: DOC.body, signature: sig(DOC.sessionKey, ''),
    }),
    invalid('64 KiB body with its last byte dropped', ['Large'], {
      sessionKey: k1, body: large.slice(0, -1), signature: sig(k1, large),
    }),
    invalid('documented signature in upper-case hex', ['UpperCaseHex'], {
      sessionKey: DOC.sessionKey, body: DOC.body, signature: docSig.toUpperCase(),
    }),
    ...badSessionKeys(plusSlashKey).map(([comment, flags, key]) =>
      invalid(`signed under a session key ${comment}`, flags, { sessionKey: key, body: DOC.body, signature: sig(key, DOC.body) })),
  ];
  writeVectors(
    'sessionsig.json',
    'sessionsig',
    'Login-state and xpay user signatures: documented examples of algorithms.md section 5, other cases computed with Node.js crypto from a fixed seed',
    cases,
    (t) => checkSignature(t, sig(t.sessionKey, t.body), isSessionKey(t.sessionKey)),
  );
}

// ---------------------------------------------------------------------------------------------
// paysig

{
  const appKey = printableKey('paysig/appkey', 32);
  const key64 = printableKey('paysig/appkey64', 64);
  const key65 = printableKey('paysig/appkey65', 65);
  const key100 = printableKey('paysig/appkey100', 100);
  const large = jsonBody('paysig/large', LARGE);
  const orderBody = `{"openid":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","env":0,"order_id":"${bytes('paysig/order', 8).toString('hex')}"}`;
  const docPay = XPAY.paySig;
  const base = { appKey: XPAY.appKey, uri: XPAY.uri, body: XPAY.body };
  const query = '?access_token=ACCESS_TOKEN&pay_sig=PAY_SIG&signature=SIGNATURE';
  const gameSignData = JSON.stringify({ mode: 'short_series_goods', offerId: '1450000000', buyQuantity: 1, env: 0,
    currencyType: 'CNY', platform: 'android', zoneId: '1', productId: 'goods_' + bytes('paysig/goods', 4).toString('hex'),
    goodsPrice: 600, outTradeNo: bytes('paysig/trade', 12).toString('hex'), attach: '' });
  const cases = [
    valid('documented pay_sig (body with spaces)', ['Documented'], { ...base, signature: docPay }),
    valid('empty body', ['EmptyBody'], { appKey, uri: XPAY.uri, body: '', signature: paySig(appKey, XPAY.uri, '') }),
    valid('32-character AppKey, another xpay uri', ['Generated'], {
      appKey, uri: '/xpay/query_order', body: orderBody, signature: paySig(appKey, '/xpay/query_order', orderBody),
    }),
    valid('64-character AppKey (one full block)', ['Generated'], {
      appKey: key64, uri: XPAY.uri, body: XPAY.body, signature: paySig(key64, XPAY.uri, XPAY.body),
    }),
    valid('65-character AppKey (hashed first)', ['Generated'], {
      appKey: key65, uri: XPAY.uri, body: XPAY.body, signature: paySig(key65, XPAY.uri, XPAY.body),
    }),
    valid('100-character AppKey (hashed first)', ['Generated'], {
      appKey: key100, uri: XPAY.uri, body: orderBody, signature: paySig(key100, XPAY.uri, orderBody),
    }),
    valid('non-ASCII body', ['Generated', 'NonAscii'], {
      appKey, uri: XPAY.uri, body: NON_ASCII_BODY, signature: paySig(appKey, XPAY.uri, NON_ASCII_BODY),
    }),
    valid('64 KiB body', ['Generated', 'Large'], { appKey, uri: XPAY.uri, body: large, signature: paySig(appKey, XPAY.uri, large) }),
    invalid('documented case, one hex digit changed', ['ModifiedSignature'], { ...base, signature: changeDigit(docPay, 17) }),
    invalid('documented case, truncated to 63 digits', ['Truncated'], { ...base, signature: docPay.slice(0, 63) }),
    invalid('documented case, truncated to 40 digits', ['Truncated'], { ...base, signature: docPay.slice(0, 40) }),
    invalid('computed without the & between uri and body', ['MissingAmpersand'], {
      ...base, signature: hmacHex(XPAY.appKey, XPAY.uri + XPAY.body),
    }),
    invalid('computed over the body alone', ['MissingUri'], { ...base, signature: hmacHex(XPAY.appKey, XPAY.body) }),
    invalid('computed over the full URL instead of the path', ['FullUrl'], {
      ...base, signature: hmacHex(XPAY.appKey, 'https://api.weixin.qq.com' + XPAY.uri + '&' + XPAY.body),
    }),
    invalid('computed over the body re-serialised without spaces', ['Reserialised'], {
      ...base, signature: paySig(XPAY.appKey, XPAY.uri, JSON.stringify(JSON.parse(XPAY.body))),
    }),
    invalid('the xpay user signature given as pay_sig', ['WrongKey'], { ...base, signature: XPAY.userSig }),
    invalid('computed with the session key instead of the AppKey', ['WrongKey'], {
      ...base, signature: paySig(XPAY.sessionKey, XPAY.uri, XPAY.body),
    }),
    invalid('documented pay_sig presented for another uri', ['ModifiedMessage'], {
      appKey: XPAY.appKey, uri: '/xpay/query_order', body: XPAY.body, signature: docPay,
    }),
    invalid('uri carrying a query string, signature computed over it', ['UriWithQuery'], {
      appKey: XPAY.appKey, uri: XPAY.uri + query, body: XPAY.body, signature: paySig(XPAY.appKey, XPAY.uri + query, XPAY.body),
    }),
    invalid('documented pay_sig in upper-case hex', ['UpperCaseHex'], { ...base, signature: docPay.toUpperCase() }),
    // Client payment calls: the uri is the bare method name, the body the signData string.
    valid('requestVirtualPayment with the documented signData and AppKey', ['ClientMethod'], {
      appKey: XPAY.appKey, uri: 'requestVirtualPayment', body: SIGN_DATA, signature: paySig(XPAY.appKey, 'requestVirtualPayment', SIGN_DATA),
    }),
    ...METHODS.map((m) => valid(`${m} with the documented signData, 32-character AppKey`, ['ClientMethod', 'Generated'], {
      appKey, uri: m, body: SIGN_DATA, signature: paySig(appKey, m, SIGN_DATA),
    })),
    valid('requestMidasPaymentGameItem with a generated signData', ['ClientMethod', 'Generated'], {
      appKey, uri: 'requestMidasPaymentGameItem', body: gameSignData, signature: paySig(appKey, 'requestMidasPaymentGameItem', gameSignData),
    }),
    invalid('requestVirtualPayment written with a leading slash, signature computed over it', ['ClientMethod', 'SlashedMethod'], {
      appKey, uri: '/requestVirtualPayment', body: SIGN_DATA, signature: paySig(appKey, '/requestVirtualPayment', SIGN_DATA),
    }),
    invalid('requestCommonPayment written with a leading slash, signature computed over it', ['ClientMethod', 'SlashedMethod'], {
      appKey, uri: '/requestCommonPayment', body: SIGN_DATA, signature: paySig(appKey, '/requestCommonPayment', SIGN_DATA),
    }),
    invalid('server path without its leading slash, signature computed over it', ['MissingSlash'], {
      ...base, uri: 'xpay/query_user_balance', signature: paySig(XPAY.appKey, 'xpay/query_user_balance', XPAY.body),
    }),
    invalid('method name with a capital R, signature computed over it', ['ClientMethod', 'MethodCase'], {
      appKey, uri: 'RequestVirtualPayment', body: SIGN_DATA, signature: paySig(appKey, 'RequestVirtualPayment', SIGN_DATA),
    }),
    invalid('method name in lower case, signature computed over it', ['ClientMethod', 'MethodCase'], {
      appKey, uri: 'requestmidaspaymentgameitem', body: SIGN_DATA, signature: paySig(appKey, 'requestmidaspaymentgameitem', SIGN_DATA),
    }),
    invalid('method name with a query string, signature computed over it', ['ClientMethod', 'UriWithQuery'], {
      appKey, uri: 'requestVirtualPayment?env=0', body: SIGN_DATA, signature: paySig(appKey, 'requestVirtualPayment?env=0', SIGN_DATA),
    }),
    invalid('client paySig in upper-case hex', ['ClientMethod', 'UpperCaseHex'], {
      appKey, uri: 'requestVirtualPayment', body: SIGN_DATA, signature: paySig(appKey, 'requestVirtualPayment', SIGN_DATA).toUpperCase(),
    }),
    invalid('requestVirtualPayment paySig presented for requestCommonPayment', ['ClientMethod', 'ModifiedMessage'], {
      appKey, uri: 'requestCommonPayment', body: SIGN_DATA, signature: paySig(appKey, 'requestVirtualPayment', SIGN_DATA),
    }),
    invalid('client paySig computed without the method name', ['ClientMethod', 'MissingUri'], {
      appKey, uri: 'requestVirtualPayment', body: SIGN_DATA, signature: hmacHex(appKey, SIGN_DATA),
    }),
    invalid('client paySig computed over /xpay/requestVirtualPayment', ['ClientMethod', 'WrongAlgorithm'], {
      appKey, uri: 'requestVirtualPayment', body: SIGN_DATA, signature: hmacHex(appKey, '/xpay/requestVirtualPayment&' + SIGN_DATA),
    }),
    invalid('the user signature of signData given as paySig', ['ClientMethod', 'WrongKey'], {
      appKey: XPAY.appKey, uri: 'requestVirtualPayment', body: SIGN_DATA, signature: sessionSig(XPAY.sessionKey, SIGN_DATA),
    }),
    invalid('signData re-serialised with spaces after signing', ['ClientMethod', 'Reserialised'], {
      appKey, uri: 'requestVirtualPayment', body: SIGN_DATA.replaceAll(',"', ', "'), signature: paySig(appKey, 'requestVirtualPayment', SIGN_DATA),
    }),
    invalid('full URL as uri, signature computed over it', ['FullUrl'], {
      ...base, uri: 'https://api.weixin.qq.com' + XPAY.uri, signature: paySig(XPAY.appKey, 'https://api.weixin.qq.com' + XPAY.uri, XPAY.body),
    }),
  ];
  writeVectors(
    'paysig.json',
    'paysig',
    'Virtual-payment pay_sig: documented example of algorithms.md section 5, other cases computed with Node.js crypto from a fixed seed',
    cases,
    // A uri with a query string is refused whatever the signature (the uri must be a bare path).
    (t) => checkSignature(t, paySig(t.appKey, t.uri, t.body), t.appKey !== '' && uriOK(t.uri)),
  );
}

// ---------------------------------------------------------------------------------------------
// opendata.rawsig

{
  const k1 = sessionKeyFor('rawsig/key1');
  const nonAscii = '{"nickName":"张三","gender":2,"language":"zh_CN","city":"广州","province":"广东","country":"中国","avatarUrl":""}';
  const large = jsonBody('rawsig/large', LARGE);
  const docRaw = RAW.signature;
  const base = { rawData: RAW.rawData, sessionKey: RAW.sessionKey };
  const cases = [
    valid('documented rawData signature', ['Documented'], { ...base, signature: docRaw }),
    valid('empty rawData', ['EmptyBody'], { rawData: '', sessionKey: k1, signature: rawSig('', k1) }),
    valid('non-ASCII rawData (UTF-8 bytes hashed)', ['Generated', 'NonAscii'], {
      rawData: nonAscii, sessionKey: k1, signature: rawSig(nonAscii, k1),
    }),
    ...[43, 44, 63, 64].map((n) => {
      const rawData = jsonBody(`rawsig/len${n}`, n);
      return valid(`${n}-byte rawData (${n + 24} bytes hashed)`, ['Generated'], { rawData, sessionKey: k1, signature: rawSig(rawData, k1) });
    }),
    valid('64 KiB rawData', ['Generated', 'Large'], { rawData: large, sessionKey: k1, signature: rawSig(large, k1) }),
    invalid('documented case, one hex digit changed', ['ModifiedSignature'], { ...base, signature: changeDigit(docRaw, 39) }),
    invalid('documented case, truncated to 39 digits', ['Truncated'], { ...base, signature: docRaw.slice(0, 39) }),
    invalid('documented case, truncated to 20 digits', ['Truncated'], { ...base, signature: docRaw.slice(0, 20) }),
    invalid('hashed with the base64-decoded session key', ['DecodedKey'], {
      ...base, signature: sha1Hex(Buffer.from(RAW.rawData), decodedKey(RAW.sessionKey)),
    }),
    invalid('session key first, then rawData', ['WrongOrder'], { ...base, signature: sha1Hex(RAW.sessionKey, RAW.rawData) }),
    invalid('HMAC-SHA1 keyed with the session key', ['WrongAlgorithm'], {
      ...base, signature: crypto.createHmac('sha1', RAW.sessionKey).update(RAW.rawData).digest('hex'),
    }),
    invalid('SHA-256 of the same input (64 digits)', ['WrongAlgorithm'], { ...base, signature: sha256Hex(RAW.rawData, RAW.sessionKey) }),
    invalid('rawData re-serialised with spaces after the documented signature', ['Reserialised'], {
      rawData: RAW.rawData.replaceAll('","', '", "'), sessionKey: RAW.sessionKey, signature: docRaw,
    }),
    invalid('documented signature in upper-case hex', ['UpperCaseHex'], { ...base, signature: docRaw.toUpperCase() }),
    ...badSessionKeys(RAW.sessionKey.replace('H', '+')).map(([comment, flags, key]) =>
      invalid(`hashed with a session key ${comment}`, flags, { rawData: RAW.rawData, sessionKey: key, signature: rawSig(RAW.rawData, key) })),
  ];
  writeVectors(
    'opendata_rawsig.json',
    'opendata.rawsig',
    'Open-data rawData signature: documented example of algorithms.md section 3, other cases computed with Node.js crypto from a fixed seed',
    cases,
    (t) => checkSignature(t, rawSig(t.rawData, t.sessionKey), isSessionKey(t.sessionKey)),
  );
}

// ---------------------------------------------------------------------------------------------
// payeventsig: PayEventSig = hex(hmac_sha256(appKey, event + "&" + payload)).

{
  const appKey = printableKey('payeventsig/appkey', 32);
  const deliver = 'xpay_goods_deliver_notify';
  const gameDeliver = 'minigame_game_pay_goods_deliver_notify';
  const payload = JSON.stringify({ OpenId: 'oGZUI0egBJY1zhBYw2KhdUfwVJJE', OutTradeNo: 'xxxxxx', Env: 0,
    WeChatPayInfo: { MchOrderNo: bytes('payeventsig/mch', 8).toString('hex'), TransactionId: bytes('payeventsig/tx', 14).toString('hex') },
    GoodsInfo: { ProductId: 'testproductId', Quantity: 1, OrigPrice: 10, ActualPrice: 10, Attach: 'testdata' } });
  const gamePayload = JSON.stringify({ OpenId: 'oGZUI0egBJY1zhBYw2KhdUfwVJJE', Env: 0, OutTradeNo: bytes('payeventsig/trade', 12).toString('hex'),
    GoodsInfo: { ProductId: 'goods_1', Quantity: 2, ZoneId: '1', OrigPrice: 600, ActualPrice: 600, Attach: '' } });
  const large = jsonBody('payeventsig/large', LARGE);
  const ev = (e, p, k = appKey) => paySig(k, e, p);
  const s = ev(deliver, payload);
  const base = { appKey, event: deliver, payload };
  const cases = [
    valid('xpay goods delivery event', ['Generated'], { ...base, signature: s }),
    valid('mini-game goods delivery event', ['Generated'], { appKey, event: gameDeliver, payload: gamePayload, signature: ev(gameDeliver, gamePayload) }),
    valid('refund event, documented AppKey', ['Generated'], {
      appKey: XPAY.appKey, event: 'xpay_refund_notify', payload, signature: ev('xpay_refund_notify', payload, XPAY.appKey),
    }),
    valid('empty payload', ['EmptyBody'], { appKey, event: deliver, payload: '', signature: ev(deliver, '') }),
    valid('non-ASCII payload', ['Generated', 'NonAscii'], { appKey, event: deliver, payload: NON_ASCII_BODY, signature: ev(deliver, NON_ASCII_BODY) }),
    valid('65-character AppKey (hashed first)', ['Generated'], {
      appKey: printableKey('payeventsig/appkey65', 65), event: deliver, payload,
      signature: ev(deliver, payload, printableKey('payeventsig/appkey65', 65)),
    }),
    valid('64 KiB payload', ['Generated', 'Large'], { appKey, event: deliver, payload: large, signature: ev(deliver, large) }),
    invalid('one hex digit changed', ['ModifiedSignature'], { ...base, signature: changeDigit(s, 5) }),
    invalid('truncated to 63 digits', ['Truncated'], { ...base, signature: s.slice(0, 63) }),
    invalid('upper-case hex', ['UpperCaseHex'], { ...base, signature: s.toUpperCase() }),
    invalid('empty signature', ['Malformed'], { ...base, signature: '' }),
    invalid('computed without the &', ['MissingAmpersand'], { ...base, signature: hmacHex(appKey, deliver + payload) }),
    invalid('computed over the payload alone', ['MissingUri'], { ...base, signature: hmacHex(appKey, payload) }),
    invalid('payload first, then event', ['WrongOrder'], { ...base, signature: hmacHex(appKey, payload + '&' + deliver) }),
    invalid('signature of another event presented', ['ModifiedMessage'], { ...base, event: 'xpay_refund_notify', signature: s }),
    invalid('payload re-serialised with spaces after signing', ['Reserialised'], {
      ...base, payload: JSON.stringify(JSON.parse(payload), null, 1), signature: s,
    }),
    invalid('computed with another AppKey', ['WrongKey'], { ...base, signature: ev(deliver, payload, appKey.slice(1)) }),
    invalid('plain sha256(event & payload) instead of HMAC', ['WrongAlgorithm'], { ...base, signature: sha256Hex(deliver + '&' + payload) }),
    invalid('empty event, signature computed over it', ['EmptyEvent'], { appKey, event: '', payload, signature: ev('', payload) }),
  ];
  writeVectors(
    'payeventsig.json',
    'payeventsig',
    'Virtual-payment push event PayEventSig (algorithms.md section 5): cases computed with Node.js crypto from a fixed seed',
    cases,
    (t) => checkSignature(t, ev(t.event, t.payload, t.appKey), t.appKey !== '' && eventOK(t.event)),
  );
}

// ---------------------------------------------------------------------------------------------
// msghash: invalid cases carry a hash that is not hex(sha256(text)): the usual mistakes.

{
  const cases = [
    valid('documented encrypted_msg_hash', ['Documented'], MSG),
    valid('empty text', ['EmptyBody'], { encryptedData: '', hash: msgHash('') }),
    ...[16, 32, 48, 160, 400].map((n) => {
      const encryptedData = b64(bytes(`msghash/ct${n}`, n));
      return valid(`base64 text of a ${n}-byte ciphertext`, ['Generated'], { encryptedData, hash: msgHash(encryptedData) });
    }),
    valid('base64 text of a 48 KiB ciphertext (64 KiB of text)', ['Generated', 'Large'], (() => {
      const encryptedData = b64(bytes('msghash/large', 48 * 1024));
      return { encryptedData, hash: msgHash(encryptedData) };
    })()),
  ];
  // The trap this file exists for: the hash is over the text, not the decoded bytes.
  for (const c of cases) {
    if (c.encryptedData !== '') assert(sha256Hex(Buffer.from(c.encryptedData, 'base64')) !== c.hash, 'decoded-bytes hash coincides');
  }
  const text = MSG.encryptedData;
  cases.push(
    invalid('hash of the base64-decoded bytes instead of the text', ['DecodedBytes'], {
      encryptedData: text, hash: sha256Hex(Buffer.from(text, 'base64')),
    }),
    invalid('documented hash with one hex digit changed', ['ChangedDigit'], { encryptedData: text, hash: changeDigit(MSG.hash, 17) }),
    invalid('documented hash truncated to 63 digits', ['Truncated'], { encryptedData: text, hash: MSG.hash.slice(0, 63) }),
    invalid('hash of the text after a URL decode turned its + into spaces', ['UrlDecoded'], {
      encryptedData: text, hash: sha256Hex(text.replaceAll('+', ' ')),
    }),
    invalid('SHA-1 of the text', ['WrongAlgorithm'], { encryptedData: text, hash: sha1Hex(text) }),
    invalid('hash of the text with a trailing newline', ['TrailingNewline'], {
      encryptedData: text, hash: sha256Hex(text + '\n'),
    }),
  );
  writeVectors(
    'msghash.json',
    'msghash',
    'checkEncryptedData encrypted_msg_hash: documented example of algorithms.md section 4, other cases computed with Node.js crypto from a fixed seed',
    cases,
    (t) => assert((t.result === 'valid') === (t.hash === msgHash(t.encryptedData)) && (t.result === 'invalid' || /^[0-9a-f]{64}$/.test(t.hash)), `tcId ${t.tcId}: hash`),
  );
}
