// Generates the phonenumber.answer and code2session.answer vector files (spec/vectors.md) with
// Node's standard library only, judging every case with lib.mjs's strict JSON reader
// and the rules of algorithms.md sections 1, 2 and 10, independently of the Go code. Every case
// states its expected result and error word, and the script stops if its judge disagrees.
// Deterministic: all values are fixed in the script.
//
//   node testdata/generate/answers.mjs
import { assert, foldName, isSessionKey, NotJSON, parseJSON, SCHEMA, writeDoc } from './lib.mjs';

// Answers are read with lib.mjs's strict JSON reader, which keeps what JSON.parse loses:
// duplicate member names, member order, and the text of number tokens.


// Reads an object's members by the answer rules: a duplicate of any name, or a name that folds
// to one of `read` without being it, breaks the shape. Returns { map, broken }.
function members(obj, read) {
  const map = new Map();
  let broken = false;
  for (const [name, v] of obj.members) {
    if (map.has(name)) broken = true;
    map.set(name, v);
    if (read.some((r) => r !== name && foldName(r) === foldName(name))) broken = true;
  }
  return { map, broken };
}

const INT_RE = /^-?(0|[1-9][0-9]*)$/;
const INT32 = [-(2n ** 31n), 2n ** 31n - 1n];
const INT64 = [-(2n ** 63n), 2n ** 63n - 1n];

// errcode: absent is 0; a JSON integer or a string holding one, of at most 32 bits.
// Returns the code as a BigInt, or null when malformed.
function errcodeOf(v) {
  if (v === undefined) return 0n;
  let t = null;
  if ('num' in v) t = v.num;
  if ('str' in v) t = v.str;
  if (t === null || !INT_RE.test(t)) return null;
  const n = BigInt(t);
  return n >= INT32[0] && n <= INT32[1] ? n : null;
}

// The answer envelope shared by both operations: classes so far and the top-level members.
function envelope(answer, read) {
  let top;
  try {
    top = parseJSON(answer);
  } catch (e) {
    if (e instanceof NotJSON) return { classes: ['malformed'] };
    throw e;
  }
  if (!top.members) return { classes: ['malformed'] };
  const { map, broken } = members(top, [...read, 'errcode', 'errmsg']);
  const classes = broken ? ['malformed'] : [];
  const code = errcodeOf(map.get('errcode'));
  const msg = map.get('errmsg');
  if (code === null || (msg !== undefined && !('str' in msg) && msg.lit !== 'null')) classes.push('malformed');
  // A non-zero errcode is the answer: the members of a success are not expected with it.
  const failed = code !== null && code !== 0n;
  if (failed) classes.push('errcode');
  return { classes, map, failed };
}

const str = (v) => (v !== undefined && 'str' in v ? v.str : null);

// The strict watermark rule of algorithms.md section 2, applied to the phone_info object.
function watermarkClasses(info, appid, now, maxAge, skew) {
  const wms = info.members.filter(([n]) => foldName(n) === 'watermark');
  if (wms.length !== 1 || wms[0][0] !== 'watermark' || !wms[0][1].members) return ['watermark'];
  const wm = wms[0][1];
  const a = wm.members.filter(([n]) => foldName(n) === 'appid');
  const t = wm.members.filter(([n]) => foldName(n) === 'timestamp');
  if (a.length !== 1 || a[0][0] !== 'appid' || !('str' in a[0][1])) return ['watermark'];
  if (t.length !== 1 || t[0][0] !== 'timestamp' || !('num' in t[0][1]) || !INT_RE.test(t[0][1].num)) return ['watermark'];
  const ts = BigInt(t[0][1].num);
  if (ts < INT64[0] || ts > INT64[1]) return ['watermark'];
  if (a[0][1].str !== appid) return ['appid'];
  if (ts < BigInt(now) - BigInt(maxAge)) return ['expired'];
  if (ts > BigInt(now) + BigInt(skew)) return ['future'];
  return [];
}

// Judges a phonenumber.answer case: { classes, out } with out the expected strings.
function judgePhone(c) {
  const env = envelope(c.answer, ['phone_info']);
  if (!env.map || env.failed) return { classes: env.classes };
  const classes = [...env.classes];
  const info = env.map.get('phone_info');
  if (info === undefined || !info.members) return { classes: [...classes, 'malformed'] };
  const { map, broken } = members(info, ['phoneNumber', 'purePhoneNumber', 'countryCode', 'watermark']);
  if (broken) classes.push('malformed');
  const phoneNumber = str(map.get('phoneNumber'));
  const purePhoneNumber = str(map.get('purePhoneNumber'));
  const cc = map.get('countryCode');
  let countryCode = str(cc);
  if (cc !== undefined && 'num' in cc && /^(0|[1-9][0-9]*)$/.test(cc.num)) countryCode = cc.num;
  if (phoneNumber === null || purePhoneNumber === null || countryCode === null) classes.push('malformed');
  classes.push(...watermarkClasses(info, c.appid, c.now, c.maxAge, c.skew));
  return { classes, out: { phoneNumber, purePhoneNumber, countryCode } };
}

function judgeSession(c) {
  const env = envelope(c.answer, ['openid', 'session_key', 'unionid']);
  if (!env.map || env.failed) return { classes: env.classes };
  const classes = [...env.classes];
  const openid = str(env.map.get('openid'));
  const sessionKey = str(env.map.get('session_key'));
  const u = env.map.get('unionid');
  const unionid = u === undefined ? '' : str(u);
  if (!openid || sessionKey === null || !isSessionKey(sessionKey) || unionid === null) classes.push('malformed');
  return { classes, out: { openid, sessionKey, unionid } };
}

// ---------------------------------------------------------------------------------------------
// Writing.

function finish(tests, judge, outFields) {
  return tests.map((t, i) => {
    const { expect, ...fields } = t;
    const { classes, out } = judge(fields);
    const words = [...new Set(classes)];
    const c = { tcId: i + 1, comment: t.comment, flags: t.flags, result: words.length === 0 ? 'valid' : 'invalid' };
    if (words.length === 1) c.error = words[0];
    // The case as written must be what the script meant.
    const want = expect === undefined ? 'valid' : expect;
    const got = words.length === 0 ? 'valid' : words.length === 1 ? words[0] : 'invalid';
    assert(want === got, `tcId ${c.tcId} (${t.comment}): meant ${want}, judged ${got} (${words})`);
    for (const [k, v] of Object.entries(fields)) if (k !== 'comment' && k !== 'flags') c[k] = v;
    if (c.result === 'valid') for (const f of outFields) c[f] = out[f];
    return c;
  });
}

function write(fileName, operation, source, notes, tests) {
  const used = new Set(tests.flatMap((t) => t.flags));
  for (const f of used) assert(notes[f], 'no note for flag ' + f);
  const doc = {
    schema: SCHEMA,
    operation,
    source,
    notes: Object.fromEntries([...used].sort().map((f) => [f, notes[f]])),
    numberOfTests: tests.length,
    tests,
  };
  writeDoc(fileName, doc);
}

const NOTES = {
  Generated: 'Source: written by testdata/generate/answers.mjs and judged by its own strict JSON reader, independently of the library.',
  DocumentedShape: 'Source: the shape of the answer in the platform page\'s example (algorithms.md section 10), with values of our own.',
  CountryCode: 'Input: countryCode given as a JSON string or as a JSON integer, as the page\'s table and example disagree.',
  IntegerText: 'Input: errcode written as a JSON number or as a string holding one; absent means 0.',
  Extra: 'Input: members the check does not read, which must be ignored.',
  Whitespace: 'Input: JSON white space around and between tokens, which must be allowed.',
  NonAscii: 'Input: strings with escapes or non-ASCII characters, compared after unescaping.',
  Freshness: 'Input: the timestamp against the window now - maxAge <= timestamp <= now + skew, at or past its bounds.',
  ApiCode: 'Defect: the platform answered a non-zero errcode, which is the answer\'s result.',
  MalformedAnswer: 'Defect: the answer is not one JSON object with an integer errcode of at most 32 bits and a string errmsg.',
  Shape: 'Defect: a member the check reads is missing or of the wrong type.',
  Duplicate: 'Defect: a member the check reads appears twice.',
  CaseFolded: 'Defect: a member whose name folds to one the check reads (case, Kelvin sign, long s) without being it.',
  Watermark: 'Defect: phone_info has no single well-formed watermark object with a string appid and an integer timestamp.',
  StrictWatermark: 'Defect: the watermark breaks the strict rule of algorithms.md section 2: a duplicate or case-folded appid or timestamp, or a timestamp that is not an integer token fitting int64.',
  AppId: 'Defect: the watermark names another appid.',
  SessionKey: 'Defect: session_key is not 24 characters of strict standard base64 decoding to 16 bytes.',
  TwoDefects: 'Defect: the case breaks two rules of different classes, so it carries no error word.',
};

// ---------------------------------------------------------------------------------------------
// phonenumber.answer

{
  const APPID = 'wx5c7f3b1d9e2a4f60';
  const TS = 1637744274; // the page's example timestamp
  const win = { appid: APPID, now: TS + 60, maxAge: 600, skew: 60 };
  const wm = (ts = TS, appid = APPID) => `{"timestamp":${ts},"appid":${JSON.stringify(appid)}}`;
  const info = (o = {}) => {
    const m = {
      phoneNumber: '"13580006666"',
      purePhoneNumber: '"13580006666"',
      countryCode: '86',
      watermark: wm(),
      ...o,
    };
    return '{' + Object.entries(m).filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',') + '}';
  };
  const answer = (phoneInfo = info(), head = '"errcode":0,"errmsg":"ok",') => `{${head}"phone_info":${phoneInfo}}`;
  const G = ['Generated'];
  const cases = [
    { comment: 'the documented shape: errcode 0, countryCode as a number', flags: [...G, 'DocumentedShape', 'CountryCode'], answer: answer() },
    { comment: 'countryCode as a string, as the page\'s table types it', flags: [...G, 'CountryCode'], answer: answer(info({ countryCode: '"86"' })) },
    { comment: 'errcode as the string "0"', flags: [...G, 'IntegerText'], answer: answer(info(), '"errcode":"0","errmsg":"ok",') },
    { comment: 'no errcode and no errmsg: errcode 0', flags: [...G, 'IntegerText'], answer: answer(info(), '') },
    { comment: 'errmsg null', flags: [...G], answer: answer(info(), '"errcode":0,"errmsg":null,') },
    { comment: 'a number outside mainland China: phoneNumber with the country code', flags: [...G, 'CountryCode'],
      answer: answer(info({ phoneNumber: '"+85261234567"', purePhoneNumber: '"61234567"', countryCode: '852' })) },
    { comment: 'countryCode 0 as a number', flags: [...G, 'CountryCode'], answer: answer(info({ countryCode: '0' })) },
    { comment: 'countryCode string kept as given, leading zero and all', flags: [...G, 'CountryCode'], answer: answer(info({ countryCode: '"086"' })) },
    { comment: 'unknown members at every level', flags: [...G, 'Extra'],
      answer: `{"errcode":0,"errmsg":"ok","request_id":"r1","phone_info":{"phoneNumber":"13580006666","purePhoneNumber":"13580006666","countryCode":86,"extra":{"phoneNumber":1},"watermark":{"timestamp":${TS},"appid":"${APPID}","v":2}}}` },
    { comment: 'pretty-printed answer', flags: [...G, 'Whitespace'],
      answer: `{\n  "errcode": 0,\n  "errmsg": "ok",\n  "phone_info": {\n    "phoneNumber": "13580006666",\n    "purePhoneNumber": "13580006666",\n    "countryCode": 86,\n    "watermark": {\n      "timestamp": ${TS},\n      "appid": "${APPID}"\n    }\n  }\n}\n` },
    { comment: 'escaped digits in phoneNumber and an escaped appid', flags: [...G, 'NonAscii'],
      answer: answer(info({ phoneNumber: '"\\u0031\\u0033580006666"', watermark: `{"timestamp":${TS},"appid":"wx5c7f3b1d9e2a4f6\\u0030"}` })) },
    { comment: 'members in another order, watermark first', flags: [...G],
      answer: `{"phone_info":{"watermark":{"appid":"${APPID}","timestamp":${TS}},"countryCode":"86","purePhoneNumber":"13580006666","phoneNumber":"13580006666"},"errmsg":"ok","errcode":0}` },
    { comment: 'timestamp exactly maxAge old', flags: [...G, 'Freshness'], answer: answer(info({ watermark: wm(TS + 60 - 600) })) },
    { comment: 'timestamp exactly skew ahead', flags: [...G, 'Freshness'], answer: answer(info({ watermark: wm(TS + 120) })) },

    { comment: 'errcode 40029: invalid code', flags: [...G, 'ApiCode'], answer: '{"errcode":40029,"errmsg":"invalid code"}', expect: 'errcode' },
    { comment: 'errcode "40029" as a string', flags: [...G, 'ApiCode', 'IntegerText'], answer: '{"errcode":"40029","errmsg":"invalid code"}', expect: 'errcode' },
    { comment: 'errcode -1: system busy', flags: [...G, 'ApiCode'], answer: '{"errcode":-1,"errmsg":"system error"}', expect: 'errcode' },
    { comment: 'a non-zero errcode with a phone_info: the errcode is the answer', flags: [...G, 'ApiCode'], answer: answer(info(), '"errcode":40029,"errmsg":"invalid code",'), expect: 'errcode' },
    { comment: 'errcode 0.0 is not an integer', flags: [...G, 'MalformedAnswer'], answer: answer(info(), '"errcode":0.0,'), expect: 'malformed' },
    { comment: 'errcode "1e3" is not an integer', flags: [...G, 'MalformedAnswer'], answer: answer(info(), '"errcode":"1e3",'), expect: 'malformed' },
    { comment: 'errcode null', flags: [...G, 'MalformedAnswer'], answer: answer(info(), '"errcode":null,'), expect: 'malformed' },
    { comment: 'errcode 2147483648 exceeds 32 bits', flags: [...G, 'MalformedAnswer'], answer: answer(info(), '"errcode":2147483648,'), expect: 'malformed' },
    { comment: 'errcode " 0" with a space', flags: [...G, 'MalformedAnswer'], answer: answer(info(), '"errcode":" 0",'), expect: 'malformed' },
    { comment: 'errmsg a number', flags: [...G, 'MalformedAnswer'], answer: answer(info(), '"errcode":0,"errmsg":1,'), expect: 'malformed' },
    { comment: 'not JSON', flags: [...G, 'MalformedAnswer'], answer: '{"errcode":0,', expect: 'malformed' },
    { comment: 'an array', flags: [...G, 'MalformedAnswer'], answer: `[${answer()}]`, expect: 'malformed' },
    { comment: 'data after the object', flags: [...G, 'MalformedAnswer'], answer: answer() + '{}', expect: 'malformed' },
    { comment: 'no phone_info', flags: [...G, 'Shape'], answer: '{"errcode":0,"errmsg":"ok"}', expect: 'malformed' },
    { comment: 'phone_info null', flags: [...G, 'Shape'], answer: answer('null'), expect: 'malformed' },
    { comment: 'phone_info a string', flags: [...G, 'Shape'], answer: answer('"13580006666"'), expect: 'malformed' },
    { comment: 'no phoneNumber', flags: [...G, 'Shape'], answer: answer(info({ phoneNumber: undefined })), expect: 'malformed' },
    { comment: 'phoneNumber a number', flags: [...G, 'Shape'], answer: answer(info({ phoneNumber: '13580006666' })), expect: 'malformed' },
    { comment: 'purePhoneNumber null', flags: [...G, 'Shape'], answer: answer(info({ purePhoneNumber: 'null' })), expect: 'malformed' },
    { comment: 'no countryCode', flags: [...G, 'Shape', 'CountryCode'], answer: answer(info({ countryCode: undefined })), expect: 'malformed' },
    { comment: 'countryCode 86.0', flags: [...G, 'Shape', 'CountryCode'], answer: answer(info({ countryCode: '86.0' })), expect: 'malformed' },
    { comment: 'countryCode -86: an integer without sign is wanted', flags: [...G, 'Shape', 'CountryCode'], answer: answer(info({ countryCode: '-86' })), expect: 'malformed' },
    { comment: 'countryCode 8.6e1', flags: [...G, 'Shape', 'CountryCode'], answer: answer(info({ countryCode: '8.6e1' })), expect: 'malformed' },
    { comment: 'countryCode true', flags: [...G, 'Shape', 'CountryCode'], answer: answer(info({ countryCode: 'true' })), expect: 'malformed' },
    { comment: 'phone_info twice', flags: [...G, 'Duplicate'], answer: `{"errcode":0,"phone_info":${info()},"phone_info":${info({ phoneNumber: '"1"' })}}`, expect: 'malformed' },
    { comment: 'errcode twice', flags: [...G, 'Duplicate'], answer: answer(info(), '"errcode":0,"errcode":0,'), expect: 'malformed' },
    { comment: 'phoneNumber twice in phone_info', flags: [...G, 'Duplicate'],
      answer: answer(info({ phoneNumber: '"13580006666","phoneNumber":"13900000000"' })), expect: 'malformed' },
    { comment: 'Phone_Info beside phone_info', flags: [...G, 'CaseFolded'], answer: `{"errcode":0,"phone_info":${info()},"Phone_Info":${info()}}`, expect: 'malformed' },
    { comment: 'PHONE_INFO instead of phone_info', flags: [...G, 'CaseFolded', 'Shape'], answer: `{"errcode":0,"PHONE_INFO":${info()}}`, expect: 'malformed' },
    { comment: 'ErrCode 40029 beside errcode 0', flags: [...G, 'CaseFolded'], answer: answer(info(), '"errcode":0,"ErrCode":40029,'), expect: 'malformed' },
    { comment: 'PurePhoneNumber beside purePhoneNumber', flags: [...G, 'CaseFolded'],
      answer: answer(info({ purePhoneNumber: '"13580006666","PurePhoneNumber":"1"' })), expect: 'malformed' },
    { comment: 'COUNTRYCODE beside countryCode', flags: [...G, 'CaseFolded', 'CountryCode'],
      answer: answer(info({ countryCode: '86,"COUNTRYCODE":1' })), expect: 'malformed' },
    { comment: 'no watermark in phone_info', flags: [...G, 'Watermark'], answer: answer(info({ watermark: undefined })), expect: 'watermark' },
    { comment: 'the watermark beside phone_info instead of inside it', flags: [...G, 'Watermark'],
      answer: `{"errcode":0,"errmsg":"ok","phone_info":${info({ watermark: undefined })},"watermark":${wm()}}`, expect: 'watermark' },
    { comment: 'watermark a string', flags: [...G, 'Watermark'], answer: answer(info({ watermark: '"wx"' })), expect: 'watermark' },
    { comment: 'watermark without appid', flags: [...G, 'Watermark'], answer: answer(info({ watermark: `{"timestamp":${TS}}` })), expect: 'watermark' },
    { comment: 'watermark without timestamp', flags: [...G, 'Watermark'], answer: answer(info({ watermark: `{"appid":"${APPID}"}` })), expect: 'watermark' },
    { comment: 'timestamp as a string', flags: [...G, 'Watermark'], answer: answer(info({ watermark: `{"timestamp":"${TS}","appid":"${APPID}"}` })), expect: 'watermark' },
    { comment: 'timestamp with a fraction', flags: [...G, 'Watermark'], answer: answer(info({ watermark: `{"timestamp":${TS}.5,"appid":"${APPID}"}` })), expect: 'watermark' },
    { comment: 'appid a number', flags: [...G, 'Watermark'], answer: answer(info({ watermark: `{"timestamp":${TS},"appid":5}` })), expect: 'watermark' },
    { comment: 'appid twice in the watermark', flags: [...G, 'Watermark', 'StrictWatermark'],
      answer: answer(info({ watermark: `{"timestamp":${TS},"appid":"${APPID}","appid":"wxother"}` })), expect: 'watermark' },
    { comment: 'timestamp twice in the watermark', flags: [...G, 'Watermark', 'StrictWatermark'],
      answer: answer(info({ watermark: `{"timestamp":${TS},"appid":"${APPID}","timestamp":1}` })), expect: 'watermark' },
    { comment: 'APPID beside appid in the watermark', flags: [...G, 'Watermark', 'StrictWatermark'],
      answer: answer(info({ watermark: `{"timestamp":${TS},"appid":"${APPID}","APPID":"wxother"}` })), expect: 'watermark' },
    { comment: 'a timestamp whose name has the long s (timeſtamp) beside timestamp', flags: [...G, 'Watermark', 'StrictWatermark'],
      answer: answer(info({ watermark: `{"timestamp":${TS},"appid":"${APPID}","time\u017ftamp":1}` })), expect: 'watermark' },
    { comment: 'only Appid, no appid, in the watermark', flags: [...G, 'Watermark', 'StrictWatermark'],
      answer: answer(info({ watermark: `{"timestamp":${TS},"Appid":"${APPID}"}` })), expect: 'watermark' },
    { comment: 'timestamp with an exponent', flags: [...G, 'Watermark', 'StrictWatermark'],
      answer: answer(info({ watermark: `{"timestamp":1.637744274e9,"appid":"${APPID}"}` })), expect: 'watermark' },
    { comment: 'timestamp beyond int64', flags: [...G, 'Watermark', 'StrictWatermark'],
      answer: answer(info({ watermark: `{"timestamp":9223372036854775808,"appid":"${APPID}"}` })), expect: 'watermark' },
    { comment: 'a watermark object nested deeper is not read', flags: [...G, 'Watermark'],
      answer: answer(info({ watermark: undefined, extra: `{"watermark":${wm()}}` })), expect: 'watermark' },
    { comment: 'watermark twice in phone_info: a malformed phone_info and watermark', flags: [...G, 'Duplicate', 'TwoDefects'],
      answer: answer(info({ watermark: `${wm()},"watermark":${wm(TS, 'wxother')}` })), expect: 'invalid' },
    { comment: 'Watermark beside watermark: a malformed phone_info and watermark', flags: [...G, 'CaseFolded', 'TwoDefects'],
      answer: answer(info({ watermark: `${wm()},"Watermark":${wm(TS, 'wxother')}` })), expect: 'invalid' },
    { comment: 'another appid', flags: [...G, 'AppId'], answer: answer(info({ watermark: wm(TS, 'wx0000000000000000') })), expect: 'appid' },
    { comment: 'the appid in upper case', flags: [...G, 'AppId'], answer: answer(info({ watermark: wm(TS, APPID.toUpperCase()) })), expect: 'appid' },
    { comment: 'timestamp one second older than maxAge', flags: [...G, 'Freshness'], answer: answer(info({ watermark: wm(TS + 60 - 601) })), expect: 'expired' },
    { comment: 'timestamp in milliseconds reads as far in the future', flags: [...G, 'Freshness'], answer: answer(info({ watermark: wm(TS * 1000) })), expect: 'future' },
    { comment: 'timestamp one second beyond skew', flags: [...G, 'Freshness'], answer: answer(info({ watermark: wm(TS + 121) })), expect: 'future' },
    { comment: 'a non-zero errcode and a malformed errmsg', flags: [...G, 'ApiCode', 'MalformedAnswer', 'TwoDefects'], answer: '{"errcode":40029,"errmsg":5}', expect: 'invalid' },
    { comment: 'a malformed phone_info and another appid', flags: [...G, 'Shape', 'AppId', 'TwoDefects'],
      answer: answer(info({ phoneNumber: '1', watermark: wm(TS, 'wxother') })), expect: 'invalid' },
  ].map((t) => ({ ...t, ...win }));
  const tests = finish(cases, judgePhone, ['phoneNumber', 'purePhoneNumber', 'countryCode']);
  write('phonenumber_answer.json', 'phonenumber.answer',
    'generated by testdata/generate/answers.mjs from the getuserphonenumber answer of algorithms.md section 10; judged by its own strict JSON reader', NOTES, tests);
}

// ---------------------------------------------------------------------------------------------
// code2session.answer

{
  const KEY = 'tiihtNczf5v6AKRyjwEUhQ=='; // the official demo's session_key (algorithms.md section 1)
  const OPENID = 'oGZUI0egBJY1zhBYw2KhdUfwVJJE';
  const UNIONID = 'ocMvos6NjeKLIBqg5Mr9QjxrP1FA';
  const ans = (o = {}) => {
    const m = { openid: JSON.stringify(OPENID), session_key: JSON.stringify(KEY), unionid: JSON.stringify(UNIONID), ...o };
    return '{' + Object.entries(m).filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',') + '}';
  };
  const key = (k) => ans({ session_key: JSON.stringify(k) });
  const G = ['Generated'];
  const cases = [
    { comment: 'the documented members, the official demo\'s session_key', flags: [...G, 'DocumentedShape'], answer: ans() },
    { comment: 'no unionid', flags: [...G], answer: ans({ unionid: undefined }) },
    { comment: 'errcode 0 and errmsg ok', flags: [...G, 'IntegerText'], answer: ans({ errcode: '0', errmsg: '"ok"' }) },
    { comment: 'errcode "0" as a string', flags: [...G, 'IntegerText'], answer: ans({ errcode: '"0"' }) },
    { comment: 'unknown members', flags: [...G, 'Extra'], answer: ans({ expires_in: '7200', nested: '{"openid":1,"session_key":null}' }) },
    { comment: 'pretty-printed', flags: [...G, 'Whitespace'], answer: `{\n\t"session_key" : "${KEY}" ,\n\t"openid" : "${OPENID}"\n}\n` },
    { comment: 'a session_key holding + and /', flags: [...G], answer: key('+/v7+/v7+/v7+/v7+/v7+w==') },
    { comment: 'an escaped / in session_key', flags: [...G, 'NonAscii'], answer: ans({ session_key: '"+\\/v7+/v7+/v7+/v7+/v7+w=="' }) },
    { comment: 'non-ASCII in unionid', flags: [...G, 'NonAscii'], answer: ans({ unionid: '"o\\u00e9\u4e2d"' }) },

    { comment: 'errcode 40029: invalid code', flags: [...G, 'ApiCode'], answer: '{"errcode":40029,"errmsg":"invalid code"}', expect: 'errcode' },
    { comment: 'errcode 45011: rate limit', flags: [...G, 'ApiCode'], answer: '{"errcode":45011,"errmsg":"api minute-quota reach limit"}', expect: 'errcode' },
    { comment: 'errcode 40226: high-risk user', flags: [...G, 'ApiCode'], answer: '{"errcode":40226,"errmsg":"code blocked"}', expect: 'errcode' },
    { comment: 'errcode "-1" as a string', flags: [...G, 'ApiCode', 'IntegerText'], answer: '{"errcode":"-1","errmsg":"system error"}', expect: 'errcode' },
    { comment: 'a non-zero errcode beside an openid and session_key', flags: [...G, 'ApiCode'], answer: ans({ errcode: '40029' }), expect: 'errcode' },
    { comment: 'errcode 1.5', flags: [...G, 'MalformedAnswer'], answer: ans({ errcode: '1.5' }), expect: 'malformed' },
    { comment: 'errcode "+1"', flags: [...G, 'MalformedAnswer'], answer: ans({ errcode: '"+1"' }), expect: 'malformed' },
    { comment: 'not an object', flags: [...G, 'MalformedAnswer'], answer: '"openid"', expect: 'malformed' },
    { comment: 'empty text', flags: [...G, 'MalformedAnswer'], answer: '', expect: 'malformed' },
    { comment: 'no openid', flags: [...G, 'Shape'], answer: ans({ openid: undefined }), expect: 'malformed' },
    { comment: 'openid empty', flags: [...G, 'Shape'], answer: ans({ openid: '""' }), expect: 'malformed' },
    { comment: 'openid a number', flags: [...G, 'Shape'], answer: ans({ openid: '12345' }), expect: 'malformed' },
    { comment: 'openid null', flags: [...G, 'Shape'], answer: ans({ openid: 'null' }), expect: 'malformed' },
    { comment: 'unionid null', flags: [...G, 'Shape'], answer: ans({ unionid: 'null' }), expect: 'malformed' },
    { comment: 'unionid a number', flags: [...G, 'Shape'], answer: ans({ unionid: '1' }), expect: 'malformed' },
    { comment: 'no session_key', flags: [...G, 'SessionKey', 'Shape'], answer: ans({ session_key: undefined }), expect: 'malformed' },
    { comment: 'session_key null', flags: [...G, 'SessionKey', 'Shape'], answer: ans({ session_key: 'null' }), expect: 'malformed' },
    { comment: 'session_key empty', flags: [...G, 'SessionKey'], answer: key(''), expect: 'malformed' },
    { comment: 'session_key with + turned into a space', flags: [...G, 'SessionKey'], answer: key('lyY4HPQbaOYzZdG JcYK9w=='), expect: 'malformed' },
    { comment: 'session_key URL-encoded', flags: [...G, 'SessionKey'], answer: key('lyY4HPQbaOYzZdG%2BJcYK9w%3D%3D'), expect: 'malformed' },
    { comment: 'session_key in the URL-safe alphabet', flags: [...G, 'SessionKey'], answer: key('-_v7-_v7-_v7-_v7-_v7-w=='), expect: 'malformed' },
    { comment: 'session_key without padding', flags: [...G, 'SessionKey'], answer: key('tiihtNczf5v6AKRyjwEUhQ'), expect: 'malformed' },
    { comment: 'session_key with non-zero unused bits', flags: [...G, 'SessionKey'], answer: key('tiihtNczf5v6AKRyjwEUhR=='), expect: 'malformed' },
    { comment: 'session_key of 18 bytes in 24 characters', flags: [...G, 'SessionKey'], answer: key('AAAAAAAAAAAAAAAAAAAAAAAA'), expect: 'malformed' },
    { comment: 'session_key of 15 bytes', flags: [...G, 'SessionKey'], answer: key('AAAAAAAAAAAAAAAAAAAA'), expect: 'malformed' },
    { comment: 'session_key of 32 bytes', flags: [...G, 'SessionKey'], answer: key(Buffer.alloc(32, 7).toString('base64')), expect: 'malformed' },
    { comment: 'session_key with a line break', flags: [...G, 'SessionKey'], answer: key('tiihtNczf5v6\nAKRyjwEUhQ=='), expect: 'malformed' },
    { comment: 'session_key a number', flags: [...G, 'SessionKey', 'Shape'], answer: ans({ session_key: '1234' }), expect: 'malformed' },
    { comment: 'openid twice', flags: [...G, 'Duplicate'], answer: ans({ openid: `"${OPENID}","openid":"oOTHER"` }), expect: 'malformed' },
    { comment: 'session_key twice', flags: [...G, 'Duplicate'], answer: ans({ session_key: `"${KEY}","session_key":"${KEY}"` }), expect: 'malformed' },
    { comment: 'OpenID beside openid', flags: [...G, 'CaseFolded'], answer: ans({ OpenID: '"oOTHER"' }), expect: 'malformed' },
    { comment: 'Session_Key beside session_key', flags: [...G, 'CaseFolded'], answer: ans({ Session_Key: `"${KEY}"` }), expect: 'malformed' },
    { comment: 'seſſion_key (long s) beside session_key', flags: [...G, 'CaseFolded'], answer: ans({ 'se\u017f\u017fion_key': `"${KEY}"` }), expect: 'malformed' },
    { comment: 'UNIONID instead of unionid', flags: [...G, 'CaseFolded'], answer: ans({ unionid: undefined, UNIONID: `"${UNIONID}"` }), expect: 'malformed' },
    { comment: 'a non-zero errcode and ERRCODE beside it', flags: [...G, 'ApiCode', 'CaseFolded', 'TwoDefects'], answer: '{"errcode":40029,"ERRCODE":0}', expect: 'invalid' },
  ];
  const tests = finish(cases, judgeSession, ['openid', 'sessionKey', 'unionid']);
  write('code2session_answer.json', 'code2session.answer',
    'generated by testdata/generate/answers.mjs from the code2Session answer of algorithms.md section 10; judged by its own strict JSON reader', NOTES, tests);
}
