import { InvalidParamsError, type TaskState } from '@baton/protocol';
import { type TaskListQuery, type TaskScope } from '@baton/server';
import { describe, expect, it } from 'vitest';

import { artifactEvent, makeMessage, statusEvent, uniqueId } from '../builders.js';
import { replaceStatusReducer } from '../reducer.js';
import { at, createTask, newOwnership, type StoreFixture } from './fixture.js';

/** TaskStore.list: scope, filters, order, keyset paging, totals, text search. */
export function describeTaskList(fixture: StoreFixture, textSearch: boolean): void {
  describe('TaskStore.list', () => {
    const ids = async (scope: TaskScope, query: Partial<TaskListQuery> = {}) =>
      (await fixture.store.tasks.list(scope, { pageSize: 100, ...query })).tasks.map(
        (s) => s.task.id,
      );

    /** Creates tasks in one tenant with the given status times and id suffixes. */
    async function seed(entries: { offset: number; suffix: string; state?: TaskState }[]) {
      const ownership = newOwnership();
      const prefix = uniqueId('t');
      const contextId = uniqueId('ctx');
      for (const { offset, suffix, state = 'TASK_STATE_WORKING' } of entries) {
        await createTask(fixture.store, ownership, {
          id: `${prefix}-${suffix}`,
          contextId,
          status: { state, timestamp: at(offset) },
        });
      }
      return { ownership, contextId, id: (suffix: string) => `${prefix}-${suffix}` };
    }

    /** Walks every page of a listing. */
    async function allPages(scope: TaskScope, pageSize: number, between?: () => Promise<void>) {
      const pages: string[][] = [];
      let pageToken: string | undefined;
      do {
        const page = await fixture.store.tasks.list(scope, { pageSize, pageToken });
        pages.push(page.tasks.map((s) => s.task.id));
        pageToken = page.nextPageToken || undefined;
        if (pageToken) await between?.();
      } while (pageToken);
      return pages;
    }

    it('lists only the scope: tenant, and owner unless the owner is left out', async () => {
      const alice = newOwnership();
      const bob = { tenant: alice.tenant, owner: uniqueId('bob') };
      const a = await createTask(fixture.store, alice);
      const b = await createTask(fixture.store, bob);
      await createTask(fixture.store, newOwnership());
      expect(await ids(alice)).toEqual([a.id]);
      expect(await ids(bob)).toEqual([b.id]);
      expect((await ids({ tenant: alice.tenant })).sort()).toEqual([a.id, b.id].sort());
      expect(await ids({ tenant: `${alice.tenant}-other` })).toEqual([]);
    });

    it('orders by status timestamp, newest first, then by id', async () => {
      const { ownership, id } = await seed([
        { offset: 1, suffix: 'c' },
        { offset: 3, suffix: 'x' },
        { offset: 1, suffix: 'a' },
        { offset: 2, suffix: 'm' },
        { offset: 1, suffix: 'b' },
      ]);
      expect(await ids(ownership)).toEqual(['x', 'm', 'a', 'b', 'c'].map(id));
    });

    it('filters by contextId, state and statusTimestampAfter (inclusive)', async () => {
      const { ownership, contextId, id } = await seed([
        { offset: 10, suffix: 'early' },
        { offset: 20, suffix: 'edge', state: 'TASK_STATE_COMPLETED' },
        { offset: 30, suffix: 'late', state: 'TASK_STATE_COMPLETED' },
      ]);
      const elsewhere = await createTask(fixture.store, ownership, {
        status: { state: 'TASK_STATE_COMPLETED', timestamp: at(40) },
      });
      expect(await ids(ownership, { contextId })).toEqual(['late', 'edge', 'early'].map(id));
      expect(await ids(ownership, { state: 'TASK_STATE_COMPLETED' })).toEqual([
        elsewhere.id,
        ...['late', 'edge'].map(id),
      ]);
      expect(await ids(ownership, { contextId, statusTimestampAfter: at(20) })).toEqual(
        ['late', 'edge'].map(id),
      );
      const combined = {
        contextId,
        state: 'TASK_STATE_WORKING' as const,
        statusTimestampAfter: at(5),
      };
      expect(await ids(ownership, combined)).toEqual([id('early')]);
    });

    it('pages through ties in order, with totalSize on every page and an empty last token', async () => {
      const suffixes = ['e', 'b', 'd', 'a', 'c', 'g', 'f'];
      const { ownership, id } = await seed(
        suffixes.map((suffix, i) => ({ offset: i < 5 ? 1 : 2, suffix })),
      );
      const expected = ['f', 'g', 'a', 'b', 'c', 'd', 'e'].map(id);
      expect(await ids(ownership)).toEqual(expected);
      for (const pageSize of [1, 2, 3, 7, 50]) {
        const pages = await allPages(ownership, pageSize);
        expect(pages.flat()).toEqual(expected);
        expect(pages.slice(0, -1).every((page) => page.length === pageSize)).toBe(true);
      }
      const first = await fixture.store.tasks.list(ownership, { pageSize: 3 });
      const second = await fixture.store.tasks.list(ownership, {
        pageSize: 3,
        pageToken: first.nextPageToken,
      });
      expect([first.totalSize, second.totalSize]).toEqual([7, 7]);
      const last = await fixture.store.tasks.list(ownership, { pageSize: 7 });
      expect(last.nextPageToken).toBe('');
      const filtered = await fixture.store.tasks.list(ownership, {
        pageSize: 1,
        statusTimestampAfter: at(2),
      });
      expect(filtered.totalSize).toBe(2);
    });

    it('keeps the cursor stable while tasks arrive or move between pages', async () => {
      const { ownership, contextId } = await seed(
        ['a', 'b', 'c', 'd', 'e', 'f'].map((suffix, i) => ({ offset: 10 + (i % 3), suffix })),
      );
      const expected = await ids(ownership);
      expect(expected).toHaveLength(6);
      let added = 0;
      const pages = await allPages(ownership, 2, async () => {
        added++;
        // Newer tasks sort before the cursor: later pages must neither repeat nor skip a task.
        const status = { state: 'TASK_STATE_WORKING' as const, timestamp: at(100 + added) };
        await createTask(fixture.store, ownership, { contextId, status });
        await createTask(fixture.store, ownership, { status });
        // The last task of the page just read moves to the top: the cursor must not depend on it.
        const cursorTask = { id: expected[added * 2 - 1]!, contextId };
        const moved = statusEvent(cursorTask, 'TASK_STATE_WORKING', { timestamp: at(200 + added) });
        await fixture.store.events.append(cursorTask.id, moved, replaceStatusReducer);
      });
      expect(added).toBe(2);
      expect(pages.flat()).toEqual(expected);
    });

    it('throws InvalidParamsError for a page token it did not issue', async () => {
      const ownership = newOwnership();
      await createTask(fixture.store, ownership);
      const json = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '');
      for (const pageToken of [
        'not a token',
        '!!!',
        'e30',
        json({ foo: 1 }),
        json([1, 2]),
        'AAAA',
      ]) {
        await expect(
          fixture.store.tasks.list(ownership, { pageSize: 10, pageToken }),
        ).rejects.toSatisfy(InvalidParamsError.isInstance);
      }
    });

    it.runIf(textSearch)(
      'searches text in history, status messages, artifacts and data',
      async () => {
        expect(fixture.store.tasks.supportsTextSearch).toBe(true);
        const ownership = newOwnership();
        const inHistory = await createTask(fixture.store, ownership, {
          history: [makeMessage('A Wonderful day')],
        });
        const inStatus = await createTask(fixture.store, ownership, {
          status: {
            state: 'TASK_STATE_INPUT_REQUIRED',
            message: makeMessage('Which Colour?', { role: 'ROLE_AGENT' }),
          },
        });
        const inData = await createTask(fixture.store, ownership, {
          history: [{ ...makeMessage('x'), parts: [{ data: { city: 'Reykjavik' } }] }],
        });
        const inArtifact = await createTask(fixture.store, ownership);
        await fixture.store.events.append(
          inArtifact.id,
          artifactEvent(inArtifact, 'the SPECIAL report'),
          replaceStatusReducer,
        );
        await createTask(fixture.store, ownership, { history: [makeMessage('nothing to see')] });
        expect(await ids(ownership, { text: 'wonderFUL' })).toEqual([inHistory.id]);
        expect(await ids(ownership, { text: 'colour' })).toEqual([inStatus.id]);
        expect(await ids(ownership, { text: 'reykjavik' })).toEqual([inData.id]);
        expect(await ids(ownership, { text: 'special report' })).toEqual([inArtifact.id]);
        expect(await ids(ownership, { text: 'absent-word' })).toEqual([]);
        const page = await fixture.store.tasks.list(ownership, { pageSize: 1, text: 'a' });
        expect(page.totalSize).toBeGreaterThanOrEqual(3);
      },
    );
  });
}
