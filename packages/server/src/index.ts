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
export { cloneJson } from './clone-json.js';
export {
  type AppendResult,
  type EventLog,
  type ReadOptions,
  type SubscribeOptions,
  type TaskReducer,
  type Unsubscribe,
} from './event-log.js';
export { checkEventApplies, checkEventContent, validateTaskEvent } from './event-validation.js';
export {
  createRequestHandler,
  DefaultRequestHandler,
  type RequestHandlerStats,
  startRequestHandler,
} from './handler/default-request-handler.js';
export { type RetentionOptions } from './handler/retention.js';
export { createInMemoryStore } from './in-memory/create-in-memory-store.js';
export { InMemoryEventLog } from './in-memory/in-memory-event-log.js';
export { InMemoryMessageStore } from './in-memory/in-memory-message-store.js';
export { InMemoryPushConfigStore } from './in-memory/in-memory-push-config-store.js';
export { InMemoryState, type InMemoryStoreOptions } from './in-memory/in-memory-state.js';
export { InMemoryTaskStore } from './in-memory/in-memory-task-store.js';
export { type InstanceLeases, type OrphanQuery } from './instance-leases.js';
export {
  type DispatchResult,
  type DispatchStreamItem,
  type JsonRpcDispatcher,
  type JsonRpcDispatcherOptions,
} from './jsonrpc/dispatch-result.js';
export { createJsonRpcDispatcher } from './jsonrpc/dispatcher.js';
export { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
export { consoleLogger, type Logger, silentLogger } from './logger.js';
export { type MessageStore, type StoredMessage } from './message-store.js';
export {
  type CloseOptions,
  type OnUnfinished,
  type RequestHandlerOptions,
  type RequestHandlerPushOptions,
} from './options.js';
export {
  type PushDeliveryResult,
  type PushLogger,
  PushNotificationSender,
  type PushNotificationSenderOptions,
  type PushSendOptions,
} from './push/push-notification-sender.js';
export { assertWebhookUrlAllowed, type WebhookUrlOptions } from './push/url-guard.js';
export { type PushConfigStore, type StoredPushConfig } from './push-config-store.js';
export {
  isRecoverableState,
  recoverUnfinishedTasks,
  type RecoverUnfinishedTasksOptions,
  RECOVERY_MESSAGE,
  type RecoveryMode,
  type RecoveryOptions,
  type RecoveryReport,
} from './recovery.js';
export { type A2ARequestHandler, type CallContext } from './request-handler.js';
export { readResumeAfter } from './resume-after.js';
export { type BatonStore } from './store.js';
export { sequenceOf, type TaskEventRecord, withSequence } from './task-event.js';
export { applyTaskEvent, type ApplyTaskEventOptions } from './task-reducer.js';
export { type TaskOwnership, type TaskScope } from './task-scope.js';
export {
  MAX_TASK_QUERY_LENGTH,
  readTaskQuery,
  type SearchableListTasksRequest,
  withExtensionParams,
  withTaskSearchExtension,
} from './task-search.js';
export {
  CONVERSATION_PURGE_FLOOR_MS,
  type StoredTask,
  type TaskListPage,
  type TaskListQuery,
  type TaskStore,
} from './task-store.js';
