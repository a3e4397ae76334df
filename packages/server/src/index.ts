export {
  type AgentExecutor,
  type ArtifactChunkOptions,
  type ArtifactInput,
  type MessageInput,
  type RequestContext,
  type TaskEvents,
} from './agent-executor.js';
export {
  ANONYMOUS_CALLER,
  type AuthenticationRequest,
  type Authenticator,
  type Caller,
} from './caller.js';
export { type AppendResult, type EventLog, type TaskReducer, type Unsubscribe } from './event-log.js';
export { createInMemoryStore } from './in-memory/create-in-memory-store.js';
export { InMemoryEventLog } from './in-memory/in-memory-event-log.js';
export { InMemoryMessageStore } from './in-memory/in-memory-message-store.js';
export { InMemoryPushConfigStore } from './in-memory/in-memory-push-config-store.js';
export { InMemoryState, type InMemoryStoreOptions } from './in-memory/in-memory-state.js';
export { InMemoryTaskStore } from './in-memory/in-memory-task-store.js';
export { type MessageStore, type StoredMessage } from './message-store.js';
export {
  type PushDeliveryResult,
  type PushLogger,
  PushNotificationSender,
  type PushNotificationSenderOptions,
  type PushSendOptions,
} from './push/push-notification-sender.js';
export { assertWebhookUrlAllowed, type WebhookUrlOptions } from './push/url-guard.js';
export { type PushConfigStore, type StoredPushConfig } from './push-config-store.js';
export { type A2ARequestHandler, type CallContext } from './request-handler.js';
export { type BatonStore } from './store.js';
export { sequenceOf, type TaskEventRecord, withSequence } from './task-event.js';
export { type TaskOwnership, type TaskScope } from './task-scope.js';
export {
  type StoredTask,
  type TaskListPage,
  type TaskListQuery,
  type TaskStore,
} from './task-store.js';
