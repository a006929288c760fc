// Generates the vectors of the platform-side operations with Node's standard library, an
// implementation independent of the Go code:
//
//   testdata/vectors/cloud189_userinfo.json  operation cloud189.userinfo  (189 authorizeUserInfo)
//   testdata/vectors/cloudid_field.json      operation cloudid.field      (one cloud-call field)
//   testdata/vectors/cloudid_event.json      operation cloudid.event      (a cloud-call event)
//   testdata/vectors/errcode_answer.json     operation errcode.answer     (errcode/errmsg answers)
//
// XXTEA is written here from Wheeler and Needham's corrected block TEA with the length word
// of spec/algorithms.md section 6; the script stops unless it decrypts the documented 189
// example to the documented plaintext. Every generated ciphertext is decrypted again and
// compared before writing. The other cases are JSON texts whose verdict follows from how they
// were built. Deterministic (fixed seed):
//
//   node testdata/generate/cloud.mjs
import { assert, prng, writeVectors } from './lib.mjs';

const rnd = prng('wxcrypto cloud vectors v1');

// --- XXTEA ---------------------------------------------------------------------------------

const DELTA = 0x9e3779b9;
function keyWords(key) {
  const k = Buffer.alloc(16);
  Buffer.from(key).copy(k, 0, 0, 16);
  return [0, 4, 8, 12].map((o) => k.readUInt32LE(o));
}
function mx(sum, y, z, p, e, k) {
  return ((((z >>> 5) ^ (y << 2)) + ((y >>> 3) ^ (z << 4))) ^ ((sum ^ y) + (k[(p & 3) ^ e] ^ z))) >>> 0;
}
function encode(v, k) {
  const n = v.length;
  let sum = 0, z = v[n - 1];
  for (let q = 6 + Math.floor(52 / n); q > 0; q--) {
    sum = (sum + DELTA) >>> 0;
    const e = (sum >>> 2) & 3;
    for (let p = 0; p < n; p++) z = v[p] = (v[p] + mx(sum, v[(p + 1) % n], z, p, e, k)) >>> 0;
  }
  return v;
}
function decode(v, k) {
  const n = v.length;
  const q = 6 + Math.floor(52 / n);
  let sum = Number((BigInt(q) * BigInt(DELTA)) & 0xffffffffn), y = v[0];
  for (let r = 0; r < q; r++) {
    const e = (sum >>> 2) & 3;
    for (let p = n - 1; p >= 0; p--) y = v[p] = (v[p] - mx(sum, y, v[(p + n - 1) % n], p, e, k)) >>> 0;
    sum = (sum - DELTA) >>> 0;
  }
  return v;
}
const words = (b) => Array.from({ length: b.length >> 2 }, (_, i) => b.readUInt32LE(4 * i));
const bytes = (w) => { const b = Buffer.alloc(w.length * 4); w.forEach((x, i) => b.writeUInt32LE(x, 4 * i)); return b; };
function xxteaEncrypt(key, pt) {
  const padded = Buffer.alloc(Math.ceil(pt.length / 4) * 4);
  Buffer.from(pt).copy(padded);
  return bytes(encode([...words(padded), pt.length], keyWords(key))).toString('hex').toUpperCase();
}
// The plaintext, or null when the stored length is outside [n-3, n].
function xxteaDecrypt(key, hexText) {
  const w = decode(words(Buffer.from(hexText, 'hex')), keyWords(key));
  const n = 4 * (w.length - 1), m = w[w.length - 1];
  return m < n - 3 || m > n ? null : bytes(w).subarray(0, m);
}

// --- 189 cloud user info ---------------------------------------------------------------------

const SECRET = '32b5362f61f26f4e0e1221a57e7ab02ea77dbc40';
const APPID = '0e0d8b62';
const DOC_HEX = 'A83FE5716360F141AD490C4A14349684202581439D7BCE51CC6D0550B872B7C0A7FA9C78F9B1DEB988FF73C1CBC0406FFBC9DBF0D1CAE33AF019507DF3B1479621A77DE1F16A7C3AC5D52017F184CFA99F19064E122B0CA5C88C88C1526AC7CFAE8FACDB7BA8F28F7C38424667E5E1EE589AD8A48664C56B1BD25AA448C252CF7BCAA3AA9376AB7192496C36';
const DOC_PT = '{"openId":"ee01554bdc77dee74db8bf8acc3426690c2572c9694e38e8","appId":"0e0d8b62","phoneNumber":"18912345679","timestamp":1578042800057}';
const DOC_TS = 1578042800057;
const DOC_OPENID = 'ee01554bdc77dee74db8bf8acc3426690c2572c9694e38e8';
assert(xxteaDecrypt(SECRET, DOC_HEX)?.toString() === DOC_PT, 'XXTEA does not decrypt the documented 189 example');
assert(xxteaEncrypt(SECRET, Buffer.from(DOC_PT)) === DOC_HEX, 'XXTEA does not re-encrypt the documented 189 example');

const envelope = (hex, extra = '') => `{"code":0,"msg":"成功","data":{"encryptedData":"${hex}"}${extra}}`;
const MIN = 60000;
const policy = (now, over = {}) => ({ appSecret: SECRET, appId: APPID, now, maxAge: 10 * MIN, skew: MIN, ...over });

function userinfoCases() {
  const cs = [];
  const ok = (comment, flags, fields, openId, phoneNumber, timestamp) => {
    cs.push({ comment, flags, result: 'valid', ...fields, openId, phoneNumber, timestamp });
  };
  const bad = (comment, flags, error, fields) => cs.push({ comment, flags, result: 'invalid', error, ...fields });
  // An encrypted user info made here, with its verdict by construction.
  const seal = (obj, secret = SECRET) => xxteaEncrypt(secret, Buffer.from(typeof obj === 'string' ? obj : JSON.stringify(obj)));
  const user = (ts, over = {}) => ({ openId: rnd('openid' + ts, 24).toString('hex'), appId: APPID, phoneNumber: '18900000000', timestamp: ts, ...over });

  ok('documented answer, now equals its timestamp', ['Documented', 'Milliseconds'], { answer: envelope(DOC_HEX), ...policy(DOC_TS) }, DOC_OPENID, '18912345679', DOC_TS);
  ok('documented encryptedData without its envelope', ['Documented'], { encryptedData: DOC_HEX, ...policy(DOC_TS) }, DOC_OPENID, '18912345679', DOC_TS);
  ok('documented ciphertext in lower-case hex', ['Documented', 'LowerCaseHex'], { answer: envelope(DOC_HEX.toLowerCase()), ...policy(DOC_TS) }, DOC_OPENID, '18912345679', DOC_TS);
  ok('documented answer with code as the string "0"', ['Documented', 'IntegerText'], { answer: envelope(DOC_HEX).replace('"code":0', '"code":"0"'), ...policy(DOC_TS) }, DOC_OPENID, '18912345679', DOC_TS);
  ok('answer with white space and extra members', ['Documented', 'Whitespace', 'Extra'], { answer: `{\n  "code": 0, "msg": "ok", "requestId": 7,\n  "data": { "other": [1], "encryptedData": "${DOC_HEX}" }\n}\n`, ...policy(DOC_TS) }, DOC_OPENID, '18912345679', DOC_TS);
  ok('timestamp exactly now - maxAge', ['Documented', 'Freshness', 'Milliseconds'], { encryptedData: DOC_HEX, ...policy(DOC_TS + 10 * MIN) }, DOC_OPENID, '18912345679', DOC_TS);
  ok('timestamp exactly now + skew', ['Documented', 'Freshness', 'Milliseconds'], { encryptedData: DOC_HEX, ...policy(DOC_TS - MIN) }, DOC_OPENID, '18912345679', DOC_TS);
  ok('only the first 16 characters of the appSecret are the key', ['Documented', 'KeyTruncation'], { encryptedData: DOC_HEX, ...policy(DOC_TS, { appSecret: SECRET.slice(0, 16) + 'anything else' }) }, DOC_OPENID, '18912345679', DOC_TS);
  {
    const u = user(1700000000123, { phoneNumber: undefined });
    ok('user info without phoneNumber', ['Generated'], { encryptedData: seal(u), ...policy(u.timestamp) }, u.openId, '', u.timestamp);
  }
  {
    const secret = rnd('secret', 20).toString('hex');
    const u = user(1700000000456, { appId: 'a1b2c3d4', phoneNumber: '13800138000', nickName: '张三' });
    ok('another app, non-ASCII extra member', ['Generated', 'NonAscii', 'Extra'], { answer: envelope(seal(u, secret)), ...policy(u.timestamp + 5, { appSecret: secret, appId: 'a1b2c3d4' }) }, u.openId, u.phoneNumber, u.timestamp);
  }
  {
    const u = user(1700000000789);
    const text = `{"timestamp":${u.timestamp},"phoneNumber":"${u.phoneNumber}","appId":"\\u0030e0d8b62","openId":"${u.openId}"}`;
    ok('members in another order, appId with a \\u escape', ['Generated'], { encryptedData: seal(text), ...policy(u.timestamp) }, u.openId, u.phoneNumber, u.timestamp);
  }

  bad('empty appSecret', ['EmptyKey'], 'key', { encryptedData: DOC_HEX, ...policy(DOC_TS, { appSecret: '' }) });
  bad('non-zero code with a message', ['ApiCode'], 'code', { answer: '{"code":-1,"msg":"失败"}', ...policy(DOC_TS), code: -1 });
  bad('non-zero code as a string', ['ApiCode', 'IntegerText'], 'code', { answer: '{"code":"1001","msg":"token expired"}', ...policy(DOC_TS), code: 1001 });
  bad('non-zero code next to valid data', ['ApiCode'], 'code', { answer: envelope(DOC_HEX).replace('"code":0', '"code":5'), ...policy(DOC_TS), code: 5 });
  for (const [comment, answer] of [
    ['answer is not JSON', envelope(DOC_HEX).slice(0, -1)],
    ['answer is a JSON array', `[${envelope(DOC_HEX)}]`],
    ['answer without code', `{"msg":"ok","data":{"encryptedData":"${DOC_HEX}"}}`],
    ['code is a fraction', envelope(DOC_HEX).replace('"code":0', '"code":0.0')],
    ['code is null', envelope(DOC_HEX).replace('"code":0', '"code":null')],
    ['code is the string "00"', envelope(DOC_HEX).replace('"code":0', '"code":"00"')],
    ['code written twice', envelope(DOC_HEX).replace('"code":0', '"code":0,"code":0')],
    ['no data', '{"code":0,"msg":"ok"}'],
    ['data is a string', `{"code":0,"data":"${DOC_HEX}"}`],
    ['data without encryptedData', '{"code":0,"data":{"encrypteddata":"00"}}'],
    ['encryptedData is empty', envelope('')],
    ['encryptedData is a number', '{"code":0,"data":{"encryptedData":12345678}}'],
    ['encryptedData written twice', `{"code":0,"data":{"encryptedData":"${DOC_HEX}","encryptedData":"${DOC_HEX}"}}`],
    ['a second JSON value after the answer', envelope(DOC_HEX) + '{}'],
    ['non-zero code with a msg that is not a string', '{"code":1,"msg":2}'],
  ]) bad(comment, ['Envelope'], 'answer', { answer, ...policy(DOC_TS) });
  bad('answer over 64 KiB', ['Envelope', 'TooLarge'], 'answer', { answer: envelope(DOC_HEX, `,"pad":"${'x'.repeat(65536)}"`), ...policy(DOC_TS) });
  bad('ciphertext of odd length', ['Hex'], 'ciphertext', { encryptedData: DOC_HEX.slice(0, -1), ...policy(DOC_TS) });
  bad('ciphertext with a character outside hex', ['Hex'], 'ciphertext', { answer: envelope('G' + DOC_HEX.slice(1)), ...policy(DOC_TS) });
  bad('ciphertext with a space', ['Hex'], 'ciphertext', { encryptedData: DOC_HEX.slice(0, 8) + ' ' + DOC_HEX.slice(8, -1), ...policy(DOC_TS) });
  bad('ciphertext of one word', ['CiphertextSize'], 'ciphertext', { encryptedData: DOC_HEX.slice(0, 8), ...policy(DOC_TS) });
  bad('ciphertext not whole words', ['CiphertextSize'], 'ciphertext', { encryptedData: DOC_HEX.slice(0, 18), ...policy(DOC_TS) });
  for (const [comment, secret] of [['appSecret upper-cased', SECRET.toUpperCase()], ['another appSecret', rnd('other secret', 20).toString('hex')]]) {
    assert(xxteaDecrypt(secret, DOC_HEX) === null, comment + ': must fail the length check');
    bad(comment, ['WrongKey'], 'decrypt', { encryptedData: DOC_HEX, ...policy(DOC_TS, { appSecret: secret }) });
  }
  {
    const hexKey = Buffer.from(SECRET, 'hex').toString('latin1');
    assert(xxteaDecrypt(Buffer.from(SECRET, 'hex'), DOC_HEX) === null, 'hex-decoded key must fail');
    assert(hexKey.length === 20, 'hex key');
  }
  const u = user(1700000001000);
  for (const [comment, text] of [
    ['decrypted data is not JSON', 'not json at all'],
    ['decrypted data is a JSON array', JSON.stringify([u])],
    ['no openId', JSON.stringify({ ...u, openId: undefined })],
    ['no appId', JSON.stringify({ ...u, appId: undefined })],
    ['no timestamp', JSON.stringify({ ...u, timestamp: undefined })],
    ['openId is a number', JSON.stringify({ ...u, openId: 5 })],
    ['appId is a number', JSON.stringify({ ...u, appId: 1234 })],
    ['timestamp is a string', JSON.stringify({ ...u, timestamp: String(u.timestamp) })],
    ['timestamp is a fraction', JSON.stringify(u).replace(`${u.timestamp}`, `${u.timestamp}.5`)],
    ['timestamp in exponent form', JSON.stringify(u).replace(`${u.timestamp}`, '1.700000001e12')],
    ['timestamp beyond 64 bits', JSON.stringify(u).replace(`${u.timestamp}`, '9223372036854775808')],
    ['phoneNumber is a number', JSON.stringify({ ...u, phoneNumber: 18900000000 })],
  ]) bad(comment, ['Generated', 'UserInfo'], 'userinfo', { encryptedData: seal(text), ...policy(u.timestamp) });
  bad('documented data checked against another appId', ['Documented', 'AppId'], 'appid', { encryptedData: DOC_HEX, ...policy(DOC_TS, { appId: '0e0d8b63' }) });
  bad('appId in the data in upper case', ['Generated', 'AppId'], 'appid', { encryptedData: seal({ ...u, appId: APPID.toUpperCase() }), ...policy(u.timestamp) });
  bad('timestamp one millisecond older than maxAge', ['Documented', 'Freshness', 'Milliseconds'], 'expired', { encryptedData: DOC_HEX, ...policy(DOC_TS + 10 * MIN + 1) });
  bad('timestamp one millisecond beyond the skew', ['Documented', 'Freshness', 'Milliseconds'], 'future', { encryptedData: DOC_HEX, ...policy(DOC_TS - MIN - 1) });
  bad('timestamp in seconds, read as milliseconds', ['Generated', 'Freshness', 'Milliseconds'], 'expired', { encryptedData: seal({ ...u, timestamp: Math.floor(u.timestamp / 1000) }), ...policy(u.timestamp) });
  bad('a day-old answer', ['Documented', 'Freshness', 'Milliseconds'], 'expired', { answer: envelope(DOC_HEX), ...policy(DOC_TS + 86400000) });

  // Check every ciphertext once more: valid ones decrypt to a user info with the outputs.
  for (const c of cs) {
    if (c.result === 'valid') {
      const hexText = c.encryptedData ?? JSON.parse(c.answer).data.encryptedData;
      const pt = JSON.parse(xxteaDecrypt(c.appSecret, hexText).toString());
      assert(pt.openId === c.openId && (pt.phoneNumber ?? '') === c.phoneNumber && pt.timestamp === c.timestamp, c.comment);
      assert(c.now - c.maxAge <= c.timestamp && c.timestamp <= c.now + c.skew, c.comment + ': window');
    }
    if (c.error === 'userinfo') assert(xxteaDecrypt(c.appSecret, c.encryptedData) !== null, c.comment + ': must decrypt');
  }
  return cs;
}

// --- cloud-call fields and events --------------------------------------------------------------

const WERUN_DATA = '{"stepInfoList":[{"step":5000,"timestamp":1554814312}],"watermark":{"appid":"wx1111111111","timestamp":1554815786}}';
const WERUN = `{"cloudID":"xxx","data":${WERUN_DATA}}`;
const EXPIRED = '{"cloudID":"xxx","errCode":-601006,"errMsg":"cloudID expired."}';
const CLOUD_TS = 1554815786;
const cpolicy = (now = CLOUD_TS, over = {}) => ({ appid: 'wx1111111111', now, maxAge: 300, skew: 60, ...over });

function fieldCases() {
  const cs = [];
  const ok = (comment, flags, field, data, over) => {
    assert(field.includes(data), comment + ': data must appear in the field as is');
    cs.push({ comment, flags, result: 'valid', field, ...cpolicy(undefined, over), data });
  };
  const bad = (comment, flags, error, field, over, extra = {}) => cs.push({ comment, flags, result: 'invalid', error, field, ...cpolicy(undefined, over), ...extra });
  ok('documented weRunData field', ['Documented'], WERUN, WERUN_DATA);
  ok('data first, white space around members', ['Documented', 'Whitespace'], `{ "data" : ${WERUN_DATA} ,\n "cloudID" : "xxx" }`, WERUN_DATA);
  ok('field with extra members', ['Documented', 'Extra'], `{"cloudID":"xxx","data":${WERUN_DATA},"errMsg":"ok","Data":1}`, WERUN_DATA);
  ok('timestamp exactly now - maxAge', ['Documented', 'Freshness'], WERUN, WERUN_DATA, { now: CLOUD_TS + 300 });
  ok('timestamp exactly now + skew', ['Documented', 'Freshness'], WERUN, WERUN_DATA, { now: CLOUD_TS - 60 });
  {
    const data = '{"phoneNumber":"13800138000","purePhoneNumber":"13800138000","countryCode":"86","watermark":{"timestamp":1700000000,"appid":"wxabcdef0123456789"}}';
    ok('phone-number field', ['Generated'], `{"cloudID":"${rnd('cloudid', 16).toString('hex')}","data":${data}}`, data, { appid: 'wxabcdef0123456789', now: 1700000000 });
  }
  bad('expired cloudID', ['Documented', 'CloudIdError'], 'cloudid', EXPIRED, {}, { errCode: -601006 });
  bad('errCode as a string, without errMsg', ['CloudIdError', 'IntegerText'], 'cloudid', '{"cloudID":"xxx","errCode":"-604101"}', {}, { errCode: -604101 });
  bad('errCode with a null errMsg', ['CloudIdError'], 'cloudid', '{"cloudID":"xxx","errCode":-1,"errMsg":null}', {}, { errCode: -1 });
  for (const [comment, field] of [
    ['not JSON', WERUN.slice(0, -1)],
    ['a JSON string', '"xxx"'],
    ['no cloudID', `{"data":${WERUN_DATA}}`],
    ['neither data nor errCode', '{"cloudID":"xxx"}'],
    ['cloudID is a number', `{"cloudID":1,"data":${WERUN_DATA}}`],
    ['both data and errCode', `{"cloudID":"xxx","data":${WERUN_DATA},"errCode":-601006}`],
    ['data is an array', '{"cloudID":"xxx","data":[1]}'],
    ['data is a string', `{"cloudID":"xxx","data":${JSON.stringify(WERUN_DATA)}}`],
    ['cloudID written twice', `{"cloudID":"xxx","cloudID":"yyy","data":${WERUN_DATA}}`],
    ['errCode 0 without data', '{"cloudID":"xxx","errCode":0}'],
    ['errCode is a fraction', '{"cloudID":"xxx","errCode":-601006.0}'],
    ['errCode beyond 32 bits', '{"cloudID":"xxx","errCode":2147483648}'],
    ['errMsg is a number', '{"cloudID":"xxx","errCode":-601006,"errMsg":1}'],
    ['a second JSON value after the field', WERUN + '{}'],
  ]) bad(comment, ['FieldShape'], 'field', field);
  bad('data checked against another appid', ['Documented', 'AppId'], 'appid', WERUN, { appid: 'wx1111111112' });
  bad('timestamp one second older than maxAge', ['Documented', 'Freshness'], 'expired', WERUN, { now: CLOUD_TS + 301 });
  bad('timestamp one second beyond the skew', ['Documented', 'Freshness'], 'future', WERUN, { now: CLOUD_TS - 61 });
  bad('data without a watermark', ['Watermark'], 'watermark', '{"cloudID":"xxx","data":{"stepInfoList":[]}}');
  bad('watermark timestamp is a string', ['Watermark', 'Timestamp'], 'watermark', '{"cloudID":"xxx","data":{"watermark":{"appid":"wx1111111111","timestamp":"1554815786"}}}');
  return cs;
}

function eventCases() {
  const cs = [];
  // fields lists the fields in a cloudID's shape only; plain ones are left out.
  const ok = (comment, flags, event, all) => {
    const fields = Object.fromEntries(Object.entries(all).filter(([, k]) => k !== 'plain'));
    cs.push({ comment, flags, result: 'valid', event, fields });
  };
  const bad = (comment, flags, event) => cs.push({ comment, flags, result: 'invalid', error: 'event', event });
  ok('documented event', ['Documented', 'Plain'], `{"weRunData":${WERUN},"obj":{"shareInfo":"yyy"}}`, { weRunData: 'replaced', obj: 'plain' });
  ok('an expired cloudID among plain fields', ['Documented', 'Plain'], `{"a":1,"b":"xxx","userInfo":${EXPIRED},"c":[${WERUN}],"d":null}`, { a: 'plain', b: 'plain', userInfo: 'failed', c: 'plain', d: 'plain' });
  ok('malformed fields in a cloudID\'s shape', ['MalformedField'], '{"x":{"cloudID":"1","data":[]},"y":{"cloudID":2,"errCode":-1},"z":{"cloudID":"3","data":{},"errCode":-1}}', { x: 'malformed', y: 'malformed', z: 'malformed' });
  ok('objects that are not in a cloudID\'s shape', ['Plain'], '{"p":{"cloudID":"xxx"},"q":{"data":{}},"r":{"CloudID":"xxx","data":{}},"s":{}}', { p: 'plain', q: 'plain', r: 'plain', s: 'plain' });
  ok('a nested replaced field stays plain', ['Plain', 'Nested'], `{"outer":{"inner":${WERUN}}}`, { outer: 'plain' });
  ok('an empty event', ['Plain'], '{}', {});
  ok('names differing in case are distinct fields', ['ExactNames'], `{"weRunData":${WERUN},"WeRunData":${EXPIRED}}`, { weRunData: 'replaced', WeRunData: 'failed' });
  ok('five fields in a cloudID\'s shape, the most the platform replaces', ['Generated'],
    `{${[1, 2, 3, 4, 5].map((i) => `"f${i}":${i % 2 ? WERUN : EXPIRED}`).join(',')}}`, { f1: 'replaced', f2: 'failed', f3: 'replaced', f4: 'failed', f5: 'replaced' });
  bad('six fields in a cloudID\'s shape', ['EventShape'], `{${[1, 2, 3, 4, 5, 6].map((i) => `"f${i}":${WERUN}`).join(',')}}`);
  bad('six shaped fields, one of them malformed', ['EventShape'], `{${[1, 2, 3, 4, 5].map((i) => `"f${i}":${EXPIRED}`).join(',')},"g":{"cloudID":1,"data":{}}}`);
  bad('a field name written twice', ['EventShape'], `{"a":1,"weRunData":${WERUN},"a":2}`);
  bad('not JSON', ['EventShape'], '{"a":1');
  bad('a JSON array', ['EventShape'], `[${WERUN}]`);
  bad('a second JSON value after the event', ['EventShape'], '{}{}');
  return cs;
}

// --- errcode answers ---------------------------------------------------------------------------

function errcodeCases() {
  const cs = [];
  const ok = (comment, flags, answer, errmsg) => cs.push({ comment, flags, result: 'valid', answer, errcode: 0, errmsg });
  const code = (comment, flags, answer, errcode, errmsg) => cs.push({ comment, flags, result: 'invalid', error: 'errcode', answer, errcode, errmsg });
  const bad = (comment, flags, answer) => cs.push({ comment, flags, result: 'invalid', error: 'malformed', answer });
  ok('errcode 0 as a number', ['Documented'], '{"errcode":0,"errmsg":"ok"}', 'ok');
  ok('errcode 0 as a string (content-check pages)', ['Documented', 'IntegerText'], '{"errcode":"0","errmsg":"ok"}', 'ok');
  ok('no errcode: the access-token answer', ['Documented'], '{"access_token":"ACCESS_TOKEN","expires_in":7200}', '');
  ok('errmsg null', ['Generated'], '{"errcode":0,"errmsg":null}', '');
  ok('members around errcode, white space', ['Generated', 'Whitespace', 'Extra'], ' {\n "vaild" : true, "errcode" : 0 , "errmsg" : "ok", "create_time": 1629121902 }\n', 'ok');
  ok('upper-case ERRCODE is another member', ['ExactNames'], '{"errcode":0,"ERRCODE":40001,"Errmsg":5}', '');
  ok('errmsg with escapes and non-ASCII text', ['NonAscii'], '{"errcode":0,"errmsg":"ok \\u4f60\\u597d \\"quoted\\""}', 'ok 你好 "quoted"');
  code('risky content', ['Documented', 'ApiCode'], '{"errcode":87014,"errmsg":"risky content"}', 87014, 'risky content');
  code('system busy, as a string', ['Documented', 'ApiCode', 'IntegerText'], '{"errcode":"-1","errmsg":"system error"}', -1, 'system error');
  code('invalid credential without errmsg', ['Documented', 'ApiCode'], '{"errcode":40001}', 40001, '');
  code('the largest 32-bit code', ['ApiCode'], '{"errcode":2147483647,"errmsg":"x"}', 2147483647, 'x');
  code('the smallest 32-bit code', ['ApiCode'], '{"errcode":-2147483648,"errmsg":""}', -2147483648, '');
  code('an undocumented code keeps its message', ['ApiCode', 'NonAscii'], '{"errmsg":"参数错误","errcode":61451}', 61451, '参数错误');
  for (const [comment, answer] of [
    ['errcode is a fraction', '{"errcode":0.0}'],
    ['errcode in exponent form', '{"errcode":1e3}'],
    ['errcode string with a leading zero', '{"errcode":"01"}'],
    ['errcode string with white space', '{"errcode":" 0"}'],
    ['errcode string with a plus sign', '{"errcode":"+1"}'],
    ['errcode is null', '{"errcode":null}'],
    ['errcode is a boolean', '{"errcode":false}'],
    ['errcode above 32 bits', '{"errcode":2147483648}'],
    ['errcode below 32 bits', '{"errcode":"-2147483649"}'],
    ['errmsg is a number', '{"errcode":1,"errmsg":1}'],
    ['errcode written twice', '{"errcode":0,"errcode":40001}'],
    ['another member written twice', '{"errcode":0,"x":1,"x":1}'],
    ['not JSON', '{"errcode":0'],
    ['a JSON array', '[{"errcode":0}]'],
    ['a second JSON value after the answer', '{"errcode":0} {}'],
    ['empty text', ''],
  ]) bad(comment, ['MalformedAnswer'], answer);
  bad('answer over 64 KiB', ['MalformedAnswer', 'TooLarge'], `{"errcode":0,"errmsg":"${'x'.repeat(65536)}"}`);
  return cs;
}

const number = (cs) => cs.map((c, i) => ({ tcId: i + 1, ...c }));
writeVectors('cloud189_userinfo.json', 'cloud189.userinfo',
  '189 cloud h5.authorizeUserInfo: the documented example of algorithms.md section 6 and cases made by testdata/generate/cloud.mjs (XXTEA written in JavaScript)',
  number(userinfoCases()));
writeVectors('cloudid_field.json', 'cloudid.field',
  'cloud-call fields: the documented weRunData example of algorithms.md section 7 and cases made by testdata/generate/cloud.mjs',
  number(fieldCases()));
writeVectors('cloudid_event.json', 'cloudid.event',
  'cloud-call events: the documented event of algorithms.md section 7 and cases made by testdata/generate/cloud.mjs',
  number(eventCases()));
writeVectors('errcode_answer.json', 'errcode.answer',
  'errcode/errmsg answers as algorithms.md section 8 documents them, and malformed ones, by testdata/generate/cloud.mjs',
  number(errcodeCases()));
