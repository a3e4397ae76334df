import { randomUUID } from 'node:crypto';

import {
  Message as SdkMessage,
  Role,
  type SendMessageResult,
  type StreamResponse,
  TaskState,
} from '@a2a-js/sdk';
import {
  type Client,
  ClientFactory,
  ClientFactoryOptions,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
} from '@a2a-js/sdk/client';
import { echoAgentCard, echoExecutor } from '@baton-apps/echo-agent';
import { taskAgentCard, taskExecutor } from '@baton-apps/task-agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningAgent, startAgent } from '../src/harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../src/webhook-receiver.js';

let echo: RunningAgent;
let tasks: RunningAgent;
let receiver: WebhookReceiver;
beforeAll(async () => {
  echo = await startAgent({ card: echoAgentCard, executor: echoExecutor });
  tasks = await startAgent({ card: taskAgentCard, executor: taskExecutor });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await Promise.all([echo.close(), tasks.close(), receiver.close()]);
});

/** The ways the official SDK client can reach a Baton agent. */
const MODES = {
  /** Default factory: picks the card's first 1.0 interface (JSON-RPC). */
  'JSON-RPC 1.0': (url: string) => new ClientFactory().createFromUrl(url),
  /** 1.0 over HTTP+JSON. */
  'HTTP+JSON 1.0': (url: string) =>
    new ClientFactory(
      ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
        preferredTransports: ['HTTP+JSON'],
      }),
    ).createFromUrl(url),
  /**
   * 0.3 compatibility mode, reading our card the way a 0.3 client does: the 1.0 interfaces are
   * removed so only the legacy top-level fields (`url`, `preferredTransport`) remain.
   */
  'JSON-RPC 0.3': async (url: string) => {
    const card = (await (await fetch(`${url}/.well-known/agent-card.json`)).json()) as Record<
      string,
      unknown
    >;
    delete card.supportedInterfaces;
    const legacyCompat = { enabled: true };
    const factory = new ClientFactory({
      transports: [new JsonRpcTransportFactory({ legacyCompat })],
      cardResolver: new DefaultAgentCardResolver({ legacyCompat }),
    });
    return factory.createFromAgentCard(card as never);
  },
} satisfies Record<string, (url: string) => Promise<Client>>;

/** A user message, built from its 1.0 JSON the way SDK users do. */
function message(text: string): SdkMessage {
  return SdkMessage.fromJSON({ messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text }] });
}

function textOf(parts: { content?: { $case: string; value: unknown } | undefined }[]): string {
  return parts
    .map((part) => (part.content?.$case === 'text' ? String(part.content.value) : ''))
    .join('');
}

function isTask(
  result: SendMessageResult,
): result is Extract<SendMessageResult, { status?: unknown }> {
  return 'status' in result;
}

async function collect(stream: AsyncGenerator<StreamResponse>): Promise<StreamResponse[]> {
  const events: StreamResponse[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const caseOf = (event: StreamResponse) => event.payload?.$case;

describe.each(Object.entries(MODES))('@a2a-js/sdk client, %s', (mode, connect) => {
  it('uses the protocol version it was set up for', async () => {
    const client = await connect(echo.url);
    expect(client.protocolVersion).toBe(mode.endsWith('0.3') ? '0.3' : '1.0');
  });

  it('sends a message to the echo agent and gets the direct reply', async () => {
    const client = await connect(echo.url);
    const result = await client.sendMessage({ message: message('hello sdk') } as never);
    expect(isTask(result)).toBe(false);
    expect(textOf((result as SdkMessage).parts)).toBe('echo: hello sdk');
    expect((result as SdkMessage).role).toBe(Role.ROLE_AGENT);
  });

  it('streams a task: the task, working, artifact chunks, completed', async () => {
    const client = await connect(tasks.url);
    const events = await collect(
      client.sendMessageStream({ message: message('report chunks=3 delay=10') } as never),
    );
    expect(events.map(caseOf)).toEqual([
      'task',
      'statusUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'statusUpdate',
    ]);
    const last = events.at(-1)!.payload as {
      $case: 'statusUpdate';
      value: { status?: { state: TaskState } };
    };
    expect(last.value.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  it('gets a task with its merged artifact', async () => {
    const client = await connect(tasks.url);
    const sent = await client.sendMessage({ message: message('chunks=2 delay=1') } as never);
    expect(isTask(sent)).toBe(true);
    const task = await client.getTask({ id: (sent as { id: string }).id } as never);
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(task.artifacts).toHaveLength(1);
    expect(textOf(task.artifacts[0]!.parts)).toMatch(/^chunk 1\/2 .*chunk 2\/2/s);
  });

  it('cancels a running task and resubscribes to a live one', async () => {
    const client = await connect(tasks.url);
    const configuration = { returnImmediately: true, blocking: false };
    const slow = await client.sendMessage({
      message: message('chunks=50 delay=200'),
      configuration,
    } as never);
    const id = (slow as { id: string }).id;
    const canceled = await client.cancelTask({ id } as never);
    expect(canceled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);

    const live = await client.sendMessage({
      message: message('chunks=3 delay=300'),
      configuration,
    } as never);
    const events = await collect(
      client.resubscribeTask({ id: (live as { id: string }).id } as never),
    );
    expect(events.length).toBeGreaterThanOrEqual(2);
    const last = events.at(-1)!.payload as {
      $case: string;
      value: { status?: { state: TaskState } };
    };
    expect(last.value.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  async function runningTask(client: Client): Promise<string> {
    const running = await client.sendMessage({
      message: message('chunks=20 delay=100'),
      configuration: { returnImmediately: true, blocking: false },
    } as never);
    return (running as { id: string }).id;
  }

  it('creates, gets and deletes push notification configs', async () => {
    const client = await connect(tasks.url);
    const taskId = await runningTask(client);
    const created = await client.createTaskPushNotificationConfig({
      taskId,
      id: 'hook-1',
      url: receiver.url,
      token: 'sdk-token',
      authentication: { scheme: 'Bearer', credentials: 'sdk-secret' },
    } as never);
    expect(created).toMatchObject({ taskId, id: 'hook-1', url: receiver.url });
    const got = await client.getTaskPushNotificationConfig({ taskId, id: 'hook-1' } as never);
    expect(got.url).toBe(receiver.url);
    await client.deleteTaskPushNotificationConfig({ taskId, id: 'hook-1' } as never);
    await client.deleteTaskPushNotificationConfig({ taskId, id: 'hook-1' } as never);
    await expect(
      client.getTaskPushNotificationConfig({ taskId, id: 'hook-1' } as never),
    ).rejects.toThrow();
    await client.cancelTask({ id: taskId } as never);
  });

  // The SDK's JSON-RPC 1.0 transport sends `null` for unset optional fields (`"pageSize": null`,
  // `"status": null`); ProtoJSON reads null as "unset".
  it('lists push notification configs', async () => {
    const client = await connect(tasks.url);
    const taskId = await runningTask(client);
    for (const id of ['a', 'b']) {
      await client.createTaskPushNotificationConfig({ taskId, id, url: receiver.url } as never);
    }
    const list = await client.listTaskPushNotificationConfig({ taskId } as never);
    expect(list.configs.map((config) => config.id).sort()).toEqual(['a', 'b']);
    await client.cancelTask({ id: taskId } as never);
  });

  // ListTasks has no JSON-RPC method in 0.3, so the 0.3 mode has nothing to run here.
  const listTasksIt = mode.endsWith('0.3') ? () => undefined : it;
  listTasksIt('lists tasks of a context', async () => {
    const client = await connect(tasks.url);
    const contextId = randomUUID();
    for (const text of ['chunks=1 delay=1', 'chunks=2 delay=1']) {
      const withContext = SdkMessage.fromJSON({
        messageId: randomUUID(),
        role: 'ROLE_USER',
        parts: [{ text }],
        contextId,
      });
      await client.sendMessage({ message: withContext } as never);
    }
    // The SDK's request type is its full proto message: an omitted `status` would be sent as
    // "UNRECOGNIZED" (which Baton rightly rejects), so give every field its proto default.
    const request = { tenant: '', contextId, status: 0, pageSize: 10, pageToken: '' };
    const page = await client.listTasks(request as never);
    expect(page.tasks).toHaveLength(2);
    expect(page.totalSize).toBe(2);
  });
});
