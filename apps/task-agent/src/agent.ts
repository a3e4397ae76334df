import { type AgentCard, type Message } from '@baton/protocol';
import { type AgentExecutor } from '@baton/server';

/** The text parts of a message, joined. */
export function textOf(message: Message): string {
  return message.parts.map((part) => part.text ?? '').join('');
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

/** How a run is shaped: `chunks=N delay=MS` anywhere in the message text. */
export interface TaskAgentPlan {
  chunks: number;
  delayMs: number;
}

/** Reads `chunks=` (1..100, default 5) and `delay=` (0..60000 ms, default 200) from the text. */
export function planOf(text: string): TaskAgentPlan {
  const number = (key: string, fallback: number, max: number) => {
    const found = new RegExp(`\\b${key}=(\\d+)`).exec(text);
    return found ? Math.min(Number(found[1]), max) : fallback;
  };
  return { chunks: Math.max(1, number('chunks', 5, 100)), delayMs: number('delay', 200, 60_000) };
}

/** The task agent's card; the transport fills in `supportedInterfaces`. */
export const taskAgentCard: AgentCard = {
  name: 'Task Agent',
  description:
    'Works on each message as a task: reports working, streams a report artifact in chunks, ' +
    'then completes. Cancel it at any time.',
  version: '1.0.0',
  supportedInterfaces: [],
  capabilities: { streaming: true, pushNotifications: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [
    {
      id: 'report',
      name: 'Chunked report',
      description: 'Writes a report about the message, one chunk at a time (chunks=N delay=MS).',
      tags: ['example', 'streaming', 'cancel'],
      examples: ['write a report', 'chunks=3 delay=50'],
    },
  ],
};

/**
 * working → an artifact `report` sent in chunks (append / lastChunk) → completed. Between chunks
 * it waits, and stops as soon as `context.signal` aborts (the task was canceled).
 */
export const taskExecutor: AgentExecutor = {
  async execute(context, events) {
    const text = textOf(context.message);
    const { chunks, delayMs } = planOf(text);
    await events.working(`Writing ${chunks} chunks`);
    let artifactId: string | undefined;
    for (let index = 0; index < chunks; index++) {
      if (!(await sleep(delayMs, context.signal))) return;
      const part = { text: `chunk ${index + 1}/${chunks} about "${text}"\n` };
      const lastChunk = index === chunks - 1;
      artifactId = await events.addArtifact(
        { artifactId, name: 'report', parts: [part] },
        { append: index > 0, lastChunk },
      );
    }
    await events.complete('Report written');
  },
};
