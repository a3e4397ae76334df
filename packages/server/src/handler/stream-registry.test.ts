import { describe, expect, it } from 'vitest';

import { endsStream } from '../stream/settles.js';
import { type StreamStart } from '../stream/task-event-stream.js';
import { StreamRegistry } from './stream-registry.js';

const init = (signal?: AbortSignal) => ({
  prepare: () => new Promise<StreamStart>(() => undefined),
  closeAfter: endsStream,
  signal,
});

describe('StreamRegistry', () => {
  it('counts open streams per task and in all, up to the bound, until they close', () => {
    const streams = new StreamRegistry(2);
    const a1 = streams.open('a', init());
    const a2 = streams.open('a', init());
    const b1 = streams.open('b', init());
    expect([streams.count('a'), streams.count('b'), streams.count()]).toEqual([2, 1, 3]);
    expect(() => streams.open('a', init())).toThrow('already has 2 open streams');
    a1.close();
    expect(streams.count('a')).toBe(1);
    const a3 = streams.open('a', init());
    a2.close();
    a3.close();
    a3.close();
    expect(streams.count('a')).toBe(0);
    b1.close();
    expect(streams.count()).toBe(0);
  });

  it('does not register a stream whose signal had already aborted', () => {
    const streams = new StreamRegistry(1);
    const stream = streams.open('a', init(AbortSignal.abort()));
    expect(stream.closed).toBe(true);
    expect(streams.count('a')).toBe(0);
    streams.open('a', init());
    expect(streams.count('a')).toBe(1);
  });

  it('closes every stream at shutdown', () => {
    const streams = new StreamRegistry(5);
    const opened = [
      streams.open('a', init()),
      streams.open('a', init()),
      streams.open('b', init()),
    ];
    streams.closeAll();
    expect(opened.every((stream) => stream.closed)).toBe(true);
    expect(streams.count()).toBe(0);
  });
});
