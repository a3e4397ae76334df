import { type Message } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { InMemoryMessageStore } from './in-memory-message-store.js';

const message = (messageId: string): Message => ({
  messageId,
  role: 'ROLE_USER',
  parts: [{ text: messageId }],
});

describe('InMemoryMessageStore', () => {
  it('hands out plain copies: of the message appended, and on every list', async () => {
    const store = new InMemoryMessageStore();
    const owner = { tenant: '', owner: 'o' };
    const input = { ...message('m1'), taskId: 't1' };
    const appended = await store.append(owner, 'c', input);
    expect(Object.getOwnPropertyDescriptor(appended, 'message')).toHaveProperty('value');
    expect(appended.message).toEqual(input);
    expect(appended.message).not.toBe(input);
    input.parts[0] = { text: 'changed by the caller' };
    appended.message.parts[0] = { text: 'changed by the reader' };
    const [listed] = await store.list(owner, 'c');
    expect(listed).toEqual({ ...appended, message: { ...message('m1'), taskId: 't1' } });
    listed!.message.messageId = 'scribbled';
    expect((await store.list(owner, 'c'))[0]?.message.messageId).toBe('m1');
    const second = await store.append(owner, 'c', message('m2'));
    expect(second).toMatchObject({ contextId: 'c', taskId: undefined, position: 2 });
    expect(
      (await store.list(owner, 'c', { afterPosition: 1 })).map((m) => m.message.messageId),
    ).toEqual(['m2']);
  });

  it('keeps conversations apart when tenant and context ids only differ in where they split', async () => {
    const store = new InMemoryMessageStore();
    await store.append({ tenant: 'a', owner: 'o' }, 'bc', message('first'));
    await store.append({ tenant: 'ab', owner: 'o' }, 'c', message('second'));
    await store.append({ tenant: '1:a', owner: 'o' }, 'b', message('third'));
    const ids = async (tenant: string, contextId: string) =>
      (await store.list({ tenant, owner: 'o' }, contextId)).map((m) => m.message.messageId);
    expect(await ids('a', 'bc')).toEqual(['first']);
    expect(await ids('ab', 'c')).toEqual(['second']);
    expect(await ids('1:a', 'b')).toEqual(['third']);
  });
});
