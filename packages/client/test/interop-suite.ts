// The operations every A2A agent must answer the same way, run by the client against a real
// server over one binding and version. Used for the @a2a-js/sdk agent and for Baton's own server.
import { A2AError, type StreamResponse, TaskNotFoundError } from '@baton/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  A2AClient,
  A2AClientError,
  type InterfacePreference,
  isTask,
  jsonRpcTransport,
  restTransport,
  TaskTracker,
  textOf,
  userMessage,
} from '../src/index.js';

/** A server under test: its base URL, a way to cut its streams, and a way to stop it. */
export interface AgentUnderTest {
  baseUrl: string;
  dropStreams(): number;
  /** Streams whose connection is still open on the server side. */
  openStreams(): number;
  close(): Promise<void>;
}

/** One binding and version to test. */
export interface Mode {
  name: string;
  legacy: boolean;
  preference: InterfacePreference;
}

const ALL_MODES: Mode[] = [
  { name: 'JSON-RPC 1.0', legacy: false, preference: { binding: 'JSONRPC', version: '1.0' } },
  { name: 'REST 1.0', legacy: false, preference: { binding: 'HTTP+JSON', version: '1.0' } },
  { name: 'JSON-RPC 0.3', legacy: true, preference: { binding: 'JSONRPC', version: '0.3' } },
];

/** JSON-RPC 1.0, REST 1.0, JSON-RPC 0.3: those the client's transports speak. */
export const MODES = ALL_MODES.filter((mode) =>
  [jsonRpcTransport, restTransport].some(
    (t) => t.binding === mode.preference.binding && t.versions.includes(mode.preference.version),
  ),
);

/** Every event of a stream. */
export async function collect(events: AsyncIterable<StreamResponse>): Promise<StreamResponse[]> {
  const all: StreamResponse[] = [];
  for await (const event of events) all.push(event);
  return all;
}

/** Defines the suite for one server kind over every mode. */
export function interopSuite(server: string, start: (mode: Mode) => Promise<AgentUnderTest>): void {
  describe.each(MODES)(`against ${server} over $name`, (mode) => {
    let agent: AgentUnderTest;
    let client: A2AClient;

    beforeAll(async () => {
      agent = await start(mode);
      client = await A2AClient.connect(agent.baseUrl, {
        preferences: [mode.preference],
        cardCache: false,
      });
    });
    afterAll(() => agent.close());

    it('picks the interface asked for', () => {
      expect(client.agentInterface.protocolBinding).toBe(mode.preference.binding);
      expect(client.protocolVersion).toBe(mode.preference.version);
    });

    it('sends a message and gets the completed task', async () => {
      const result = await client.sendMessage({ message: userMessage('echo hi') });
      expect(result.task?.status.state).toBe('TASK_STATE_COMPLETED');
      expect(textOf(result.task)).toBe('echo: echo hi');
    });

    it('gets a direct message reply', async () => {
      const result = await client.sendMessage({ message: userMessage('hello') });
      expect(result.message?.role).toBe('ROLE_AGENT');
      expect(textOf(result.message)).toBe('hello to you');
    });

    it('streams a task from submitted to completed', async () => {
      const events = await collect(client.sendStreamingMessage({ message: userMessage('slow 3') }));
      expect(events[0]?.task).toBeDefined();
      const tracker = new TaskTracker();
      for (const event of events) tracker.apply(event);
      expect(tracker.task?.status.state).toBe('TASK_STATE_COMPLETED');
      expect(textOf(tracker.task)).toBe('c1;c2;c3;');
    });

    it('gets a task and reports an unknown one as TaskNotFoundError', async () => {
      const sent = await client.sendMessage({ message: userMessage('echo get') });
      const task = await client.getTask({ id: sent.task!.id });
      expect(task.id).toBe(sent.task!.id);
      expect(task.status.state).toBe('TASK_STATE_COMPLETED');
      const error = await client.getTask({ id: 'no-such-task' }).catch((e: unknown) => e);
      expect(TaskNotFoundError.isInstance(error)).toBe(true);
    });

    it('lists tasks where the binding has ListTasks', async () => {
      if (!client.supports('ListTasks')) {
        const error = await client.listTasks().catch((e: unknown) => e);
        expect(A2AClientError.isInstance(error, 'UNSUPPORTED_OPERATION')).toBe(true);
        return;
      }
      const sent = await client.sendMessage({ message: userMessage('echo list') });
      const page = await client.listTasks({ pageSize: 100 });
      expect(page.tasks.map((t) => t.id)).toContain(sent.task!.id);
    });

    it('cancels a running task', async () => {
      const stream = client.sendStreamingMessage({ message: userMessage('wait') });
      const first = await stream.next();
      const id = first.value!.task!.id;
      const canceled = await client.cancelTask({ id });
      expect(canceled.status.state).toBe('TASK_STATE_CANCELED');
      await stream.return(undefined);
    });

    it('resubscribes to a running task: the snapshot first, then live events', async () => {
      const stream = client.sendStreamingMessage({ message: userMessage('slow 6') });
      const first = await stream.next();
      const id = first.value!.task!.id;
      await stream.return(undefined);
      const events = await collect(client.subscribeToTask({ id }));
      expect(events[0]?.task?.id).toBe(id);
      const tracker = new TaskTracker();
      for (const event of events) tracker.apply(event);
      expect(tracker.task?.status.state).toBe('TASK_STATE_COMPLETED');
      expect(textOf(tracker.task)).toBe('c1;c2;c3;c4;c5;c6;');
    });

    it('creates, gets, lists and deletes push notification configs', async () => {
      const sent = await client.sendMessage({ message: userMessage('ask') });
      const taskId = sent.task!.id;
      const created = await client.createTaskPushNotificationConfig({
        taskId,
        id: 'cfg-1',
        url: 'http://127.0.0.1:9/webhook',
        token: 'secret',
      });
      expect(created).toMatchObject({ taskId, id: 'cfg-1', url: 'http://127.0.0.1:9/webhook' });
      const got = await client.getTaskPushNotificationConfig({ taskId, id: 'cfg-1' });
      expect(got.url).toBe('http://127.0.0.1:9/webhook');
      const listed = await client.listTaskPushNotificationConfigs({ taskId });
      expect(listed.configs.map((c) => c.id)).toEqual(['cfg-1']);
      expect(await client.deleteTaskPushNotificationConfig({ taskId, id: 'cfg-1' })).toEqual({});
      const after = await client.listTaskPushNotificationConfigs({ taskId });
      expect(after.configs).toEqual([]);
    });

    it('reports the extended card as unsupported when the card does not declare it', async () => {
      const error = await client.getExtendedAgentCard().catch((e: unknown) => e);
      expect(A2AError.isInstance(error) && `${error.name} ${error.code}`).toBe(
        'UnsupportedOperationError -32004',
      );
    });

    it('closes the connection at once when the caller breaks out of a stream', async () => {
      for await (const event of client.sendStreamingMessage({ message: userMessage('wait') })) {
        expect(event.task).toBeDefined();
        break;
      }
      await expect.poll(() => agent.openStreams(), { interval: 20 }).toBe(0);
    });

    it('closes the connection at once when the caller aborts, with ABORTED', async () => {
      const controller = new AbortController();
      const error = await (async () => {
        for await (const _ of client.sendStreamingMessage(
          { message: userMessage('wait') },
          { signal: controller.signal },
        )) {
          controller.abort();
        }
      })().catch((e: unknown) => e);
      expect(A2AClientError.isInstance(error, 'ABORTED')).toBe(true);
      await expect.poll(() => agent.openStreams(), { interval: 20 }).toBe(0);
    });

    it('follows input-required with sendAndWait', async () => {
      const asked: string[] = [];
      const result = await client.sendAndWait('ask', {
        onInputRequired: (task) => {
          asked.push(textOf(task));
          return 'blue';
        },
      });
      expect(asked).toEqual(['which colour?']);
      expect(isTask(result) && result.status.state).toBe('TASK_STATE_COMPLETED');
      expect(textOf(result)).toContain('answer: blue');
    });

    it('waits by polling when told not to stream', async () => {
      const result = await client.sendAndWait('echo poll', { streaming: false });
      expect(textOf(result)).toBe('echo: echo poll');
    });

    it('resumes a stream whose connection the server cut, without duplicates', async () => {
      const events: StreamResponse[] = [];
      let dropped = 0;
      for await (const event of client.sendStreamingMessage({ message: userMessage('slow 8') })) {
        events.push(event);
        if (event.artifactUpdate?.artifact.parts[0]?.text === 'c2;' && dropped === 0)
          dropped = agent.dropStreams();
      }
      expect(dropped).toBe(1);
      const tracker = new TaskTracker();
      for (const event of events) tracker.apply(event);
      expect(tracker.task?.status.state).toBe('TASK_STATE_COMPLETED');
      // Every chunk exactly once in the folded task: the snapshot covers what the gap hid.
      expect(textOf(tracker.task)).toBe('c1;c2;c3;c4;c5;c6;c7;c8;');
      const texts = events.flatMap((e) =>
        e.artifactUpdate ? [e.artifactUpdate.artifact.parts[0]?.text] : [],
      );
      expect(new Set(texts).size).toBe(texts.length);
    });
  });
}
