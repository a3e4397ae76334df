import { type AgentExecutor } from '@baton/server';
import { conformanceExecutor } from '@baton-apps/conformance-agent';

// Test agent helpers with no Node APIs, so the core's tests also run in an edge runtime.

/** A user message with one text part, canonical 1.0. */
export function userMessage(text: string, extra: Record<string, unknown> = {}) {
  return { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text }], ...extra };
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The conformance agent plus `flood <n> <bytes> [everyMs]`: n artifact updates of `bytes`
 * characters each (one artifact, replaced each time so the task stays small), as fast as the
 * store takes them or one every `everyMs`.
 */
export const floodingExecutor: AgentExecutor = {
  async execute(context, events) {
    const text = context.message.parts.map((part) => part.text ?? '').join('');
    const [command, count, bytes, every] = text.split(' ');
    if (command !== 'flood') return conformanceExecutor.execute(context, events);
    await events.working();
    const chunk = 'x'.repeat(Number(bytes ?? 1024));
    let artifactId: string | undefined;
    for (let index = 0; index < Number(count ?? 100); index++) {
      if (context.signal.aborted) return;
      if (every !== undefined) await sleep(Number(every));
      artifactId = await events.addArtifact({
        artifactId,
        name: 'flood',
        parts: [{ text: chunk }],
      });
    }
    await events.complete();
  },
};
