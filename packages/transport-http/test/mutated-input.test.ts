// Seeded mutations of valid requests, in both dialects and both HTTP bindings, against a real
// server on 127.0.0.1: whatever arrives, the answer is a well-formed error or result, never an
// internal error, a 5xx or a hang. The hand-written cases of hostile-input.test.ts say what each
// error is; this one guards the rest of the input space. A failure prints the seed and the input.
import { mutatedJson, mutateJson, ODD_JSON_VALUES, pickOf, seededRandom } from '@baton/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Json, rpc, startTestAgent, type TestAgent, userMessage } from './fixtures.js';

let agent: TestAgent;
let finishedTaskId: string;
let finishedContextId: string;

beforeAll(async () => {
  agent = await startTestAgent({ app: { bodyLimit: 256 * 1024 } });
  const { result } = await rpc(agent.url, 'SendMessage', { message: userMessage('finish') });
  finishedTaskId = result.task.id;
  finishedContextId = result.task.contextId;
});
afterAll(() => agent.close());

const PUSH = { url: 'http://127.0.0.1:9/hook', token: 'secret' };

/** Valid params of every operation, in the 1.0 model. */
function seeds10(): Record<string, unknown> {
  return {
    SendMessage: {
      message: userMessage('reply one', { metadata: { k: 'v' } }),
      configuration: { acceptedOutputModes: ['text/plain'], historyLength: 2 },
      metadata: { m: 1 },
    },
    SendStreamingMessage: { message: userMessage('chunks 2') },
    GetTask: { id: finishedTaskId, historyLength: 1 },
    ListTasks: { contextId: finishedContextId, pageSize: 5, status: 'TASK_STATE_COMPLETED' },
    CancelTask: { id: finishedTaskId },
    SubscribeToTask: { id: finishedTaskId },
    CreateTaskPushNotificationConfig: { taskId: finishedTaskId, ...PUSH },
    GetTaskPushNotificationConfig: { taskId: finishedTaskId, id: 'none' },
    ListTaskPushNotificationConfigs: { taskId: finishedTaskId },
    DeleteTaskPushNotificationConfig: { taskId: finishedTaskId, id: 'none' },
    GetExtendedAgentCard: {},
  };
}

/** The same operations as a 0.3 client sends them. */
function seeds03(): Record<string, unknown> {
  const message = () => ({
    kind: 'message',
    messageId: crypto.randomUUID(),
    role: 'user',
    parts: [{ kind: 'text', text: 'reply two' }],
  });
  return {
    'message/send': { message: message(), configuration: { blocking: true, historyLength: 1 } },
    'message/stream': { message: message() },
    'tasks/get': { id: finishedTaskId, historyLength: 1 },
    'tasks/cancel': { id: finishedTaskId },
    'tasks/resubscribe': { id: finishedTaskId },
    'tasks/pushNotificationConfig/set': {
      taskId: finishedTaskId,
      pushNotificationConfig: { ...PUSH, id: 'c1' },
    },
    'tasks/pushNotificationConfig/get': { id: finishedTaskId, pushNotificationConfigId: 'c1' },
    'tasks/pushNotificationConfig/list': { id: finishedTaskId },
    'tasks/pushNotificationConfig/delete': { id: finishedTaskId, pushNotificationConfigId: 'c1' },
    'agent/getAuthenticatedExtendedCard': undefined,
  };
}

/** What a server may answer with; anything else fails the test with the input that caused it. */
interface Exchange {
  input: string;
  status: number;
  type: string;
  body: string;
}

async function exchange(url: string, init: RequestInit, input: string): Promise<Exchange> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const body = await response.text();
  return { input, status: response.status, type: response.headers.get('content-type') ?? '', body };
}

/** The JSON documents of an answer: the body, or each `data:` of an SSE stream. */
function documents(answer: Exchange): unknown[] {
  const texts = answer.type.startsWith('text/event-stream')
    ? answer.body
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5))
    : [answer.body];
  return texts.map((text) => {
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`not JSON: ${told(answer)}`);
    }
  });
}

/** The exchange, shortened, for a failure's message. */
function told(answer: Exchange): string {
  return `input: ${answer.input.slice(0, 600)}\nanswer: ${answer.status} ${answer.type} ${answer.body.slice(0, 600)}`;
}

/**
 * The request's id when it is one a server must echo; `notification` for a valid object without
 * one (JSON-RPC answers those with nothing).
 */
function sentId(bytes: Uint8Array): string | number | null | undefined | 'notification' {
  try {
    const parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && !('id' in parsed)) {
      return 'notification';
    }
    const id = parsed?.id;
    return typeof id === 'string' || typeof id === 'number' || id === null ? id : undefined;
  } catch {
    return undefined;
  }
}

function checkJsonRpc(
  answer: Exchange,
  sent: string | number | null | undefined | 'notification',
): void {
  const context = told(answer);
  expect(answer.status, context).toBeLessThan(500);
  if (sent === 'notification' && answer.status === 204) {
    expect(answer.body, context).toBe('');
    return;
  }
  const id = sent === 'notification' ? undefined : sent;
  for (const document of documents(answer)) {
    const reply = document as { jsonrpc?: unknown; id?: unknown; result?: unknown; error?: Json };
    expect(reply.jsonrpc, context).toBe('2.0');
    expect('result' in reply !== 'error' in reply, context).toBe(true);
    if (!reply.error) {
      expect(reply.id, context).toBe(id);
      continue;
    }
    const code = reply.error.code as number;
    expect(Number.isInteger(code), context).toBe(true);
    expect(typeof reply.error.message, context).toBe('string');
    // -32603 is the server's own failure: no input may cause it.
    expect(code, context).not.toBe(-32603);
    const known =
      [-32700, -32600, -32601, -32602].includes(code) || (code <= -32000 && code >= -32099);
    expect(known, context).toBe(true);
    if (id !== undefined && code !== -32700 && code !== -32600) expect(reply.id, context).toBe(id);
    // No id to echo (none, null, or not a string or number): the answer's is null.
    if (id === undefined || id === null) expect(reply.id, context).toBeNull();
  }
}

/** Runs `tasks` with at most `limit` at once. */
async function pool(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

const SEED = 0x5eed_0008;
const PER_DIALECT = 400;

describe('mutated JSON-RPC requests', () => {
  for (const dialect of ['1.0', '0.3'] as const) {
    it(`${dialect}: every answer is a result or a well-formed error, never an internal one`, async () => {
      const random = seededRandom(SEED + dialect.length + Number(dialect === '0.3'));
      const methods = dialect === '1.0' ? seeds10() : seeds03();
      const counts = { errors: 0, results: 0 };
      const jobs = Array.from({ length: PER_DIALECT }, (_, n) => {
        const method = pickOf(random, Object.keys(methods));
        const request = {
          jsonrpc: '2.0',
          id: random() < 0.5 ? n : `r-${n}`,
          method,
          params: methods[method],
        };
        const bytes = mutatedJson(random, random() < 0.1 ? request : mutateJson(random, request));
        const header: Record<string, string> =
          random() < 0.05
            ? { 'A2A-Version': pickOf(random, ['2.0', '', 'abc', '0.3', '1']) }
            : dialect === '1.0'
              ? { 'A2A-Version': '1.0' }
              : {};
        const input = `${JSON.stringify(header)} ${new TextDecoder().decode(bytes)}`;
        return async () => {
          const answer = await exchange(
            `${agent.url}/a2a/jsonrpc`,
            {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', ...header },
              body: bytes,
            },
            input,
          );
          checkJsonRpc(answer, sentId(bytes));
          if (answer.body.includes('"error"')) counts.errors++;
          else counts.results++;
        };
      });
      await pool(jobs, 8);
      // The mutations reach both sides: some requests still succeed, most are refused.
      expect(counts.results).toBeGreaterThan(PER_DIALECT / 20);
      expect(counts.errors).toBeGreaterThan(PER_DIALECT / 2);
    });
  }
});

describe('odd free-form values', () => {
  // Struct and Value fields take any JSON a caller picks, so each odd value goes into each of them
  // in an otherwise valid SendMessage: a result or invalid params (-32602), nothing else.
  const placements10: [string, (value: unknown) => unknown][] = [
    ['params.metadata', (value) => ({ message: userMessage('reply a'), metadata: value })],
    [
      'message.metadata',
      (value) => ({ message: userMessage('reply b', { metadata: value as never }) }),
    ],
    ['parts[0].data', (value) => ({ message: { ...userMessage('x'), parts: [{ data: value }] } })],
    [
      'parts[0].metadata',
      (value) => ({
        message: { ...userMessage('x'), parts: [{ text: 'reply c', metadata: value }] },
      }),
    ],
  ];
  const message03 = (parts: unknown[], metadata?: unknown) => ({
    kind: 'message',
    messageId: crypto.randomUUID(),
    role: 'user',
    parts,
    metadata,
  });
  const placements03: [string, (value: unknown) => unknown][] = [
    [
      'params.metadata',
      (value) => ({ message: message03([{ kind: 'text', text: 'reply d' }]), metadata: value }),
    ],
    [
      'message.metadata',
      (value) => ({ message: message03([{ kind: 'text', text: 'reply e' }], value) }),
    ],
    ['parts[0].data', (value) => ({ message: message03([{ kind: 'data', data: value }]) })],
  ];

  for (const [dialect, method, placements] of [
    ['1.0', 'SendMessage', placements10],
    ['0.3', 'message/send', placements03],
  ] as const) {
    it(`${dialect}: every placement of every odd value gets a result or -32602`, async () => {
      const jobs = placements.flatMap(([where, params]) =>
        ODD_JSON_VALUES.map((value, n) => async () => {
          const request = { jsonrpc: '2.0', id: n, method, params: params(value) };
          const bytes = mutatedJson(() => 0, request);
          const answer = await exchange(
            `${agent.url}/a2a/jsonrpc`,
            {
              method: 'POST',
              headers: {
                'Content-Type': 'application/json',
                ...(dialect === '1.0' ? { 'A2A-Version': '1.0' } : {}),
              },
              body: bytes,
            },
            `${where} = ${new TextDecoder().decode(bytes).slice(0, 300)}`,
          );
          checkJsonRpc(answer, n);
          const reply = JSON.parse(answer.body) as { error?: { code: number } };
          if (reply.error) expect(reply.error.code, told(answer)).toBe(-32602);
        }),
      );
      await pool(jobs, 8);
    });
  }
});

describe('mutated REST requests', () => {
  it('every answer is a result or a well-formed error with its status, never a 5xx', async () => {
    const random = seededRandom(SEED + 3);
    const seeds = seeds10();
    const routes: [string, string, string, keyof typeof seeds | undefined][] = [
      ['POST', '/message:send', '', 'SendMessage'],
      ['POST', '/message:stream', '', 'SendStreamingMessage'],
      ['GET', `/tasks/${finishedTaskId}`, '?historyLength=1', undefined],
      [
        'GET',
        '/tasks',
        `?contextId=${finishedContextId}&pageSize=5&status=TASK_STATE_COMPLETED`,
        undefined,
      ],
      ['POST', `/tasks/${finishedTaskId}:cancel`, '', undefined],
      ['GET', `/tasks/${finishedTaskId}:subscribe`, '', undefined],
      [
        'POST',
        `/tasks/${finishedTaskId}/pushNotificationConfigs`,
        '',
        'CreateTaskPushNotificationConfig',
      ],
      ['GET', `/tasks/${finishedTaskId}/pushNotificationConfigs/none`, '', undefined],
      ['DELETE', `/tasks/${finishedTaskId}/pushNotificationConfigs/none`, '', undefined],
    ];
    const oddSegments = ['%00', '%2F..%2F', '%', '🙂', 'x'.repeat(3000), ':cancel', ''];
    const oddQueries = [
      '?pageSize=-1',
      '?pageSize=1e9',
      '?historyLength=abc',
      '?status=X',
      '?pageToken=%ff',
      '?a=%',
    ];
    const counts = { errors: 0, results: 0 };
    const jobs = Array.from({ length: 300 }, () => {
      const [verb, path, query, seed] = pickOf(random, routes);
      let target = path;
      if (random() < 0.3) {
        const parts = target.split('/');
        parts[1 + Math.floor(random() * (parts.length - 1))] = pickOf(random, oddSegments);
        target = parts.join('/');
      }
      const finalQuery = random() < 0.3 ? pickOf(random, oddQueries) : query;
      const bytes =
        seed === undefined ? undefined : mutatedJson(random, mutateJson(random, seeds[seed]));
      const input = `${verb} ${target}${finalQuery} ${bytes ? new TextDecoder().decode(bytes) : ''}`;
      return async () => {
        const answer = await exchange(
          `${agent.url}/a2a/rest${target}${finalQuery}`,
          {
            method: verb,
            headers: { 'Content-Type': 'application/json', 'A2A-Version': '1.0' },
            body: bytes,
          },
          input,
        );
        const context = told(answer);
        expect(answer.status, context).toBeLessThan(500);
        const parsed = documents(answer);
        if (answer.status >= 400) {
          counts.errors++;
          const error = (parsed[0] as { error?: Json }).error;
          expect(error?.code, context).toBe(answer.status);
          expect(typeof error?.status, context).toBe('string');
          expect(typeof error?.message, context).toBe('string');
        } else {
          counts.results++;
          for (const document of parsed) expect(document, context).toBeTypeOf('object');
        }
      };
    });
    await pool(jobs, 8);
    expect(counts.results).toBeGreaterThan(10);
    expect(counts.errors).toBeGreaterThan(100);
  });

  it('still serves a plain request afterwards', async () => {
    const response = await fetch(`${agent.url}/a2a/rest/message:send`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'A2A-Version': '1.0' },
      body: JSON.stringify({ message: userMessage('after') }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).task.status.state).toBe('TASK_STATE_COMPLETED');
  });
});
