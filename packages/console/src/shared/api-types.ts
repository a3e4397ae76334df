import {
  type AgentCard,
  type Message,
  type StreamResponse,
  type Task,
  type TaskState,
} from '@baton/protocol';

/** One row of the tasks table: what the list shows without loading the whole task. */
export interface TaskSummary {
  id: string;
  contextId: string;
  state: TaskState;
  /** The name of the agent the task belongs to, when the console knows it. */
  agent: string | undefined;
  tenant: string;
  createdAt: string;
  updatedAt: string;
  /** The status time the listing sorts on (status timestamp, else `updatedAt`). */
  statusTime: string;
  /** The text of the latest message (status message or last history entry), shortened. */
  lastMessage: string;
  artifactCount: number;
  historyCount: number;
}

/** `GET /api/tasks`: one page of the merged listing. */
export interface TaskPageResponse {
  tasks: TaskSummary[];
  /** Opaque cursor of the next page; empty on the last one. */
  nextPageToken: string;
  /** How many tasks match across every source. */
  totalSize: number;
  /** Whether every queried source honoured the `q` text search. */
  textSearch: boolean;
}

/** `GET /api/tasks/:id`: a task from the store with its bookkeeping. */
export interface TaskDetailResponse {
  task: Task;
  agent: string | undefined;
  tenant: string;
  owner: string;
  seq: number;
  createdAt: string;
  updatedAt: string;
}

/** One entry of a task's event log as the API returns it. */
export interface TaskEventEntry {
  seq: number;
  timestamp: string;
  event: StreamResponse;
}

/** `GET /api/tasks/:id/events`. */
export interface TaskEventsResponse {
  events: TaskEventEntry[];
  /** Whether more events follow (ask again with `after` = the last `seq`). */
  more: boolean;
}

/** `GET /api/contexts/:id`: the tasks and messages of one conversation. */
export interface ContextResponse {
  contextId: string;
  tasks: TaskSummary[];
  /** Whether the context has more tasks than listed. */
  moreTasks: boolean;
  messages: { message: Message; taskId: string | undefined; position: number; timestamp: string }[];
}

/** One of the slowest tasks in the overview. */
export interface SlowTask {
  id: string;
  agent: string | undefined;
  state: TaskState;
  durationMs: number;
  createdAt: string;
}

/** `GET /api/overview`. */
export interface OverviewResponse {
  generatedAt: string;
  /** Exact counts per state across every source. */
  counts: Partial<Record<TaskState, number>>;
  total: number;
  /** The window the rates below were computed over, in minutes. */
  windowMinutes: number;
  /** Tasks created per minute over the window, oldest minute first. */
  perMinute: { minute: string; created: number; finished: number; failed: number }[];
  /** failed / (finished) over the window; undefined when nothing finished. */
  failureRate: number | undefined;
  /** Terminal tasks of the window, longest first. */
  slowest: SlowTask[];
  /** Whether the window held more tasks than were sampled. */
  sampled: boolean;
}

/** An agent the console knows, as `GET /api/agents` returns it. */
export interface AgentEntry {
  name: string;
  url: string;
  /** Whether the console reads this agent's tasks from a store beside it. */
  storeBacked: boolean;
  reachable: boolean;
  /** Milliseconds the card fetch took. */
  latencyMs: number | undefined;
  card: AgentCard | undefined;
  /** Why the card could not be fetched or read. */
  error: string | undefined;
  checkedAt: string;
}

/** `GET /api/agents`. */
export interface AgentsResponse {
  agents: AgentEntry[];
}

/** What the UI needs to know about the console at start. */
export interface ConsoleInfo {
  version: string;
  /** Whether any store sits beside the console. */
  hasStore: boolean;
  /** Whether the stores answer text search. */
  textSearch: boolean;
  /** Agent names whose tasks come from a store. */
  storeAgents: string[];
}

/** A notification the webhook receiver got. */
export interface WebhookDelivery {
  id: number;
  receivedAt: string;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  truncated: boolean;
}

/** A list-level change pushed on `/api/stream`: tasks whose status changed. */
export interface TaskChangeEvent {
  tasks: TaskSummary[];
}
