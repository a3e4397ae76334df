import {
  type AgentCard,
  type ListTasksResponse,
  type SendMessageResponse,
  type StreamResponse,
  type Task,
} from '@baton/protocol';
import { expectTypeOf, test } from 'vitest';

import { type A2AClient } from './client.js';

declare const client: A2AClient;

test('operations are typed by name with canonical params and results', () => {
  expectTypeOf(client.call('GetTask', { id: 't' })).resolves.toEqualTypeOf<Task>();
  expectTypeOf(client.call('ListTasks', {})).resolves.toEqualTypeOf<ListTasksResponse>();
  expectTypeOf(client.sendMessage).returns.resolves.toEqualTypeOf<SendMessageResponse>();
  expectTypeOf(client.getExtendedAgentCard()).resolves.toEqualTypeOf<AgentCard>();
  expectTypeOf(client.stream('SubscribeToTask', { id: 't' })).toExtend<
    AsyncIterable<StreamResponse>
  >();
  // @ts-expect-error streaming operations are not unary calls
  void client.call('SendStreamingMessage', {
    message: { messageId: 'm', role: 'ROLE_USER', parts: [] },
  });
  // @ts-expect-error GetTask needs an id
  void client.call('GetTask', {});
});
