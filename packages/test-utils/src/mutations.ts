/**
 * Seeded mutations of valid requests, for tests that send a binding what no hand-written case
 * thought of: the same seed gives the same requests on every run, so a failure can be replayed.
 */

/** A seeded generator of numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `items`, chosen by `random`. */
export function pickOf<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * Stand-ins for values nested 5,000 levels deep (arrays, objects): deeper than this process's own
 * JSON functions go, so {@link mutatedJson} writes them into the text it makes.
 */
const DEEP_ARRAY = '\u0001deep-array';
const DEEP_OBJECT = '\u0001deep-object';
const DEPTH = 5_000;
const DEEP_TEXT: Record<string, string> = {
  [JSON.stringify(DEEP_ARRAY)]: `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`,
  [JSON.stringify(DEEP_OBJECT)]: `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`,
};

/**
 * Values a mutation puts in place of another: wrong types, edge numbers, odd strings, enum names
 * of other fields, prototype keys, very deep, long or wide values. None is a URL outside
 * 127.0.0.1, so a mutated push config can only point at this machine.
 */
export const ODD_JSON_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  '\u0000',
  '\ud800',
  '🙂'.repeat(40),
  'x'.repeat(20_000),
  '../../etc/passwd',
  '%2F%00',
  'TASK_STATE_UNSPECIFIED',
  'TASK_STATE_COMPLETED',
  'ROLE_AGENT',
  'agent',
  'text/plain',
  '2026-13-45T99:99:99Z',
  '1970-01-01T00:00:00Z',
  [],
  [null],
  {},
  { text: 'part' },
  { kind: 'text', text: 'part' },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  DEEP_ARRAY,
  DEEP_OBJECT,
  Array.from({ length: 2_000 }, () => ({ text: 'p' })),
];

/** A copy of one of {@link ODD_JSON_VALUES}: later changes to a request never reach the list. */
export function oddJsonValue(random: () => number): unknown {
  return structuredClone(pickOf(random, ODD_JSON_VALUES));
}

/** Every member and element of a JSON value, as its holder and key. */
function slots(value: unknown, out: [Record<string, unknown>, string][] = []) {
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      out.push([value as Record<string, unknown>, key]);
      slots((value as Record<string, unknown>)[key], out);
    }
  }
  return out;
}

/**
 * A copy of `value` with one to three changes: a member removed, replaced by an odd value, added
 * beside, doubled into an array or turned into a string, or odd `metadata` put on an object (the
 * free-form JSON where a caller picks the shape).
 */
export function mutateJson(random: () => number, value: unknown): unknown {
  const copy = structuredClone(value);
  const changes = 1 + Math.floor(random() * 3);
  for (let i = 0; i < changes; i++) {
    const all = slots(copy);
    if (all.length === 0) break;
    const [holder, key] = pickOf(random, all);
    const roll = random();
    if (roll < 0.15) {
      const objects = all
        .map(([parent, name]) => parent[name])
        .filter((member) => member && typeof member === 'object' && !Array.isArray(member));
      if (objects.length > 0) {
        (pickOf(random, objects) as Record<string, unknown>).metadata = { k: oddJsonValue(random) };
      }
    } else if (roll < 0.3) delete holder[key];
    else if (roll < 0.75) holder[key] = oddJsonValue(random);
    else if (roll < 0.85) holder[`${key}_extra`] = oddJsonValue(random);
    else if (roll < 0.95) holder[key] = [holder[key], holder[key]];
    else holder[key] = String(holder[key]);
  }
  return copy;
}

/**
 * The UTF-8 JSON text of `value` (deep stand-ins written out), and three times in ten damaged
 * byte by byte: cut short, or a byte changed or added (a quote, a brace, a NUL, a newline, or
 * one that is not UTF-8). A `random` that always returns 0 gives the text undamaged.
 */
export function mutatedJson(random: () => number, value: unknown): Uint8Array<ArrayBuffer> {
  let text = JSON.stringify(value);
  for (const [stand, deep] of Object.entries(DEEP_TEXT)) text = text.replaceAll(stand, deep);
  const bytes = new TextEncoder().encode(text);
  const roll = random();
  if (roll < 0.7 || bytes.length === 0) return bytes;
  const at = Math.floor(random() * bytes.length);
  if (roll < 0.8) return bytes.slice(0, at);
  const byte = pickOf(random, [0x00, 0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0xc3, 0xff, 0x80, 0x0a]);
  if (roll < 0.9) {
    const changed = bytes.slice();
    changed[at] = byte;
    return changed;
  }
  const added = new Uint8Array(bytes.length + 1);
  added.set(bytes.subarray(0, at));
  added[at] = byte;
  added.set(bytes.subarray(at), at + 1);
  return added;
}
