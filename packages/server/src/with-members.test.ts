import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { withMembers } from './with-members.js';

/** Everything a spread decides: prototype, own keys in order, and each key's descriptor. */
function shape(value: object) {
  return {
    proto: Object.getPrototypeOf(value) as unknown,
    keys: Reflect.ownKeys(value),
    descriptors: Object.getOwnPropertyDescriptors(value),
  };
}

describe('withMembers', () => {
  it('builds what a spread builds, for any object and members', () => {
    const sources = fc.oneof(
      fc.object({ withNullPrototype: true, withBoxedValues: true, withMap: true }),
      fc.dictionary(fc.string(), fc.anything()),
      fc.array(fc.anything()),
    );
    const members = fc.dictionary(
      fc.constantFrom('taskId', 'contextId', 'artifacts', 'history', '0', 'toString', 'a'),
      fc.anything(),
    );
    fc.assert(
      fc.property(sources, members, (source, added) => {
        expect(shape(withMembers(source, added))).toEqual(shape({ ...source, ...added }));
      }),
    );
  });

  it('keeps key order, symbols, and what getters return; leaves out what is not enumerable', () => {
    const tag = Symbol('tag');
    let reads = 0;
    const source = {
      b: 1,
      2: 'two',
      a: 2,
      [tag]: 'symbol',
      get computed() {
        reads++;
        return 'got';
      },
    };
    Object.defineProperty(source, 'hidden', { value: 1, enumerable: false });
    const made = withMembers(source, { a: 3, taskId: 't' });
    expect(Reflect.ownKeys(made)).toEqual(['2', 'b', 'a', 'computed', 'taskId', tag]);
    expect(made).toEqual({ 2: 'two', b: 1, a: 3, computed: 'got', taskId: 't', [tag]: 'symbol' });
    expect(Object.getOwnPropertyDescriptor(made, 'computed')).toMatchObject({ value: 'got' });
    expect(reads).toBe(1);
  });

  it('copies an own __proto__ key as a key, as a spread does', () => {
    const source = JSON.parse('{"__proto__":{"polluted":true},"text":"x"}') as object;
    const made = withMembers(source, { contextId: 'c' });
    expect(Object.getPrototypeOf(made)).toBe(Object.prototype);
    expect(Object.keys(made)).toEqual(['__proto__', 'text', 'contextId']);
    expect(shape(made)).toEqual(shape({ ...source, contextId: 'c' }));
    expect((made as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('leaves its inputs unchanged and shares their values', () => {
    const parts = [{ text: 'hi' }];
    const message = { messageId: 'm', role: 'ROLE_USER', parts };
    const filled = withMembers(message, { taskId: 't', contextId: 'c' });
    expect(filled).toEqual({ ...message, taskId: 't', contextId: 'c' });
    expect(filled.parts).toBe(parts);
    expect(message).toEqual({ messageId: 'm', role: 'ROLE_USER', parts });
  });
});
