// Generates the message-push (safe mode, WXBizMsgCrypt) vector files with Node's standard
// library, independently of the Go code:
//
//   testdata/vectors/msgpush_decrypt.json  operation msgpush.decrypt
//   testdata/vectors/msgpush_body.json     operation msgpush.body
//   testdata/vectors/msgpush_encrypt.json  operation msgpush.encrypt
//   testdata/vectors/msgpush_urlsig.json   operation msgpush.urlsig
//
// The scheme is algorithms.md section 9: AES-256-CBC (node:crypto with setAutoPadding(false))
// under base64(EncodingAESKey + "="), iv = key[0:16], PKCS#7 to 32 bytes written here, the frame
// random(16) || uint32_be(len) || msg || appid, and SHA-1 over the byte-wise sorted items.
// Every documented value of section 9 is a valid case flagged "Documented"; the script stops if
// it does not reproduce. Every case is judged by the script's own strict reference (key,
// body, signature, base64, decrypt, buffer, appid, in that order) before it is written: valid
// cases must decrypt to the message and encrypt back to Encrypt; invalid ones must fail with
// exactly the class they name.
//
// Deterministic: random bytes come from SHA-256 in counter mode over a fixed seed. Run from
// anywhere, no npm packages:
//
//   node testdata/generate/msgpush.mjs
import crypto from 'node:crypto';
import { assert, parseJSON, prng, SCHEMA, strictB64Decode as strictB64, writeDoc } from './lib.mjs';

// ---------------------------------------------------------------------------------------------
// Deterministic bytes (lib.mjs's prng) over a fixed seed.
const bytes = prng('wxcrypto msgpush vectors v1');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = ALNUM + '+/';
const text = (label, n, alphabet = ALNUM) => [...bytes(label, n)].map((b) => alphabet[b % alphabet.length]).join('');

// ---------------------------------------------------------------------------------------------
// The reference: algorithms.md section 9, strict, written from the spec.

const KEY_RE = /^[A-Za-z0-9+/]{43}$/;
// base64(EncodingAESKey + "="), decoded by hand so that the two unused bits are visibly ignored.
function decodeKey(k) {
  if (!KEY_RE.test(k)) return null;
  let acc = 0n;
  for (const ch of k) acc = (acc << 6n) | BigInt(B64.indexOf(ch));
  acc >>= 2n; // 258 bits: drop the two unused ones
  const key = Buffer.from(acc.toString(16).padStart(64, '0'), 'hex');
  assert(key.equals(Buffer.from(k + '=', 'base64')), 'hand-decoded key disagrees with Buffer');
  return key;
}

// hex(sha1(concat(sort(items)))), sorted byte-wise on the UTF-8 bytes (JavaScript's own sort
// compares UTF-16 code units, which differs outside the BMP).
function sign(...items) {
  const bufs = items.map((s) => Buffer.from(s, 'utf8'));
  bufs.sort(Buffer.compare);
  return crypto.createHash('sha1').update(Buffer.concat(bufs)).digest('hex');
}

function aes(decrypt, key, data) {
  const c = (decrypt ? crypto.createDecipheriv : crypto.createCipheriv)('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}
function pad32(b) {
  const p = 32 - (b.length % 32);
  return Buffer.concat([b, Buffer.alloc(p, p)]);
}
function frame(random, msg, appid) {
  assert(random.length === 16, 'random is 16 bytes');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  return Buffer.concat([random, len, msg, Buffer.from(appid, 'utf8')]);
}
// Encrypt text of a raw (already padded or deliberately mis-padded) plaintext.
const sealRaw = (key, raw) => aes(false, key, raw).toString('base64');
const seal = (key, random, msg, appid) => sealRaw(key, pad32(frame(random, msg, appid)));

// decryptPush returns {message} or {error: word}.
function decryptPush(t, encrypt) {
  const key = decodeKey(t.encodingAESKey);
  if (!key) return { error: 'key' };
  if (sign(t.token, t.timestamp, t.nonce, encrypt) !== t.msgSignature) return { error: 'signature' };
  const ct = strictB64(encrypt);
  if (!ct) return { error: 'base64' };
  if (ct.length === 0 || ct.length % 32 !== 0) return { error: 'decrypt' };
  const raw = aes(true, key, ct);
  const p = raw[raw.length - 1];
  if (p < 1 || p > 32 || !raw.subarray(raw.length - p).every((b) => b === p)) return { error: 'decrypt' };
  const plain = raw.subarray(0, raw.length - p);
  if (plain.length < 20) return { error: 'buffer' };
  const n = plain.readUInt32BE(16);
  if (n > plain.length - 20) return { error: 'buffer' };
  if (!plain.subarray(20 + n).equals(Buffer.from(t.appid, 'utf8'))) return { error: 'appid' };
  return { message: plain.subarray(20, 20 + n) };
}

// ---------------------------------------------------------------------------------------------
// Body readers, strict, written from the spec: {encrypt} or {error: 'body'}.

// JSON: one object (RFC 8259), exactly one member named Encrypt with a string value; a member
// whose name differs from Encrypt only in case counts as a second one.
function jsonEncrypt(body) {
  let v;
  try {
    v = parseJSON(body);
  } catch {
    return { error: 'body' };
  }
  if (!v.members) return { error: 'body' };
  const hits = v.members.filter(([name]) => name.toLowerCase() === 'encrypt');
  if (hits.length !== 1 || hits[0][0] !== 'Encrypt' || !('str' in hits[0][1])) return { error: 'body' };
  return { encrypt: hits[0][1].str };
}

// XML: the subset a push body uses, strictly: an optional XML declaration, comments, one root
// element whose direct child Encrypt (exactly one) holds only text, CDATA and references to the
// five predefined entities or characters. Any <!DOCTYPE is refused.
function xmlEncrypt(body) {
  if (body.includes('<!DOCTYPE')) return { error: 'body' };
  let i = 0;
  const s = body;
  const fail = () => {
    throw new Error('xml');
  };
  const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*/;
  const ENT = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  function misc() {
    for (;;) {
      while (i < s.length && ' \t\r\n'.includes(s[i])) i++;
      if (s.startsWith('<!--', i)) {
        const e = s.indexOf('-->', i + 4);
        if (e < 0) fail();
        i = e + 3;
      } else return;
    }
  }
  function ref() {
    const e = s.indexOf(';', i);
    if (e < 0) fail();
    const r = s.slice(i + 1, e);
    i = e + 1;
    if (r in ENT) return ENT[r];
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(r);
    if (!m) fail();
    return String.fromCodePoint(m[1] ? parseInt(m[1], 16) : parseInt(m[2], 10));
  }
  // element parses one element at s[i] === '<' and returns its text if it has no children.
  function element(depth, found) {
    i++;
    const m = NAME.exec(s.slice(i));
    if (!m) fail();
    const name = m[0];
    i += name.length;
    const attrs = new Set();
    for (;;) {
      const ws0 = i;
      while (' \t\r\n'.includes(s[i])) i++;
      if (s.startsWith('/>', i)) {
        i += 2;
        return { name, text: '', leaf: true };
      }
      if (s[i] === '>') {
        i++;
        break;
      }
      if (i === ws0) fail();
      const a = NAME.exec(s.slice(i));
      if (!a) fail();
      i += a[0].length;
      if (attrs.has(a[0])) fail();
      attrs.add(a[0]);
      if (s[i] !== '=') fail();
      i++;
      const q = s[i];
      if (q !== '"' && q !== "'") fail();
      const e = s.indexOf(q, i + 1);
      if (e < 0 || s.slice(i + 1, e).includes('<')) fail();
      i = e + 1;
    }
    let textOut = '';
    let leaf = true;
    for (;;) {
      if (i >= s.length) fail();
      if (s.startsWith('</', i)) {
        i += 2;
        if (!s.startsWith(name, i)) fail();
        i += name.length;
        while (' \t\r\n'.includes(s[i])) i++;
        if (s[i] !== '>') fail();
        i++;
        return { name, text: textOut, leaf };
      }
      if (s.startsWith('<![CDATA[', i)) {
        const e = s.indexOf(']]>', i + 9);
        if (e < 0) fail();
        textOut += s.slice(i + 9, e);
        i = e + 3;
      } else if (s.startsWith('<!--', i)) {
        const e = s.indexOf('-->', i + 4);
        if (e < 0) fail();
        i = e + 3;
      } else if (s[i] === '<') {
        leaf = false;
        const child = element(depth + 1, found);
        if (depth === 0 && child.name === 'Encrypt') {
          if (!child.leaf) throw new Error('encrypt with children');
          found.push(child.text);
        }
      } else if (s[i] === '&') {
        textOut += ref();
      } else {
        if (s[i] === '>' && s.startsWith(']]>', i - 2)) fail();
        textOut += s[i++];
      }
    }
  }
  try {
    if (s.startsWith('<?xml')) {
      const e = s.indexOf('?>');
      if (e < 0) fail();
      i = e + 2;
    }
    misc();
    if (s[i] !== '<') fail();
    const found = [];
    element(0, found);
    misc();
    if (i !== s.length || found.length !== 1) return { error: 'body' };
    return { encrypt: found[0] };
  } catch {
    return { error: 'body' };
  }
}

// ---------------------------------------------------------------------------------------------
// Files

const FIELDS = {
  'msgpush.decrypt': ['token', 'encodingAESKey', 'appid', 'timestamp', 'nonce', 'msgSignature', 'encrypt', 'message', 'messageHex'],
  'msgpush.body': ['format', 'body', 'token', 'encodingAESKey', 'appid', 'timestamp', 'nonce', 'msgSignature', 'message', 'messageHex'],
  'msgpush.encrypt': ['token', 'encodingAESKey', 'appid', 'randomHex', 'timestamp', 'nonce', 'message', 'messageHex', 'encrypt', 'msgSignature'],
  'msgpush.urlsig': ['token', 'timestamp', 'nonce', 'signature', 'echostr'],
};
// The meaning of every flag, one sentence each, by kind as in the project's other vector files:
// "Source:" where a case comes from, "Input:" what it exercises (valid or invalid), "Defect:"
// why it is invalid (invalid cases only). The shared flags keep the project's exact sentences.
const NOTES = {
  Documented: 'Source: a value published in an official document or its official demo (spec/algorithms.md), reproduced before writing.',
  Generated: 'Source: generated from a fixed seed by a script under testdata/generate/ that checks each case with code independent of the library.',
  Binary: 'Input: bytes that are not text (random, zero or not UTF-8), given through a Hex field.',
  NonAscii: 'Input: text with non-ASCII characters, used as its UTF-8 bytes.',
  UnusedKeyBits: 'Input: an EncodingAESKey whose last character differs only in its two unused bits, which give the same key.',
  PadValue: 'Input: a message sized so that its PKCS#7 padding to 32 bytes has the stated value.',
  MessageLength: 'Input: a message of a boundary length, from 0 bytes to 64 KiB.',
  RandomPrefix: 'Input: 16 random frame bytes that are non-ASCII text, binary or zero: sliced, never decoded.',
  SortOrder: 'Input: signature items whose byte-wise order differs from a naive or UTF-16 order, or empty items.',
  ThirdParty: 'Input: a third-party platform message, with the component appid in the frame.',
  XmlShape: 'Input: a well-formed XML push body in a shape a reader must accept.',
  JsonShape: 'Input: a well-formed JSON push body in a shape a reader must accept.',
  KeyFormat: 'Defect: an EncodingAESKey that is not 43 characters of the base64 alphabet.',
  SignatureMismatch: 'Defect: a signature that does not match the signed items.',
  SignatureCase: 'Defect: the right signature in upper-case hex; signatures are compared exactly, in lower case.',
  SignatureConfusion: 'Defect: the 3-item URL signature and the 4-item msg_signature swapped.',
  SignatureUnsorted: 'Defect: a signature over the items concatenated without sorting them.',
  EchostrSigned: 'Defect: a URL signature that wrongly covers echostr.',
  LooseBase64: 'Defect: Encrypt in lenient base64: no padding, URL-safe alphabet, line breaks, spaces, stray characters or unused bits set.',
  EncryptWhitespace: 'Defect: white space around the Encrypt text, which is part of what is signed and decoded.',
  CiphertextSize: 'Defect: the ciphertext length is not allowed (empty, too short, or not whole blocks or words).',
  BadPadding: 'Defect: the decrypted last block does not end in valid PKCS#7 padding.',
  WrongKey: 'Defect: a key other than the one used to encrypt or sign.',
  LengthField: 'Defect: the frame\'s length field points past the data, or covers the appid too.',
  ShortFrame: 'Defect: a frame too short for the 16 random bytes and the length field.',
  AppIdMismatch: 'Defect: the frame\'s appid trailer is another appid.',
  AppIdPrefix: 'Defect: the frame\'s appid trailer is a prefix or an extension of the configured appid.',
  WrongFormat: 'Defect: a push body that is not of the configured format at all.',
  EncryptMissing: 'Defect: a push body without an Encrypt member where it belongs.',
  EncryptDuplicate: 'Defect: a push body with two Encrypt members, counting (in JSON) a name that differs only in case.',
  XmlMalformed: 'Defect: an XML push body that is not well-formed, or whose Encrypt has child elements.',
  Doctype: 'Defect: an XML push body with a DOCTYPE, refused before any of it is read (no DTDs, no entities).',
  JsonMalformed: 'Defect: a JSON push body that is not one object, or whose Encrypt is not a string.',
};

const ERRORS = ['key', 'body', 'signature', 'base64', 'decrypt', 'buffer', 'appid'];

function write(fileName, operation, source, tests) {
  const fields = FIELDS[operation];
  const used = new Set();
  const ordered = tests.map((t, i) => {
    if (!t.flags.includes('Documented') && !t.flags.includes('Generated')) t.flags = ['Generated', ...t.flags];
    const o = { tcId: i + 1, comment: t.comment, flags: t.flags, result: t.result };
    assert(t.comment && !t.comment.includes('\n'), 'comment');
    if (t.error !== undefined) {
      assert(t.result === 'invalid' && ERRORS.includes(t.error), `tcId ${i + 1}: error word`);
      o.error = t.error;
    }
    for (const k of Object.keys(t)) assert(['comment', 'flags', 'result', 'error', ...fields].includes(k), `unknown field ${k}`);
    for (const f of fields) if (f in t) o[f] = t[f];
    t.flags.forEach((f) => used.add(f));
    for (const f of t.flags) assert(t.result === 'invalid' || !(NOTES[f] || '').startsWith('Defect:'), `tcId ${i + 1}: Defect flag ${f} on a valid case`);
    return o;
  });
  const notes = {};
  for (const f of [...used].sort()) {
    assert(f in NOTES, `flag ${f} has no note`);
    notes[f] = NOTES[f];
  }
  const doc = { schema: SCHEMA, operation, source, notes, numberOfTests: ordered.length, tests: ordered };
  writeDoc(fileName, doc);
}

// Message fields: text when the bytes are UTF-8 text that round-trips, hex otherwise.
function messageField(msg) {
  const s = msg.toString('utf8');
  return Buffer.from(s, 'utf8').equals(msg) && !s.includes('\ufffd') ? { message: s } : { messageHex: msg.toString('hex') };
}
const messageOf = (t) => ('message' in t ? Buffer.from(t.message, 'utf8') : Buffer.from(t.messageHex, 'hex'));

// check judges a finished decrypt or body case with the reference.
function checkCase(op, t, random) {
  let got;
  if (op === 'msgpush.body') {
    const e = t.format === 'json' ? jsonEncrypt(t.body) : t.format === 'xml' ? xmlEncrypt(t.body) : { error: 'body' };
    // The key is checked before the body is read.
    got = !decodeKey(t.encodingAESKey) ? { error: 'key' } : e.error ? e : decryptPush(t, e.encrypt);
  } else {
    got = decryptPush(t, t.encrypt);
  }
  if (t.result === 'valid') {
    assert(!got.error, `${t.comment}: rejected (${got.error})`);
    assert(got.message.equals(messageOf(t)), `${t.comment}: wrong message`);
    if (random && op === 'msgpush.decrypt') {
      assert(seal(decodeKey(t.encodingAESKey), random, messageOf(t), t.appid) === t.encrypt, `${t.comment}: does not encrypt back`);
    }
  } else {
    assert(got.error, `${t.comment}: accepted`);
    assert(t.error === undefined || got.error === t.error, `${t.comment}: class ${got.error}, want ${t.error}`);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Documented values (algorithms.md section 9)

const AAAA = 'A'.repeat(43);
const CLASSIC = {
  token: 'spamtest', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appid: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669', nonce: '1320562132', msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt: 'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
  random: '89465c840c5f116f', size: 320, pad: 2, contains: '<Content><![CDATA[abcdteT]]></Content>',
};
const MP_PUSH = {
  token: 'AAAAA', encodingAESKey: AAAA, appid: 'wxba5fad812f8e6fb9', timestamp: '1714112445', nonce: '415670741',
  msgSignature: '046e02f8204d34f8ba5fa3b1db94908f3df2e9b3',
  encrypt: '+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=',
  random: 'a8eedb185eb2fecf', size: 224, pad: 19,
  message: '{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714112445,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}',
};
const MP_REPLY = {
  token: 'AAAAA', encodingAESKey: AAAA, appid: 'wxba5fad812f8e6fb9', random: '707722b803182950', message: '{"demo_resp":"good luck"}',
  timestamp: '1713424427', nonce: '415670741', pad: 1,
  encrypt: 'ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==',
  msgSignature: '1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1',
};
const TP_PUSH = {
  token: 'AAAAA', encodingAESKey: AAAA, appid: 'wx134c8103faa5a59e', timestamp: '1715943329', nonce: '1590219412',
  msgSignature: '6c12a4205838198b8fa631b3220723bb07f1015c',
  encrypt: 'D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==',
  random: '1205899eaf019bbd', size: 352, pad: 22, msgLen: 292,
};
const TP_REPLY = {
  token: 'AAAAA', encodingAESKey: AAAA, appid: 'wx134c8103faa5a59e', random: '999951349e8ee746',
  message: '<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>', timestamp: '1713424427', nonce: '415670741',
  encrypt: 'hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7',
  msgSignature: '03e0812039325c2712ef5f0f980fd14c70d6e307',
};
const URL_CHECK = { token: 'AAAAA', timestamp: '1714036504', nonce: '1514711492', signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696', echostr: '4375120948345356249' };
const PLAIN_POST = { token: 'AAAAA', timestamp: '1714037059', nonce: '486452656', signature: '899cf89e464efb63f54ddac96b0a0a235f53aa78' };
const PUSH_URL_SIG = '6c5c811b55cc85e0e1b54100749188c20beb3f5d';

// Reproduce every documented value before anything is written. The documented random is the
// first 16 bytes of the frame, shown as text: it is those 16 ASCII characters.
const documented = [];
for (const [name, d] of [['classic sample', CLASSIC], ['mini-program JSON push', MP_PUSH], ['third-party platform push', TP_PUSH], ['mini-program JSON reply', MP_REPLY], ['third-party platform reply', TP_REPLY]]) {
  const key = decodeKey(d.encodingAESKey);
  assert(sign(d.token, d.timestamp, d.nonce, d.encrypt) === d.msgSignature, `${name}: msg_signature`);
  const ct = strictB64(d.encrypt);
  if (d.size) assert(ct.length === d.size, `${name}: size`);
  const raw = aes(true, key, ct);
  if (d.pad) assert(raw[raw.length - 1] === d.pad, `${name}: pad ${raw[raw.length - 1]}`);
  const got = decryptPush(d, d.encrypt);
  assert(!got.error, `${name}: ${got.error}`);
  const random = raw.subarray(0, 16);
  assert(random.toString('latin1') === d.random, `${name}: random`);
  if (d.message) assert(got.message.toString('utf8') === d.message, `${name}: message`);
  if (d.contains) assert(got.message.toString('utf8').includes(d.contains), `${name}: content`);
  if (d.msgLen) assert(got.message.length === d.msgLen, `${name}: message length`);
  assert(seal(key, random, got.message, d.appid) === d.encrypt, `${name}: encrypts back`);
  documented.push({ name, d, random, message: got.message });
}
assert(sign(URL_CHECK.token, URL_CHECK.timestamp, URL_CHECK.nonce) === URL_CHECK.signature, 'URL verification signature');
assert(sign(PLAIN_POST.token, PLAIN_POST.timestamp, PLAIN_POST.nonce) === PLAIN_POST.signature, 'plain-mode signature');
assert(sign(MP_PUSH.token, MP_PUSH.timestamp, MP_PUSH.nonce) === PUSH_URL_SIG, 'safe-mode push URL signature');

// ---------------------------------------------------------------------------------------------
// msgpush.decrypt

const cfg = (d) => ({ token: d.token, encodingAESKey: d.encodingAESKey, appid: d.appid });
const decryptTests = [];
const dec = (t, random) => decryptTests.push(checkCase('msgpush.decrypt', t, random));

for (const { name, d, random, message } of documented) {
  dec({ comment: `documented: ${name}`, flags: ['Documented'], result: 'valid', ...cfg(d), timestamp: d.timestamp, nonce: d.nonce, msgSignature: d.msgSignature, encrypt: d.encrypt, ...messageField(message) }, random);
}
// The classic key's last character 'G' carries two unused bits; E, F and H give the same key.
for (const last of ['E', 'F', 'H']) {
  const k = CLASSIC.encodingAESKey.slice(0, 42) + last;
  dec({ comment: `classic sample with the key ending in ${last}: the unused bits are ignored`, flags: ['UnusedKeyBits'], result: 'valid', ...cfg(CLASSIC), encodingAESKey: k, timestamp: CLASSIC.timestamp, nonce: CLASSIC.nonce, msgSignature: CLASSIC.msgSignature, encrypt: CLASSIC.encrypt, message: documented[0].message.toString('utf8') });
}

// A generated push: fresh config, random prefix, message; signed over the exact Encrypt.
const GEN = { token: 'pushToken2024', encodingAESKey: text('key', 43, B64), appid: 'wx0123456789abcdef' };
const GEN_KEY = decodeKey(GEN.encodingAESKey);
function push(label, msg, { random = bytes('random ' + label, 16), c = GEN, key = decodeKey(c.encodingAESKey), timestamp = '1700000000', nonce = text('nonce ' + label, 9, '0123456789') } = {}) {
  const encrypt = seal(key, random, msg, c.appid);
  return { t: { ...cfg(c), timestamp, nonce, msgSignature: sign(c.token, timestamp, nonce, encrypt), encrypt }, random };
}
const validPush = (comment, flags, msg, opts) => {
  const { t, random } = push(comment, msg, opts);
  dec({ comment, flags, result: 'valid', ...t, ...messageField(msg) }, random);
};

// Every pad value: frame = 20 + len(msg) + 18, so pad p needs len(msg) = 26 - p (mod 32).
for (let p = 1; p <= 32; p++) {
  const len = (((26 - p) % 32) + 32) % 32 + 32;
  const msg = Buffer.from(text('pad ' + p, len));
  assert(32 - ((38 + len) % 32) === p, 'pad arithmetic');
  validPush(`pad ${p}`, ['PadValue'], msg);
}
for (const n of [0, 1, 15, 16, 31, 32, 33, 65536]) {
  validPush(`message of ${n} bytes`, ['MessageLength'], Buffer.from(text('len ' + n, n)));
}
validPush('non-ASCII message (Chinese text and an emoji)', ['NonAscii'], Buffer.from('{"Content":"你好，世界 😀","MsgType":"text"}', 'utf8'));
validPush('binary message bytes, not UTF-8', ['Binary'], bytes('binary message', 77));
validPush('random prefix of non-ASCII text', ['RandomPrefix'], Buffer.from('{"a":1}'), { random: Buffer.from('随机前缀五x', 'utf8') });
validPush('random prefix of binary bytes, not UTF-8', ['RandomPrefix'], Buffer.from('{"a":2}'), { random: Buffer.from('fffe00c3288000ff80c0e0f0f8fcfeff', 'hex') });
validPush('random prefix of zero bytes', ['RandomPrefix'], Buffer.from('{"a":3}'), { random: Buffer.alloc(16) });
// Byte-wise sort: a token outside the BMP sorts after U+FF21 by bytes but before it in UTF-16.
{
  const c = { ...GEN, token: '\u{1F600}tok' };
  validPush('byte-wise sort: token starts with U+1F600, nonce with U+FF21 (UTF-16 order differs)', ['SortOrder'], Buffer.from('{"s":1}'), { c, nonce: '\uFF21nonce' });
  const c2 = { ...GEN, token: 'Zz' };
  validPush('byte-wise sort: upper-case token sorts before a lower-case timestamp and nonce', ['SortOrder'], Buffer.from('{"s":2}'), { c: c2, timestamp: 'a1700000000', nonce: 'b1' });
  validPush('empty nonce and timestamp are signed as empty strings', ['SortOrder'], Buffer.from('{"s":3}'), { timestamp: '', nonce: '' });
}
// Third-party platform: the component appid in the frame.
validPush('third-party platform: component appid in the frame', ['ThirdParty'], Buffer.from('<xml><AppId><![CDATA[wxauthorizer00001]]></AppId><InfoType><![CDATA[component_verify_ticket]]></InfoType></xml>'), { c: { ...GEN, appid: 'wx134c8103faa5a59e' } });

// Invalid: key.
const base = push('base', Buffer.from(text('base msg', 80)));
const invalid = (comment, flags, error, t) => dec({ comment, flags, result: 'invalid', error, ...base.t, ...t });
invalid('EncodingAESKey of 42 characters', ['KeyFormat'], 'key', { encodingAESKey: GEN.encodingAESKey.slice(0, 42) });
invalid('EncodingAESKey of 44 characters (with "=")', ['KeyFormat'], 'key', { encodingAESKey: GEN.encodingAESKey + '=' });
invalid('EncodingAESKey of 44 alphabet characters', ['KeyFormat'], 'key', { encodingAESKey: GEN.encodingAESKey + 'A' });
invalid('EncodingAESKey with a URL-safe "-"', ['KeyFormat'], 'key', { encodingAESKey: '-' + GEN.encodingAESKey.slice(1) });
invalid('EncodingAESKey with a URL-safe "_"', ['KeyFormat'], 'key', { encodingAESKey: GEN.encodingAESKey.slice(0, 20) + '_' + GEN.encodingAESKey.slice(21) });
invalid('EncodingAESKey with a space', ['KeyFormat'], 'key', { encodingAESKey: GEN.encodingAESKey.slice(0, 42) + ' ' });
invalid('EncodingAESKey with a newline', ['KeyFormat'], 'key', { encodingAESKey: GEN.encodingAESKey.slice(0, 42) + '\n' });
invalid('empty EncodingAESKey', ['KeyFormat'], 'key', { encodingAESKey: '' });

// Invalid: signature.
const flip = (h, i = 0) => h.slice(0, i) + (h[i] === '0' ? '1' : '0') + h.slice(i + 1);
invalid('msg_signature with a changed digit', ['SignatureMismatch'], 'signature', { msgSignature: flip(base.t.msgSignature, 7) });
invalid('msg_signature in upper-case hex', ['SignatureCase'], 'signature', { msgSignature: base.t.msgSignature.toUpperCase() });
invalid('msg_signature truncated to 39 digits', ['SignatureMismatch'], 'signature', { msgSignature: base.t.msgSignature.slice(0, 39) });
invalid('empty msg_signature', ['SignatureMismatch'], 'signature', { msgSignature: '' });
invalid('the 3-item URL signature given as msg_signature', ['SignatureConfusion'], 'signature', { msgSignature: sign(GEN.token, base.t.timestamp, base.t.nonce) });
invalid('msg_signature over the items unsorted', ['SignatureUnsorted'], 'signature', { msgSignature: crypto.createHash('sha1').update(GEN.token + base.t.timestamp + base.t.nonce + base.t.encrypt).digest('hex') });
invalid('msg_signature with a different timestamp', ['SignatureMismatch'], 'signature', { timestamp: '1700000001' });
invalid('msg_signature over a changed Encrypt', ['SignatureMismatch'], 'signature', { encrypt: seal(GEN_KEY, bytes('other', 16), Buffer.from('x'), GEN.appid) });
invalid('valid msg_signature under a different token', ['SignatureMismatch'], 'signature', { token: GEN.token + 'x' });

// Invalid: base64 (each correctly signed, so the base64 rule is what refuses it).
const signed = (encrypt, extra = {}) => ({ encrypt, msgSignature: sign(GEN.token, base.t.timestamp, base.t.nonce, encrypt), ...extra });
const e0 = base.t.encrypt;
assert(e0.endsWith('=') && !e0.endsWith('=='), 'base Encrypt has one "="');
invalid('Encrypt without its "=" padding', ['LooseBase64'], 'base64', signed(e0.slice(0, -1)));
invalid('Encrypt with a space in place of "+"', ['LooseBase64'], 'base64', signed(e0.replace('+', ' ')));
invalid('Encrypt in the URL-safe alphabet', ['LooseBase64'], 'base64', signed(e0.replace(/\+/g, '-').replace(/\//g, '_')));
invalid('Encrypt with a line break every 76 characters', ['LooseBase64'], 'base64', signed(e0.replace(/(.{76})/g, '$1\n')));
invalid('Encrypt with a CRLF inside', ['LooseBase64'], 'base64', signed(e0.slice(0, 40) + '\r\n' + e0.slice(40)));
invalid('Encrypt with a leading space', ['EncryptWhitespace'], 'base64', signed(' ' + e0));
invalid('Encrypt with a trailing newline', ['EncryptWhitespace'], 'base64', signed(e0 + '\n'));
invalid('Encrypt surrounded by spaces and newlines', ['EncryptWhitespace'], 'base64', signed('\n  ' + e0 + '\n'));
{
  // Non-zero unused bits before the "=": the same bytes under a second spelling.
  const i = e0.length - 2;
  const ch = B64[B64.indexOf(e0[i]) ^ 1];
  invalid('Encrypt with non-zero unused bits in its last character', ['LooseBase64'], 'base64', signed(e0.slice(0, i) + ch + '='));
}
invalid('Encrypt with a character outside the alphabet', ['LooseBase64'], 'base64', signed('*' + e0.slice(1)));

// Invalid: decrypt (ciphertext size and padding).
invalid('empty Encrypt', ['CiphertextSize'], 'decrypt', signed(''));
invalid('ciphertext of 16 bytes', ['CiphertextSize'], 'decrypt', signed(bytes('c16', 16).toString('base64')));
invalid('ciphertext of 48 bytes (whole AES blocks, not of 32)', ['CiphertextSize'], 'decrypt', signed(sealRaw(GEN_KEY, pad32(frame(bytes('r', 16), Buffer.from('hello'), GEN.appid))).slice(0, 64)));
invalid('ciphertext of 31 bytes', ['CiphertextSize'], 'decrypt', signed(bytes('c31', 31).toString('base64')));
{
  const body = frame(bytes('r pad', 16), Buffer.from(text('padmsg', 26)), GEN.appid); // 64 bytes
  assert(body.length === 64, 'pad frame');
  const raw = (padBytes) => sealRaw(GEN_KEY, Buffer.concat([body, padBytes]));
  invalid('pad byte 0', ['BadPadding'], 'decrypt', signed(raw(Buffer.alloc(32, 0))));
  invalid('pad byte 33', ['BadPadding'], 'decrypt', signed(raw(Buffer.alloc(32, 33))));
  invalid('pad byte 255', ['BadPadding'], 'decrypt', signed(raw(Buffer.alloc(32, 255))));
  const unequal = Buffer.alloc(32, 32);
  unequal[0] = 31;
  invalid('pad 32 with its first byte 31 (pad bytes unequal)', ['BadPadding'], 'decrypt', signed(raw(unequal)));
  const p17 = Buffer.alloc(32, 17);
  p17[15] = 16;
  invalid('pad 17 with its 17th byte from the end 16 (a 16-byte unpadder stops short)', ['BadPadding'], 'decrypt', signed(raw(p17)));
  const p20 = Buffer.concat([bytes('fill', 12), Buffer.alloc(20, 20)]);
  p20[13] = 21;
  invalid('pad 20 with one byte in the middle wrong', ['BadPadding'], 'decrypt', signed(raw(p20)));
  // PKCS#7 to 16 where 32 was due: a 40-byte frame padded to 48 bytes, not a multiple of 32.
  // (Padded to 16 and a multiple of 32, the result is also a valid pad to 32.)
  const f = frame(bytes('r16', 16), Buffer.from('hi'), GEN.appid);
  assert(f.length === 40, 'frame of 40');
  const p7 = Buffer.concat([f, Buffer.alloc(8, 8)]);
  invalid('PKCS#7 to 16 bytes: a 48-byte ciphertext', ['CiphertextSize'], 'decrypt', signed(sealRaw(GEN_KEY, p7)));
}
{
  // Wrong key: chosen (deterministically) so that the padding check is what fails.
  for (let i = 0; ; i++) {
    const other = text('wrong key ' + i, 43, B64);
    const enc = seal(decodeKey(other), bytes('wk', 16), Buffer.from('{"k":1}'), GEN.appid);
    const raw = aes(true, GEN_KEY, Buffer.from(enc, 'base64'));
    if (raw[raw.length - 1] <= 32 && raw[raw.length - 1] >= 1) continue;
    invalid('encrypted under another EncodingAESKey', ['WrongKey'], 'decrypt', signed(enc));
    break;
  }
}

// Invalid: buffer (length field).
{
  const msg = Buffer.from(text('lenmsg', 30));
  const withLen = (n, tail = Buffer.from(GEN.appid)) => {
    const f = Buffer.concat([bytes('rl', 16), Buffer.alloc(4), msg, tail]);
    f.writeUInt32BE(n, 16);
    return sealRaw(GEN_KEY, pad32(f));
  };
  const rest = msg.length + GEN.appid.length;
  invalid('length field one past the data', ['LengthField'], 'buffer', signed(withLen(rest + 1)));
  invalid('length field 2^31', ['LengthField'], 'buffer', signed(withLen(0x80000000)));
  invalid('length field 2^31 + 30 (a 32-bit signed sum would wrap)', ['LengthField'], 'buffer', signed(withLen(0x80000000 + 30)));
  invalid('length field 2^32 - 1', ['LengthField'], 'buffer', signed(withLen(0xffffffff)));
  invalid('frame of 19 bytes: no room for the length field', ['ShortFrame'], 'buffer', signed(sealRaw(GEN_KEY, pad32(bytes('short19', 19)))));
  invalid('frame of 0 bytes: a full block of padding', ['ShortFrame'], 'buffer', signed(sealRaw(GEN_KEY, Buffer.alloc(32, 32))));
  // A length field that swallows the appid: the trailer is then empty.
  dec(checkCase('msgpush.decrypt', { comment: 'length field covering the appid too: the trailer is empty', flags: ['LengthField'], result: 'invalid', error: 'appid', ...base.t, ...signed(withLen(rest)) }));
}

// Invalid: appid.
{
  const other = (appid, label) => seal(GEN_KEY, bytes('ra ' + label, 16), Buffer.from('{"to":"me"}'), appid);
  invalid('another appid in the frame', ['AppIdMismatch'], 'appid', signed(other('wx9999999999999999', 'other')));
  invalid('the appid without its last character (a prefix)', ['AppIdPrefix'], 'appid', signed(other(GEN.appid.slice(0, -1), 'prefix')));
  invalid('the appid with one extra character', ['AppIdPrefix'], 'appid', signed(other(GEN.appid + '0', 'longer')));
  invalid('the appid in upper case', ['AppIdMismatch'], 'appid', signed(other(GEN.appid.toUpperCase(), 'upper')));
  invalid('no appid at all', ['AppIdMismatch'], 'appid', signed(other('', 'none')));
  invalid('appid with a trailing NUL', ['AppIdPrefix'], 'appid', signed(other(GEN.appid + '\0', 'nul')));
  const tp = TP_PUSH;
  dec(checkCase('msgpush.decrypt', { comment: "documented third-party push checked against the authorizer's appid, not the component's", flags: ['ThirdParty', 'AppIdMismatch'], result: 'invalid', error: 'appid', ...cfg(tp), appid: 'wxba5fad812f8e6fb9', timestamp: tp.timestamp, nonce: tp.nonce, msgSignature: tp.msgSignature, encrypt: tp.encrypt }));
}

write('msgpush_decrypt.json', 'msgpush.decrypt', 'algorithms.md section 9: the documented WXBizMsgCrypt values, and cases generated and checked by testdata/generate/msgpush.mjs (node:crypto)', decryptTests);

// ---------------------------------------------------------------------------------------------
// msgpush.body

const bodyTests = [];
const bodyCase = (t) => bodyTests.push(checkCase('msgpush.body', t));
const sigOf = (c, ts, nonce, enc) => sign(c.token, ts, nonce, enc);
const pushFields = (d, msg) => ({ ...cfg(d), timestamp: d.timestamp, nonce: d.nonce, msgSignature: d.msgSignature, ...messageField(msg) });
const [dClassic, dMP, dTP] = documented;
bodyCase({ comment: 'classic sample in its XML push body', flags: ['Documented'], result: 'valid', format: 'xml', body: `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${CLASSIC.encrypt}]]></Encrypt></xml>`, ...pushFields(CLASSIC, dClassic.message) });
bodyCase({ comment: 'mini-program JSON push in its JSON body', flags: ['Documented'], result: 'valid', format: 'json', body: `{"ToUserName":"gh_97417a04a28d","Encrypt":"${MP_PUSH.encrypt}"}`, ...pushFields(MP_PUSH, dMP.message) });
bodyCase({ comment: 'third-party platform push in its XML body', flags: ['Documented', 'ThirdParty'], result: 'valid', format: 'xml', body: `<xml><AppId><![CDATA[wxauthorizer00001]]></AppId><Encrypt><![CDATA[${TP_PUSH.encrypt}]]></Encrypt></xml>`, ...pushFields(TP_PUSH, dTP.message) });

const gmsg = Buffer.from('{"MsgType":"event","Event":"debug_demo"}');
const g = push('body', gmsg);
const G = { ...cfg(GEN), timestamp: g.t.timestamp, nonce: g.t.nonce, msgSignature: g.t.msgSignature };
const E = g.t.encrypt;
const bodyValid = (comment, flags, format, body) => bodyCase({ comment, flags, result: 'valid', format, body, ...G, ...messageField(gmsg) });
const bodyInvalid = (comment, flags, format, body, error = 'body', extra = {}) => bodyCase({ comment, flags, result: 'invalid', error, format, body, ...G, ...extra });

bodyValid('XML: Encrypt as plain text, no CDATA', ['XmlShape'], 'xml', `<xml><Encrypt>${E}</Encrypt></xml>`);
bodyValid('XML: with a declaration, comments and line breaks', ['XmlShape'], 'xml', `<?xml version="1.0" encoding="UTF-8"?>\n<!-- push -->\n<xml>\n  <ToUserName><![CDATA[gh_x]]></ToUserName>\n  <Encrypt><![CDATA[${E}]]></Encrypt>\n</xml>\n`);
bodyValid('XML: "+" and "/" written as character references', ['XmlShape'], 'xml', `<xml><Encrypt>${E.replace(/\+/g, '&#43;').replace(/\//g, '&#x2F;')}</Encrypt></xml>`);
bodyValid('XML: Encrypt split over two CDATA sections', ['XmlShape'], 'xml', `<xml><Encrypt><![CDATA[${E.slice(0, 10)}]]><![CDATA[${E.slice(10)}]]></Encrypt></xml>`);
bodyValid('XML: an Encrypt nested deeper is not the direct child and is ignored', ['XmlShape'], 'xml', `<xml><Inner><Encrypt>bogus</Encrypt></Inner><Encrypt>${E}</Encrypt></xml>`);
bodyValid('XML: root element of another name, attributes', ['XmlShape'], 'xml', `<msg a="1"><Encrypt b='2'>${E}</Encrypt><Empty/></msg>`);
bodyValid('JSON: Encrypt first, spaces between tokens', ['JsonShape'], 'json', ` { "Encrypt" : "${E}" , "ToUserName" : "gh_x" } `);
bodyValid('JSON: "/" escaped as "\\/" and "+" as "\\u002B"', ['JsonShape'], 'json', `{"Encrypt":"${E.replace(/\//g, '\\/').replace(/\+/g, '\\u002B')}"}`);
bodyValid('JSON: other members of every type', ['JsonShape'], 'json', `{"a":[1,2.5e3,{"b":null}],"t":true,"Encrypt":"${E}","n":-0.5}`);

bodyInvalid('JSON body where XML is configured', ['WrongFormat'], 'xml', `{"Encrypt":"${E}"}`);
bodyInvalid('XML body where JSON is configured', ['WrongFormat'], 'json', `<xml><Encrypt>${E}</Encrypt></xml>`);
bodyInvalid('empty body', ['WrongFormat'], 'json', '');
bodyInvalid('XML: no Encrypt', ['EncryptMissing'], 'xml', '<xml><ToUserName>gh_x</ToUserName></xml>');
bodyInvalid('XML: Encrypt only nested, not a direct child of the root', ['EncryptMissing'], 'xml', `<xml><Inner><Encrypt>${E}</Encrypt></Inner></xml>`);
bodyInvalid('XML: the root itself named Encrypt', ['EncryptMissing'], 'xml', `<Encrypt>${E}</Encrypt>`);
bodyInvalid('XML: two Encrypt elements', ['EncryptDuplicate'], 'xml', `<xml><Encrypt>${E}</Encrypt><Encrypt>${E}</Encrypt></xml>`);
bodyInvalid('XML: Encrypt with a child element', ['XmlMalformed'], 'xml', `<xml><Encrypt><b>${E}</b></Encrypt></xml>`);
bodyInvalid('XML: DOCTYPE with an internal entity (XXE)', ['Doctype'], 'xml', `<!DOCTYPE xml [<!ENTITY e "${E}">]><xml><Encrypt>&e;</Encrypt></xml>`);
bodyInvalid('XML: DOCTYPE with an external entity', ['Doctype'], 'xml', `<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>${E}</Encrypt></xml>`);
bodyInvalid('XML: undefined entity', ['XmlMalformed'], 'xml', `<xml><Encrypt>${E}&e;</Encrypt></xml>`);
bodyInvalid('XML: unclosed root', ['XmlMalformed'], 'xml', `<xml><Encrypt>${E}</Encrypt>`);
bodyInvalid('XML: mismatched end tag', ['XmlMalformed'], 'xml', `<xml><Encrypt>${E}</Encrypted></xml>`);
bodyInvalid('XML: an attribute given twice', ['XmlMalformed'], 'xml', `<xml a="1" a="2"><Encrypt>${E}</Encrypt></xml>`);
bodyInvalid('XML: two root elements', ['XmlMalformed'], 'xml', `<xml><Encrypt>${E}</Encrypt></xml><xml></xml>`);
bodyInvalid('XML: text after the root', ['XmlMalformed'], 'xml', `<xml><Encrypt>${E}</Encrypt></xml>trailing`);
bodyInvalid('JSON: no Encrypt', ['EncryptMissing'], 'json', '{"ToUserName":"gh_x"}');
bodyInvalid('JSON: Encrypt twice', ['EncryptDuplicate'], 'json', `{"Encrypt":"${E}","Encrypt":"${E}"}`);
bodyInvalid('JSON: Encrypt and a case-folded copy "encrypt"', ['EncryptDuplicate'], 'json', `{"Encrypt":"${E}","encrypt":"${E}"}`);
bodyInvalid('JSON: only a case-folded "ENCRYPT"', ['EncryptDuplicate'], 'json', `{"ENCRYPT":"${E}"}`);
bodyInvalid('JSON: Encrypt is a number', ['JsonMalformed'], 'json', '{"Encrypt":12345}');
bodyInvalid('JSON: Encrypt is null', ['JsonMalformed'], 'json', '{"Encrypt":null}');
bodyInvalid('JSON: Encrypt is an array of the text', ['JsonMalformed'], 'json', `{"Encrypt":["${E}"]}`);
bodyInvalid('JSON: an array, not an object', ['JsonMalformed'], 'json', `["${E}"]`);
bodyInvalid('JSON: data after the object', ['JsonMalformed'], 'json', `{"Encrypt":"${E}"}x`);
bodyInvalid('JSON: two objects', ['JsonMalformed'], 'json', `{"Encrypt":"${E}"}{}`);
bodyInvalid('JSON: trailing comma', ['JsonMalformed'], 'json', `{"Encrypt":"${E}",}`);
bodyInvalid('JSON: unterminated string', ['JsonMalformed'], 'json', `{"Encrypt":"${E}}`);
// Past the body: the other classes, reached through a well-formed body.
bodyInvalid('XML: msg_signature does not match', ['SignatureMismatch'], 'xml', `<xml><Encrypt>${E}</Encrypt></xml>`, 'signature', { msgSignature: flip(G.msgSignature, 3) });
bodyInvalid('JSON: the URL signature given as msg_signature', ['SignatureConfusion'], 'json', `{"Encrypt":"${E}"}`, 'signature', { msgSignature: sign(GEN.token, G.timestamp, G.nonce) });
{
  const ws = `\n${E}\n`;
  bodyInvalid('XML: white space around Encrypt inside the element, signed as received', ['EncryptWhitespace'], 'xml', `<xml><Encrypt>\n<![CDATA[${E}]]>\n</Encrypt></xml>`, 'base64', { msgSignature: sigOf(GEN, G.timestamp, G.nonce, ws) });
  bodyInvalid('XML: white space around Encrypt, signed without it', ['EncryptWhitespace'], 'xml', `<xml><Encrypt> ${E} </Encrypt></xml>`, 'signature');
  bodyInvalid('JSON: white space inside the Encrypt string, signed as received', ['EncryptWhitespace'], 'json', `{"Encrypt":" ${E}"}`, 'base64', { msgSignature: sigOf(GEN, G.timestamp, G.nonce, ' ' + E) });
}
bodyInvalid('XML: a well-formed body under a bad EncodingAESKey', ['KeyFormat'], 'xml', `<xml><Encrypt>${E}</Encrypt></xml>`, 'key', { encodingAESKey: GEN.encodingAESKey.slice(0, 42) });
{
  const other = seal(GEN_KEY, bytes('rb', 16), Buffer.from('{}'), 'wx9999999999999999');
  bodyInvalid('JSON: a signed message for another appid', ['AppIdMismatch'], 'json', `{"Encrypt":"${other}"}`, 'appid', { msgSignature: sigOf(GEN, G.timestamp, G.nonce, other) });
}

write('msgpush_body.json', 'msgpush.body', 'algorithms.md section 9: push bodies in XML and JSON around documented and generated Encrypt values, checked by testdata/generate/msgpush.mjs (node:crypto and its own strict body readers)', bodyTests);

// ---------------------------------------------------------------------------------------------
// msgpush.encrypt (always valid)

const encTests = [];
function encCase(comment, flags, c, random, msg, timestamp, nonce, expect) {
  const key = decodeKey(c.encodingAESKey);
  const encrypt = seal(key, random, msg, c.appid);
  const msgSignature = sign(c.token, timestamp, nonce, encrypt);
  if (expect) assert(encrypt === expect.encrypt && msgSignature === expect.msgSignature, `${comment}: documented reply`);
  // Decrypts back, and an IV bug (a zero IV) would have given another Encrypt, except under
  // the documented all-'A' key, whose IV is itself zero.
  assert(decryptPush({ ...cfg(c), timestamp, nonce, msgSignature }, encrypt).message.equals(msg), `${comment}: decrypts back`);
  const zeroIV = crypto.createCipheriv('aes-256-cbc', key, Buffer.alloc(16));
  zeroIV.setAutoPadding(false);
  assert(Buffer.concat([zeroIV.update(pad32(frame(random, msg, c.appid))), zeroIV.final()]).toString('base64') !== encrypt || key.subarray(0, 16).equals(Buffer.alloc(16)), 'IV matters');
  encTests.push({ comment, flags, result: 'valid', ...cfg(c), randomHex: random.toString('hex'), timestamp, nonce, ...messageField(msg), encrypt, msgSignature });
}
encCase('documented mini-program JSON reply', ['Documented'], MP_REPLY, Buffer.from(MP_REPLY.random, 'latin1'), Buffer.from(MP_REPLY.message), MP_REPLY.timestamp, MP_REPLY.nonce, MP_REPLY);
encCase('documented third-party platform XML reply', ['Documented', 'ThirdParty'], TP_REPLY, Buffer.from(TP_REPLY.random, 'latin1'), Buffer.from(TP_REPLY.message), TP_REPLY.timestamp, TP_REPLY.nonce, TP_REPLY);
encCase('classic sample configuration, its message re-encrypted with its random', ['Documented'], CLASSIC, Buffer.from(CLASSIC.random, 'latin1'), dClassic.message, CLASSIC.timestamp, CLASSIC.nonce, { encrypt: CLASSIC.encrypt, msgSignature: CLASSIC.msgSignature });
for (const n of [0, 1, 15, 16, 31, 32, 33, 65536]) {
  encCase(`reply of ${n} bytes`, ['MessageLength'], GEN, bytes('enc random ' + n, 16), Buffer.from(text('enc ' + n, n)), '1700000100', '123456789');
}
for (const p of [1, 16, 17, 32]) {
  const len = (((26 - p) % 32) + 32) % 32;
  encCase(`reply with pad ${p}`, ['PadValue'], GEN, bytes('enc pad ' + p, 16), Buffer.from(text('encpad ' + p, len)), '1700000200', '42');
}
encCase('reply with a non-ASCII message', ['NonAscii'], GEN, bytes('enc na', 16), Buffer.from('{"demo_resp":"收到，谢谢"}'), '1700000300', '7');
encCase('reply with binary message bytes', ['Binary'], GEN, bytes('enc bin', 16), bytes('enc bin msg', 40), '1700000400', '8');
encCase('reply with a binary random prefix', ['RandomPrefix'], GEN, Buffer.from('00ff80c328fffe0102030405060708ff', 'hex'), Buffer.from('success'), '1700000500', '9');
encCase('reply with a random prefix of zero bytes', ['RandomPrefix'], GEN, Buffer.alloc(16), Buffer.from('success'), '1700000600', '10');

write('msgpush_encrypt.json', 'msgpush.encrypt', 'algorithms.md section 9: the documented encrypted replies, and replies generated and checked by testdata/generate/msgpush.mjs (node:crypto)', encTests);

// ---------------------------------------------------------------------------------------------
// msgpush.urlsig

const urlTests = [];
function urlCase(comment, flags, result, t) {
  const ok = sign(t.token, t.timestamp, t.nonce) === t.signature;
  assert(ok === (result === 'valid'), `${comment}: verdict`);
  urlTests.push({ comment, flags, result, ...t });
}
urlCase('documented URL verification (echostr is the answer)', ['Documented'], 'valid', URL_CHECK);
urlCase('documented plain-mode POST signature', ['Documented'], 'valid', PLAIN_POST);
urlCase('documented safe-mode push: the query signature covers only token, timestamp, nonce', ['Documented'], 'valid', { token: MP_PUSH.token, timestamp: MP_PUSH.timestamp, nonce: MP_PUSH.nonce, signature: PUSH_URL_SIG });
urlCase('classic sample configuration', ['Generated'], 'valid', { token: CLASSIC.token, timestamp: CLASSIC.timestamp, nonce: CLASSIC.nonce, signature: sign(CLASSIC.token, CLASSIC.timestamp, CLASSIC.nonce), echostr: 'hello' });
for (let i = 0; i < 4; i++) {
  const t = { token: text('utok ' + i, 3 + 7 * i), timestamp: String(1700000000 + i * 977), nonce: text('unonce ' + i, 10, '0123456789') };
  urlCase(`generated ${i}`, ['Generated'], 'valid', { ...t, signature: sign(t.token, t.timestamp, t.nonce), echostr: text('echo ' + i, 19, '0123456789') });
}
urlCase('byte-wise sort with a token outside the BMP', ['SortOrder'], 'valid', { token: '\u{1F600}', timestamp: '1700000000', nonce: '\uFF21', signature: sign('\u{1F600}', '1700000000', '\uFF21') });
urlCase('echostr that looks like base64 and URL text is answered unchanged', ['Generated'], 'valid', { ...URL_CHECK, echostr: 'a+b/c=d&e f%20' });
const U = URL_CHECK;
urlCase('echostr included in the hash (the WeCom verifyUrl variant)', ['EchostrSigned'], 'invalid', { ...U, signature: sign(U.token, U.timestamp, U.nonce, U.echostr) });
urlCase('signature with a changed digit', ['SignatureMismatch'], 'invalid', { ...U, signature: flip(U.signature, 39) });
urlCase('signature in upper-case hex', ['SignatureCase'], 'invalid', { ...U, signature: U.signature.toUpperCase() });
urlCase('signature over the items unsorted', ['SignatureUnsorted'], 'invalid', { ...U, signature: crypto.createHash('sha1').update(U.token + U.timestamp + U.nonce).digest('hex') });
urlCase('signature of another timestamp', ['SignatureMismatch'], 'invalid', { ...U, timestamp: '1714036505' });
urlCase('empty signature', ['SignatureMismatch'], 'invalid', { ...U, signature: '' });
urlCase('msg_signature of the documented push given as the URL signature', ['SignatureConfusion'], 'invalid', { token: MP_PUSH.token, timestamp: MP_PUSH.timestamp, nonce: MP_PUSH.nonce, signature: MP_PUSH.msgSignature });

write('msgpush_urlsig.json', 'msgpush.urlsig', 'algorithms.md section 9: the documented URL and plain-mode signatures, and cases generated and checked by testdata/generate/msgpush.mjs (node:crypto)', urlTests);
