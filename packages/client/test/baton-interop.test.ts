// The client against Baton's own server and HTTP transport, over every binding and version the
// transport serves, plus the exactly-once guarantee of resumed streams (Last-Event-ID).
import { type StreamResponse } from '@baton/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { A2AClient, type InterceptedRequest, userMessage } from '../src/index.js';
import { type BatonAgent, startBatonAgent } from './baton-agent.js';
import { collect, interopSuite, MODES } from './interop-suite.js';

interopSuite("Baton's server", () => startBatonAgent());

/** What a caller sees of an event, to compare whole streams. */
function shape(event: StreamResponse): string {
  if (event.task) return `task:${event.task.status.state}`;
  if (event.statusUpdate) return `status:${event.statusUpdate.status.state}`;
  if (event.artifactUpdate)
    return `artifact:${event.artifactUpdate.artifact.parts.map((p) => p.text).join('')}`;
  return 'message';
}

describe.each(MODES)("resumed streams against Baton's server over $name", (mode) => {
  let agent: BatonAgent;
  let client: A2AClient;
  const subscribes: InterceptedRequest[] = [];

  beforeAll(async () => {
    agent = await startBatonAgent();
    client = await A2AClient.connect(agent.baseUrl, {
      preferences: [mode.preference],
      cardCache: false,
      resume: { delayMs: 10 },
      interceptors: [
        {
          before: (request) =>
            void (request.operation === 'SubscribeToTask' && subscribes.push(request)),
        },
      ],
    });
  });
  afterAll(() => agent.close());

  it('sees every event exactly once, in order, after the server cut the connection', async () => {
    const reference = (
      await collect(client.sendStreamingMessage({ message: userMessage('slow 8') }))
    ).map(shape);
    expect(reference.at(-1)).toBe('status:TASK_STATE_COMPLETED');
    const seen: string[] = [];
    let drops = 0;
    for await (const event of client.sendStreamingMessage({ message: userMessage('slow 8') })) {
      seen.push(shape(event));
      if ((seen.length === 3 || seen.length === 6) && agent.dropStreams() > 0) drops++;
    }
    expect(drops).toBe(2);
    expect(seen).toEqual(reference);
    expect(subscribes).toHaveLength(2);
    for (const request of subscribes) {
      const extensions =
        request.headers.get('A2A-Extensions') ?? request.headers.get('X-A2A-Extensions');
      expect(extensions).toContain('resumable-streams');
      expect(Number(request.headers.get('Last-Event-ID'))).toBeGreaterThan(0);
    }
  });

  it('replays the rest of the log when the task finished while disconnected', async () => {
    const reference = (
      await collect(client.sendStreamingMessage({ message: userMessage('slow 4') }))
    ).map(shape);
    const seen: string[] = [];
    const slowResume = { resume: { delayMs: 800 } };
    for await (const event of client.sendStreamingMessage(
      { message: userMessage('slow 4') },
      slowResume,
    )) {
      seen.push(shape(event));
      if (seen.length === 3) agent.dropStreams();
    }
    expect(seen).toEqual(reference);
  });
});
