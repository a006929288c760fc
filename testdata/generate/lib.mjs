// Helpers shared by the vector generators. Node.js standard library only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { notesFor } from './notes.mjs';

export const SCHEMA = 'wxcrypto-vectors/v1';

// Repository root: this file lives in testdata/generate/.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const vectorsDir = path.join(repoRoot, 'testdata', 'vectors');

// Fields of each operation (spec/vectors.md), in the order they are written after tcId,
// comment, flags, result and error. A field with a Hex twin lists both names.
const FIELDS = {
  'opendata.decrypt': ['sessionKey', 'iv', 'encryptedData', 'plaintext', 'plaintextHex'],
  'opendata.watermark': ['plaintext', 'appid', 'now', 'maxAge', 'skew'],
  'opendata.open': ['sessionKey', 'iv', 'encryptedData', 'appid', 'now', 'maxAge', 'skew', 'plaintext'],
  'opendata.rawsig': ['rawData', 'sessionKey', 'signature'],
  msghash: ['encryptedData', 'hash'],
  sessionsig: ['sessionKey', 'body', 'signature'],
  paysig: ['appKey', 'uri', 'body', 'signature'],
  payeventsig: ['appKey', 'event', 'payload', 'signature'],
  'xxtea.decrypt': ['key', 'keyHex', 'ciphertext', 'plaintext', 'plaintextHex'],
  'msgpush.decrypt': ['token', 'encodingAESKey', 'appid', 'timestamp', 'nonce', 'msgSignature', 'encrypt', 'message', 'messageHex'],
  'msgpush.body': ['format', 'body', 'token', 'encodingAESKey', 'appid', 'timestamp', 'nonce', 'msgSignature', 'message', 'messageHex'],
  'msgpush.encrypt': ['token', 'encodingAESKey', 'appid', 'randomHex', 'timestamp', 'nonce', 'message', 'messageHex', 'encrypt', 'msgSignature'],
  'msgpush.urlsig': ['token', 'timestamp', 'nonce', 'signature', 'echostr'],
  'phonenumber.answer': ['answer', 'appid', 'now', 'maxAge', 'skew', 'phoneNumber', 'purePhoneNumber', 'countryCode'],
  'code2session.answer': ['answer', 'openid', 'sessionKey', 'unionid'],
  'cloud189.userinfo': ['answer', 'encryptedData', 'appSecret', 'appId', 'now', 'maxAge', 'skew', 'openId', 'phoneNumber', 'timestamp', 'code'],
  'cloudid.field': ['field', 'appid', 'now', 'maxAge', 'skew', 'data', 'errCode'],
  'cloudid.event': ['event', 'fields'],
  'errcode.answer': ['answer', 'errcode', 'errmsg'],
};

export function assert(cond, msg) {
  if (!cond) throw new Error('assertion failed: ' + msg);
}

export const hex = (buf) => Buffer.from(buf).toString('hex');
export const b64 = (buf) => Buffer.from(buf).toString('base64');

// Strict standard base64 with padding, canonical (unused bits zero). Buffer.from(s, 'base64')
// is lenient (skips unknown characters, accepts the URL-safe alphabet), so it is not used to
// judge whether a string is base64.
const B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export function strictB64Decode(s) {
  if (!B64_RE.test(s)) return null;
  const buf = Buffer.from(s, 'base64');
  return buf.toString('base64') === s ? buf : null;
}

// A session key by algorithms.md section 1: 24 characters of strict padded standard base64
// (unused bits zero) decoding to 16 bytes.
export function isSessionKey(s) {
  if (!/^[A-Za-z0-9+/]{22}==$/.test(s)) return false;
  const b = Buffer.from(s, 'base64');
  return b.length === 16 && b.toString('base64') === s;
}

// AES-CBC with the cipher chosen by key length (16, 24 or 32 bytes).
function cbcName(key) {
  return { 16: 'aes-128-cbc', 24: 'aes-192-cbc', 32: 'aes-256-cbc' }[key.length];
}
export function encrypt(key, iv, data, autoPadding = true) {
  const c = crypto.createCipheriv(cbcName(key), key, iv);
  c.setAutoPadding(autoPadding);
  return Buffer.concat([c.update(data), c.final()]);
}
export function decrypt(key, iv, data, autoPadding = true) {
  const d = crypto.createDecipheriv(cbcName(key), key, iv);
  d.setAutoPadding(autoPadding);
  return Buffer.concat([d.update(data), d.final()]);
}
// decrypt, or null when node reports an error (bad padding, partial block ...).
export function tryDecrypt(key, iv, data) {
  try {
    return decrypt(key, iv, data);
  } catch {
    return null;
  }
}

// Our own PKCS#7 check on a raw (unpadded-mode) decryption, to cross-check node.
export function pkcs7Unpad(raw) {
  if (raw.length === 0 || raw.length % 16 !== 0) return null;
  const p = raw[raw.length - 1];
  if (p < 1 || p > 16) return null;
  for (let i = raw.length - p; i < raw.length; i++) if (raw[i] !== p) return null;
  return raw.subarray(0, raw.length - p);
}

// The opendata.decrypt contract checked independently of node's padding code:
// returns the plaintext bytes, or null if the case must be rejected.
export function openData(sessionKey, iv, encryptedData) {
  const k = strictB64Decode(sessionKey);
  const v = strictB64Decode(iv);
  const c = strictB64Decode(encryptedData);
  if (!k || k.length !== 16 || !v || v.length !== 16 || !c || c.length === 0 || c.length % 16 !== 0) return null;
  const mine = pkcs7Unpad(decrypt(k, v, c, false));
  const node = tryDecrypt(k, v, c);
  assert((mine === null) === (node === null) && (!mine || mine.equals(node)), 'PKCS#7 check disagrees with node');
  return mine;
}

// Check a finished opendata.decrypt case against both halves of the contract.
export function checkDecryptCase(t) {
  const pt = openData(t.sessionKey, t.iv, t.encryptedData);
  if (t.result === 'invalid') {
    assert(pt === null, `tcId ${t.tcId} must be rejected`);
    assert(!('plaintext' in t) && !('plaintextHex' in t), `tcId ${t.tcId}: invalid case with plaintext`);
    return;
  }
  assert(('plaintext' in t) !== ('plaintextHex' in t), `tcId ${t.tcId}: exactly one of plaintext/plaintextHex`);
  const want = 'plaintext' in t ? Buffer.from(t.plaintext, 'utf8') : Buffer.from(t.plaintextHex, 'hex');
  if ('plaintext' in t) assert(want.toString('utf8') === t.plaintext, `tcId ${t.tcId}: plaintext is not UTF-8 safe`);
  assert(pt !== null && pt.equals(want), `tcId ${t.tcId}: decryption does not give the plaintext`);
  const again = encrypt(Buffer.from(t.sessionKey, 'base64'), Buffer.from(t.iv, 'base64'), want);
  assert(b64(again) === t.encryptedData, `tcId ${t.tcId}: encryption does not give encryptedData`);
}

// Deterministic bytes: SHA-256(seed | 0 | label | 0 | counter) blocks, counter big-endian 32-bit.
export function prng(seed) {
  return function bytes(label, n) {
    const out = [];
    for (let i = 0, got = 0; got < n; i++) {
      const ctr = Buffer.alloc(4);
      ctr.writeUInt32BE(i);
      const block = crypto.createHash('sha256').update(seed).update('\0').update(label).update('\0').update(ctr).digest();
      out.push(block);
      got += block.length;
    }
    return Buffer.concat(out).subarray(0, n);
  };
}

// Writes one vector file: fixed key order, 2-space indentation, flags on one line, final
// newline. The file carries notes for every flag its tests use (testdata/generate/notes.mjs;
// opts.notes adds or overrides sentences for this file) and numberOfTests.
export function writeVectors(fileName, operation, source, tests, opts = {}) {
  const fields = FIELDS[operation];
  assert(fields, 'unknown operation ' + operation);
  assert(!source.includes('\n'), 'source must be one line');
  const ids = new Set();
  const ordered = tests.map((t, i) => {
    assert(t.tcId === i + 1, `tcIds must run 1..N (got ${t.tcId} at position ${i + 1})`);
    assert(!ids.has(t.tcId), 'duplicate tcId ' + t.tcId);
    ids.add(t.tcId);
    assert(typeof t.comment === 'string' && t.comment !== '' && !t.comment.includes('\n'), `tcId ${t.tcId}: comment`);
    assert(Array.isArray(t.flags) && t.flags.every((f) => typeof f === 'string' && /^[A-Za-z0-9]+$/.test(f)), `tcId ${t.tcId}: flags`);
    assert(t.result === 'valid' || t.result === 'invalid', `tcId ${t.tcId}: result`);
    assert(!('error' in t) || (t.result === 'invalid' && typeof t.error === 'string'), `tcId ${t.tcId}: error word`);
    for (const k of Object.keys(t)) {
      assert(['tcId', 'comment', 'flags', 'result', 'error', ...fields].includes(k), `tcId ${t.tcId}: unknown field ${k}`);
    }
    for (const [k, v] of Object.entries(t)) {
      if (typeof v === 'string') assert(v.isWellFormed(), `tcId ${t.tcId}: ${k} has an unpaired surrogate`);
    }
    const o = { tcId: t.tcId, comment: t.comment, flags: t.flags, result: t.result };
    if ('error' in t) o.error = t.error;
    for (const f of fields) if (f in t) o[f] = t[f];
    return o;
  });
  const doc = {
    schema: SCHEMA, operation, source,
    notes: notesFor(ordered, opts.notes), numberOfTests: ordered.length, tests: ordered,
  };
  writeDoc(fileName, doc);
}

// Writes a finished document to testdata/vectors/fileName in the layout of formatVectors and
// says how many cases it holds.
export function writeDoc(fileName, doc) {
  writeText(fileName, formatVectors(doc), doc.tests);
}

// Writes text, already laid out, to testdata/vectors/fileName and counts the cases of tests.
export function writeText(fileName, text, tests) {
  fs.mkdirSync(vectorsDir, { recursive: true });
  const file = path.join(vectorsDir, fileName);
  fs.writeFileSync(file, text);
  const valid = tests.filter((t) => t.result === 'valid').length;
  console.log(`${path.relative(repoRoot, file)}: ${tests.length} tests (${valid} valid, ${tests.length - valid} invalid)`);
}

// The text of a vector file: JSON.stringify with 2-space indentation, each flags array on one
// line, a final newline.
export function formatVectors(doc) {
  const text = JSON.stringify(doc, null, 2).replace(/\n( *)"flags": \[([^\]]*)\]/g, (_, indent, inner) => {
    const items = inner.split(',').map((s) => s.trim()).filter((s) => s !== '');
    return `\n${indent}"flags": [${items.join(', ')}]`;
  }) + '\n';
  assert(JSON.stringify(JSON.parse(text)) === JSON.stringify(doc), 'formatting changed the content');
  return text;
}

// A strict JSON reader (RFC 8259) for the judges, keeping what JSON.parse loses: every member
// of an object in order, duplicates included, and each number's source text. parseJSON
// returns the value of text: objects as {members: [[name, value], ...]}, arrays as {array},
// strings as {str, lone} (lone: an escape of a lone surrogate, kept as that code unit), numbers
// as {num: token} and true, false, null as {lit}. More than 10000 nested containers are
// refused, as encoding/json refuses them. Anything else throws NotJSON.
export class NotJSON extends Error {}
export function parseJSON(text) {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const fail = (m) => { throw new NotJSON(`${m} at ${i}`); };
  const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  function str() {
    if (text[i] !== '"') fail('want a string');
    i++;
    let out = '';
    let lone = false;
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text[i];
      if (c === '"') { i++; return { str: out, lone }; }
      if (c < ' ') fail('control character in string');
      if (c !== '\\') { out += c; i++; continue; }
      const e = text[i + 1];
      i += 2;
      if (e in simple) { out += simple[e]; continue; }
      if (e !== 'u' || !/^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) fail('bad escape');
      const u = parseInt(text.slice(i, i + 4), 16);
      i += 4;
      if (u >= 0xd800 && u <= 0xdbff && text[i] === '\\' && text[i + 1] === 'u' && /^[dD][c-fC-F][0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(u, parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        if (u >= 0xd800 && u <= 0xdfff) lone = true;
        out += String.fromCharCode(u);
      }
    }
  }
  // depth counts the arrays and objects open around the value: encoding/json's limit of
  // 10000 applies to containers, so a scalar inside the 10000th is still JSON.
  function value(depth) {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      if (depth > 10000) fail('nested too deeply');
      i++;
      const items = [];
      const close = c === '{' ? '}' : ']';
      const done = () => (c === '{' ? { members: items } : { array: items });
      ws();
      if (text[i] === close) { i++; return done(); }
      for (;;) {
        ws();
        if (c === '{') {
          const name = str().str;
          ws();
          if (text[i] !== ':') fail('want :');
          i++;
          items.push([name, value(depth + 1)]);
        } else {
          items.push(value(depth + 1));
        }
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === close) { i++; return done(); }
        fail(`want , or ${close}`);
      }
    }
    if (c === '"') return str();
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) { i += lit.length; return { lit }; }
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!m) fail('unexpected character');
    i += m[0].length;
    return { num: m[0] };
  }
  const v = value(1);
  ws();
  if (i !== text.length) fail('data after the value');
  return v;
}

// Simple case folding of a member name as Go's encoding/json matches names, restricted to what
// can reach an ASCII name: ASCII letters, the long s (U+017F) and the Kelvin sign (U+212A), the
// two non-ASCII letters whose fold orbit holds an ASCII one (opendata.mjs checks that no other
// code point has one). Two names match when their folds are equal.
export const foldName = (s) => [...s].map((c) => (c === '\u017f' ? 's' : c === '\u212a' ? 'k' : /[A-Z]/.test(c) ? c.toLowerCase() : c)).join('');
