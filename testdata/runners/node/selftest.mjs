// Tests of run.mjs itself, Node's standard library only:
//
//   node testdata/runners/node/selftest.mjs [testdata/vectors]
//
// 1. Cases built from the documented values of spec/algorithms.md for operations whose
//    files come from elsewhere (message push, section 9; opendata.open and the answers), which
//    must pass; each is paired with a broken copy, which must fail.
// 2. Every case of every vector file, flipped (valid to invalid, invalid to valid without its
//    error word), must fail: a check that cannot fail tests nothing.
// 3. Malformed files must be refused as a whole.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from './json.mjs';
import { run } from './run.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxcrypto-vectors-'));
let problems = 0;
const problem = (msg) => { problems++; console.log('FAIL ' + msg); };

const file = (operation, tests, extra = {}) => ({ schema: 'wxcrypto-vectors/v1', operation, source: 'selftest', ...extra, tests });
function runDoc(name, doc) {
  const p = path.join(dir, name + '.json');
  fs.writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc));
  const lines = [];
  return { ...run([p], (l) => lines.push(l)), lines };
}
const numbered = (tests) => tests.map((t, i) => ({ tcId: i + 1, comment: `case ${i + 1}`, flags: [], result: 'valid', ...t }));

// --- 1. documented values ----------------------------------------------------------------------

const A43 = 'A'.repeat(43);
const MP = {
  token: 'AAAAA', encodingAESKey: A43, appid: 'wxba5fad812f8e6fb9', timestamp: '1714112445', nonce: '415670741',
  msgSignature: '046e02f8204d34f8ba5fa3b1db94908f3df2e9b3',
};
const MP_ENCRYPT = '+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=';
const MP_MSG = '{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714112445,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}';
const DEMO = {
  sessionKey: 'tiihtNczf5v6AKRyjwEUhQ==', iv: 'r7BXXKkLb8qrSNn05n0qiA==',
  encryptedData: 'CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==',
  appid: 'wx4f4bc4dec97d474b', now: 1477314187, maxAge: 600, skew: 60,
};
const DEMO_PT = '{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0","unionId":"ocMvos6NjeKLIBqg5Mr9QjxrP1FA","watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}';
const randomHex = (s) => Buffer.from(s).toString('hex'); // the documented randoms are 16 ASCII characters

// [operation, passing case, broken copy]
const documented = [
  ['msgpush.decrypt', { ...MP, encrypt: MP_ENCRYPT, message: MP_MSG }, { message: MP_MSG.replace('hello', 'hullo') }],
  ['msgpush.decrypt', { ...MP, encrypt: MP_ENCRYPT, result: 'invalid', error: 'appid', appid: 'wxba5fad812f8e6fb8' }, { error: 'signature' }],
  ['msgpush.body', { ...MP, format: 'json', body: JSON.stringify({ ToUserName: 'gh_97417a04a28d', Encrypt: MP_ENCRYPT }), message: MP_MSG }, { format: 'xml' }],
  ['msgpush.body', { ...MP, format: 'xml', body: `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[${MP_ENCRYPT}]]></Encrypt></xml>`, message: MP_MSG },
    { body: `<xml><a><Encrypt><![CDATA[${MP_ENCRYPT}]]></Encrypt></a></xml>` }],
  ['msgpush.encrypt', {
    token: 'AAAAA', encodingAESKey: A43, appid: 'wxba5fad812f8e6fb9', randomHex: randomHex('707722b803182950'), timestamp: '1713424427', nonce: '415670741',
    message: '{"demo_resp":"good luck"}', encrypt: 'ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==', msgSignature: '1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1',
  }, { randomHex: randomHex('707722b803182951') }],
  ['msgpush.encrypt', {
    token: 'AAAAA', encodingAESKey: A43, appid: 'wx134c8103faa5a59e', randomHex: randomHex('999951349e8ee746'), timestamp: '1713424427', nonce: '415670741',
    message: '<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>',
    encrypt: 'hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7',
    msgSignature: '03e0812039325c2712ef5f0f980fd14c70d6e307',
  }, { msgSignature: '03e0812039325c2712ef5f0f980fd14c70d6e308' }],
  ['msgpush.urlsig', { token: 'AAAAA', timestamp: '1714036504', nonce: '1514711492', signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696', echostr: '4375120948345356249' }, { nonce: '1514711493' }],
  ['msgpush.urlsig', { token: 'AAAAA', timestamp: '1714037059', nonce: '486452656', signature: '899cf89e464efb63f54ddac96b0a0a235f53aa78' }, { signature: '899CF89E464EFB63F54DDAC96B0A0A235F53AA78' }],
  ['msgpush.urlsig', { token: 'AAAAA', timestamp: '1714112445', nonce: '415670741', signature: '6c5c811b55cc85e0e1b54100749188c20beb3f5d' }, { token: 'AAAAB' }],
  ['opendata.open', { ...DEMO, plaintext: DEMO_PT }, { now: DEMO.now + 601 }],
  ['opendata.open', { ...DEMO, result: 'invalid', error: 'future', now: DEMO.now - 61 }, { error: 'expired' }],
  ['phonenumber.answer', {
    answer: '{"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"+86 138","purePhoneNumber":"138","countryCode":86,"watermark":{"timestamp":1637744274,"appid":"wxa"}}}',
    appid: 'wxa', now: 1637744274, maxAge: 0, skew: 0, phoneNumber: '+86 138', purePhoneNumber: '138', countryCode: '86',
  }, { countryCode: '086' }],
  ['code2session.answer', { answer: '{"openid":"o1","session_key":"tiihtNczf5v6AKRyjwEUhQ==","unionid":"u1"}', openid: 'o1', sessionKey: 'tiihtNczf5v6AKRyjwEUhQ==', unionid: 'u1' },
    { answer: '{"openid":"o1","session_key":"tiihtNczf5v6AKRyjwEUhQ==","unionid":"u1","OpenID":"o2"}' }],
];
documented.forEach(([op, good, broken], i) => {
  const ok = runDoc(`documented-${i}`, file(op, numbered([good])));
  if (ok.passed !== 1 || ok.failed !== 0) problem(`${op} documented case ${i}: ${ok.lines.join('; ')}`);
  const bad = runDoc(`documented-${i}-broken`, file(op, numbered([{ ...good, ...broken }])));
  if (bad.passed !== 0 || bad.failed !== 1) problem(`${op} broken case ${i} passes`);
});

// --- 2. every shipped case, flipped --------------------------------------------------------------

const vectorsDir = process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'vectors');
// The JSON text of a node of json.mjs's tree: numbers keep their exact text (JSON.parse would
// round integers beyond 2^53).
const toText = (v) => {
  switch (v.t) {
    case 'object': return `{${v.members.map(([n, x]) => JSON.stringify(n) + ':' + toText(x)).join(',')}}`;
    case 'array': return `[${v.items.map(toText).join(',')}]`;
    case 'number': return v.raw;
    case 'string': return JSON.stringify(v.v);
    case 'bool': return String(v.v);
    default: return 'null';
  }
};
let flipped = 0;
for (const name of fs.readdirSync(vectorsDir).filter((n) => n.endsWith('.json')).sort()) {
  const doc = parse(fs.readFileSync(path.join(vectorsDir, name), 'utf8'));
  const top = Object.fromEntries(doc.members);
  for (const t of top.tests.items) {
    // The opposite result; an invalid case turned valid loses its error word.
    const result = t.members.some(([n, v]) => n === 'result' && v.v === 'valid') ? 'invalid' : 'valid';
    const members = t.members.filter(([n]) => n !== 'error' && n !== 'result');
    const one = { t: 'object', members: [...members, ['result', { t: 'string', v: result }]] };
    const text = `{"schema":"wxcrypto-vectors/v1","operation":${toText(top.operation)},"source":"selftest","tests":[${toText(one)}]}`;
    const r = runDoc('flipped', text);
    const id = t.members.find(([n]) => n === 'tcId')[1].raw;
    if (r.passed !== 0) problem(`${name} ${id}: passes with result ${result}`);
    flipped++;
  }
}
if (flipped < 100) problem(`only ${flipped} cases flipped`);

// --- 3. malformed files ----------------------------------------------------------------------------

const okCase = { tcId: 1, comment: 'c', flags: [], result: 'valid', plaintext: '{"watermark":{"appid":"a","timestamp":5}}', appid: 'a', now: 5, maxAge: 0, skew: 0 };
const good = file('opendata.watermark', [okCase]);
const text = JSON.stringify(good);
const malformed = {
  'bad schema': { ...good, schema: 'wxcrypto-vectors/v2' },
  'unknown operation': { ...good, operation: 'opendata.decrypt2' },
  'unknown top-level member': { ...good, note: 'x' },
  'truncated (numberOfTests)': { ...good, numberOfTests: 2 },
  'notes not strings': { ...good, notes: { X: 1 } },
  'no tests': { ...good, tests: [] },
  'duplicate member': text.replace('"source"', '"source":"x","source"'),
  'trailing data': text + '{}',
  'unpaired surrogate': text.replace('"comment":"c"', '"comment":"\\ud800"'),
  'not UTF-8': Buffer.concat([Buffer.from(text.slice(0, -2)), Buffer.from([0xff]), Buffer.from(text.slice(-2))]).toString('latin1'),
  'unknown field': file('opendata.watermark', [{ ...okCase, skw: 0 }]),
  'float integer': text.replace('"skew":0', '"skew":0.0'),
  'error word not listed': file('opendata.watermark', [{ ...okCase, result: 'invalid', plaintext: '{}', error: 'padding' }]),
  'error in a valid case': file('opendata.watermark', [{ ...okCase, error: 'appid' }]),
  'duplicate tcId': file('opendata.watermark', [okCase, okCase]),
  'wrong error word': file('opendata.watermark', [{ ...okCase, result: 'invalid', plaintext: '{}', error: 'appid' }]),
};
const ok = runDoc('good', good);
if (ok.passed !== 1 || ok.failed !== 0) problem(`good file: ${ok.lines.join('; ')}`);
for (const [what, doc] of Object.entries(malformed)) {
  const p = path.join(dir, 'malformed.json');
  if (what === 'not UTF-8') fs.writeFileSync(p, Buffer.from(doc, 'latin1'));
  else fs.writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc));
  const r = run([p], () => {});
  if (r.failed === 0) problem(`${what}: not refused`);
}
const empty = fs.mkdtempSync(path.join(dir, 'empty-'));
if (run([empty], () => {}).failed === 0) problem('a folder without vector files is not an error');

fs.rmSync(dir, { recursive: true, force: true });
console.log(`${documented.length} documented cases, ${flipped} flipped cases, ${Object.keys(malformed).length} malformed files: ${problems === 0 ? 'ok' : problems + ' problems'}`);
process.exitCode = problems === 0 ? 0 : 1;
