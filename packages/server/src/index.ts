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
export { type MessageStore, type StoredMessage } from './message-store.js';
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
