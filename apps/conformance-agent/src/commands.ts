import { type RequestContext, type TaskEvents } from '@baton/server';

/** One conformance command: what the agent does when a message starts with its name. */
export interface Command {
  /** What it does, for the README and the card's skill examples. */
  description: string;
  run(context: RequestContext, events: TaskEvents, args: string[]): Promise<void>;
}

/** Resolves after `ms`, or at once (false) when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function intArg(args: string[], index: number, fallback: number, max: number): number {
  const value = Number(args[index]);
  return Number.isInteger(value) && value >= 0 ? Math.min(value, max) : fallback;
}

const BYTES = btoa('Baton conformance bytes\n');

/** Every command, by name (the first word of the message text, case-insensitive). */
export const COMMANDS: Record<string, Command> = {
  message: {
    description: 'Direct message reply, no task.',
    run: (_context, events, args) => events.reply(`message: ${args.join(' ')}`),
  },
  complete: {
    description: 'working → one text artifact → completed (also the default).',
    async run(context, events, args) {
      await events.working();
      await events.addArtifact({ name: 'result', parts: [{ text: `done: ${args.join(' ')}` }] });
      await events.complete('Completed');
    },
  },
  input: {
    description: 'input-required; the next message on the task completes it, echoing that text.',
    async run(context, events) {
      await events.requireInput('Send any text to continue this task');
    },
  },
  auth: {
    description: 'auth-required (credentials would come out of band).',
    run: (_context, events) => events.requireAuth('Authorize at the out-of-band URL, then retry'),
  },
  reject: {
    description: 'rejected, with a status message.',
    run: (_context, events) => events.reject('Rejected by the conformance agent'),
  },
  fail: {
    description: 'failed, with a status message.',
    run: (_context, events) => events.fail('Failed on purpose'),
  },
  throw: {
    description: 'The executor throws: the server fails the task.',
    run: () => Promise.reject(new Error('conformance agent threw on purpose')),
  },
  long: {
    description:
      'long [ms=30000] [every=0]: working, an artifact chunk every `every` ms, completed after ' +
      '`ms`; stops at once on cancel.',
    async run(context, events, args) {
      const total = intArg(args, 0, 30_000, 600_000);
      const every = intArg(args, 1, 0, 60_000);
      await events.working('Working for a while');
      const start = Date.now();
      let artifactId: string | undefined;
      for (let tick = 1; Date.now() - start < total; tick++) {
        const wait = every > 0 ? Math.min(every, total - (Date.now() - start)) : total;
        if (!(await sleep(wait, context.signal))) return;
        if (every > 0 && Date.now() - start < total) {
          artifactId = await events.addArtifact(
            { artifactId, name: 'ticks', parts: [{ text: `tick ${tick}\n` }] },
            { append: tick > 1 },
          );
        }
      }
      await events.complete('Finished the long run');
    },
  },
  stream: {
    description: 'stream [n=5]: n artifact chunks with no delay, then completed (ordering tests).',
    async run(_context, events, args) {
      const count = intArg(args, 0, 5, 1000);
      await events.working();
      let artifactId: string | undefined;
      for (let index = 0; index < count; index++) {
        artifactId = await events.addArtifact(
          { artifactId, name: 'sequence', parts: [{ text: `${index}\n` }] },
          { append: index > 0, lastChunk: index === count - 1 },
        );
      }
      await events.complete();
    },
  },
  artifacts: {
    description: 'One artifact of every kind (text, raw, url, data object, data array, mixed).',
    async run(_context, events) {
      await events.working();
      await events.addArtifact({ name: 'text', parts: [{ text: 'plain text' }] });
      await events.addArtifact({
        name: 'raw',
        parts: [{ raw: BYTES, mediaType: 'application/octet-stream', filename: 'bytes.bin' }],
      });
      await events.addArtifact({
        name: 'url',
        parts: [{ url: 'https://example.com/report.pdf', mediaType: 'application/pdf' }],
      });
      await events.addArtifact({
        name: 'data',
        parts: [{ data: { answer: 42, nested: { ok: true } }, mediaType: 'application/json' }],
      });
      await events.addArtifact({ name: 'data-array', parts: [{ data: [1, 'two', null] }] });
      await events.addArtifact({
        name: 'mixed',
        description: 'text and data in one artifact',
        parts: [{ text: 'summary' }, { data: { rows: 3 } }],
        metadata: { kind: 'mixed' },
      });
      await events.complete('Every artifact kind sent');
    },
  },
  unfinished: {
    description:
      'working, then returns without finishing: the server applies its onUnfinished rule.',
    run: (_context, events) => events.working('Leaving this task unfinished'),
  },
};
