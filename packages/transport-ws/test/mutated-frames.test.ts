// Seeded mutations of valid calls sent as WebSocket text frames, in both dialects: every frame
// the server sends back is a well-formed JSON-RPC answer or stream event, never an internal
// error, and the socket keeps answering. A failure prints the frame that caused it.
import { mutatedJson, mutateJson, pickOf, seededRandom } from '@baton/test-utils';
import { afterAll, describe, expect, it } from 'vitest';

import { startAgent, userMessage } from './fixtures.js';
import { type Frame, RawClient } from './raw-client.js';

const agent = await startAgent({ ws: { heartbeatMs: 0 } });
afterAll(() => agent.close());

const PUSH = { url: 'http://127.0.0.1:9/hook', token: 'secret' };
const FRAMES = 300;

/** Valid params of every operation of the dialect, about the finished task `taskId`. */
function seeds(dialect: '1.0' | '0.3', taskId: string): Record<string, unknown> {
  if (dialect === '1.0') {
    return {
      SendMessage: { message: userMessage('complete one'), configuration: { historyLength: 1 } },
      SendStreamingMessage: { message: userMessage('complete two') },
      GetTask: { id: taskId },
      ListTasks: { pageSize: 2 },
      CancelTask: { id: taskId },
      SubscribeToTask: { id: taskId },
      CreateTaskPushNotificationConfig: { taskId, ...PUSH },
      ListTaskPushNotificationConfigs: { taskId },
      ping: {},
    };
  }
  const message = () => ({
    kind: 'message',
    messageId: crypto.randomUUID(),
    role: 'user',
    parts: [{ kind: 'text', text: 'complete three' }],
  });
  return {
    'message/send': { message: message() },
    'message/stream': { message: message() },
    'tasks/get': { id: taskId },
    'tasks/cancel': { id: taskId },
    'tasks/resubscribe': { id: taskId },
    'tasks/pushNotificationConfig/set': {
      taskId,
      pushNotificationConfig: { ...PUSH, id: 'c1' },
    },
    ping: {},
  };
}

/** What must hold of every frame the server sends. */
function check(frame: Frame, sent: string): void {
  const context = `after frame: ${sent.slice(0, 500)}\ngot: ${JSON.stringify(frame).slice(0, 500)}`;
  expect(frame.jsonrpc, context).toBe('2.0');
  if (frame.method === 'stream/event') {
    expect(frame.params, context).toBeTypeOf('object');
    return;
  }
  expect('method' in frame, context).toBe(false);
  expect('result' in frame !== 'error' in frame, context).toBe(true);
  if (!frame.error) return;
  const code = frame.error.code as number;
  expect(Number.isInteger(code), context).toBe(true);
  expect(typeof frame.error.message, context).toBe('string');
  expect(code, context).not.toBe(-32603);
}

describe('mutated WebSocket frames', () => {
  for (const dialect of ['1.0', '0.3'] as const) {
    it(`${dialect}: every answer is well-formed, none internal, and the socket stays usable`, async () => {
      const client = await RawClient.open(
        dialect === '1.0' ? `${agent.wsUrl}?A2A-Version=1.0` : agent.wsUrl,
      );
      const send = dialect === '1.0' ? 'SendMessage' : 'message/send';
      const made = await client.call(send, seeds(dialect, 'x')[send]);
      const taskId = (made.result.task ?? made.result).id as string;
      expect(taskId).toBeTruthy();
      const methods = seeds(dialect, taskId);
      const random = seededRandom(0x5eed_0009 + (dialect === '1.0' ? 0 : 1));
      for (let n = 0; n < FRAMES; n++) {
        const method = pickOf(random, Object.keys(methods));
        const call = { jsonrpc: '2.0', id: `m-${n}`, method, params: methods[method] };
        const text = new TextDecoder().decode(mutatedJson(random, mutateJson(random, call)));
        const before = client.frames.length;
        client.send(text);
        // A ping after each frame: its answer says the server read the frame and goes on.
        const ping = await client.call('ping');
        expect(ping.result, `after frame: ${text.slice(0, 500)}`).toEqual({});
        for (const frame of client.frames.slice(before)) check(frame, text);
      }
      // Stream events that came after the last ping.
      const late = client.frames.length;
      await client.call('ping');
      for (const frame of client.frames.slice(late)) check(frame, '(a late frame)');
      const errors = client.frames.filter((frame) => frame.error).length;
      expect(errors).toBeGreaterThan(FRAMES / 2);
      await client.close();
    });
  }
});
