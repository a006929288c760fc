#!/usr/bin/env python3
"""Writes testdata/vectors/xxtea_decrypt.json (format v1, operation xxtea.decrypt).

XXTEA is implemented here from Wheeler and Needham's published "corrected block
TEA" (btea), with the length convention of spec/algorithms.md section 6, using
only the Python standard library. Random material comes from SHA-256 in counter
mode over a fixed seed, so the output is byte-identical on every run.

Run from anywhere:  python3 testdata/generate/xxtea.py
"""

import hashlib
import json
import os
import re
import struct
import sys

DELTA = 0x9E3779B9
MASK = 0xFFFFFFFF
SEED = b"wxcrypto xxtea vectors v1"

APP_SECRET = "32b5362f61f26f4e0e1221a57e7ab02ea77dbc40"
DOC_CIPHERTEXT = (
    "A83FE5716360F141AD490C4A14349684202581439D7BCE51CC6D0550B872B7C0A7FA9C78F9B1DEB9"
    "88FF73C1CBC0406FFBC9DBF0D1CAE33AF019507DF3B1479621A77DE1F16A7C3AC5D52017F184CFA9"
    "9F19064E122B0CA5C88C88C1526AC7CFAE8FACDB7BA8F28F7C38424667E5E1EE589AD8A48664C56B"
    "1BD25AA448C252CF7BCAA3AA9376AB7192496C36"
)
DOC_PLAINTEXT = (
    '{"openId":"ee01554bdc77dee74db8bf8acc3426690c2572c9694e38e8","appId":"0e0d8b62",'
    '"phoneNumber":"18912345679","timestamp":1578042800057}'
)

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(REPO, "testdata", "vectors", "xxtea_decrypt.json")


# ---------------------------------------------------------------------------
# The cipher, on lists of 32-bit words, exactly as the published btea.

def _mx(s, y, z, p, e, k):
    return ((((z >> 5) ^ (y << 2)) + ((y >> 3) ^ (z << 4))) ^ ((s ^ y) + (k[(p & 3) ^ e] ^ z))) & MASK


def btea_encode(v, k):
    v = list(v)
    n = len(v)
    assert n >= 2
    rounds = 6 + 52 // n
    s = 0
    z = v[n - 1]
    for _ in range(rounds):
        s = (s + DELTA) & MASK
        e = (s >> 2) & 3
        for p in range(n):
            y = v[(p + 1) % n]
            v[p] = (v[p] + _mx(s, y, z, p, e, k)) & MASK
            z = v[p]
    return v


def btea_decode(v, k):
    v = list(v)
    n = len(v)
    assert n >= 2
    rounds = 6 + 52 // n
    s = (rounds * DELTA) & MASK
    y = v[0]
    for _ in range(rounds):
        e = (s >> 2) & 3
        for p in range(n - 1, -1, -1):
            z = v[(p - 1) % n]
            v[p] = (v[p] - _mx(s, y, z, p, e, k)) & MASK
            y = v[p]
        s = (s - DELTA) & MASK
    return v


def key_words(key):
    """The key bytes zero-padded or truncated to 16 bytes, as 4 LE words."""
    kb = (bytes(key) + bytes(16))[:16]
    return list(struct.unpack("<4I", kb))


def to_words(b):
    assert len(b) % 4 == 0
    return list(struct.unpack("<%dI" % (len(b) // 4), b))


def from_words(w):
    return struct.pack("<%dI" % len(w), *w)


class Reject(Exception):
    pass


def encrypt(key, pt):
    if len(key) == 0:
        raise Reject("empty key")
    if len(pt) == 0:
        raise Reject("empty plaintext")
    padded = pt + bytes(-len(pt) % 4)
    return from_words(btea_encode(to_words(padded) + [len(pt)], key_words(key)))


def encrypt_raw(key, data):
    """Encrypts whole words as they are, with no length word added."""
    return from_words(btea_encode(to_words(data), key_words(key)))


HEX_RE = re.compile(r"\A[0-9A-Fa-f]*\Z")


def decrypt_hex(key, ct_hex):
    """The decryption rules, strictly: raises Reject on every invalid input."""
    if len(key) == 0:
        raise Reject("empty key")
    if len(ct_hex) % 2 or not HEX_RE.match(ct_hex):
        raise Reject("not hex")
    ct = bytes.fromhex(ct_hex)
    if len(ct) % 4 or len(ct) < 8:
        raise Reject("not whole words or fewer than two")
    w = btea_decode(to_words(ct), key_words(key))
    n = 4 * (len(w) - 1)
    m = w[-1]
    if not (n - 3 <= m <= n):
        raise Reject("stored length out of range")
    return from_words(w)[:m]


# ---------------------------------------------------------------------------
# Deterministic random material.

class Stream:
    def __init__(self, seed):
        self.seed = seed
        self.counter = 0
        self.buf = b""

    def read(self, n):
        while len(self.buf) < n:
            self.buf += hashlib.sha256(self.seed + self.counter.to_bytes(8, "big")).digest()
            self.counter += 1
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def text(self, n, alphabet="0123456789abcdef"):
        return "".join(alphabet[b % len(alphabet)] for b in self.read(n))


rnd = Stream(SEED)
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


# ---------------------------------------------------------------------------
# Cases.

tests = []


def add(comment, flags, result, key=None, key_hex=None, ciphertext=None, plaintext=None, plaintext_hex=None):
    assert (key is None) != (key_hex is None)
    t = {"tcId": len(tests) + 1, "comment": comment, "flags": flags, "result": result}
    if key is not None:
        t["key"] = key
    else:
        t["keyHex"] = key_hex
    t["ciphertext"] = ciphertext
    if result == "valid":
        assert (plaintext is None) != (plaintext_hex is None)
        if plaintext is not None:
            t["plaintext"] = plaintext
        else:
            t["plaintextHex"] = plaintext_hex
    else:
        assert plaintext is None and plaintext_hex is None
    tests.append(t)


def key_bytes(t):
    return t["key"].encode("utf-8") if "key" in t else bytes.fromhex(t["keyHex"])


def valid(comment, flags, key, pt, upper=True, as_text=None):
    """Adds a valid case; key and pt are bytes, key given as text if ASCII-printable."""
    ct = encrypt(key, pt).hex()
    ct = ct.upper() if upper else ct
    kw = {}
    if all(0x20 <= b < 0x7F for b in key):
        kw["key"] = key.decode("ascii")
    else:
        kw["key_hex"] = key.hex()
    if as_text is None:
        try:
            as_text = pt.decode("utf-8").isprintable()
        except UnicodeDecodeError:
            as_text = False
    if as_text:
        kw["plaintext"] = pt.decode("utf-8")
    else:
        kw["plaintext_hex"] = pt.hex()
    add(comment, flags, "valid", ciphertext=ct, **kw)
    return ct


def invalid(comment, flags, ciphertext, key=None, key_hex=None):
    add(comment, flags, "invalid", key=key, key_hex=key_hex, ciphertext=ciphertext)


# The documented 189 example.
add("189 authorizeUserInfo example: key is the appSecret text", ["Documented"], "valid",
    key=APP_SECRET, ciphertext=DOC_CIPHERTEXT, plaintext=DOC_PLAINTEXT)
add("189 example with the appSecret's 40 ASCII bytes given as keyHex", ["Documented", "KeyHex"], "valid",
    key_hex=APP_SECRET.encode("ascii").hex(), ciphertext=DOC_CIPHERTEXT, plaintext=DOC_PLAINTEXT)
add("189 example ciphertext in lower-case hex", ["LowerCaseHex"], "valid",
    key=APP_SECRET, ciphertext=DOC_CIPHERTEXT.lower(), plaintext=DOC_PLAINTEXT)
add("189 example with only the first 16 characters of the appSecret as key", ["KeyTruncation"], "valid",
    key=APP_SECRET[:16], ciphertext=DOC_CIPHERTEXT, plaintext=DOC_PLAINTEXT)
add("189 example with the appSecret's characters after the 16th changed", ["KeyTruncation"], "valid",
    key=APP_SECRET[:16] + "ffffffffffffffffffffffff", ciphertext=DOC_CIPHERTEXT, plaintext=DOC_PLAINTEXT)

# Sizes around word boundaries and larger, binary plaintexts.
SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 31, 32, 33, 63, 64, 65,
         127, 128, 129, 255, 256, 257, 511, 512, 513, 1000, 1023, 1024, 1500, 2000]
for i, size in enumerate(SIZES):
    key = rnd.text(40).encode("ascii")  # an appSecret-like key
    pt = rnd.read(size)
    upper = i % 2 == 0
    valid("pseudorandom %d-byte plaintext, %s-case hex" % (size, "upper" if upper else "lower"),
          ["Generated", "Binary", "Size"] + ([] if upper else ["LowerCaseHex"]), key, pt, upper=upper, as_text=False)

# Key lengths: text keys.
for klen in [1, 8, 15, 16, 17, 32, 40]:
    key = rnd.text(klen, ALNUM).encode("ascii")
    pt = ('{"n":%d,"s":"%s"}' % (klen, rnd.text(12, ALNUM))).encode("ascii")
    valid("%d-character text key" % klen, ["Generated", "KeyLength"], key, pt)

# Binary keys via keyHex.
for klen in [1, 7, 16, 20, 32]:
    key = rnd.read(klen)
    if all(0x20 <= b < 0x7F for b in key):
        key = b"\x00" + key[1:]
    pt = rnd.read(24)
    valid("%d-byte binary key" % klen, ["Generated", "KeyHex", "Binary"], key, pt, as_text=False)

# Zero padding of short keys: "abc" and "abc" + 13 zero bytes are the same key.
pt = b'{"zero":"padding"}'
ct1 = valid("3-character key, zero-padded to 16 bytes", ["Generated", "KeyPadding"], b"abc", pt)
ct2 = valid("the same key written out with its 13 zero bytes", ["Generated", "KeyPadding", "KeyHex"], b"abc" + bytes(13), pt)
assert ct1 == ct2

# Truncation of long keys: two keys that differ only after byte 16.
prefix = rnd.text(16, ALNUM)
k1 = (prefix + rnd.text(24, ALNUM)).encode("ascii")
k2 = (prefix + rnd.text(24, ALNUM)).encode("ascii")
assert k1 != k2
pt = b'{"only":"the first 16 key bytes count"}'
ct1 = valid("40-character key; a second case uses a key that differs after byte 16", ["Generated", "KeyTruncation"], k1, pt)
ct2 = valid("40-character key that differs from the previous case's only after byte 16: same ciphertext",
            ["Generated", "KeyTruncation"], k2, pt)
assert ct1 == ct2

# A key of 16 zero bytes, given explicitly, is a key like any other.
zero_ct = valid("key of 16 zero bytes given explicitly", ["Generated", "KeyHex"], bytes(16), b'{"key":"zeros"}')

# Plaintexts.
valid("UTF-8 text with non-ASCII characters", ["Generated", "Utf8"], rnd.text(40).encode(),
      '{"code":0,"msg":"成功","data":{"name":"张三"}}'.encode("utf-8"))
valid("plaintext ending in zero bytes: the stored length, not the padding, ends it", ["Generated", "Binary", "TrailingZeros"],
      rnd.text(40).encode(), b"abc\x00\x00", as_text=False)
valid("plaintext of 4 zero bytes", ["Generated", "Binary", "TrailingZeros"], rnd.text(40).encode(), bytes(4), as_text=False)
valid("plaintext of 1 zero byte", ["Generated", "Binary", "TrailingZeros"], rnd.text(40).encode(), bytes(1), as_text=False)
valid("plaintext that is not UTF-8", ["Generated", "Binary"], rnd.text(40).encode(), b"\xff\xfe\x80abc\xc3", as_text=False)
bound_key = rnd.text(40).encode()
valid("plaintext of 5 bytes in 3 words: stored length n-3, the lower bound", ["Generated", "LengthBound"], bound_key, b"12345")
valid("plaintext of 8 bytes in 3 words: stored length n, the upper bound", ["Generated", "LengthBound"], bound_key, b"12345678")
secret = rnd.text(40)
info = ('{"openId":"%s","appId":"%s","phoneNumber":"189%s","timestamp":%d}'
        % (rnd.text(48), rnd.text(8), rnd.text(8, "0123456789"), 1700000000000 + int.from_bytes(rnd.read(4), "big")))
mixed = encrypt(secret.encode(), info.encode()).hex()
mixed = "".join(c.upper() if i % 3 == 0 else c for i, c in enumerate(mixed))
add("189-style user info, ciphertext in mixed-case hex", ["Generated", "MixedCaseHex"], "valid",
    key=secret, ciphertext=mixed, plaintext=info)

# Invalid: keys.
wrong = rnd.text(40)
invalid("wrong key: another 40-character appSecret", ["WrongKey"], DOC_CIPHERTEXT, key=wrong)
invalid("wrong key: the appSecret with its first character changed", ["WrongKey"], DOC_CIPHERTEXT, key="4" + APP_SECRET[1:])
invalid("the appSecret hex-decoded (20 bytes) as the key: the documented trap", ["WrongKey", "HexDecodedKey"],
        DOC_CIPHERTEXT, key_hex=APP_SECRET)
invalid("the appSecret upper-cased: a different key", ["WrongKey"], DOC_CIPHERTEXT, key=APP_SECRET.upper())
invalid("empty key (a missing appSecret); the ciphertext was made with 16 zero bytes, what it would pad to",
        ["EmptyKey"], zero_ct, key="")

# Invalid: hex.
invalid("odd-length hex: the 189 example without its last character", ["Hex"], DOC_CIPHERTEXT[:-1], key=APP_SECRET)
invalid("non-hex character 'G'", ["Hex"], DOC_CIPHERTEXT[:10] + "G" + DOC_CIPHERTEXT[11:], key=APP_SECRET)
invalid("non-hex character: a space in the middle", ["Hex"], DOC_CIPHERTEXT[:140] + " " + DOC_CIPHERTEXT[141:], key=APP_SECRET)
invalid("'0x' prefix", ["Hex"], "0x" + DOC_CIPHERTEXT[2:], key=APP_SECRET)
invalid("trailing newline", ["Hex"], DOC_CIPHERTEXT + "\n", key=APP_SECRET)
invalid("base64 instead of hex", ["Hex"], "qD/lcWNg8UGtSQxKFDSWhA==", key=APP_SECRET)

# Invalid: sizes.
invalid("empty ciphertext", ["CiphertextSize"], "", key=APP_SECRET)
invalid("a single word (8 hex characters)", ["CiphertextSize"], DOC_CIPHERTEXT[:8], key=APP_SECRET)
invalid("a single zero word", ["CiphertextSize"], "00000000", key=APP_SECRET)
invalid("5 bytes: not whole words", ["CiphertextSize"], DOC_CIPHERTEXT[:10], key=APP_SECRET)
invalid("7 bytes: not whole words", ["CiphertextSize"], DOC_CIPHERTEXT[:14], key=APP_SECRET)
invalid("the 189 example without its last byte: not whole words", ["CiphertextSize"], DOC_CIPHERTEXT[:-2], key=APP_SECRET)

# Invalid: whole words that do not decrypt to a length in range.
invalid("the 189 example without its last word", ["Truncated"], DOC_CIPHERTEXT[:-8], key=APP_SECRET)
invalid("the 189 example without its first word", ["Truncated"], DOC_CIPHERTEXT[8:], key=APP_SECRET)
invalid("the 189 example with one more word appended", ["Extended"], DOC_CIPHERTEXT + "00000000", key=APP_SECRET)
flipped = bytearray(bytes.fromhex(DOC_CIPHERTEXT))
flipped[70] ^= 0x01
invalid("the 189 example with one bit flipped", ["Tampered"], flipped.hex().upper(), key=APP_SECRET)

lkey = rnd.text(40)
data = rnd.read(8)
for m, what in [(9, "n+1"), (4, "n-4"), (0, "0"), (0xFFFFFFFF, "2^32-1"), (0x80000008, "n + 2^31")]:
    ct = encrypt_raw(lkey.encode(), data + struct.pack("<I", m)).hex().upper()
    invalid("3 words whose stored length is %d (%s), outside [n-3, n] = [5, 8]" % (m, what), ["LengthRange"], ct, key=lkey)
ct = encrypt_raw(lkey.encode(), bytes(4) + struct.pack("<I", 0)).hex().upper()
invalid("2 words with stored length 0: an empty plaintext, which the format cannot hold", ["LengthRange"], ct, key=lkey)
ct = encrypt_raw(lkey.encode(), b"abcd" + struct.pack("<I", 5)).hex().upper()
invalid("2 words with stored length 5, outside [1, 4]", ["LengthRange"], ct, key=lkey)


# ---------------------------------------------------------------------------
# Check every case, then write.

def check():
    ids = [t["tcId"] for t in tests]
    assert ids == list(range(1, len(tests) + 1))
    for t in tests:
        key = key_bytes(t)
        if t["result"] == "valid":
            want = t["plaintext"].encode("utf-8") if "plaintext" in t else bytes.fromhex(t["plaintextHex"])
            got = decrypt_hex(key, t["ciphertext"])
            assert got == want, "tcId %d: decrypt" % t["tcId"]
            assert encrypt(key, want).hex() == t["ciphertext"].lower(), "tcId %d: re-encrypt" % t["tcId"]
        else:
            try:
                decrypt_hex(key, t["ciphertext"])
            except Reject:
                continue
            raise AssertionError("tcId %d: invalid case accepted" % t["tcId"])


def self_test():
    # The reference decode inverts the encode for every length.
    for n in range(2, 40):
        v = to_words(rnd.read(4 * n))
        k = key_words(rnd.read(16))
        assert btea_decode(btea_encode(v, k), k) == v


# The notes of the flags this file uses: the same sentences as testdata/generate/notes.mjs,
# where the Node generators take theirs.
NOTES = {
    "Binary": "Input: bytes that are not text (random, zero or not UTF-8), given through a Hex field.",
    "CiphertextSize": "Defect: the ciphertext length is not allowed (empty, too short, or not whole blocks or words).",
    "Documented": "Source: a value published in an official document or its official demo (spec/algorithms.md), reproduced before writing.",
    "EmptyKey": "Defect: an empty key, which is refused rather than used as the zero key.",
    "Extended": "Defect: a correct ciphertext with data appended.",
    "Generated": "Source: generated from a fixed seed by a script under testdata/generate/ that checks each case with code independent of the library.",
    "Hex": "Defect: the ciphertext is not hex (odd length or a character outside 0-9, a-f, A-F).",
    "HexDecodedKey": "Defect: the appSecret hex-decoded and used as the key instead of its text.",
    "KeyHex": "Input: the key given as keyHex, as bytes.",
    "KeyLength": "Input: a text key shorter or longer than 16 bytes.",
    "KeyPadding": "Input: a short key and the same key with its zero padding written out give the same cipher.",
    "KeyTruncation": "Input: only the first 16 bytes of a longer key are used.",
    "LengthBound": "Input: the stored length at an end of the accepted window n-3 <= m <= n.",
    "LengthRange": "Defect: the stored length word is outside n-3 <= m <= n.",
    "LowerCaseHex": "Input: the ciphertext in lower-case hex.",
    "MixedCaseHex": "Input: the ciphertext with upper- and lower-case hex digits mixed.",
    "Size": "Input: a message length around a block or word boundary.",
    "Tampered": "Defect: a correct ciphertext with a bit flipped.",
    "TrailingZeros": "Input: a plaintext ending in zero bytes, which the stored length must keep.",
    "Truncated": "Defect: a correct value with characters or words cut off.",
    "Utf8": "Input: UTF-8 text with non-ASCII characters.",
    "WrongKey": "Defect: a key other than the one used to encrypt or sign.",
}


def write():
    doc = {
        "schema": "wxcrypto-vectors/v1",
        "operation": "xxtea.decrypt",
        "source": "the 189 h5.authorizeUserInfo example, and cases generated from a fixed seed by testdata/generate/xxtea.py (XXTEA in pure Python)",
        "notes": {f: NOTES[f] for f in sorted({f for t in tests for f in t["flags"]})},
        "numberOfTests": len(tests),
        "tests": tests,
    }
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    text = re.sub(r'"flags": \[([^\]]*)\]',
                  lambda mo: '"flags": [' + ", ".join(s.strip() for s in mo.group(1).split(",") if s.strip()) + "]",
                  text) + "\n"
    assert json.loads(text) == doc
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    nv = sum(1 for t in tests if t["result"] == "valid")
    print("%s: %d tests (%d valid, %d invalid)" % (os.path.relpath(OUT, REPO), len(tests), nv, len(tests) - nv))


if __name__ == "__main__":
    self_test()
    check()
    write()
