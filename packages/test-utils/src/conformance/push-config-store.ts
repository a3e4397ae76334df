import { InvalidParamsError } from '@baton/protocol';
import { type StoredPushConfig } from '@baton/server';
import { describe, expect, it } from 'vitest';

import { uniqueId } from '../builders.js';
import { type StoreFixture } from './fixture.js';

function config(taskId: string, id: string, url = `https://example.com/${id}`): StoredPushConfig {
  return {
    taskId,
    id,
    url,
    token: `token-${id}`,
    authentication: { scheme: 'Bearer', credentials: 'c' },
  };
}

/** PushConfigStore: put/replace, get, paged list, idempotent delete, deleteAll. */
export function describePushConfigStore(fixture: StoreFixture): void {
  describe('PushConfigStore', () => {
    it('stores, gets and replaces a config by task id and id', async () => {
      const taskId = uniqueId('task');
      const first = config(taskId, 'a');
      expect(await fixture.store.pushConfigs.put(first)).toEqual(first);
      expect(await fixture.store.pushConfigs.get(taskId, 'a')).toEqual(first);
      expect(await fixture.store.pushConfigs.get(taskId, 'b')).toBeUndefined();
      expect(await fixture.store.pushConfigs.get(uniqueId('task'), 'a')).toBeUndefined();
      const replaced = { taskId, id: 'a', url: 'https://example.com/new' };
      expect(await fixture.store.pushConfigs.put(replaced)).toEqual(replaced);
      expect(await fixture.store.pushConfigs.get(taskId, 'a')).toEqual(replaced);
      expect((await fixture.store.pushConfigs.list(taskId)).configs).toEqual([replaced]);
    });

    it('lists a task’s configs oldest first, page by page', async () => {
      const taskId = uniqueId('task');
      const ids = ['e', 'a', 'd', 'b', 'c'];
      for (const id of ids) await fixture.store.pushConfigs.put(config(taskId, id));
      await fixture.store.pushConfigs.put(config(uniqueId('task'), 'other'));
      const all = await fixture.store.pushConfigs.list(taskId);
      expect(all.configs.map((c) => c.id)).toEqual(ids);
      expect(all.nextPageToken).toBe('');
      const pages: string[][] = [];
      let pageToken: string | undefined;
      do {
        const page = await fixture.store.pushConfigs.list(taskId, { pageSize: 2, pageToken });
        pages.push(page.configs.map((c) => c.id));
        pageToken = page.nextPageToken || undefined;
      } while (pageToken);
      expect(pages).toEqual([['e', 'a'], ['d', 'b'], ['c']]);
      expect(await fixture.store.pushConfigs.list(uniqueId('task'))).toEqual({
        configs: [],
        nextPageToken: '',
      });
    });

    it('throws InvalidParamsError for a page token it did not issue', async () => {
      const taskId = uniqueId('task');
      await fixture.store.pushConfigs.put(config(taskId, 'a'));
      await expect(
        fixture.store.pushConfigs.list(taskId, { pageSize: 1, pageToken: 'not a token' }),
      ).rejects.toSatisfy(InvalidParamsError.isInstance);
    });

    it('deletes idempotently, saying whether the config existed', async () => {
      const taskId = uniqueId('task');
      await fixture.store.pushConfigs.put(config(taskId, 'a'));
      await fixture.store.pushConfigs.put(config(taskId, 'b'));
      expect(await fixture.store.pushConfigs.delete(taskId, 'a')).toBe(true);
      expect(await fixture.store.pushConfigs.delete(taskId, 'a')).toBe(false);
      expect(await fixture.store.pushConfigs.delete(uniqueId('task'), 'a')).toBe(false);
      expect(await fixture.store.pushConfigs.get(taskId, 'a')).toBeUndefined();
      expect((await fixture.store.pushConfigs.list(taskId)).configs.map((c) => c.id)).toEqual([
        'b',
      ]);
    });

    it('deletes every config of one task only', async () => {
      const taskId = uniqueId('task');
      const otherTask = uniqueId('task');
      await fixture.store.pushConfigs.put(config(taskId, 'a'));
      await fixture.store.pushConfigs.put(config(taskId, 'b'));
      await fixture.store.pushConfigs.put(config(otherTask, 'a'));
      await fixture.store.pushConfigs.deleteAll(taskId);
      await fixture.store.pushConfigs.deleteAll(uniqueId('task'));
      expect((await fixture.store.pushConfigs.list(taskId)).configs).toEqual([]);
      expect(await fixture.store.pushConfigs.get(otherTask, 'a')).toBeDefined();
    });
  });
}
