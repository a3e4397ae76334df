import { describe, expect, it } from 'vitest';

import { makeMessage, uniqueId } from '../builders.js';
import { newOwnership, type StoreFixture } from './fixture.js';

/** MessageStore: positions per context, order, paging, tenant and owner scope. */
export function describeMessageStore(fixture: StoreFixture): void {
  describe('MessageStore', () => {
    it('numbers messages per context from 1 and lists them oldest first', async () => {
      const ownership = newOwnership();
      const contextId = uniqueId('ctx');
      const texts = ['one', 'two', 'three'];
      const stored = [];
      for (const text of texts) {
        const message = makeMessage(text, {
          contextId,
          taskId: text === 'two' ? 'task-2' : undefined,
        });
        stored.push(await fixture.store.messages.append(ownership, contextId, message));
      }
      expect(stored.map((s) => s.position)).toEqual([1, 2, 3]);
      expect(stored[1]).toMatchObject({
        contextId,
        taskId: 'task-2',
        message: { parts: [{ text: 'two' }] },
      });
      expect(stored[0]?.taskId).toBeUndefined();
      expect(stored.every((s) => !Number.isNaN(Date.parse(s.timestamp)))).toBe(true);
      expect(await fixture.store.messages.list(ownership, contextId)).toEqual(stored);

      const other = uniqueId('ctx');
      const first = await fixture.store.messages.append(ownership, other, makeMessage('elsewhere'));
      expect(first.position).toBe(1);
      expect(await fixture.store.messages.list(ownership, other)).toEqual([first]);
    });

    it('pages with afterPosition and limit', async () => {
      const ownership = newOwnership();
      const contextId = uniqueId('ctx');
      for (let i = 1; i <= 5; i++) {
        await fixture.store.messages.append(ownership, contextId, makeMessage(`m${i}`));
      }
      const positions = async (options?: { afterPosition?: number; limit?: number }) =>
        (await fixture.store.messages.list(ownership, contextId, options)).map((m) => m.position);
      expect(await positions({ afterPosition: 2 })).toEqual([3, 4, 5]);
      expect(await positions({ limit: 2 })).toEqual([1, 2]);
      expect(await positions({ afterPosition: 3, limit: 1 })).toEqual([4]);
      expect(await positions({ afterPosition: 5 })).toEqual([]);
      expect(await fixture.store.messages.list(ownership, uniqueId('ctx'))).toEqual([]);
    });

    it('keeps contexts apart by tenant and owner; no owner means every owner', async () => {
      const alice = newOwnership();
      const bob = { tenant: alice.tenant, owner: uniqueId('bob') };
      const stranger = { ...newOwnership() };
      const contextId = uniqueId('ctx');
      const a = await fixture.store.messages.append(alice, contextId, makeMessage('from alice'));
      const b = await fixture.store.messages.append(bob, contextId, makeMessage('from bob'));
      const s = await fixture.store.messages.append(stranger, contextId, makeMessage('stranger'));
      const texts = async (scope: { tenant: string; owner?: string }) =>
        (await fixture.store.messages.list(scope, contextId)).map((m) => m.message.parts[0]?.text);
      expect(await texts(alice)).toEqual(['from alice']);
      expect(await texts(bob)).toEqual(['from bob']);
      expect(await texts({ tenant: alice.tenant })).toEqual(['from alice', 'from bob']);
      expect(await texts(stranger)).toEqual(['stranger']);
      expect(b.position).toBeGreaterThan(a.position);
      // Another tenant's conversation with the same contextId is a conversation of its own.
      expect(s.position).toBe(1);
    });
  });
}
