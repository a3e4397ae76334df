import { A2AClient, userMessage } from '@baton/client';
import { BATON_URIS } from '@baton/protocol';
import { type AgentExecutor, type BatonStore } from '@baton/server';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { slowAgentCard } from '../src/durable/slow-agent.js';
import { describeOnEveryStore, openStore, type StoreLocation } from '../src/durable/stores.js';
import { type RunningAgent, startAgent } from '../src/harness.js';

/** Writes a report artifact about the message; "hold …" tasks wait for input. */
const reportExecutor: AgentExecutor = {
  async execute(context, events) {
    const text = context.message.parts[0]?.text ?? '';
    await events.addArtifact({ name: 'report', parts: [{ text: `Report on ${text}` }] });
    if (text.startsWith('hold')) await events.requireInput('Which quarter?');
    else await events.complete({ parts: [{ data: { summary: `${text} filed` } }] });
  },
};

function searchScenario(location: () => StoreLocation, cleanup: () => Promise<void>): void {
  let store: BatonStore;
  let agent: RunningAgent;
  beforeAll(async () => {
    store = await openStore(location());
    agent = await startAgent({
      card: slowAgentCard,
      executor: reportExecutor,
      handler: { store, recovery: 'none' },
    });
  });
  afterAll(async () => {
    await agent?.close();
    await store?.close();
    await cleanup();
  });

  for (const binding of ['JSONRPC', 'HTTP+JSON'] as const) {
    it(`searches history and artifacts with state, context and time filters (${binding})`, async () => {
      const client = await A2AClient.connect(agent.url, {
        preferences: [{ binding, version: '1.0' }],
        cardCache: false,
      });
      expect(client.card.capabilities.extensions?.map((e) => e.uri)).toContain(
        BATON_URIS.taskSearch,
      );
      const north = `north-${crypto.randomUUID()}`;
      const south = `south-${crypto.randomUUID()}`;
      const send = async (text: string, contextId: string) => {
        const result = await client.sendMessage({ message: userMessage(text, { contextId }) });
        return result.task!.id;
      };
      const oldInvoice = await send('Invoice Reykjavík', north);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const since = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const heldInvoice = await send('hold invoice Oslo', north);
      const southInvoice = await send('invoice Lisbon', south);
      const other = await send('Payroll', north);
      const ids = async (params: Parameters<A2AClient['listTasks']>[0]) =>
        (await client.listTasks({ pageSize: 100, ...params })).tasks.map((t) => t.id).sort();

      // In the user message and the artifact, ignoring case; in a data part's JSON too.
      expect(await ids({ query: 'INVOICE', contextId: north })).toEqual(
        [oldInvoice, heldInvoice].sort(),
      );
      expect(await ids({ query: 'ykjav', contextId: north })).toEqual([oldInvoice]);
      expect(await ids({ query: 'payroll filed', contextId: north })).toEqual([other]);
      expect(await ids({ query: 'invoice', status: 'TASK_STATE_INPUT_REQUIRED' })).toContain(
        heldInvoice,
      );
      expect(
        await ids({ query: 'invoice', contextId: north, status: 'TASK_STATE_COMPLETED' }),
      ).toEqual([oldInvoice]);
      expect(
        await ids({ query: 'invoice', contextId: north, statusTimestampAfter: since }),
      ).toEqual([heldInvoice]);
      expect(await ids({ query: 'invoice', contextId: south })).toEqual([southInvoice]);
      expect(await ids({ query: 'no such words', contextId: north })).toEqual([]);
      // Paging keeps the filter: one per page.
      const first = await client.listTasks({ query: 'invoice', contextId: north, pageSize: 1 });
      expect(first.totalSize).toBe(2);
      const second = await client.listTasks({
        query: 'invoice',
        contextId: north,
        pageSize: 1,
        pageToken: first.nextPageToken,
      });
      expect([first.tasks[0]!.id, second.tasks[0]!.id].sort()).toEqual(
        [oldInvoice, heldInvoice].sort(),
      );
      expect(second.nextPageToken).toBe('');
    });
  }
}

describeOnEveryStore('task search', searchScenario);
