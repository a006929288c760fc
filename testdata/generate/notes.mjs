// The meaning of every flag the vector files use, one sentence each. The writers copy into a
// file's "notes" the flags that file uses, and stop if one has no sentence here.
//
// A note starts with the flag's kind:
//   "Source:" where the case comes from (provenance; says nothing about validity);
//   "Input:"  what the case exercises; the case may be valid or invalid, as its result says;
//   "Defect:" why the case is invalid (only on invalid cases).
export const NOTES = {
  // Provenance.
  Documented: 'Source: a value published in an official document or its official demo (spec/algorithms.md), reproduced before writing.',
  PublicExample: 'Source: a public example from another SDK\'s tests, not an official document.',
  Generated: 'Source: generated from a fixed seed by a script under testdata/generate/ that checks each case with code independent of the library.',
  Wycheproof: 'Source: converted from Project Wycheproof\'s aes_cbc_pkcs5_test.json (Apache-2.0), its tcId kept in the comment.',
  Pseudorandom: 'Source: Wycheproof\'s pseudorandom message of the stated length.',

  // What the input exercises.
  AppId: 'Input: the appid check: its value, type or presence.',
  Binary: 'Input: bytes that are not text (random, zero or not UTF-8), given through a Hex field.',
  EmptyBody: 'Input: an empty message or body.',
  Extra: 'Input: members the check does not read, which must be ignored.',
  Freshness: 'Input: the timestamp against the window now - maxAge <= timestamp <= now + skew, at or past its bounds or in the wrong unit.',
  Json: 'Input: the JSON shape of the plaintext (valid or not).',
  KeyHex: 'Input: the key given as keyHex, as bytes.',
  KeyLength: 'Input: a text key shorter or longer than 16 bytes.',
  KeyPadding: 'Input: a short key and the same key with its zero padding written out give the same cipher.',
  KeyTruncation: 'Input: only the first 16 bytes of a longer key are used.',
  Large: 'Input: a large message (tens of KiB).',
  LengthBound: 'Input: the stored length at an end of the accepted window n-3 <= m <= n.',
  LowerCaseHex: 'Input: the ciphertext in lower-case hex.',
  MixedCaseHex: 'Input: the ciphertext with upper- and lower-case hex digits mixed.',
  Nested: 'Input: objects nested below the level the check reads, which must not be read.',
  NonAscii: 'Input: text with non-ASCII characters, used as its UTF-8 bytes.',
  Size: 'Input: a message length around a block or word boundary.',
  Timestamp: 'Input: the timestamp\'s presence, type or range.',
  TrailingZeros: 'Input: a plaintext ending in zero bytes, which the stored length must keep.',
  Utf8: 'Input: UTF-8 text with non-ASCII characters.',
  Watermark: 'Input: the presence and shape of the watermark object.',
  Whitespace: 'Input: JSON white space around and between tokens, which must be allowed.',

  ExactNames: 'Input: member names are matched exactly; a name differing in case is another member.',
  IntegerText: 'Input: an integer written as a JSON number or as a string holding one.',
  Milliseconds: 'Input: timestamps, clock and window counted in milliseconds (189 cloud).',
  MalformedField: 'Input: fields in a cloudID\'s shape that break its rules, which an event reports as malformed.',
  Plain: 'Input: fields not in a cloudID\'s shape, left as the client wrote them.',

  // Why an invalid case is invalid.
  ApiCode: 'Defect: the platform answered a non-zero code or errcode, reported with its value.',
  CloudIdError: 'Defect: the platform put an errCode in the field instead of the open data.',
  Envelope: 'Defect: the answer is not the documented envelope (spec/vectors.md).',
  EventShape: 'Defect: the event is not a JSON object with distinct names and at most 5 fields in a cloudID\'s shape.',
  FieldShape: 'Defect: the field is not one of the two shapes the platform delivers.',
  MalformedAnswer: 'Defect: the answer is not one JSON object with an integer errcode of at most 32 bits and a string errmsg.',
  TooLarge: 'Defect: the input is larger than the operation\'s size cap.',
  UserInfo: 'Defect: the decrypted user info is not a JSON object with string openId and appId and an integer timestamp.',
  BadPadding: 'Defect: the decrypted last block does not end in valid PKCS#7 padding.',
  Base64: 'Defect: an input is not strict standard base64 (alphabet, = padding, no white space, zero unused bits).',
  ChangedDigit: 'Defect: one hex digit of a correct value changed.',
  CiphertextSize: 'Defect: the ciphertext length is not allowed (empty, too short, or not whole blocks or words).',
  DecodedBytes: 'Defect: computed over the base64-decoded bytes instead of the text as received.',
  DecodedKey: 'Defect: computed with the base64-decoded session key instead of its text.',
  EmptyKey: 'Defect: an empty key, which is refused rather than used as the zero key.',
  Extended: 'Defect: a correct ciphertext with data appended.',
  FullUrl: 'Defect: computed over the full URL instead of the request path.',
  Hex: 'Defect: the ciphertext is not hex (odd length or a character outside 0-9, a-f, A-F).',
  HexDecodedKey: 'Defect: the appSecret hex-decoded and used as the key instead of its text.',
  IvSize: 'Defect: the iv does not decode to exactly 16 bytes.',
  KeySize: 'Defect: the session key does not decode to exactly 16 bytes.',
  LengthRange: 'Defect: the stored length word is outside n-3 <= m <= n.',
  Malformed: 'Defect: the signature is not 64 hex digits.',
  MissingAmpersand: 'Defect: computed without the "&" between its two parts.',
  MissingUri: 'Defect: computed over the body alone, without the uri.',
  ModifiedMessage: 'Defect: a correct signature presented for a different message.',
  ModifiedSignature: 'Defect: a correct signature with a hex digit changed.',
  NoPadding: 'Defect: an empty ciphertext, which has no padding block.',
  Reserialised: 'Defect: the signature is of the same JSON re-serialised, not of the exact bytes.',
  Tampered: 'Defect: a correct ciphertext with a bit flipped.',
  TrailingNewline: 'Defect: computed over the text with a newline appended.',
  Truncated: 'Defect: a correct value with characters or words cut off.',
  UriWithQuery: 'Defect: a uri with a query string, refused whatever its signature.',
  UrlDamagedKey: 'Defect: computed with a key whose + was turned into a space by URL decoding.',
  UrlDecoded: 'Defect: computed over the text after URL decoding turned its + into spaces.',
  WrongAlgorithm: 'Defect: computed with another hash or HMAC arrangement.',
  WrongIv: 'Defect: the iv differs from the one used to encrypt.',
  WrongKey: 'Defect: a key other than the one used to encrypt or sign.',
  WrongKeySize: 'Defect: a key of 24 or 32 bytes, valid for AES-192/256 but not a 16-byte session key.',
  WrongOrder: 'Defect: the two parts of the message concatenated in the wrong order.',
};

// notesFor returns the notes of the flags used by tests, sorted by flag; extra gives or
// overrides sentences for one file.
export function notesFor(tests, extra = {}) {
  const all = { ...NOTES, ...extra };
  const used = [...new Set(tests.flatMap((t) => t.flags))].sort();
  const notes = {};
  for (const f of used) {
    if (!(f in all)) throw new Error(`flag ${f} has no note in testdata/generate/notes.mjs`);
    notes[f] = all[f];
  }
  return notes;
}
