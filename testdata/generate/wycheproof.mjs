// Converts Wycheproof's AES-CBC-PKCS5 vectors (Apache-2.0) into opendata.decrypt vector files.
// Only the facts (key, iv, msg, ct, result, tcId, flag words) are taken; comments are our own.
//
//   node testdata/generate/wycheproof.mjs path/to/aes_cbc_pkcs5_test.json
//
// The input is the file of that name in Wycheproof's testvectors/ folder.
import fs from 'node:fs';
import path from 'node:path';
import { assert, b64, checkDecryptCase, decrypt, encrypt, hex, writeVectors } from './lib.mjs';

if (!process.argv[2]) {
  console.error('usage: node testdata/generate/wycheproof.mjs path/to/aes_cbc_pkcs5_test.json');
  process.exit(2);
}
const input = path.resolve(process.argv[2]);
const suite = JSON.parse(fs.readFileSync(input, 'utf8'));
assert(suite.algorithm === 'AES-CBC-PKCS5', 'unexpected algorithm ' + suite.algorithm);

const group = (bits) => {
  const g = suite.testGroups.filter((x) => x.keySize === bits);
  assert(g.length === 1, `expected one keySize ${bits} group`);
  assert(g[0].ivSize === 128, 'expected 128-bit iv');
  return g[0];
};

const byteRun = (n, b) => `${n} x 0x${b}`;

// A short description of our own, from the bytes: what follows the message in the raw decryption.
function describe(t) {
  const key = Buffer.from(t.key, 'hex');
  const iv = Buffer.from(t.iv, 'hex');
  const ct = Buffer.from(t.ct, 'hex');
  const msg = Buffer.from(t.msg, 'hex');
  if (t.result === 'valid') return `pseudorandom ${msg.length}-byte message`;
  if (ct.length === 0) return 'empty ciphertext';
  const raw = decrypt(key, iv, ct, false);
  assert(raw.subarray(0, msg.length).equals(msg), `tcId ${t.tcId}: ciphertext does not start with msg`);
  const pad = [...raw.subarray(msg.length)].map((x) => x.toString(16).padStart(2, '0'));
  const head = `${msg.length}-byte message`;
  if (pad.length === 0) return `${head}, no padding (last byte 0x${raw.at(-1).toString(16).padStart(2, '0')})`;
  const k = pad.length;
  const same = (a) => a.every((x) => x === a[0]);
  if (same(pad)) return `${head}, padding ${byteRun(k, pad[0])}`;
  if (same(pad.slice(1))) return `${head}, padding 0x${pad[0]} then ${byteRun(k - 1, pad[1])}`;
  if (same(pad.slice(0, -1))) return `${head}, padding ${byteRun(k - 1, pad[0])} then 0x${pad.at(-1)}`;
  return `${head}, padding of ${k} mixed bytes ending 0x${pad.at(-1)}`;
}

const SOURCE_FILE = "Wycheproof aes_cbc_pkcs5_test.json (Apache-2.0)";

// 1. keySize 128: every case, same tcId, same result.
const g128 = group(128);
const tests128 = g128.tests.map((t) => {
  const c = {
    tcId: t.tcId,
    comment: `wycheproof tcId ${t.tcId}: ${describe(t)}`,
    flags: [...t.flags, 'Wycheproof'],
    result: t.result,
    sessionKey: b64(Buffer.from(t.key, 'hex')),
    iv: b64(Buffer.from(t.iv, 'hex')),
    encryptedData: b64(Buffer.from(t.ct, 'hex')),
  };
  assert(t.result === 'valid' || t.result === 'invalid', `tcId ${t.tcId}: result ${t.result}`);
  if (t.result === 'valid') {
    const key = Buffer.from(t.key, 'hex');
    const iv = Buffer.from(t.iv, 'hex');
    assert(hex(decrypt(key, iv, Buffer.from(t.ct, 'hex'))) === t.msg.toLowerCase(), `tcId ${t.tcId}: decrypt`);
    assert(hex(encrypt(key, iv, Buffer.from(t.msg, 'hex'))) === t.ct.toLowerCase(), `tcId ${t.tcId}: encrypt`);
    c.plaintextHex = t.msg.toLowerCase();
  }
  checkDecryptCase(c);
  return c;
});
const counts = (ts) => [ts.filter((t) => t.result === 'valid').length, ts.filter((t) => t.result === 'invalid').length];
assert(JSON.stringify(counts(tests128)) === '[24,48]', 'expected 24 valid and 48 invalid keySize 128 cases');
writeVectors(
  'opendata_decrypt_wycheproof.json',
  'opendata.decrypt',
  `${SOURCE_FILE}, keySize 128 group; hex converted to base64, tcIds kept`,
  tests128,
);

// 2. keySize 192 and 256: the valid cases, which AES-128-only open data must reject.
const testsKeySize = [];
for (const bits of [192, 256]) {
  for (const t of group(bits).tests) {
    if (t.result !== 'valid') continue;
    const key = Buffer.from(t.key, 'hex');
    const iv = Buffer.from(t.iv, 'hex');
    assert(key.length * 8 === bits, `tcId ${t.tcId}: key length`);
    assert(hex(decrypt(key, iv, Buffer.from(t.ct, 'hex'))) === t.msg.toLowerCase(), `tcId ${t.tcId}: decrypt`);
    assert(hex(encrypt(key, iv, Buffer.from(t.msg, 'hex'))) === t.ct.toLowerCase(), `tcId ${t.tcId}: encrypt`);
    const c = {
      tcId: testsKeySize.length + 1,
      comment: `wycheproof keySize ${bits} tcId ${t.tcId}: ${key.length}-byte session key, valid AES-${bits}-CBC ciphertext of a ${t.msg.length / 2}-byte message`,
      flags: ['Wycheproof', 'WrongKeySize'],
      result: 'invalid',
      sessionKey: b64(key),
      iv: b64(iv),
      encryptedData: b64(Buffer.from(t.ct, 'hex')),
    };
    checkDecryptCase(c);
    testsKeySize.push(c);
  }
}
writeVectors(
  'opendata_decrypt_wycheproof_keysize.json',
  'opendata.decrypt',
  `${SOURCE_FILE}, valid cases of the keySize 192 and 256 groups, rejected here because the session key must be 16 bytes`,
  testsKeySize,
);
