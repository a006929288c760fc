// Generates opendata.decrypt and opendata.watermark vector files with Node's standard library,
// an implementation independent of the Go code. Deterministic: every key, iv and random
// plaintext comes from a SHA-256 counter-mode stream over a fixed seed.
//
//   node testdata/generate/opendata.mjs
import {
  assert, b64, checkDecryptCase, encrypt, foldName, hex, NotJSON, parseJSON, prng, SCHEMA, strictB64Decode, tryDecrypt, writeText, writeVectors,
} from './lib.mjs';

const bytes = prng('wxcrypto opendata vectors v1');
const keyIv = (label) => ({ key: bytes(label + '/key', 16), iv: bytes(label + '/iv', 16) });

// ---------------------------------------------------------------------------------------------
// a. Documented cases (algorithms.md section 1)

const DEMO_APPID = 'wx4f4bc4dec97d474b';
const DEMO_TS = 1477314187;
const DEMO = {
  sessionKey: 'tiihtNczf5v6AKRyjwEUhQ==',
  iv: 'r7BXXKkLb8qrSNn05n0qiA==',
  encryptedData:
    'CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==',
  plaintext:
    '{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0","unionId":"ocMvos6NjeKLIBqg5Mr9QjxrP1FA","watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}',
};
const PHONE_APPID = 'wxdaa2ab9ef87b5497';
const PHONE_TS = 1558787160;
const PHONE = {
  sessionKey: 'lyY4HPQbaOYzZdG+JcYK9w==',
  iv: 'Cds8j3VYoGvnTp1BrjXdJg==',
  encryptedData:
    'Kf3TdPbzEmhWMuPKtlKxIWDkijhn402w1bxoHL4kLdcKr6jT1jNcIhvDJfjXmJcgDWLjmBiIGJ5acUuSvxLws3WgAkERmtTuiCG10CKLsJiR+AXVk7B2TUQzsq88YVilDz/YAN3647REE7glGmeBPfvUmdbfDzhL9BzvEiuRhABuCYyTMz4iaM8hFjbLB1caaeoOlykYAFMWC5pZi9P8uw==',
  plaintext:
    '{"phoneNumber":"18017448610","purePhoneNumber":"18017448610","countryCode":"86","watermark":{"timestamp":1558787160,"appid":"wxdaa2ab9ef87b5497"}}',
};

{
  const tests = [
    { comment: 'official demo: user info (400-byte ciphertext, pad 7)', flags: ['Documented'], ...DEMO },
    { comment: 'public phone-number example from another SDK', flags: ['PublicExample'], ...PHONE },
  ].map((t, i) => ({ tcId: i + 1, ...t, result: 'valid' }));
  for (const t of tests) {
    const pt = tryDecrypt(Buffer.from(t.sessionKey, 'base64'), Buffer.from(t.iv, 'base64'), Buffer.from(t.encryptedData, 'base64'));
    assert(pt !== null && pt.toString('utf8') === t.plaintext, `documented tcId ${t.tcId} does not decrypt to its plaintext`);
    checkDecryptCase(t);
  }
  assert(Buffer.from(DEMO.encryptedData, 'base64').length === 400, 'demo ciphertext is 400 bytes');
  writeVectors(
    'opendata_decrypt_documented.json',
    'opendata.decrypt',
    'WeChat official open-data demo (user info) and a public phone-number example from another SDK, as listed in algorithms.md section 1',
    tests,
  );
}

// ---------------------------------------------------------------------------------------------
// b. Generated decrypt cases

{
  const tests = [];
  const add = (t) => {
    const c = { tcId: tests.length + 1, comment: t.comment, flags: ['Generated', ...t.flags], result: t.result };
    for (const f of ['sessionKey', 'iv', 'encryptedData', 'plaintext', 'plaintextHex']) if (f in t) c[f] = t[f];
    checkDecryptCase(c);
    tests.push(c);
  };
  const validCase = (label, pt, comment, flags) => {
    const { key, iv } = keyIv(label);
    const data = Buffer.isBuffer(pt) ? pt : Buffer.from(pt, 'utf8');
    const t = { comment, flags, result: 'valid', sessionKey: b64(key), iv: b64(iv), encryptedData: b64(encrypt(key, iv, data)) };
    if (Buffer.isBuffer(pt)) t.plaintextHex = hex(pt);
    else t.plaintext = pt;
    add(t);
  };
  const invalidCase = (comment, flags, sessionKey, iv, encryptedData) =>
    add({ comment, flags, result: 'invalid', sessionKey, iv, encryptedData });

  // Valid: sizes around block boundaries, pseudorandom binary plaintexts.
  for (const n of [0, 1, 15, 16, 17, 31, 32, 33, 255, 256, 4096, 100000]) {
    const comment = n === 0 ? 'empty plaintext: one block of 0x10 padding' : `pseudorandom ${n}-byte plaintext`;
    validCase(`size/${n}`, bytes(`size/${n}/pt`, n), comment, ['Binary', 'Size']);
  }
  validCase('text/empty', '', 'empty plaintext given as text', ['Size']);
  validCase('text/16', '0123456789abcdef', '16-byte ASCII plaintext: a full padding block follows', ['Size']);

  // Valid: binary plaintexts that look like padding or are not UTF-8.
  validCase('bin/all', Buffer.from([...Array(256).keys()]), 'all 256 byte values in order', ['Binary']);
  validCase('bin/notutf8', Buffer.from('fffe80c328eda080f8888080800041', 'hex'), 'bytes that are not valid UTF-8', ['Binary']);
  validCase('bin/ends01', Buffer.concat([bytes('bin/ends01/pt', 14), Buffer.from([0x01])]), '15-byte plaintext ending 0x01: last block ends 01 01', ['Binary']);
  validCase('bin/ends0202', Buffer.concat([bytes('bin/ends0202/pt', 12), Buffer.from([0x02, 0x02])]), '14-byte plaintext ending 02 02: last block ends 02 02 02 02', ['Binary']);
  validCase('bin/pad16', Buffer.alloc(16, 0x10), 'plaintext of 16 x 0x10: two blocks of 0x10 after encryption', ['Binary']);
  validCase('bin/pad15', Buffer.alloc(17, 0x0f), 'plaintext of 17 x 0x0f: 32 bytes of 0x0f after padding', ['Binary']);
  validCase('bin/zero', Buffer.alloc(16), 'plaintext of 16 zero bytes', ['Binary']);

  // Valid: non-ASCII UTF-8 text.
  validCase('utf8/zh', '微信小程序开放数据：用户信息解密测试', 'Chinese text', ['NonAscii']);
  validCase('utf8/emoji', 'emoji 😀 👍🏽 🇨🇳 👨‍👩‍👧 end', 'emoji: astral code points, skin tone, flag, ZWJ sequence', ['NonAscii']);
  validCase('utf8/seps', 'line\u2028separator\u2029paragraph\u0085next', 'U+2028, U+2029 and U+0085 characters', ['NonAscii']);
  validCase('utf8/ctrl', 'nul\u0000tab\tlf\ncr\rus\u001fdel\u007f', 'control characters including NUL', ['NonAscii']);
  validCase('utf8/bom', '\ufeff{"nickName":"Band"}', 'text starting with a byte-order mark', ['NonAscii']);
  validCase('utf8/quotes', 'quote " backslash \\ slash / \\u0041 literal', 'quote, backslash and a literal \\u escape', []);

  // Valid: JSON-looking payloads.
  const userInfo = (nick, extra = '') =>
    `{"openId":"oQv5g5Xm3kR2yVb8sJ9tLp0aZc1E","nickName":${JSON.stringify(nick)},"gender":2,"language":"zh_CN","city":"深圳","province":"广东","country":"中国","avatarUrl":"https://thirdwx.qlogo.cn/mmopen/vi_32/Q0j4TwGTfTK/132",${extra}"watermark":{"timestamp":1700000000,"appid":"${DEMO_APPID}"}}`;
  validCase('json/user', userInfo('小明🐼'), 'user info JSON with Chinese and emoji nickname', ['NonAscii', 'Json']);
  validCase('json/escaped', userInfo('\\u5c0f\\u660e', '"is_demote":true,'), 'user info JSON with \\u-escaped nickname and an extra field', ['Json']);
  validCase('json/phone', '{"phoneNumber":"+86 138-0013-8000","purePhoneNumber":"13800138000","countryCode":"86","watermark":{"timestamp":1700000000,"appid":"wx4f4bc4dec97d474b"}}', 'phone-number JSON', ['Json']);
  validCase('json/share', '{"openGId":"tG5xPbZ8n2rQ4kW7mY1vC3hJ6sD9","watermark":{"appid":"wx4f4bc4dec97d474b","timestamp":1700000000}}', 'group share info JSON', ['Json']);
  validCase('json/pretty', JSON.stringify(JSON.parse(userInfo('Band')), null, 2) + '\n', 'pretty-printed user info JSON with a final newline', ['Json', 'NonAscii']);
  validCase('json/big', JSON.stringify({ items: Array.from({ length: 300 }, (_, i) => ({ id: i, name: `名字${i}` })), watermark: { timestamp: 1700000000, appid: DEMO_APPID } }), 'JSON with 300 array items', ['Json', 'NonAscii']);

  // Invalid: session key sizes. Each ciphertext is what a lax decoder would accept.
  {
    const { iv } = keyIv('keysize');
    const pt = Buffer.from('{"watermark":{"appid":"wx4f4bc4dec97d474b","timestamp":1700000000}}');
    const k0 = Buffer.alloc(0);
    invalidCase('session key decodes to 0 bytes; ciphertext made with a zero key', ['KeySize'], b64(k0), b64(iv), b64(encrypt(Buffer.alloc(16), iv, pt)));
    const k15 = bytes('keysize/15', 15);
    invalidCase('15-byte session key; ciphertext made with the key plus one zero byte', ['KeySize'], b64(k15), b64(iv), b64(encrypt(Buffer.concat([k15, Buffer.alloc(1)]), iv, pt)));
    const k17 = bytes('keysize/17', 17);
    invalidCase('17-byte session key; ciphertext made with its first 16 bytes', ['KeySize'], b64(k17), b64(iv), b64(encrypt(k17.subarray(0, 16), iv, pt)));
    const k24 = bytes('keysize/24', 24);
    invalidCase('24-byte session key; valid AES-192-CBC ciphertext', ['KeySize'], b64(k24), b64(iv), b64(encrypt(k24, iv, pt)));
    const k32 = bytes('keysize/32', 32);
    invalidCase('32-byte session key; valid AES-256-CBC ciphertext', ['KeySize'], b64(k32), b64(iv), b64(encrypt(k32, iv, pt)));
  }

  // Reference ciphertexts whose base64 holds the characters the next cases need.
  const findRef = (label, ptLen, want) => {
    for (let i = 0; ; i++) {
      const l = `${label}/${i}`;
      const { key, iv } = keyIv(l);
      const ct = encrypt(key, iv, bytes(l + '/pt', ptLen));
      const r = { key: b64(key), iv: b64(iv), ct: b64(ct) };
      if (want(r)) return r;
    }
  };
  const hasPlusSlash = (s) => s.includes('+') && s.includes('/');

  // Invalid: session key not base64.
  {
    const r = findRef('keyb64', 20, (r) => /^[A-Za-z0-9]{4}/.test(r.key));
    invalidCase("session key with '*' in place of its third character", ['Base64'], r.key.slice(0, 2) + '*' + r.key.slice(3), r.iv, r.ct);
    invalidCase("session key without its '==' padding", ['Base64'], r.key.replace(/=+$/, ''), r.iv, r.ct);
  }

  // Invalid: iv sizes and iv not base64.
  {
    const { key } = keyIv('ivsize');
    const pt = Buffer.from('{"watermark":{"appid":"wx4f4bc4dec97d474b","timestamp":1700000000}}');
    invalidCase('iv decodes to 0 bytes; ciphertext made with a zero iv', ['IvSize'], b64(key), '', b64(encrypt(key, Buffer.alloc(16), pt)));
    const v15 = bytes('ivsize/15', 15);
    invalidCase('15-byte iv; ciphertext made with the iv plus one zero byte', ['IvSize'], b64(key), b64(v15), b64(encrypt(key, Buffer.concat([v15, Buffer.alloc(1)]), pt)));
    const v17 = bytes('ivsize/17', 17);
    invalidCase('17-byte iv; ciphertext made with its first 16 bytes', ['IvSize'], b64(key), b64(v17), b64(encrypt(key, v17.subarray(0, 16), pt)));
    const r = findRef('ivb64', 20, (r) => /^[A-Za-z0-9]{4}/.test(r.iv));
    invalidCase("iv with '!' in place of its second character", ['Base64'], r.key, r.iv[0] + '!' + r.iv.slice(2), r.ct);
  }

  // Invalid: ciphertext sizes.
  {
    const r = findRef('ctsize', 10, () => true);
    const ct = Buffer.from(r.ct, 'base64');
    assert(ct.length === 16, 'one-block reference');
    invalidCase('empty encryptedData', ['CiphertextSize'], r.key, r.iv, '');
    invalidCase('1-byte ciphertext', ['CiphertextSize'], r.key, r.iv, b64(ct.subarray(0, 1)));
    invalidCase('15-byte ciphertext: a valid block minus its last byte', ['CiphertextSize'], r.key, r.iv, b64(ct.subarray(0, 15)));
    invalidCase('17-byte ciphertext: a valid block plus one byte', ['CiphertextSize'], r.key, r.iv, b64(Buffer.concat([ct, bytes('ctsize/extra', 1)])));
  }

  // Invalid: encryptedData that is not strict standard base64 (each would decode to a valid
  // ciphertext under a lenient decoder).
  {
    const r1 = findRef('ctb64/one', 20, (r) => r.ct.endsWith('=') && !r.ct.endsWith('==') && hasPlusSlash(r.ct)); // 32 bytes
    const r2 = findRef('ctb64/two', 10, (r) => r.ct.endsWith('==') && r.ct.includes('+')); // 16 bytes
    const rl = findRef('ctb64/long', 70, (r) => r.ct.length > 80); // 80 bytes, 108 chars
    const at = r1.ct.search(/[A-Za-z0-9]/);
    invalidCase("encryptedData with '*' in place of one character", ['Base64'], r1.key, r1.iv, r1.ct.slice(0, at) + '*' + r1.ct.slice(at + 1));
    invalidCase("encryptedData with one '=' of its two padding characters missing", ['Base64'], r2.key, r2.iv, r2.ct.slice(0, -1));
    invalidCase("encryptedData with an extra '=' appended", ['Base64'], r1.key, r1.iv, r1.ct + '=');
    invalidCase('encryptedData without padding (unpadded base64)', ['Base64'], r1.key, r1.iv, r1.ct.replace(/=+$/, ''));
    invalidCase("encryptedData in the URL-safe alphabet ('-' and '_')", ['Base64'], r1.key, r1.iv, r1.ct.replaceAll('+', '-').replaceAll('/', '_'));
    invalidCase("encryptedData with '+' turned into a space, as by URL or form decoding", ['Base64'], r1.key, r1.iv, r1.ct.replaceAll('+', ' '));
    invalidCase("encryptedData with '+' turned into a space (two-block ciphertext)", ['Base64'], r2.key, r2.iv, r2.ct.replaceAll('+', ' '));
    invalidCase('encryptedData with a newline after 76 characters', ['Base64'], rl.key, rl.iv, rl.ct.slice(0, 76) + '\n' + rl.ct.slice(76));
    invalidCase('encryptedData with a trailing newline', ['Base64'], r2.key, r2.iv, r2.ct + '\n');
    // Each of these must decode, leniently, to the reference ciphertext or fail; strictly, fail.
    for (const t of tests.slice(-9)) assert(strictB64Decode(t.encryptedData) === null, 'strictly invalid base64');
  }

  // Invalid: wrong key or iv (node confirms the padding check fails).
  {
    const pt = Buffer.from(userInfo('Band'));
    for (let i = 0; ; i++) {
      const { key, iv } = keyIv(`wrongkey/${i}`);
      const other = bytes(`wrongkey/${i}/other`, 16);
      const ct = encrypt(key, iv, pt);
      if (tryDecrypt(other, iv, ct) !== null) continue;
      invalidCase('session key differs from the one used to encrypt', ['WrongKey'], b64(other), b64(iv), b64(ct));
      break;
    }
    for (let i = 0; ; i++) {
      const other = bytes(`wrongkey/demo/${i}`, 16);
      if (tryDecrypt(other, Buffer.from(DEMO.iv, 'base64'), Buffer.from(DEMO.encryptedData, 'base64')) !== null) continue;
      invalidCase('official demo data with a different session key, as after a later login', ['WrongKey'], b64(other), DEMO.iv, DEMO.encryptedData);
      break;
    }
    for (let i = 0; ; i++) {
      const { key, iv } = keyIv(`wrongiv/${i}`);
      const other = bytes(`wrongiv/${i}/other`, 16);
      const ct = encrypt(key, iv, Buffer.from('{"a":1}'));
      if (tryDecrypt(key, other, ct) !== null) continue;
      invalidCase('one-block ciphertext with an iv differing from the one used to encrypt', ['WrongIv'], b64(key), b64(other), b64(ct));
      break;
    }
  }

  // Invalid: bad padding shapes, made by encrypting chosen raw blocks without padding.
  {
    const raw = (label, padBytes, total) => {
      const { key, iv } = keyIv(`pad/${label}`);
      const data = Buffer.concat([bytes(`pad/${label}/pt`, total - padBytes.length), Buffer.from(padBytes)]);
      assert(data.length === total && total % 16 === 0, 'raw size');
      return { key: b64(key), iv: b64(iv), ct: b64(encrypt(key, iv, data, false)) };
    };
    const bad = (label, comment, padBytes, total) => {
      const r = raw(label, padBytes, total);
      invalidCase(comment, ['BadPadding'], r.key, r.iv, r.ct);
    };
    const run = (n, b) => Array(n).fill(b);
    bad('zero', 'last byte 0x00 (pad 0)', [0x00], 16);
    bad('17', 'pad 17: last 17 bytes all 0x11 in a 32-byte plaintext', run(17, 0x11), 32);
    bad('17one', 'one block of 16 x 0x11: pad 17 larger than the data', run(16, 0x11), 16);
    bad('32', 'pad 32: last 32 bytes all 0x20 in a 48-byte plaintext', run(32, 0x20), 48);
    bad('ff', 'last byte 0xff in a one-block ciphertext', [0xff], 16);
    bad('ff255', 'pad 0xff: last 255 bytes all 0xff in a 256-byte plaintext', run(255, 0xff), 256);
    bad('big', 'last byte 0x40, larger than the 32-byte data', [0x40], 32);
    bad('4a', 'last byte 0x04, byte before it 0x05', [0x05, 0x04], 16);
    bad('4b', 'last bytes 03 04 04: 0x04 padding with the third byte from the end differing', [0x03, 0x04, 0x04], 16);
    bad('4c', 'last bytes 00 04 04 04: 0x04 padding with the fourth byte from the end differing', [0x00, 0x04, 0x04, 0x04], 32);
    bad('16first', 'last block 0x11 then 15 x 0x10: pad 16 with its first byte differing', [0x11, ...run(15, 0x10)], 32);
    bad('16mid', 'last block 16 x 0x10 except 0x00 at its ninth byte', [...run(8, 0x10), 0x00, ...run(7, 0x10)], 32);
    bad('16only', 'one block of 0x0f then 15 x 0x10: pad 16 with its first byte differing', [0x0f, ...run(15, 0x10)], 16);
  }

  writeVectors(
    'opendata_decrypt_generated.json',
    'opendata.decrypt',
    'generated with Node.js node:crypto AES-128-CBC from a fixed seed by testdata/generate/opendata.mjs',
    tests,
  );
}

// ---------------------------------------------------------------------------------------------
// c. Watermark cases, judged by our own checker of the strict rule (algorithms.md section 2).

// The plaintext is read with lib.mjs's strict JSON reader, which keeps each number's source
// text and every member in order, duplicates included (JSON.parse keeps the last).

// Names match under lib.mjs's foldName. Each JavaScript lower/upper mapping of a non-ASCII letter
// to ASCII is a candidate fold; only the long s and the Kelvin sign, which foldName maps, are
// simple folds (U+0130 and U+0131 map to i only by special casing).
for (let cp = 0x80; cp <= 0x10ffff; cp++) {
  const c = String.fromCodePoint(cp);
  for (const m of [c.toLowerCase(), c.toUpperCase()]) {
    if (m.length === 1 && /[a-z]/i.test(m) && foldName(c) === c) {
      assert(cp === 0x130 || cp === 0x131, `unexpected case mapping U+${cp.toString(16)} -> ${m}`);
    }
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// members of an object named exactly `name`, and whether another name folds to it.
function lookup(obj, name) {
  const exact = obj.members.filter(([k]) => k === name).map(([, v]) => v);
  const folded = obj.members.some(([k]) => k !== name && foldName(k) === name);
  return { exact, folded };
}

// The verdict of the rule: { valid } or { error } with the class the library must report
// ('watermark', 'appid', 'expired', 'future'), or { error: null } when two classes apply.
function watermarkVerdict({ plaintext, appid, now, maxAge, skew }) {
  let v;
  let ours = true;
  try { v = parseJSON(plaintext); } catch (e) { if (!(e instanceof NotJSON)) throw e; ours = false; }
  let theirs = true;
  try { JSON.parse(plaintext); } catch { theirs = false; }
  assert(ours === theirs, 'JSON parsers disagree on ' + JSON.stringify(plaintext));
  const malformed = { error: 'watermark' };
  if (!ours || !v.members) return malformed;
  const top = lookup(v, 'watermark');
  if (top.exact.length !== 1 || top.folded || !top.exact[0].members) return malformed;
  const wm = top.exact[0];
  const a = lookup(wm, 'appid');
  const ts = lookup(wm, 'timestamp');
  if (a.exact.length !== 1 || a.folded || ts.exact.length !== 1 || ts.folded) return malformed;
  const [av] = a.exact;
  const [tv] = ts.exact;
  if (!('str' in av) || !av.str.isWellFormed()) return malformed;
  if (!('num' in tv) || !/^-?(?:0|[1-9][0-9]*)$/.test(tv.num)) return malformed;
  const t = BigInt(tv.num);
  if (t < INT64_MIN || t > INT64_MAX) return malformed;
  // Where the rule accepts, every parser reads this watermark: JSON.parse (last duplicate wins)
  // agrees.
  const jp = JSON.parse(plaintext).watermark;
  assert(jp.appid === av.str && (Math.abs(Number(t)) > 2 ** 53 || BigInt(jp.timestamp) === t), 'JSON.parse reads another watermark');
  const classes = [];
  if (av.str !== appid) classes.push('appid');
  if (t < BigInt(now) - BigInt(maxAge)) classes.push('expired');
  if (t > BigInt(now) + BigInt(skew)) classes.push('future');
  if (classes.length === 0) return { valid: true };
  return { error: classes.length === 1 ? classes[0] : null };
}

// The flags this file adds to testdata/generate/notes.mjs's table.
const WATERMARK_NOTES = {
  AppId: 'Input: the appid check: its value, type or presence.',
  Documented: 'Source: a value published in an official document or its official demo (spec/algorithms.md), reproduced before writing.',
  Duplicate: 'Defect: watermark, appid or timestamp appears twice at its level, which parsers read differently.',
  Escape: 'Input: member names or the appid written with \\u escapes, compared after unescaping.',
  Extra: 'Input: members the check does not read, which must be ignored.',
  FoldedName: 'Input: a member name equal to watermark, appid or timestamp under Unicode simple case folding (long s and Kelvin sign included), or almost so; a folded copy makes the watermark malformed.',
  Freshness: 'Input: the timestamp against the window now - maxAge <= timestamp <= now + skew, at or past its bounds or in the wrong unit.',
  Generated: 'Source: generated from a fixed seed by a script under testdata/generate/ that checks each case with code independent of the library.',
  Int64: 'Input: integers at or beyond the int64 limits, in the timestamp or in now, maxAge and skew, where the window bounds overflow 64 bits.',
  Json: 'Input: the JSON shape of the plaintext (valid or not).',
  Nested: 'Input: objects nested below the level the check reads, which must not be read.',
  NonAscii: 'Input: text with non-ASCII characters, used as its UTF-8 bytes.',
  PublicExample: 'Source: a public example from another SDK\'s tests, not an official document.',
  Timestamp: 'Input: the timestamp\'s presence, type or range.',
  Watermark: 'Input: the presence and shape of the watermark object.',
  Whitespace: 'Input: JSON white space around and between tokens, which must be allowed.',
};

// Writes the watermark file: the layout of lib.mjs's writer, with notes, numberOfTests and the
// error word, and now/maxAge/skew given as BigInt written as exact JSON integers.
function writeWatermarkVectors(fileName, source, tests) {
  const fields = ['plaintext', 'appid', 'now', 'maxAge', 'skew'];
  const used = [...new Set(tests.flatMap((t) => t.flags))].sort();
  const notes = Object.fromEntries(used.map((f) => {
    assert(f in WATERMARK_NOTES, 'flag without a note: ' + f);
    return [f, WATERMARK_NOTES[f]];
  }));
  const ordered = tests.map((t, i) => {
    assert(t.tcId === i + 1, 'tcIds run 1..N');
    assert(t.plaintext.isWellFormed() && t.appid.isWellFormed(), `tcId ${t.tcId}: unpaired surrogate`);
    const o = { tcId: t.tcId, comment: t.comment, flags: t.flags, result: t.result };
    if ('error' in t) o.error = t.error;
    for (const f of fields) o[f] = typeof t[f] === 'bigint' ? `@int:${t[f]}@` : t[f];
    return o;
  });
  const doc = { schema: SCHEMA, operation: 'opendata.watermark', source, notes, numberOfTests: ordered.length, tests: ordered };
  const text = JSON.stringify(doc, null, 2)
    .replace(/\n( *)"flags": \[([^\]]*)\]/g, (_, indent, inner) => `\n${indent}"flags": [${inner.split(',').map((s) => s.trim()).filter((s) => s !== '').join(', ')}]`)
    .replace(/"@int:(-?[0-9]+)@"/g, '$1') + '\n';
  // The integers survive: every now/maxAge/skew reads back exactly.
  const back = [...text.matchAll(/"(now|maxAge|skew)": (-?[0-9]+)/g)].map((m) => BigInt(m[2]));
  assert(back.join() === tests.flatMap((t) => fields.slice(2).map((f) => BigInt(t[f]))).join(), 'integers changed');
  writeText(fileName, text, ordered);
}

{
  const tests = [];
  const MAX_AGE = 300;
  const SKEW = 60;
  const add = (comment, flags, result, plaintext, { appid = DEMO_APPID, now = DEMO_TS, maxAge = MAX_AGE, skew = SKEW } = {}) => {
    const t = { tcId: tests.length + 1, comment, flags: ['Generated', ...flags], result, plaintext, appid, now, maxAge, skew };
    for (const f of ['now', 'maxAge', 'skew']) {
      const n = BigInt(t[f]);
      assert(INT64_MIN <= n && n <= INT64_MAX && (f === 'now' || n >= 0n), f);
      if (typeof t[f] === 'number') assert(Number.isSafeInteger(t[f]), f);
    }
    const v = watermarkVerdict(t);
    assert(('valid' in v) === (result === 'valid'), `watermark tcId ${t.tcId} (${comment}): checker says ${'valid' in v ? 'valid' : 'invalid'}`);
    if (v.error) t.error = v.error;
    if (result === 'invalid') assert(!flags.includes('Duplicate') || v.error === 'watermark', `tcId ${t.tcId}: Duplicate must be a watermark error`);
    else assert(!flags.includes('Duplicate'), 'Duplicate on a valid case');
    tests.push(t);
  };
  const wm = (inner, before = '"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE",') => `{${before}"watermark":{${inner}}}`;
  const good = `"appid":"${DEMO_APPID}","timestamp":${DEMO_TS}`;

  // Documented plaintexts and freshness boundaries.
  add('official demo plaintext, now equals its timestamp', ['Documented'], 'valid', DEMO.plaintext);
  add('timestamp exactly now - maxAge', ['Freshness'], 'valid', DEMO.plaintext, { now: DEMO_TS + MAX_AGE });
  add('timestamp one second older than now - maxAge', ['Freshness'], 'invalid', DEMO.plaintext, { now: DEMO_TS + MAX_AGE + 1 });
  add('timestamp exactly now + skew', ['Freshness'], 'valid', DEMO.plaintext, { now: DEMO_TS - SKEW });
  add('timestamp one second past now + skew', ['Freshness'], 'invalid', DEMO.plaintext, { now: DEMO_TS - SKEW - 1 });
  add('maxAge 0 and skew 0, timestamp equals now', ['Freshness'], 'valid', DEMO.plaintext, { maxAge: 0, skew: 0 });
  add('maxAge 0 and skew 0, timestamp one second old', ['Freshness'], 'invalid', DEMO.plaintext, { now: DEMO_TS + 1, maxAge: 0, skew: 0 });
  add('maxAge 0 and skew 0, timestamp one second ahead', ['Freshness'], 'invalid', DEMO.plaintext, { now: DEMO_TS - 1, maxAge: 0, skew: 0 });
  add('maxAge 0, skew 60, timestamp 60 seconds ahead', ['Freshness'], 'valid', DEMO.plaintext, { now: DEMO_TS - 60, maxAge: 0 });
  add('demo plaintext checked years later with maxAge 300', ['Freshness'], 'invalid', DEMO.plaintext, { now: 1700000000 });
  add('demo plaintext checked years later with maxAge 300000000', ['Freshness'], 'valid', DEMO.plaintext, { now: 1700000000, maxAge: 300000000 });
  add('timestamp in milliseconds', ['Freshness'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":${DEMO_TS}000`));
  add('phone-number example with its own appid', ['PublicExample'], 'valid', PHONE.plaintext, { appid: PHONE_APPID, now: PHONE_TS });
  add('phone-number example checked against the demo appid', ['PublicExample', 'AppId'], 'invalid', PHONE.plaintext, { now: PHONE_TS });

  // appid.
  add('official demo plaintext checked against another appid', ['AppId'], 'invalid', DEMO.plaintext, { appid: PHONE_APPID });
  add('empty appid in the data', ['AppId'], 'invalid', wm(`"appid":"","timestamp":${DEMO_TS}`));
  add('appid in the data in upper case', ['AppId'], 'invalid', wm(`"appid":"${DEMO_APPID.toUpperCase()}","timestamp":${DEMO_TS}`));
  add('appid in the data with a trailing space', ['AppId'], 'invalid', wm(`"appid":"${DEMO_APPID} ","timestamp":${DEMO_TS}`));
  add('appid in the data is a prefix of the expected one', ['AppId'], 'invalid', wm(`"appid":"${DEMO_APPID.slice(0, -1)}","timestamp":${DEMO_TS}`));
  add('appid written with \\u escapes', ['AppId', 'Escape'], 'valid', wm(`"appid":"\\u0077\\u0078${DEMO_APPID.slice(2)}","timestamp":${DEMO_TS}`));
  add('appid is a number', ['AppId'], 'invalid', wm(`"appid":4,"timestamp":${DEMO_TS}`));
  add('appid is null', ['AppId'], 'invalid', wm(`"appid":null,"timestamp":${DEMO_TS}`));
  add('appid is an array holding the appid', ['AppId'], 'invalid', wm(`"appid":["${DEMO_APPID}"],"timestamp":${DEMO_TS}`));
  add('watermark without appid', ['AppId'], 'invalid', wm(`"timestamp":${DEMO_TS}`));

  // timestamp.
  add('watermark without timestamp', ['Timestamp'], 'invalid', wm(`"appid":"${DEMO_APPID}"`));
  add('timestamp is a string', ['Timestamp'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":"${DEMO_TS}"`));
  add('timestamp is null', ['Timestamp'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":null`));
  add('timestamp is 1.5', ['Timestamp'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":1.5`), { now: 1, maxAge: 10 });
  add('timestamp written with a fraction .0', ['Timestamp'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":${DEMO_TS}.0`));
  add('timestamp written in exponent form', ['Timestamp'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":1.477314187e9`));
  add('timestamp is true', ['Timestamp'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":true`));
  add('timestamp with a leading zero (not JSON)', ['Timestamp', 'Json'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":0${DEMO_TS}`));
  add('timestamp larger than a 64-bit integer', ['Timestamp'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":99999999999999999999`));

  // watermark object.
  add('no watermark', ['Watermark'], 'invalid', '{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","nickName":"Band"}');
  add('watermark is a string', ['Watermark'], 'invalid', `{"watermark":"{\\"appid\\":\\"${DEMO_APPID}\\",\\"timestamp\\":${DEMO_TS}}"}`);
  add('watermark is an array', ['Watermark'], 'invalid', `{"watermark":[{${good}}]}`);
  add('watermark is null', ['Watermark'], 'invalid', '{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","watermark":null}');
  add('watermark only inside a nested object', ['Watermark'], 'invalid', `{"data":{"watermark":{${good}}}}`);
  add('appid and timestamp at top level, no watermark', ['Watermark'], 'invalid', `{${good}}`);

  // plaintext that is not a JSON object.
  add('plaintext is not JSON', ['Json'], 'invalid', `watermark appid ${DEMO_APPID} timestamp ${DEMO_TS}`);
  add('plaintext is truncated JSON', ['Json'], 'invalid', DEMO.plaintext.slice(0, -1));
  add('plaintext is empty', ['Json'], 'invalid', '');
  add('plaintext is a JSON array', ['Json'], 'invalid', `[{"watermark":{${good}}}]`);
  add('plaintext is a JSON string holding the object', ['Json'], 'invalid', JSON.stringify(wm(good)));
  add('plaintext is JSON null', ['Json'], 'invalid', 'null');
  add('plaintext is a JSON number', ['Json'], 'invalid', String(DEMO_TS));
  add('a second JSON value after the object', ['Json'], 'invalid', wm(good) + ' {}');

  // Valid variations.
  add('only the watermark', [], 'valid', `{"watermark":{${good}}}`);
  add('appid before timestamp', [], 'valid', wm(good));
  add('unknown top-level fields', ['Extra'], 'valid', wm(good, `"newField":[1,2.5,{"a":null}],"flag":false,"n":-1e3,`));
  add('unknown fields inside the watermark', ['Extra'], 'valid', wm(`"version":2,${good},"sign":"abc"`));
  add('whitespace and newlines around and inside', ['Whitespace'], 'valid', ` \r\n\t{ "watermark" : {\n  "appid" : "${DEMO_APPID}" ,\n  "timestamp" : ${DEMO_TS}\n}\n}\n `);
  add('pretty-printed demo plaintext', ['Whitespace'], 'valid', JSON.stringify(JSON.parse(DEMO.plaintext), null, 2));
  add('\\u escapes and non-ASCII text in other fields', ['NonAscii'], 'valid', wm(good, '"nickName":"\\u5fae\\u4fe1\\ud83d\\ude00","city":"广州\u2028","note":"a\\"b\\\\c\\/d\\n",'));
  add('timestamp key written with a \\u escape', ['Escape'], 'valid', wm(`"appid":"${DEMO_APPID}","\\u0074imestamp":${DEMO_TS}`));
  add('nested objects, including another watermark with a different appid', ['Nested'], 'valid', wm(good, `"data":{"watermark":{"appid":"${PHONE_APPID}","timestamp":1},"list":[{"x":{"y":{}}}]},`));
  add('nested watermark has the right appid, top-level one does not', ['Nested', 'AppId'], 'invalid', wm(`"appid":"${PHONE_APPID}","timestamp":${DEMO_TS}`, `"data":{"watermark":{${good}}},`));

  // The strict rule: duplicates. Parsers disagree on them (first wins, last wins, merge).
  add('two watermark objects, the second without a timestamp (encoding/json merges them, JavaScript keeps the second)', ['Duplicate'], 'invalid',
    '{"watermark":{"appid":"evil","timestamp":1},"watermark":{"appid":"wxAPP"}}', { appid: 'wxAPP', now: 1 });
  add('two watermark objects, the first for another appid', ['Duplicate'], 'invalid', `{"watermark":{"appid":"${PHONE_APPID}","timestamp":${DEMO_TS}},"watermark":{${good}}}`);
  add('two identical watermark objects', ['Duplicate'], 'invalid', `{"watermark":{${good}},"watermark":{${good}}}`);
  add('a valid watermark followed by "watermark": null', ['Duplicate'], 'invalid', `{"watermark":{${good}},"watermark":null}`);
  add('"watermark": null followed by a valid watermark', ['Duplicate'], 'invalid', `{"openId":"x","watermark":null,"watermark":{${good}}}`);
  add('a second watermark written with a \\u escape', ['Duplicate', 'Escape'], 'invalid', `{"watermark":{${good}},"w\\u0061termark":{${good}}}`);
  add('appid twice, the second another app\'s', ['Duplicate'], 'invalid', wm(`${good},"appid":"${PHONE_APPID}"`));
  add('appid twice with the same value', ['Duplicate'], 'invalid', wm(`"appid":"${DEMO_APPID}",${good}`));
  add('timestamp twice, the second stale', ['Duplicate'], 'invalid', wm(`${good},"timestamp":1`));
  add('timestamp twice with the same value', ['Duplicate'], 'invalid', wm(`"timestamp":${DEMO_TS},${good}`));

  // The strict rule: names that fold to the three (encoding/json matches them), or nearly.
  add('"Watermark" instead of "watermark"', ['FoldedName'], 'invalid', `{"Watermark":{${good}}}`);
  add('"WATERMARK" beside "watermark"', ['FoldedName'], 'invalid', `{"watermark":{${good}},"WATERMARK":{"appid":"${PHONE_APPID}","timestamp":1}}`);
  add('"watermar\u212a" with the Kelvin sign beside "watermark"', ['FoldedName', 'NonAscii'], 'invalid', `{"watermar\u212a":{"appid":"${PHONE_APPID}","timestamp":1},"watermark":{${good}}}`);
  add('"watermar\\u212a" (Kelvin sign escaped) beside "watermark"', ['FoldedName', 'Escape'], 'invalid', `{"watermark":{${good}},"watermar\\u212a":1}`);
  add('"APPID" beside "appid"', ['FoldedName'], 'invalid', wm(`${good},"APPID":"${PHONE_APPID}"`));
  add('"AppId" instead of "appid"', ['FoldedName'], 'invalid', wm(`"AppId":"${DEMO_APPID}","timestamp":${DEMO_TS}`));
  add('"time\u017ftamp" with a long s beside "timestamp"', ['FoldedName', 'NonAscii'], 'invalid', wm(`${good},"time\u017ftamp":1`));
  add('"time\\u017ftamp" (long s escaped) instead of "timestamp"', ['FoldedName', 'Escape'], 'invalid', wm(`"appid":"${DEMO_APPID}","time\\u017ftamp":${DEMO_TS}`));
  add('"TimeStamp" instead of "timestamp"', ['FoldedName'], 'invalid', wm(`"appid":"${DEMO_APPID}","TimeStamp":${DEMO_TS}`));
  add('"app\u0131d" with a dotless i is another member: simple folding does not map it to i', ['FoldedName', 'NonAscii'], 'valid', wm(`"app\u0131d":"${PHONE_APPID}",${good}`));
  add('"\u017fimestamp" folds to "simestamp", another member', ['FoldedName', 'NonAscii'], 'valid', wm(`${good},"\u017fimestamp":1`));
  add('names that extend or shorten the three are other members', ['FoldedName', 'Extra'], 'valid', wm(`"appids":1,"timestamp_ms":2,${good}`, '"watermarks":1,"watermar":2,'));
  add('folded names in nested objects are free', ['FoldedName', 'Nested'], 'valid', wm(`${good},"x":{"APPID":"${PHONE_APPID}","TimeStamp":1}`, '"data":{"Watermark":{"appid":"x"},"WATERMARK":2},'));

  // The strict rule: escapes.
  add('"watermark" written as "water\\u006dark"', ['Escape'], 'valid', `{"water\\u006dark":{${good}}}`);
  add('every name written with \\u escapes', ['Escape'], 'valid',
    `{"\\u0077\\u0061\\u0074\\u0065\\u0072\\u006d\\u0061\\u0072\\u006b":{"\\u0061\\u0070\\u0070\\u0069\\u0064":"${DEMO_APPID}","\\u0074\\u0069\\u006d\\u0065\\u0073\\u0074\\u0061\\u006d\\u0070":${DEMO_TS}}}`);
  add('appid escaping a surrogate pair matches its character', ['Escape', 'NonAscii'], 'valid', wm(`"appid":"wx\\ud83d\\ude00","timestamp":${DEMO_TS}`), { appid: 'wx😀' });
  add('appid escaping a lone high surrogate has no agreed bytes', ['Escape'], 'invalid', wm(`"appid":"${DEMO_APPID}\\ud800","timestamp":${DEMO_TS}`));
  add('appid escaping a lone low surrogate has no agreed bytes', ['Escape'], 'invalid', wm(`"appid":"\\udc00${DEMO_APPID}","timestamp":${DEMO_TS}`));
  add('lone surrogates escaped in other members are valid JSON', ['Escape', 'Extra'], 'valid', wm(`${good},"\\ud800":"\\udfff"`, '"nickName":"\\udc00",'));

  // Timestamp tokens and the int64 range.
  add('timestamp 1E9 with a capital exponent', ['Timestamp'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":1E9`));
  add('timestamp with a negative exponent', ['Timestamp'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":14773141870e-1`));
  add('timestamp with a plus sign (not JSON)', ['Timestamp', 'Json'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":+${DEMO_TS}`));
  add('timestamp -0 is the integer 0', ['Timestamp'], 'valid', wm(`"appid":"${DEMO_APPID}","timestamp":-0`), { now: 0 });
  add('timestamp is the largest int64', ['Timestamp', 'Int64'], 'valid', wm(`"appid":"${DEMO_APPID}","timestamp":9223372036854775807`), { now: INT64_MAX, maxAge: 0, skew: 0 });
  add('timestamp is the largest int64 plus one', ['Timestamp', 'Int64'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":9223372036854775808`), { now: INT64_MAX, maxAge: INT64_MAX, skew: INT64_MAX });
  add('timestamp is the smallest int64', ['Timestamp', 'Int64'], 'valid', wm(`"appid":"${DEMO_APPID}","timestamp":-9223372036854775808`), { now: INT64_MIN, maxAge: 0, skew: 0 });
  add('timestamp is the smallest int64 minus one', ['Timestamp', 'Int64'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":-9223372036854775809`), { now: INT64_MIN, maxAge: INT64_MAX, skew: INT64_MAX });
  add('timestamp is 2^64', ['Timestamp', 'Int64'], 'invalid', wm(`"appid":"${DEMO_APPID}","timestamp":18446744073709551616`));

  // The window at the int64 limits: now - maxAge and now + skew overflow 64 bits.
  const wmTS = (ts) => wm(`"appid":"${DEMO_APPID}","timestamp":${ts}`);
  add('largest now and maxAge: the window starts at 0, timestamp -1 is expired', ['Freshness', 'Int64'], 'invalid', wmTS(-1), { now: INT64_MAX, maxAge: INT64_MAX, skew: 0 });
  add('largest now and maxAge: the window starts at 0, timestamp 0 is inside', ['Freshness', 'Int64'], 'valid', wmTS(0), { now: INT64_MAX, maxAge: INT64_MAX, skew: 0 });
  add('largest now and maxAge: the smallest int64 timestamp is expired', ['Freshness', 'Int64'], 'invalid', wmTS(INT64_MIN), { now: INT64_MAX, maxAge: INT64_MAX, skew: 0 });
  add('largest now and skew: now + skew is past the int64 range', ['Freshness', 'Int64'], 'valid', wmTS(INT64_MAX), { now: INT64_MAX, maxAge: 0, skew: INT64_MAX });
  add('largest now, maxAge 0: one second before now is expired', ['Freshness', 'Int64'], 'invalid', wmTS(INT64_MAX - 1n), { now: INT64_MAX, maxAge: 0, skew: INT64_MAX });
  add('smallest now and largest skew: the window ends at -1, timestamp -1 is inside', ['Freshness', 'Int64'], 'valid', wmTS(-1), { now: INT64_MIN, maxAge: 0, skew: INT64_MAX });
  add('smallest now and largest skew: the window ends at -1, timestamp 0 is in the future', ['Freshness', 'Int64'], 'invalid', wmTS(0), { now: INT64_MIN, maxAge: 0, skew: INT64_MAX });
  add('smallest now and largest maxAge: now - maxAge is below the int64 range', ['Freshness', 'Int64'], 'valid', wmTS(INT64_MIN), { now: INT64_MIN, maxAge: INT64_MAX, skew: 0 });
  add('smallest now, skew 0: the largest int64 timestamp is in the future', ['Freshness', 'Int64'], 'invalid', wmTS(INT64_MAX), { now: INT64_MIN, maxAge: INT64_MAX, skew: 0 });
  add('largest maxAge and skew accept every timestamp at now 0', ['Freshness', 'Int64'], 'valid', wmTS(INT64_MIN + 1n), { now: 0, maxAge: INT64_MAX, skew: INT64_MAX });
  add('largest maxAge at now 0 stops one second short of the smallest int64', ['Freshness', 'Int64'], 'invalid', wmTS(INT64_MIN), { now: 0, maxAge: INT64_MAX, skew: INT64_MAX });
  add('a millisecond timestamp (Date.now()) read as seconds is tens of thousands of years ahead', ['Freshness'], 'invalid', wmTS(1700000000000), { now: 1700000000 });
  add('another appid and expired: two classes apply, no error word', ['AppId', 'Freshness'], 'invalid', DEMO.plaintext, { appid: PHONE_APPID, now: 1700000000 });

  writeWatermarkVectors(
    'opendata_watermark_generated.json',
    'generated by testdata/generate/opendata.mjs; validity computed by its own checker of the strict watermark rule',
    tests,
  );
}
