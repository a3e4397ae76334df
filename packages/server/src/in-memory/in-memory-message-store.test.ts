import { type Message } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { InMemoryMessageStore } from './in-memory-message-store.js';

const message = (messageId: string): Message => ({
  messageId,
  role: 'ROLE_USER',
  parts: [{ text: messageId }],
});

describe('InMemoryMessageStore', () => {
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
