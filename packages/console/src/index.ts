export { createConsoleApp } from './console-app.js';
export {
  type ConsoleAgent,
  type ConsoleOptions,
  type RelayLimits,
  type WebhookLimits,
} from './options.js';
export {
  type AgentEntry,
  type AgentsResponse,
  type ConsoleInfo,
  type ContextResponse,
  type OverviewResponse,
  type SlowTask,
  type TaskChangeEvent,
  type TaskDetailResponse,
  type TaskEventEntry,
  type TaskEventsResponse,
  type TaskPageResponse,
  type TaskSummary,
  type WebhookDelivery,
} from './shared/api-types.js';
export { type RunningConsole, startConsole, type StartConsoleOptions } from './start-console.js';
export { CONSOLE_VERSION } from './version.js';
