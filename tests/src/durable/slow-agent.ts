import { type AgentCard } from '@baton/protocol';
import { type AgentExecutor } from '@baton/server';

/** The card of the slow agent: streaming, text in and out. */
export const slowAgentCard: AgentCard = {
  name: 'Slow agent',
  description: 'Works for a while on every task, for durability tests',
  version: '1.0.0',
  supportedInterfaces: [],
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'steps', name: 'Steps', description: 'Works in steps', tags: ['test'] }],
};

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve(false)), { once: true });
  });
}

/**
 * `steps <n> <ms>`: WORKING, then n steps `ms` apart, each a WORKING status with a message
 * ("step i") and an artifact chunk appended to one artifact, then COMPLETED. Stops quietly when
 * its signal aborts or a write is refused (the task was canceled elsewhere).
 */
export const slowExecutor: AgentExecutor = {
  async execute(context, events) {
    const text = context.message.parts.map((part) => part.text ?? '').join('');
    const [, count = '3', pause = '50'] = text.split(' ');
    try {
      await events.working();
      let artifactId: string | undefined;
      for (let i = 0; i < Number(count); i++) {
        if (!(await sleep(Number(pause), context.signal))) return;
        await events.working(`step ${i}`);
        artifactId = await events.addArtifact(
          { artifactId, name: 'steps', parts: [{ text: `chunk ${i};` }] },
          { append: i > 0 },
        );
      }
      await events.complete('all steps done');
    } catch (error) {
      if (events.finished) return;
      throw error;
    }
  },
};
