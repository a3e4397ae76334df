import { describe, expect, it } from 'vitest';

import { cloneJson } from './clone-json.js';

describe('cloneJson', () => {
  it('copies plain data deeply, as structuredClone does', () => {
    const value = {
      id: 't1',
      status: { state: 'TASK_STATE_WORKING', message: undefined },
      history: [{ parts: [{ text: 'hi' }, { data: { n: 1, list: [1, null, 'x'] } }] }],
      flag: false,
      none: null,
    };
    const copy = cloneJson(value);
    expect(copy).toEqual(structuredClone(value));
    expect(Object.keys(copy.status)).toEqual(['state', 'message']);
    copy.history[0]!.parts[1]!.data!.list.push(2);
    copy.status.state = 'changed';
    expect(value.history[0]!.parts[1]!.data!.list).toEqual([1, null, 'x']);
    expect(value.status.state).toBe('TASK_STATE_WORKING');
  });

  it('leaves symbol keys and non-enumerable properties behind', () => {
    const value = { a: 1 };
    Object.defineProperty(value, 'hidden', { value: 2, enumerable: false });
    Object.defineProperty(value, Symbol.for('tag'), { value: 3, enumerable: false });
    const copy = cloneJson(value);
    expect(Object.getOwnPropertyNames(copy)).toEqual(['a']);
    expect(Object.getOwnPropertySymbols(copy)).toEqual([]);
  });

  it('hands anything that is not plain JSON to structuredClone', () => {
    const when = new Date('2026-01-01T00:00:00Z');
    const bytes = new Uint8Array([1, 2, 3]);
    const copy = cloneJson({ when, bytes, map: new Map([['k', 1]]) });
    expect(copy.when).toBeInstanceOf(Date);
    expect(copy.when).not.toBe(when);
    expect(copy.when.getTime()).toBe(when.getTime());
    expect(copy.bytes).toEqual(bytes);
    expect(copy.bytes).not.toBe(bytes);
    expect(copy.map.get('k')).toBe(1);
  });

  it('copies cyclic and very deep values through structuredClone', () => {
    const cyclic: { self?: unknown; n: number } = { n: 1 };
    cyclic.self = cyclic;
    const copy = cloneJson(cyclic);
    expect(copy.self).toBe(copy);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(cloneJson(deep)).toEqual(deep);
  });

  it('throws like structuredClone on functions', () => {
    expect(() => cloneJson({ fn: () => 1 })).toThrow();
    expect(() => structuredClone({ fn: () => 1 })).toThrow();
  });
});
