import { describe, expect, it } from 'vitest';

import { BodyDeadlines } from './body.js';

const never = new Promise<never>(() => undefined);
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ value, at: performance.now() }),
    (error: Error) => ({ error: error.message, at: performance.now() }),
  );

describe('BodyDeadlines', () => {
  it('rejects each stalled read at its own deadline, with one timer for all of them', async () => {
    const deadlines = BodyDeadlines.for(60);
    const start = performance.now();
    const first = outcome(deadlines.race(never));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = outcome(deadlines.race(never));
    const quick = outcome(deadlines.race(Promise.resolve('body')));
    const failing = outcome(deadlines.race(Promise.reject(new Error('reset'))));
    expect(await quick).toMatchObject({ value: 'body' });
    expect(await failing).toMatchObject({ error: 'reset' });
    expect(deadlines.waiting).toBe(2);
    const a = await first;
    expect(a).toMatchObject({ error: 'Request body not received within 60 ms' });
    expect(a.at - start).toBeGreaterThanOrEqual(59);
    // The second read was still waiting when the first timed out: it gets its own 60 ms.
    expect(deadlines.waiting).toBe(1);
    const b = await second;
    expect(b).toMatchObject({ error: 'Request body not received within 60 ms' });
    expect(b.at - start).toBeGreaterThanOrEqual(89);
    expect(deadlines.waiting).toBe(0);
  });

  it('never rejects a read that settled, however late the timer runs', async () => {
    const deadlines = BodyDeadlines.for(20);
    let arrive!: (body: string) => void;
    const read = deadlines.race(new Promise<string>((resolve) => (arrive = resolve)));
    arrive('late but in time');
    expect(await read).toBe('late but in time');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(deadlines.waiting).toBe(0);
  });
});
