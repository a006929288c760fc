#!/usr/bin/env node
// A second runner for the wxcrypto-vectors/v1 files, written from spec/vectors.md and
// spec/algorithms.md alone, with Node's standard library only:
//
//   node testdata/runners/node/run.mjs PATH...
//
// PATH is a vector file or a folder (every *.json below it, in lexical order). Prints one line
// per failing case (`file tcId: what went wrong`), then `N passed, N failed`, and exits 1 if
// anything failed or a file was malformed. It is also a starting point for JavaScript SDKs:
// each operation below is a small, complete implementation of what the library computes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSONError, parse, int64, one, INTEGER } from './json.mjs';

const SCHEMA = 'wxcrypto-vectors/v1';
const TOP = new Set(['schema', 'operation', 'source', 'tests', 'notes', 'numberOfTests']);

// ---------------------------------------------------------------------------------------------
// Rejections. Every check below throws Reject with the error word of spec/vectors.md's table;
// a case with an `error` word passes only if the word matches.

class Reject extends Error {
  constructor(word, why) {
    super(why ? `${word}: ${why}` : word);
    this.word = word;
  }
}
const reject = (word, why) => { throw new Reject(word, why); };

// ---------------------------------------------------------------------------------------------
// Primitives.

const utf8 = (s) => Buffer.from(s, 'utf8');
const sha1 = (...parts) => { const h = crypto.createHash('sha1'); for (const p of parts) h.update(p); return h.digest('hex'); };
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');
const hmac256 = (key, ...parts) => { const h = crypto.createHmac('sha256', key); for (const p of parts) h.update(p); return h.digest('hex'); };
const fatalUTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Strict standard base64: RFC 4648 alphabet, '=' padding to a multiple of 4, no white space,
// unused bits zero. Returns the bytes or null.
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
function strictBase64(s) {
  if (!B64.test(s)) return null;
  const b = Buffer.from(s, 'base64');
  return b.toString('base64') === s ? b : null;
}

// Hex of either case, even length, nothing else. Returns the bytes or null.
function strictHex(s) {
  return /^(?:[0-9a-fA-F]{2})*$/.test(s) ? Buffer.from(s, 'hex') : null;
}

// A signature check: the presented text must be exactly the computed lower-case hex (upper
// case, other lengths and other text never verify). Compared in constant time.
function sameHex(presented, computed) {
  const a = utf8(presented), b = utf8(computed);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function aesCBC(decrypt, key, iv, data) {
  const name = `aes-${key.length * 8}-cbc`;
  const c = decrypt ? crypto.createDecipheriv(name, key, iv) : crypto.createCipheriv(name, key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}
function pkcs7Pad(data, block) {
  const p = block - (data.length % block);
  return Buffer.concat([data, Buffer.alloc(p, p)]);
}
// The unpadded data, or null when the padding is not PKCS#7 to the block size.
function pkcs7Unpad(data, block) {
  if (data.length === 0 || data.length % block !== 0) return null;
  const p = data[data.length - 1];
  if (p < 1 || p > block) return null;
  for (let i = data.length - p; i < data.length; i++) if (data[i] !== p) return null;
  return data.subarray(0, data.length - p);
}

// ---------------------------------------------------------------------------------------------
// Open data (algorithms.md sections 1 and 2).

const MAX_OPEN_DATA = 4 << 20;

function openDataDecrypt(sessionKey, iv, encryptedData) {
  const k = strictBase64(sessionKey), v = strictBase64(iv), c = strictBase64(encryptedData);
  if (k === null || v === null || c === null) reject('base64');
  if (k.length !== 16) reject('key');
  if (v.length !== 16) reject('iv');
  if (c.length === 0 || c.length % 16 !== 0 || c.length > MAX_OPEN_DATA) reject('size');
  const pt = pkcs7Unpad(aesCBC(true, k, v, c), 16);
  if (pt === null) reject('decrypt');
  return { pt, k, v };
}

// The JSON object of a text, or null when the text is not one JSON object.
function jsonObject(text) {
  try {
    const v = parse(text);
    return v.t === 'object' ? v : null;
  } catch (e) {
    if (e instanceof JSONError) return null;
    throw e;
  }
}

// The strict watermark of an object node (section 2): exactly one member named exactly
// `watermark` holding an object with exactly one `appid` string and one `timestamp` integer
// that fits int64, and no case-folded copy of any of the three at its level.
function watermarkOf(obj) {
  const w = one(obj, 'watermark');
  if (w === null || w.value === undefined || w.value.t !== 'object') reject('watermark');
  const a = one(w.value, 'appid'), t = one(w.value, 'timestamp');
  if (a === null || t === null || a.value === undefined || t.value === undefined) reject('watermark');
  if (a.value.t !== 'string' || !a.value.v.isWellFormed()) reject('watermark'); // a lone surrogate has no agreed bytes
  const ts = int64(t.value);
  if (ts === null) reject('watermark');
  return { appid: a.value.v, timestamp: ts };
}

// The freshness rule in exact integer arithmetic: now - maxAge <= ts <= now + skew.
function checkWindow(ts, now, maxAge, skew) {
  if (ts < now - maxAge) reject('expired');
  if (ts > now + skew) reject('future');
}

function checkWatermark(obj, c) {
  const w = watermarkOf(obj);
  if (w.appid !== c.str('appid')) reject('appid');
  checkWindow(w.timestamp, c.int('now'), c.int('maxAge'), c.int('skew'));
}

// ---------------------------------------------------------------------------------------------
// XXTEA (algorithms.md section 6): corrected block TEA over little-endian 32-bit words.

const DELTA = 0x9e3779b9;
const MAX_XXTEA = 1 << 20;

function xxteaKey(key) {
  if (key.length === 0) reject('key');
  const k = Buffer.alloc(16);
  key.copy(k, 0, 0, Math.min(16, key.length));
  return [0, 1, 2, 3].map((i) => k.readUInt32LE(4 * i));
}
const mx = (z, y, sum, p, e, k) =>
  ((((z >>> 5) ^ (y << 2)) + ((y >>> 3) ^ (z << 4))) ^ ((sum ^ y) + (k[(p & 3) ^ e] ^ z))) >>> 0;

function btea(v, k, decode) {
  const n = v.length;
  const rounds = 6 + Math.floor(52 / n);
  if (!decode) {
    let sum = 0, z = v[n - 1];
    for (let r = 0; r < rounds; r++) {
      sum = (sum + DELTA) >>> 0;
      const e = (sum >>> 2) & 3;
      for (let p = 0; p < n; p++) {
        const y = v[(p + 1) % n];
        z = v[p] = (v[p] + mx(z, y, sum, p, e, k)) >>> 0;
      }
    }
  } else {
    let sum = Math.imul(rounds, DELTA) >>> 0, y = v[0];
    for (let r = 0; r < rounds; r++) {
      const e = (sum >>> 2) & 3;
      for (let p = n - 1; p >= 0; p--) {
        const z = v[(p + n - 1) % n];
        y = v[p] = (v[p] - mx(z, y, sum, p, e, k)) >>> 0;
      }
      sum = (sum - DELTA) >>> 0;
    }
  }
  return v;
}
const toWords = (b) => Array.from({ length: b.length / 4 }, (_, i) => b.readUInt32LE(4 * i));
const fromWords = (w) => { const b = Buffer.alloc(4 * w.length); w.forEach((x, i) => b.writeUInt32LE(x, 4 * i)); return b; };

function xxteaDecryptHex(key, ciphertextHex) {
  const k = xxteaKey(key);
  if (ciphertextHex.length > 2 * MAX_XXTEA) reject('ciphertext', 'over 1 MiB');
  const c = strictHex(ciphertextHex);
  if (c === null) reject('ciphertext', 'not hex');
  if (c.length % 4 !== 0 || c.length < 8) reject('ciphertext', 'not whole words, or fewer than two');
  const words = btea(toWords(c), k, true);
  const n = 4 * (words.length - 1), m = words[words.length - 1];
  if (m < n - 3 || m > n) reject('decrypt', 'stored length out of range');
  return fromWords(words).subarray(0, m);
}
function xxteaEncrypt(key, pt) {
  const padded = Buffer.alloc(Math.ceil(pt.length / 4) * 4);
  pt.copy(padded);
  return fromWords(btea([...toWords(padded), pt.length], xxteaKey(key), false));
}

// ---------------------------------------------------------------------------------------------
// Platform answers (algorithms.md sections 8 and 10; spec/vectors.md).

const MAX_ANSWER = 64 << 10;

// An integer written as a JSON number or as a string holding one, in the grammar
// -?(0|[1-9][0-9]*). Returns a BigInt or null.
function integerValue(node) {
  if (node.t === 'number') return int64(node);
  if (node.t === 'string' && INTEGER.test(node.v)) {
    const n = BigInt(node.v);
    return n < -(2n ** 63n) || n > 2n ** 63n - 1n ? null : n;
  }
  return null;
}

// Reads errcode and errmsg of an answer object (the rule of section 8): errcode absent means
// 0, else an integer of at most 32 bits; errmsg absent or null means "", else a string. Any
// duplicate or case-folded copy of the two is malformed (phonenumber.answer, code2session.answer). Throws malformedWord or, for a
// non-zero code, Reject('errcode') carrying code and msg.
// With exact, names are matched exactly and a name differing in case is another member (the
// caller has refused duplicates): the rule of errcode.answer.
function readErrcode(obj, malformedWord, exact = false) {
  const pick = (name) => (exact ? { value: obj.members.find(([n]) => n === name)?.[1] } : one(obj, name));
  const ec = pick('errcode'), em = pick('errmsg');
  if (ec === null || em === null) reject(malformedWord, 'duplicate or case-folded errcode/errmsg');
  let code = 0n;
  if (ec.value !== undefined) {
    code = integerValue(ec.value);
    if (code === null || code < -(2n ** 31n) || code >= 2n ** 31n) reject(malformedWord, 'errcode is not a 32-bit integer');
  }
  let msg = '';
  if (em.value !== undefined && em.value.t !== 'null') {
    if (em.value.t !== 'string') reject(malformedWord, 'errmsg is not a string');
    msg = em.value.v;
  }
  if (code !== 0n) {
    const r = new Reject('errcode', `errcode ${code}`);
    r.code = code;
    r.msg = msg;
    throw r;
  }
  return msg;
}

// An answer: at most 64 KiB, one JSON object, no member name twice at its top level.
function answerObject(text, malformedWord) {
  if (utf8(text).length > MAX_ANSWER) reject(malformedWord, 'answer too large');
  const obj = jsonObject(text);
  if (obj === null) reject(malformedWord, 'not one JSON object');
  noDuplicates(obj, malformedWord);
  return obj;
}
function noDuplicates(obj, word) {
  const names = obj.members.map(([n]) => n);
  if (new Set(names).size !== names.length) reject(word, 'duplicate member');
}

// Each member a check reads must be there once, exactly named, without case-folded copies.
function member(obj, name, word) {
  const m = one(obj, name);
  if (m === null) reject(word, `duplicate or case-folded ${name}`);
  return m.value;
}

// ---------------------------------------------------------------------------------------------
// Message push (algorithms.md section 9).

const AES_KEY_43 = /^[A-Za-z0-9+/]{43}$/;
const byteSort = (items) => items.map(utf8).sort(Buffer.compare);
const pushSignature = (...items) => sha1(...byteSort(items));

function pushKey(encodingAESKey) {
  if (!AES_KEY_43.test(encodingAESKey)) reject('key');
  // The 43rd character's two unused bits are ignored: decode as 44 characters with "=".
  return Buffer.from(encodingAESKey + '=', 'base64');
}

function pushDecrypt(c, encrypt) {
  const key = pushKey(c.str('encodingAESKey'));
  const want = pushSignature(c.str('token'), c.str('timestamp'), c.str('nonce'), encrypt);
  const got = utf8(c.str('msgSignature'));
  if (got.length !== 40 || !crypto.timingSafeEqual(got, utf8(want))) reject('signature');
  const data = strictBase64(encrypt);
  if (data === null) reject('base64');
  if (data.length === 0 || data.length % 32 !== 0) reject('decrypt');
  const frame = pkcs7Unpad(aesCBC(true, key, key.subarray(0, 16), data), 32);
  if (frame === null) reject('decrypt');
  if (frame.length < 20) reject('buffer');
  const len = frame.readUInt32BE(16);
  if (len > frame.length - 20) reject('buffer');
  const msg = frame.subarray(20, 20 + len);
  if (!frame.subarray(20 + len).equals(utf8(c.str('appid')))) reject('appid');
  return msg;
}

// The Encrypt text of a push body. JSON: one object with exactly one member named Encrypt,
// a string. XML: no DOCTYPE; one root element with exactly one direct child Encrypt holding
// only text and CDATA.
function pushBodyEncrypt(format, body) {
  if (format === 'json') {
    const obj = jsonObject(body);
    if (obj === null) reject('body', 'not one JSON object');
    const e = obj.members.filter(([n]) => n.toLowerCase() === 'encrypt');
    if (e.length !== 1 || e[0][0] !== 'Encrypt' || e[0][1].t !== 'string') reject('body', 'Encrypt missing, duplicated, case-folded or not a string');
    return e[0][1].v;
  }
  if (format === 'xml') return xmlEncrypt(body);
  reject('body', 'unknown format');
}

const XML_ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const XML_NAME = '[A-Za-z_:][\\w.\\-:]*';
function xmlText(s) {
  if (s.includes(']]>')) reject('body', ']]> in text');
  return s.replace(/&([^;&]*);|&/g, (all, ent) => {
    if (ent === undefined) reject('body', 'bare &');
    if (Object.hasOwn(XML_ENTITIES, ent)) return XML_ENTITIES[ent];
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ent);
    if (!m) reject('body', 'unknown entity');
    const cp = parseInt(m[1] ?? m[2], m[1] ? 16 : 10);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) reject('body', 'bad character reference');
    return String.fromCodePoint(cp);
  });
}

// The text of the Encrypt element that is a direct child of the root: the body is one
// well-formed XML element (attributes allowed, only the five predefined entities and numeric
// character references), with only white space (space, tab, CR, LF), comments and, before the
// root, an XML declaration around it. The raw text "<!DOCTYPE" anywhere, and any other
// declaration or processing instruction, is refused. Encrypt (no prefix) must occur exactly
// once among the root's children and hold only text, CDATA and comments.
function xmlEncrypt(body) {
  if (body.includes('<!DOCTYPE')) reject('body', 'DOCTYPE');
  let i = 0;
  const misc = (allowDecl) => {
    for (;;) {
      const rest = body.slice(i);
      const m = /^[ \t\r\n]+/.exec(rest) ?? /^<!--[\s\S]*?-->/.exec(rest);
      if (m) { i += m[0].length; continue; }
      const pi = /^<\?xml(?:[ \t\r\n][^?]*)?\?>/.exec(rest);
      if (pi && allowDecl) { i += pi[0].length; continue; }
      return;
    }
  };
  const element = (depth) => {
    if (depth > 256) reject('body', 'too deep');
    const open = new RegExp(`^<(${XML_NAME})((?:[ \\t\\r\\n]+${XML_NAME}[ \\t\\r\\n]*=[ \\t\\r\\n]*(?:"[^"<]*"|'[^'<]*'))*)[ \\t\\r\\n]*(/?)>`).exec(body.slice(i));
    if (!open) reject('body', 'not well-formed');
    const attrs = [...open[2].matchAll(new RegExp(`(${XML_NAME})[ \\t\\r\\n]*=[ \\t\\r\\n]*(?:"([^"<]*)"|'([^'<]*)')`, 'g'))];
    if (new Set(attrs.map((a) => a[1])).size !== attrs.length) reject('body', 'an attribute given twice');
    for (const a of attrs) xmlText(a[2] ?? a[3]); // entities in attribute values
    i += open[0].length;
    const el = { name: open[1], children: [], text: '' };
    if (open[3] === '/') return el;
    for (;;) {
      const rest = body.slice(i);
      if (rest === '') reject('body', 'unterminated element');
      if (rest.startsWith('</')) {
        const close = new RegExp(`^</(${XML_NAME})[ \\t\\r\\n]*>`).exec(rest);
        if (!close || close[1] !== el.name) reject('body', 'mismatched end tag');
        i += close[0].length;
        return el;
      }
      if (rest.startsWith('<![CDATA[')) {
        const end = rest.indexOf(']]>');
        if (end < 0) reject('body', 'unterminated CDATA');
        el.text += rest.slice(9, end);
        i += end + 3;
      } else if (rest.startsWith('<!--')) {
        const end = rest.indexOf('-->', 4);
        if (end < 0) reject('body', 'unterminated comment');
        i += end + 3;
      } else if (rest.startsWith('<!') || rest.startsWith('<?')) {
        reject('body', 'declaration or processing instruction');
      } else if (rest.startsWith('<')) {
        el.children.push(element(depth + 1));
      } else {
        const end = rest.indexOf('<');
        const raw = end < 0 ? rest : rest.slice(0, end);
        el.text += xmlText(raw);
        i += raw.length;
      }
    }
  };
  misc(true);
  const root = element(0);
  misc(false);
  if (i !== body.length) reject('body', 'data after the root element');
  const enc = root.children.filter((ch) => ch.name === 'Encrypt');
  if (enc.length !== 1) reject('body', 'Encrypt missing or duplicated');
  if (enc[0].children.length !== 0) reject('body', 'Encrypt is not text');
  return enc[0].text;
}

// ---------------------------------------------------------------------------------------------
// Cloud calls (algorithms.md section 7; spec/vectors.md cloudid.*).

const MAX_CLOUD_EVENT = 4 << 20;

// Reads one cloud-call field object. Returns { kind, data, code, msg, why } where kind is
// plain, replaced, failed or malformed.
function cloudField(obj) {
  const last = (name) => { let v; for (const [n, x] of obj.members) if (n === name) v = x; return v; };
  const cloudID = last('cloudID'), data = last('data'), errCode = last('errCode'), errMsg = last('errMsg');
  if (cloudID === undefined || (data === undefined && errCode === undefined)) return { kind: 'plain' };
  const names = obj.members.map(([n]) => n);
  const malformed = (why) => ({ kind: 'malformed', why });
  if (new Set(names).size !== names.length) return malformed('duplicate member');
  if (cloudID.t !== 'string' || utf8(cloudID.v).length > 256) return malformed('cloudID is not a string of at most 256 bytes');
  if (data !== undefined && errCode !== undefined) return malformed('both data and errCode');
  if (data !== undefined) return data.t === 'object' ? { kind: 'replaced', data } : malformed('data is not an object');
  const code = integerValue(errCode);
  if (code === null || code < -(2n ** 31n) || code >= 2n ** 31n) return malformed('errCode is not a 32-bit integer');
  if (code === 0n) return malformed('errCode 0 without data');
  if (errMsg !== undefined && errMsg.t !== 'null' && errMsg.t !== 'string') return malformed('errMsg is not a string');
  return { kind: 'failed', code, msg: errMsg?.t === 'string' ? errMsg.v : '' };
}

function cloudEvent(text) {
  if (utf8(text).length > MAX_CLOUD_EVENT) reject('event', 'too large');
  const obj = jsonObject(text);
  if (obj === null) reject('event', 'not one JSON object');
  const names = obj.members.map(([n]) => n);
  if (new Set(names).size !== names.length) reject('event', 'duplicate member');
  const kinds = {};
  let shaped = 0;
  for (const [name, v] of obj.members) {
    const kind = v.t === 'object' ? cloudField(v).kind : 'plain';
    if (kind !== 'plain') {
      shaped++;
      kinds[name] = kind;
    }
  }
  if (shaped > 5) reject('event', 'more than 5 fields in a cloudID\'s shape');
  return kinds;
}

// ---------------------------------------------------------------------------------------------
// Operations: for each, its fields and its check. A field is [name, kind, presence] with kind
// 'string', 'int', 'bytes' (name as text, or name+'Hex' as hex: exactly one) or 'object'
// (an object of strings), and presence 'required', 'valid' (required in valid cases, allowed
// in invalid ones) or 'optional'. check(c) returns nothing for a valid case that gave exactly
// the stated outputs, throws Reject when the library must refuse the input, and throws
// Mismatch when a valid case gave other outputs.

class Mismatch extends Error {}
const expect = (cond, msg) => { if (!cond) throw new Mismatch(msg); };
const show = (b) => (b.length > 64 ? `${b.length} bytes` : JSON.stringify(b.toString('latin1')));

const S = (name, presence = 'required') => [name, 'string', presence];
const I = (name, presence = 'required') => [name, 'int', presence];
const B = (name, presence = 'required') => [name, 'bytes', presence];
const POLICY = [S('appid'), I('now'), I('maxAge'), I('skew')];

// A signature operation: valid cases must verify and equal the computed value exactly;
// invalid ones must fail verification. The inputs are checked first (checkInputs throws).
function signatureCheck(checkInputs, compute) {
  return (c) => {
    checkInputs(c);
    const want = compute(c);
    if (!sameHex(c.str('signature'), want)) reject('signature', 'signature does not verify');
  };
}

const MAX_SIGNED = 1 << 20; // bytes of body, rawData or payload
const MAX_NAME = 1024; // bytes of uri or event
const PAY_METHODS = ['requestVirtualPayment', 'requestMidasPaymentGameItem', 'requestCommonPayment'];

// A session key is what code2Session hands out: 24 characters of strict base64 of 16 bytes.
function checkSessionKey(k) {
  const b = strictBase64(k);
  if (k.length !== 24 || b === null || b.length !== 16) reject('key', 'session key is not 24 characters of base64 of 16 bytes');
}
function checkSigned(text) {
  if (utf8(text).length > MAX_SIGNED) reject('size', 'over 1 MiB');
}
function checkAppKey(k) {
  if (k === '') reject('key', 'empty appKey');
}
// A pay uri is a client payment method name, exactly, or a bare request path: starting with
// one '/', printable ASCII without space, '?' or '#', at most 1024 bytes. A method name with a
// slash or in another case is refused, as is a uri with a query string.
function checkPayURI(uri) {
  if (PAY_METHODS.includes(uri)) return;
  if (utf8(uri).length > MAX_NAME || !/^\/(?!\/)[\x21-\x7e]*$/.test(uri) || /[?#]/.test(uri)) reject('uri');
  if (PAY_METHODS.some((m) => uri.replace(/^\/+/, '').toLowerCase() === m.toLowerCase())) reject('uri', 'method name with a slash or in another case');
}
// A push Event name: non-empty, at most 1024 bytes, without '&', '?', '/' or white space.
function checkEvent(event) {
  if (event === '' || utf8(event).length > MAX_NAME || /[&?/ \t\r\n]/.test(event)) reject('event');
}

const OPERATIONS = {
  'opendata.decrypt': {
    fields: [S('sessionKey'), S('iv'), S('encryptedData'), B('plaintext', 'valid')],
    errors: ['base64', 'key', 'iv', 'size', 'decrypt'],
    check(c) {
      const { pt, k, v } = openDataDecrypt(c.str('sessionKey'), c.str('iv'), c.str('encryptedData'));
      const want = c.bytes('plaintext');
      expect(pt.equals(want), `decrypted to ${show(pt)}, want ${show(want)}`);
      const back = aesCBC(false, k, v, pkcs7Pad(want, 16)).toString('base64');
      expect(back === c.str('encryptedData'), 'encrypting the plaintext does not give encryptedData');
    },
  },
  'opendata.watermark': {
    fields: [S('plaintext'), ...POLICY],
    errors: ['watermark', 'appid', 'expired', 'future'],
    check(c) {
      const obj = jsonObject(c.str('plaintext'));
      if (obj === null) reject('watermark', 'not one JSON object');
      checkWatermark(obj, c);
    },
  },
  'opendata.open': {
    fields: [S('sessionKey'), S('iv'), S('encryptedData'), ...POLICY, S('plaintext', 'valid')],
    errors: ['base64', 'key', 'iv', 'size', 'decrypt', 'watermark', 'appid', 'expired', 'future'],
    check(c) {
      const { pt } = openDataDecrypt(c.str('sessionKey'), c.str('iv'), c.str('encryptedData'));
      let text;
      try {
        text = fatalUTF8.decode(pt);
      } catch {
        reject('decrypt', 'plaintext is not UTF-8');
      }
      const obj = jsonObject(text);
      if (obj === null) reject('decrypt', 'plaintext is not a JSON object');
      checkWatermark(obj, c);
      expect(text === c.str('plaintext'), 'plaintext differs');
    },
  },
  'opendata.rawsig': {
    fields: [S('rawData'), S('sessionKey'), S('signature')],
    errors: [],
    check: signatureCheck((c) => { checkSessionKey(c.str('sessionKey')); checkSigned(c.str('rawData')); },
      (c) => sha1(utf8(c.str('rawData') + c.str('sessionKey')))),
  },
  msghash: {
    fields: [S('encryptedData'), S('hash')],
    errors: [],
    check(c) {
      const want = sha256(utf8(c.str('encryptedData')));
      if (!sameHex(c.str('hash'), want)) reject('hash', 'hash differs');
    },
  },
  sessionsig: {
    fields: [S('sessionKey'), S('body'), S('signature')],
    errors: [],
    check: signatureCheck((c) => { checkSessionKey(c.str('sessionKey')); checkSigned(c.str('body')); },
      (c) => hmac256(utf8(c.str('sessionKey')), utf8(c.str('body')))),
  },
  paysig: {
    fields: [S('appKey'), S('uri'), S('body'), S('signature')],
    errors: [],
    check: signatureCheck((c) => { checkAppKey(c.str('appKey')); checkPayURI(c.str('uri')); checkSigned(c.str('body')); },
      (c) => hmac256(utf8(c.str('appKey')), utf8(c.str('uri') + '&'), utf8(c.str('body')))),
  },
  payeventsig: {
    fields: [S('appKey'), S('event'), S('payload'), S('signature')],
    errors: [],
    check: signatureCheck((c) => { checkAppKey(c.str('appKey')); checkEvent(c.str('event')); checkSigned(c.str('payload')); },
      (c) => hmac256(utf8(c.str('appKey')), utf8(c.str('event') + '&'), utf8(c.str('payload')))),
  },
  'xxtea.decrypt': {
    fields: [B('key'), S('ciphertext'), B('plaintext', 'valid')],
    errors: ['key', 'ciphertext', 'decrypt'],
    check(c) {
      const pt = xxteaDecryptHex(c.bytes('key'), c.str('ciphertext'));
      const want = c.bytes('plaintext');
      expect(pt.equals(want), `decrypted to ${show(pt)}, want ${show(want)}`);
      const back = xxteaEncrypt(c.bytes('key'), want).toString('hex');
      expect(back === c.str('ciphertext').toLowerCase(), 'encrypting the plaintext does not give the ciphertext');
    },
  },
  'msgpush.decrypt': {
    fields: [S('token'), S('encodingAESKey'), S('appid'), S('timestamp'), S('nonce'), S('msgSignature'), S('encrypt'), B('message', 'valid')],
    errors: ['key', 'signature', 'base64', 'decrypt', 'buffer', 'appid'],
    check(c) {
      const msg = pushDecrypt(c, c.str('encrypt'));
      expect(msg.equals(c.bytes('message')), `decrypted to ${show(msg)}`);
    },
  },
  'msgpush.body': {
    fields: [S('format'), S('body'), S('token'), S('encodingAESKey'), S('appid'), S('timestamp'), S('nonce'), S('msgSignature'), B('message', 'valid')],
    errors: ['key', 'body', 'signature', 'base64', 'decrypt', 'buffer', 'appid'],
    check(c) {
      pushKey(c.str('encodingAESKey'));
      const msg = pushDecrypt(c, pushBodyEncrypt(c.str('format'), c.str('body')));
      expect(msg.equals(c.bytes('message')), `decrypted to ${show(msg)}`);
    },
  },
  'msgpush.encrypt': {
    fields: [S('token'), S('encodingAESKey'), S('appid'), S('randomHex'), S('timestamp'), S('nonce'), B('message'), S('encrypt'), S('msgSignature')],
    errors: [],
    check(c) {
      expect(c.valid, 'msgpush.encrypt cases are always valid');
      const key = pushKey(c.str('encodingAESKey'));
      const random = strictHex(c.str('randomHex'));
      expect(random !== null && random.length === 16, 'randomHex is not 16 bytes of hex');
      const msg = c.bytes('message');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(msg.length);
      const frame = Buffer.concat([random, len, msg, utf8(c.str('appid'))]);
      const encrypt = aesCBC(false, key, key.subarray(0, 16), pkcs7Pad(frame, 32)).toString('base64');
      expect(encrypt === c.str('encrypt'), `encrypted to ${encrypt}`);
      const sig = pushSignature(c.str('token'), c.str('timestamp'), c.str('nonce'), encrypt);
      expect(sig === c.str('msgSignature'), `signed as ${sig}`);
      expect(pushDecrypt(c, encrypt).equals(msg), 'does not decrypt back');
    },
  },
  'msgpush.urlsig': {
    fields: [S('token'), S('timestamp'), S('nonce'), S('signature'), S('echostr', 'optional')],
    errors: [],
    check(c) {
      const want = pushSignature(c.str('token'), c.str('timestamp'), c.str('nonce'));
      if (c.str('signature') !== want) reject('signature');
    },
  },
  'phonenumber.answer': {
    fields: [S('answer'), ...POLICY, S('phoneNumber', 'valid'), S('purePhoneNumber', 'valid'), S('countryCode', 'valid')],
    errors: ['errcode', 'malformed', 'watermark', 'appid', 'expired', 'future'],
    check(c) {
      const obj = answerObject(c.str('answer'), 'malformed');
      readErrcode(obj, 'malformed');
      const info = member(obj, 'phone_info', 'malformed');
      if (info === undefined || info.t !== 'object') reject('malformed', 'no phone_info object');
      noDuplicates(info, 'malformed');
      member(info, 'watermark', 'malformed'); // a case-folded copy is malformed; the rest is the watermark's
      const out = {};
      for (const name of ['phoneNumber', 'purePhoneNumber', 'countryCode']) {
        const v = member(info, name, 'malformed');
        if (v === undefined) reject('malformed', `no ${name}`);
        if (v.t === 'string') out[name] = v.v;
        else if (name === 'countryCode' && v.t === 'number' && /^(?:0|[1-9][0-9]*)$/.test(v.raw)) out[name] = v.raw;
        else reject('malformed', `${name} has the wrong type`);
      }
      checkWatermark(info, c);
      for (const name of Object.keys(out)) expect(out[name] === c.str(name), `${name} is ${JSON.stringify(out[name])}`);
    },
  },
  'code2session.answer': {
    fields: [S('answer'), S('openid', 'valid'), S('sessionKey', 'valid'), S('unionid', 'valid')],
    errors: ['errcode', 'malformed'],
    check(c) {
      const obj = answerObject(c.str('answer'), 'malformed');
      readErrcode(obj, 'malformed');
      const str = (name, required) => {
        const v = member(obj, name, 'malformed');
        if (v === undefined && !required) return '';
        if (v === undefined || v.t !== 'string' || (required && v.v === '')) reject('malformed', `${name} missing or not a string`);
        return v.v;
      };
      const openid = str('openid', true), sessionKey = str('session_key', true), unionid = str('unionid', false);
      const k = strictBase64(sessionKey);
      if (k === null || k.length !== 16) reject('malformed', 'session_key is not 16 bytes of strict base64');
      expect(openid === c.str('openid') && sessionKey === c.str('sessionKey') && unionid === c.str('unionid'), 'outputs differ');
    },
  },
  'cloud189.userinfo': {
    fields: [S('answer', 'optional'), S('encryptedData', 'optional'), S('appSecret'), S('appId'), I('now'), I('maxAge'), I('skew'),
      S('openId', 'valid'), S('phoneNumber', 'valid'), I('timestamp', 'valid'), I('code', 'optional')],
    errors: ['key', 'answer', 'code', 'ciphertext', 'decrypt', 'userinfo', 'appid', 'expired', 'future'],
    check(c) {
      expect(c.has('answer') !== c.has('encryptedData'), 'exactly one of answer and encryptedData');
      expect(!c.has('code') || c.error === 'code', 'code belongs to cases with error "code"');
      if (c.str('appSecret') === '') reject('key', 'empty appSecret');
      let hexText = c.str('encryptedData');
      if (c.has('answer')) {
        const obj = answerObject(c.str('answer'), 'answer');
        const exact = (o, name) => o.members.find(([m]) => m === name)?.[1];
        const code = exact(obj, 'code');
        const n = code === undefined ? null : integerValue(code);
        if (n === null) reject('answer', 'code missing or not an integer');
        if (n !== 0n) {
          const msg = exact(obj, 'msg');
          if (msg !== undefined && msg.t !== 'string' && msg.t !== 'null') reject('answer', 'msg is not a string');
          const r = new Reject('code', `code ${n}`);
          r.code = n;
          throw r;
        }
        const data = exact(obj, 'data');
        if (data === undefined || data.t !== 'object') reject('answer', 'no data object');
        noDuplicates(data, 'answer');
        const ed = exact(data, 'encryptedData');
        if (ed === undefined || ed.t !== 'string' || ed.v === '') reject('answer', 'no encryptedData string');
        hexText = ed.v;
      }
      const pt = xxteaDecryptHex(utf8(c.str('appSecret')), hexText);
      let text;
      try {
        text = fatalUTF8.decode(pt);
      } catch {
        reject('userinfo', 'not UTF-8');
      }
      const obj = jsonObject(text);
      if (obj === null) reject('userinfo', 'not one JSON object');
      const get = (name) => member(obj, name, 'userinfo');
      const openId = get('openId'), appId = get('appId'), ts = get('timestamp'), phone = get('phoneNumber');
      if (openId?.t !== 'string' || appId?.t !== 'string') reject('userinfo', 'openId or appId missing or not a string');
      if (phone !== undefined && phone.t !== 'string') reject('userinfo', 'phoneNumber is not a string');
      const t = int64(ts);
      if (t === null) reject('userinfo', 'timestamp missing or not an integer');
      if (appId.v !== c.str('appId')) reject('appid');
      checkWindow(t, c.int('now'), c.int('maxAge'), c.int('skew'));
      expect(openId.v === c.str('openId') && (phone?.v ?? '') === c.str('phoneNumber') && t === c.int('timestamp'), 'outputs differ');
    },
    onReject(c, r) {
      if (c.has('code')) expect(r.code === c.int('code'), `code ${r.code}, want ${c.int('code')}`);
    },
  },
  'cloudid.field': {
    fields: [S('field'), ...POLICY, S('data', 'valid'), I('errCode', 'optional')],
    errors: ['field', 'cloudid', 'watermark', 'appid', 'expired', 'future'],
    check(c) {
      expect(!c.has('errCode') || c.error === 'cloudid', 'errCode belongs to cases with error "cloudid"');
      const text = c.str('field');
      if (utf8(text).length > MAX_CLOUD_EVENT) reject('field', 'too large');
      const obj = jsonObject(text);
      if (obj === null) reject('field', 'not one JSON object');
      const f = cloudField(obj);
      if (f.kind === 'plain' || f.kind === 'malformed') reject('field', f.why ?? 'not in a cloudID\'s shape');
      if (f.kind === 'failed') {
        const r = new Reject('cloudid', `errCode ${f.code}`);
        r.code = f.code;
        throw r;
      }
      checkWatermark(f.data, c);
      expect(text.slice(f.data.start, f.data.end) === c.str('data'), 'data differs');
    },
    onReject(c, r) {
      if (c.has('errCode')) expect(r.code === c.int('errCode'), `errCode ${r.code}, want ${c.int('errCode')}`);
    },
  },
  'cloudid.event': {
    fields: [S('event'), ['fields', 'object', 'valid']],
    errors: ['event'],
    check(c) {
      const kinds = cloudEvent(c.str('event'));
      const want = c.raw('fields');
      const got = JSON.stringify(Object.entries(kinds).sort());
      expect(got === JSON.stringify(Object.entries(want).sort()), `fields ${JSON.stringify(kinds)}`);
    },
  },
  'errcode.answer': {
    fields: [S('answer'), I('errcode', 'optional'), S('errmsg', 'optional')],
    errors: ['errcode', 'malformed'],
    check(c) {
      const want = c.valid || c.error === 'errcode';
      expect(c.has('errcode') === want && c.has('errmsg') === want, 'errcode and errmsg belong to valid cases and to error "errcode"');
      const obj = answerObject(c.str('answer'), 'malformed');
      const msg = readErrcode(obj, 'malformed', true);
      expect(c.int('errcode') === 0n && msg === c.str('errmsg'), `errcode 0, errmsg ${JSON.stringify(msg)}`);
    },
    onReject(c, r) {
      if (c.error === 'errcode') {
        expect(r.code === c.int('errcode') && r.msg === c.str('errmsg'), `errcode ${r.code}, errmsg ${JSON.stringify(r.msg)}`);
      }
    },
  },
};

// ---------------------------------------------------------------------------------------------
// The file format.

class FileError extends Error {}

// Plain JS value of a node of a vector file; duplicate members and unpaired surrogates are
// errors. Numbers stay as their text.
function plain(node) {
  switch (node.t) {
    case 'object': {
      const o = Object.create(null);
      for (const [n, v] of node.members) {
        if (n in o) throw new FileError(`duplicate field ${JSON.stringify(n)}`);
        if (!n.isWellFormed()) throw new FileError('unpaired surrogate in a name');
        o[n] = plain(v);
      }
      return o;
    }
    case 'array': return node.items.map(plain);
    case 'string':
      if (!node.v.isWellFormed()) throw new FileError('unpaired surrogate in a string');
      return node.v;
    case 'number': return { number: node.raw };
    case 'bool': return node.v;
    default: return null;
  }
}

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !('number' in v && Object.keys(v).length === 1);
const isInt = (v) => v !== null && typeof v === 'object' && typeof v.number === 'string' && INTEGER.test(v.number);
const isStr = (v) => typeof v === 'string';

// Checks a case's fields against its operation and returns the accessor the checks use.
function caseOf(op, t) {
  if (!isObj(t)) throw new Error('not an object');
  if (!isInt(t.tcId)) throw new Error('"tcId" missing or not an integer');
  const tcId = BigInt(t.tcId.number);
  if (tcId === 0n) throw new Error('"tcId" 0 is not allowed');
  const at = (msg) => Object.assign(new Error(msg), { tcId });
  if (!isStr(t.comment)) throw at('"comment" missing or not a string');
  if (!Array.isArray(t.flags) || !t.flags.every(isStr)) throw at('"flags" missing or not an array of strings');
  if (t.result !== 'valid' && t.result !== 'invalid') throw at('"result" is not "valid" or "invalid"');
  const valid = t.result === 'valid';
  if ('error' in t) {
    if (!isStr(t.error)) throw at('"error" is not a string');
    if (valid) throw at('"error" in a valid case');
    if (!op.errors.includes(t.error)) throw at(`error word ${JSON.stringify(t.error)} is not one of this operation's`);
  }
  const known = new Set(['tcId', 'comment', 'flags', 'result', 'error']);
  for (const [name, kind, presence] of op.fields) {
    const required = presence === 'required' || (presence === 'valid' && valid);
    const names = kind === 'bytes' ? [name, name + 'Hex'] : [name];
    names.forEach((n) => known.add(n));
    const present = names.filter((n) => n in t);
    if (present.length === 2) throw at(`both ${JSON.stringify(name)} and ${JSON.stringify(name + 'Hex')}`);
    if (present.length === 0) {
      if (required) throw at(`missing ${JSON.stringify(name)}`);
      continue;
    }
    const v = t[present[0]];
    const ok = kind === 'int' ? isInt(v)
      : kind === 'object' ? isObj(v) && Object.values(v).every(isStr)
        : isStr(v) && (present[0] === name || strictHex(v) !== null);
    if (!ok) throw at(`${JSON.stringify(present[0])} has the wrong type`);
  }
  for (const k of Object.keys(t)) if (!known.has(k)) throw at(`unknown field ${JSON.stringify(k)}`);
  return {
    tcId, valid, error: t.error,
    has: (n) => n in t || n + 'Hex' in t,
    str: (n) => t[n],
    int: (n) => BigInt(t[n].number),
    raw: (n) => t[n],
    bytes: (n) => (n in t ? utf8(t[n]) : Buffer.from(t[n + 'Hex'] ?? '', 'hex')), // empty when absent (invalid cases)
  };
}

// Runs one case: returns null when it passes, else what went wrong.
function runCase(op, c) {
  try {
    op.check(c);
    return c.valid ? null : 'invalid case accepted';
  } catch (e) {
    if (e instanceof Mismatch) return c.valid ? e.message : 'invalid case accepted';
    if (!(e instanceof Reject)) return `runner error: ${e.stack}`;
    if (c.valid) return `valid case rejected: ${e.message}`;
    if (c.error !== undefined && c.error !== e.word) return `rejected with ${e.message}, want error class "${c.error}"`;
    try {
      op.onReject?.(c, e);
    } catch (m) {
      if (m instanceof Mismatch) return m.message;
      throw m;
    }
    return null;
  }
}

function runFile(name, out) {
  const r = { passed: 0, failed: 0 };
  const fileFail = (msg) => { r.failed++; out(`${name}: ${msg}`); return r; };
  let doc;
  try {
    const data = fs.readFileSync(name);
    if (data.length > 64 << 20) return fileFail('larger than 64 MiB');
    doc = plain(parse(fatalUTF8.decode(data)));
  } catch (e) {
    return fileFail(e instanceof JSONError || e instanceof FileError || e instanceof TypeError ? e.message : String(e));
  }
  if (!isObj(doc)) return fileFail('not a JSON object');
  for (const k of Object.keys(doc)) if (!TOP.has(k)) return fileFail(`unknown top-level field ${JSON.stringify(k)}`);
  for (const k of ['schema', 'operation', 'source']) if (!isStr(doc[k])) return fileFail(`"${k}" missing or not a string`);
  if (doc.schema !== SCHEMA) return fileFail(`schema ${JSON.stringify(doc.schema)}, want ${JSON.stringify(SCHEMA)}`);
  const op = Object.hasOwn(OPERATIONS, doc.operation) ? OPERATIONS[doc.operation] : null;
  if (!op) return fileFail(`unknown operation ${JSON.stringify(doc.operation)}`);
  if (!Array.isArray(doc.tests)) return fileFail('"tests" is not an array');
  if (doc.tests.length === 0) return fileFail('no tests');
  if ('numberOfTests' in doc) {
    if (!isInt(doc.numberOfTests)) return fileFail('"numberOfTests" is not an integer');
    if (BigInt(doc.numberOfTests.number) !== BigInt(doc.tests.length)) {
      return fileFail(`"numberOfTests" is ${doc.numberOfTests.number}, but the file has ${doc.tests.length} tests`);
    }
  }
  if ('notes' in doc && !(isObj(doc.notes) && Object.values(doc.notes).every(isStr))) return fileFail('"notes" is not an object of strings');
  const seen = new Set();
  doc.tests.forEach((t, i) => {
    let c;
    try {
      c = caseOf(op, t);
    } catch (e) {
      r.failed++;
      out(e.tcId !== undefined ? `${name} ${e.tcId}: ${e.message}` : `${name}: test #${i + 1}: ${e.message}`);
      return;
    }
    if (seen.has(c.tcId)) {
      r.failed++;
      out(`${name} ${c.tcId}: duplicate tcId`);
      return;
    }
    seen.add(c.tcId);
    const why = runCase(op, c);
    if (why === null) r.passed++;
    else { r.failed++; out(`${name} ${c.tcId}: ${why}`); }
  });
  return r;
}

// Files named by paths: a file stands for itself, a folder for every *.json below it, in
// lexical order. A folder without any is an error.
function files(paths) {
  const outFiles = [];
  for (const p of paths) {
    if (!fs.statSync(p).isDirectory()) { outFiles.push(p); continue; }
    const found = [];
    const walk = (dir) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.json')) found.push(full);
      }
    };
    walk(p);
    if (found.length === 0) throw new Error(`${p}: no *.json vector files`);
    outFiles.push(...found);
  }
  return outFiles;
}

export function run(paths, out = console.log) {
  const total = { passed: 0, failed: 0 };
  let list;
  try {
    list = files(paths);
    if (list.length === 0) throw new Error('no vector files given');
  } catch (e) {
    out(e.message);
    total.failed++;
    return total;
  }
  for (const f of list) {
    const r = runFile(f, out);
    total.passed += r.passed;
    total.failed += r.failed;
  }
  return total;
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  const r = run(process.argv.slice(2));
  console.log(`${r.passed} passed, ${r.failed} failed`);
  process.exitCode = r.failed === 0 ? 0 : 1;
}
