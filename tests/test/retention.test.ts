import { A2AClient, userMessage } from '@baton/client';
import { type Message } from '@baton/protocol';
import { type AgentExecutor, type BatonStore, createInMemoryStore } from '@baton/server';
import { createPostgresStore } from '@baton/store-postgres';
import { createSqliteStore } from '@baton/store-sqlite';
import { DATABASE_URL } from '@baton-apps/test-support/postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { slowAgentCard } from '../src/durable/slow-agent.js';
import { describeOnEveryStore, openStore, type StoreLocation } from '../src/durable/stores.js';
import { type RunningAgent, startAgent } from '../src/harness.js';

/** Completes at once, or asks for input when the text says "wait". */
const executor: AgentExecutor = {
  async execute(context, events) {
    await events.addArtifact({ parts: [{ text: 'result' }] });
    if (context.message.parts[0]?.text === 'wait') await events.requireInput('More?');
    else await events.complete();
  },
};

function retentionScenario(location: () => StoreLocation, cleanup: () => Promise<void>): void {
  let store: BatonStore;
  let agent: RunningAgent;
  beforeAll(async () => {
    store = await openStore(location());
    agent = await startAgent({
      card: slowAgentCard,
      executor,
      // Everything finished is expired at once; the timer sweeps every 100 ms.
      handler: { store, recovery: 'none', retention: { maxAgeMs: 0, intervalMs: 100 } },
    });
  });
  afterAll(async () => {
    await agent?.close();
    await store?.close();
    await cleanup();
  });

  it('purges finished tasks with their events on its timer, and keeps unfinished ones', async () => {
    const client = await A2AClient.connect(agent.url, { cardCache: false });
    const done = (await client.sendMessage({ message: userMessage('go') })).task!;
    const open = (await client.sendMessage({ message: userMessage('wait') })).task!;
    expect(done.status.state).toBe('TASK_STATE_COMPLETED');
    const deadline = Date.now() + 10_000;
    while ((await store.events.read(done.id, 0)).length > 0) {
      if (Date.now() > deadline) throw new Error('the finished task was never purged');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await expect(client.getTask({ id: done.id })).rejects.toMatchObject({
      reason: 'TASK_NOT_FOUND',
    });
    expect((await client.getTask({ id: open.id })).status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect((await store.events.read(open.id, 0)).length).toBeGreaterThan(0);
  });
}

describeOnEveryStore('retention', retentionScenario);

/** Answers with a direct message: no task, only a conversation. */
const replier: AgentExecutor = {
  async execute(context, events) {
    await events.reply(`echo: ${context.message.parts[0]?.text ?? ''}`);
  },
};

/** Opens the store at `location` with `now` as its clock. */
async function openClockedStore(location: StoreLocation, now: () => number): Promise<BatonStore> {
  const clock = () => new Date(now());
  switch (location.kind) {
    case 'memory':
      return createInMemoryStore({ now: clock });
    case 'sqlite':
      return createSqliteStore({ path: location.path, now: clock });
    case 'postgres':
      return createPostgresStore({
        connectionString: location.url ?? DATABASE_URL,
        schema: location.schema,
        maxConnections: 4,
        now: clock,
      });
  }
}

const MINUTE = 60_000;
const owner = { tenant: 't', owner: 'o' };
const text = (id: string, contextId: string): Message => ({
  messageId: id,
  contextId,
  role: 'ROLE_USER',
  parts: [{ text: id }],
});

function conversationScenario(location: () => StoreLocation, cleanup: () => Promise<void>): void {
  /** The store's clock: real time shifted by `skew`, or `fixed` when set. */
  let skew = 0;
  let fixed: number | undefined;
  let store: BatonStore;
  let agent: RunningAgent;
  beforeAll(async () => {
    store = await openClockedStore(location(), () => fixed ?? Date.now() + skew);
    agent = await startAgent({
      card: slowAgentCard,
      executor: replier,
      handler: { store, recovery: 'none', retention: { maxAgeMs: 0, intervalMs: 3_600_000 } },
    });
  });
  afterAll(async () => {
    await agent?.close();
    await store?.close();
    await cleanup();
  });
  const ids = async (tenant: string, contextId: string) =>
    (await store.messages.list({ tenant }, contextId)).map((m) => m.message.messageId);
  const purge = (at: number) => store.tasks.purge(new Date(at).toISOString());

  it("purges a direct reply's conversation once it expires", async () => {
    const client = await A2AClient.connect(agent.url, { cardCache: false });
    // Stored five minutes ago by the store's clock: past the one-minute floor.
    skew = -5 * MINUTE;
    const reply = (await client.sendMessage({ message: userMessage('hello') })).message!;
    expect(reply.parts[0]?.text).toBe('echo: hello');
    const { contextId } = reply;
    expect(await store.messages.list({ tenant: '' }, contextId!)).toHaveLength(2);
    skew = 0;
    expect(await agent.handler.purgeExpiredTasks()).toBe(0);
    expect(await store.messages.list({ tenant: '' }, contextId!)).toEqual([]);
  });

  it('keeps conversations that are younger than the cutoff or still have a task', async () => {
    const t0 = Date.UTC(2030, 0, 1);
    fixed = t0;
    await store.messages.append(owner, 'old', text('old-1', 'old'));
    await store.messages.append(owner, 'old', text('old-2', 'old'));
    // The same context id in another tenant, whose task keeps it there.
    await store.messages.append({ tenant: 'u', owner: 'o' }, 'old', text('other-tenant', 'old'));
    await store.events.create(
      { tenant: 'u', owner: 'o' },
      { id: crypto.randomUUID(), contextId: 'old', status: { state: 'TASK_STATE_WORKING' } },
    );
    const working = crypto.randomUUID();
    await store.events.create(owner, {
      id: working,
      contextId: 'busy',
      status: { state: 'TASK_STATE_WORKING' },
    });
    await store.messages.append(owner, 'busy', text('busy-1', 'busy'));
    fixed = t0 + 10 * MINUTE;
    await store.messages.append(owner, 'young', text('young-1', 'young'));
    fixed = t0 + 20 * MINUTE;

    expect(await purge(t0 + 5 * MINUTE)).toBe(0);
    expect(await ids('t', 'old')).toEqual([]);
    expect(await ids('u', 'old')).toEqual(['other-tenant']);
    expect(await ids('t', 'young')).toEqual(['young-1']);
    expect(await ids('t', 'busy')).toEqual(['busy-1']);

    // A purged context used again starts afresh, from position 1.
    const again = await store.messages.append(owner, 'old', text('old-3', 'old'));
    expect(again.position).toBe(1);
    expect(await ids('t', 'old')).toEqual(['old-3']);
    expect((await store.messages.append(owner, 'young', text('young-2', 'young'))).position).toBe(
      2,
    );
  });

  it("never purges a new task's first message before its task exists", async () => {
    const t0 = Date.UTC(2031, 0, 1);
    fixed = t0;
    const first = text('first', 'race');
    await store.messages.append(owner, 'race', first);
    // maxAgeMs ≈ 0: the cutoff is now, and the message is already older than it.
    fixed = t0 + 5;
    expect(await purge(t0 + 5)).toBe(0);
    await store.events.create(owner, {
      id: crypto.randomUUID(),
      contextId: 'race',
      status: { state: 'TASK_STATE_SUBMITTED' },
      history: [first],
    });
    expect(await ids('t', 'race')).toEqual(['first']);
    // Long after, the unfinished task still keeps its conversation.
    fixed = t0 + 60 * MINUTE;
    expect(await purge(t0 + 60 * MINUTE)).toBe(0);
    expect(await ids('t', 'race')).toEqual(['first']);
  });
}

describeOnEveryStore('conversation retention', conversationScenario);
