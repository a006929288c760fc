// A strict RFC 8259 JSON reader that keeps what JSON.parse loses: member order, duplicate
// members, and the exact text of numbers. Node's standard library only.
//
// parse(text) returns a tree of
//   { t: 'object', members: [[name, value], ...] }   duplicates kept, in order
//   { t: 'array', items: [...] }
//   { t: 'string', v }   { t: 'number', raw }   { t: 'bool', v }   { t: 'null' }
// Every value also has start and end: its offsets in text (so the exact text of a member's
// value is text.slice(v.start, v.end)). It throws JSONError on anything that is not exactly
// one JSON value with optional white space around it.

export class JSONError extends Error {}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

export function parse(text) {
  let i = 0;
  const fail = (why) => { throw new JSONError(`${why} at offset ${i}`); };
  const ws = () => { while (i < text.length && WS.has(text[i])) i++; };

  function string() {
    const start = i;
    i++; // the opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text[i];
      const code = c.charCodeAt(0);
      if (c === '"') { i++; break; }
      if (code < 0x20) fail('control character in string');
      if (c !== '\\') { out += c; i++; continue; }
      const e = text[i + 1];
      const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
      if (simple !== undefined) { out += simple; i += 2; continue; }
      if (e !== 'u') fail('bad escape');
      const h = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(h)) fail('bad \\u escape');
      out += String.fromCharCode(parseInt(h, 16));
      i += 6;
    }
    return { t: 'string', v: out, start, end: i };
  }

  // A scalar at i, or null when i starts an array or object.
  function scalar() {
    const start = i;
    const c = text[i];
    if (c === '"') return string();
    for (const [lit, node] of [['true', { t: 'bool', v: true }], ['false', { t: 'bool', v: false }], ['null', { t: 'null' }]]) {
      if (text.startsWith(lit, i)) { i += lit.length; return { ...node, start, end: i }; }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0] !== '') {
      i += m[0].length;
      return { t: 'number', raw: m[0], start, end: i };
    }
    fail('expected a JSON value');
  }

  // One value, iteratively (no recursion, so deep nesting cannot exhaust the stack). More
  // than 10000 nested arrays and objects, the outermost included, is not JSON
  // (encoding/json's limit).
  function value() {
    const stack = []; // open containers: { node, name } with name the pending member name
    let done;
    for (;;) {
      ws();
      let v;
      if (text[i] === '{' || text[i] === '[') {
        if (stack.length >= 10000) fail('nesting too deep');
        const node = text[i] === '{' ? { t: 'object', members: [], start: i } : { t: 'array', items: [], start: i };
        i++;
        ws();
        const close = node.t === 'object' ? '}' : ']';
        if (text[i] === close) {
          i++;
          node.end = i;
          v = node;
        } else {
          stack.push({ node });
          if (node.t === 'object') readName(stack[stack.length - 1]);
          continue;
        }
      } else {
        v = scalar();
      }
      // v is complete: attach it, then close every container it completes.
      for (;;) {
        if (stack.length === 0) { done = v; break; }
        const top = stack[stack.length - 1];
        if (top.node.t === 'object') top.node.members.push([top.name, v]);
        else top.node.items.push(v);
        ws();
        if (text[i] === ',') {
          i++;
          if (top.node.t === 'object') readName(top);
          v = undefined;
          break;
        }
        const close = top.node.t === 'object' ? '}' : ']';
        if (text[i] !== close) fail(`expected "," or "${close}"`);
        i++;
        top.node.end = i;
        stack.pop();
        v = top.node;
      }
      if (done !== undefined) return done;
    }
  }
  function readName(frame) {
    ws();
    if (text[i] !== '"') fail('expected a member name');
    frame.name = string().v;
    ws();
    if (text[i] !== ':') fail('expected ":"');
    i++;
  }

  const v = value();
  ws();
  if (i !== text.length) fail('data after the JSON value');
  return v;
}

// The value as a JSON text is one integer token: -?(0|[1-9][0-9]*), no fraction or exponent.
export const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

// int64 returns the BigInt of an integer number node that fits int64, or null.
export function int64(node) {
  if (!node || node.t !== 'number' || !INTEGER.test(node.raw)) return null;
  const n = BigInt(node.raw);
  return n < INT64_MIN || n > INT64_MAX ? null : n;
}

// members returns the members of an object node named exactly name.
export function named(obj, name) {
  return obj.members.filter(([n]) => n === name).map(([, v]) => v);
}

// Simple case folding of a member name, as far as it can reach an ASCII name: A-Z to a-z,
// and the two non-ASCII letters that fold to ASCII ones, U+017F (long s) and U+212A (Kelvin).
export function fold(name) {
  return name.replace(/[A-Z\u017f\u212a]/g, (c) => (c === '\u017f' ? 's' : c === '\u212a' ? 'k' : c.toLowerCase()));
}

// one returns the single member named exactly name of an object node: { value } when there is
// exactly one and no other member whose name folds to the same; { value: undefined } when
// there is none and no look-alike; null when there is a duplicate or a case-folded copy.
export function one(obj, name) {
  let value;
  for (const [n, v] of obj.members) {
    if (n === name) {
      if (value !== undefined) return null;
      value = v;
    } else if (fold(n) === fold(name)) {
      return null;
    }
  }
  return { value };
}
