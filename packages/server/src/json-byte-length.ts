/** Deeper than this, a value is measured through its JSON text (which also rejects cycles). */
const MAX_DEPTH = 256;

/** Something the walk does not measure itself: a `toJSON`, a class instance, a bigint… */
class Unusual extends Error {}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const NON_ASCII = /[^\x00-\x7f]/;
// eslint-disable-next-line no-control-regex -- what JSON escapes, and everything beyond ASCII
const NOT_PLAIN = /["\\\x00-\x1f\u0080-\uffff]/;

/** The UTF-8 size of a JSON text, counted without encoding it. */
function textByteLength(text: string): number {
  // Most payloads are ASCII: one byte per UTF-16 unit, found by one native scan.
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      bytes += 1;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair (JSON.stringify escapes lone ones): two UTF-16 units, four UTF-8 bytes.
      bytes += 2;
      i++;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}

/** The UTF-8 size of a string written as a JSON string, quotes and escapes included. */
function stringByteLength(text: string): number {
  if (!NOT_PLAIN.test(text)) return text.length + 2;
  const length = text.length;
  let bytes = 2;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) {
      // \b \t \n \f \r have two-character escapes, the other control characters \u00XX.
      bytes += code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 2 : 6;
    } else if (code === 0x22 || code === 0x5c) {
      bytes += 2;
    } else if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code < 0xd800 || code > 0xdfff) {
      bytes += 3;
    } else {
      const next = code <= 0xdbff && i + 1 < length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else {
        // A lone surrogate, which JSON.stringify writes as \uXXXX.
        bytes += 6;
      }
    }
  }
  return bytes;
}

const EMPTY = {};

/** Whether `Object.prototype` has enumerable keys, which `for…in` over a plain object would see. */
function hasInheritedKeys(): boolean {
  for (const _ in EMPTY) return true;
  return false;
}

/**
 * The size of `value` as `JSON.stringify` writes it, or -1 where it writes nothing (undefined, a
 * function, a symbol: a member left out, an array item written as `null`).
 */
function measure(value: unknown, depth: number): number {
  switch (typeof value) {
    case 'string':
      return stringByteLength(value);
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      break;
    case 'bigint':
      throw new Unusual();
    case 'function':
      // A function with a `toJSON` is written as whatever that returns.
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw new Unusual();
      return -1;
    default:
      return -1;
  }
  if (value === null) return 4;
  if (depth > MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    throw new Unusual();
  }
  if (Array.isArray(value)) {
    const length = value.length;
    // The brackets and a comma between items.
    let bytes = length === 0 ? 2 : length + 1;
    for (let i = 0; i < length; i++) {
      const item = measure(value[i], depth + 1);
      bytes += item < 0 ? 4 : item;
    }
    return bytes;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new Unusual();
  // The braces, and per member written its key, a colon, its value and a comma (one too many).
  let bytes = 1;
  // Own keys only: jsonByteLength checked that Object.prototype has no enumerable ones.
  for (const key in value) {
    const member = measure((value as Record<string, unknown>)[key], depth + 1);
    if (member >= 0) bytes += stringByteLength(key) + member + 2;
  }
  return bytes === 1 ? 2 : bytes;
}

/**
 * The UTF-8 size of a value serialized as JSON, without serializing it: plain objects, arrays and
 * primitives are measured by walking them; anything else (a `toJSON`, a class instance, a bigint,
 * a very deep or cyclic value) by the length of its `JSON.stringify` text, which also throws
 * what `JSON.stringify` throws. 0 for what `JSON.stringify` turns into nothing (`undefined`).
 * @example
 * jsonByteLength({ text: 'é' }); // 13: {"text":"é"} with é as two bytes
 */
export function jsonByteLength(value: unknown): number {
  try {
    if (hasInheritedKeys()) throw new Unusual();
    const bytes = measure(value, 0);
    return bytes < 0 ? 0 : bytes;
  } catch (error) {
    if (!(error instanceof Unusual)) throw error;
    return textByteLength(JSON.stringify(value) ?? '');
  }
}
