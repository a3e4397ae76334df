import fc from 'fast-check';
import { expect } from 'vitest';
import { type z } from 'zod';

import { MISS } from '../fast-parse.js';

type Path = (string | number)[];

/** Every path into a JSON-ish value, objects and arrays alike. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const out: Path[] = [prefix];
  for (const [key, item] of Object.entries(value)) {
    out.push(...paths(item, [...prefix, Array.isArray(value) ? Number(key) : key]));
  }
  return out;
}

/** The key a sibling is added under: the snake_case twin of `key`, else `<key>Extra`. */
function defaultSibling(key: string, twin: string): string {
  return twin === key ? `${key}Extra` : twin;
}

function mutate(
  value: unknown,
  path: Path,
  kind: number,
  next: unknown,
  sibling: (key: string, twin: string) => string,
): unknown {
  const copy = structuredClone(value);
  if (path.length === 0) return next;
  let parent = copy as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as typeof parent;
  const last = path.at(-1)!;
  if (kind === 0) parent[last] = next;
  else if (kind === 1) delete parent[last];
  else if (typeof last === 'string') {
    const twin = last.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    parent[sibling(last, twin)] = next;
  } else parent[last] = next;
  return copy;
}

/**
 * Values of `valid` with one change at a random path (tests of parsers against their zod
 * schemas): the member replaced by a `junk` value, deleted, or given a sibling (an unknown key or
 * the snake_case twin, as `sibling` names it).
 */
export function mutated(
  valid: fc.Arbitrary<unknown>,
  junk: fc.Arbitrary<unknown>,
  sibling: (key: string, twin: string) => string = defaultSibling,
): fc.Arbitrary<unknown> {
  return valid.chain((value) =>
    fc
      .tuple(fc.constantFrom(...paths(value)), fc.integer({ min: 0, max: 2 }), junk)
      .map(([path, kind, next]) => mutate(value, path, kind, next, sibling)),
  );
}

/**
 * Checks a hand-written parser against its zod schema on one value: when the parser does not
 * hand the value to zod (`MISS`), zod must accept it too and give the same value, with the same
 * keys in the same order (undefined-valued keys included) and the same types.
 */
export function sameAsZod<S extends z.ZodType<unknown, unknown>>(
  parse: (schema: S, value: unknown) => unknown,
  schema: S,
  value: unknown,
): void {
  const fast = parse(schema, value);
  if (fast === MISS) return;
  const slow = schema.safeParse(value);
  expect(slow.success, `fast path accepted what zod refuses: ${JSON.stringify(value)}`).toBe(true);
  expect(fast).toStrictEqual(slow.data);
  expect(keyOrder(fast)).toEqual(keyOrder(slow.data));
}

/** A value's keys in order, nested, with the type of each leaf: compares key order. */
export function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.entries(value).map(([key, item]) => [key, keyOrder(item)]);
}

/**
 * Values a mutation writes somewhere: wrong types, nulls, odd objects, and `specific` values of a
 * dialect (names, enum spellings) that look almost right.
 */
export function junk(...specific: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(null, undefined, '', 'x', 0, -1, 1.5, 2 ** 31, true, [], {}, [null]),
    fc.constantFrom(...specific),
    fc.constant(new Date()),
    fc.constant(Object.create(null) as object),
    fc.anything(),
  );
}
