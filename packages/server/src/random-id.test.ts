import { describe, expect, it } from 'vitest';

import { randomId } from './random-id.js';

describe('randomId', () => {
  it('makes version 4 UUIDs in the canonical lower-case form', () => {
    for (let i = 0; i < 2000; i++) {
      expect(randomId()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it('never repeats, across many refills of its entropy pool', () => {
    const ids = new Set(Array.from({ length: 20_000 }, randomId));
    expect(ids.size).toBe(20_000);
  });

  it('uses every hex digit in every random position', () => {
    const seen = Array.from({ length: 36 }, () => new Set<string>());
    for (let i = 0; i < 5000; i++) [...randomId()].forEach((c, at) => seen[at]!.add(c));
    const sizes = seen.map((set) => set.size);
    // Dashes and the version digit are fixed, the variant digit has four values.
    expect(sizes).toEqual(
      [...'xxxxxxxx-xxxx-4xxx-vxxx-xxxxxxxxxxxx'].map((c) => (c === 'x' ? 16 : c === 'v' ? 4 : 1)),
    );
  });
});
