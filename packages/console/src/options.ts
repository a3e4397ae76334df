import { type BatonStore } from '@baton/server';

/** An agent the console knows: where it answers, and where its tasks are kept. */
export interface ConsoleAgent {
  /** A short name shown in the UI and used in the tasks filter. */
  name: string;
  /** The agent's base URL (or card URL). */
  url: string;
  /**
   * The store this agent keeps its tasks in, when the console runs beside it.
   * @default the console's `store` when `tenant` is set or this is the only agent; else none
   */
  store?: BatonStore | undefined;
  /**
   * The tenant of this agent's tasks in its store: lets several agents share one store and still
   * be told apart.
   * @default ''
   */
  tenant?: string | undefined;
}

/** Options of {@link createConsoleApp}. */
export interface ConsoleOptions {
  /**
   * A store the console reads tasks from directly (all owners): the tasks table, task pages,
   * contexts, the overview and live updates. Without any store the UI reads tasks from the
   * agents themselves over A2A (ListTasks, GetTask, SubscribeToTask).
   */
  store?: BatonStore | undefined;
  /** The agents the console knows. @default [] */
  agents?: readonly ConsoleAgent[] | undefined;
  /**
   * A secret every request must carry (`X-Baton-Token` header, `Authorization: Bearer`, or the
   * cookie set by opening the console once with `?token=`). Required by `startConsole` when it
   * listens on anything but localhost.
   * @default none
   */
  token?: string | undefined;
  /**
   * How often the store is polled for task changes that feed the live tasks table, in ms.
   * @default 1000
   */
  pollIntervalMs?: number | undefined;
  /** Bounds of the relay that carries the browser's A2A calls to agents. */
  relay?: RelayLimits | undefined;
  /** Bounds of the built-in webhook receiver. */
  webhooks?: WebhookLimits | undefined;
  /**
   * Folder of the built front end.
   * @default the `public/` folder next to the built server code
   */
  publicDir?: string | undefined;
}

/** Bounds of the A2A relay (`/api/relay`). */
export interface RelayLimits {
  /** Largest request body forwarded, in bytes. @default 4194304 (4 MiB) */
  maxRequestBytes?: number | undefined;
  /** Largest response forwarded (streams: all events together), in bytes. @default 16777216 */
  maxResponseBytes?: number | undefined;
  /** Relayed requests open at once; more are refused with 429. @default 32 */
  maxConcurrent?: number | undefined;
  /** Time until the agent's response headers arrive, in ms. @default 30000 */
  timeoutMs?: number | undefined;
  /** Longest a relayed stream stays open, in ms. @default 1800000 (30 min) */
  maxStreamMs?: number | undefined;
}

/** Bounds of the webhook receiver (`/api/webhooks/:sessionId`). */
export interface WebhookLimits {
  /** Largest notification body kept, in bytes. @default 65536 */
  maxBodyBytes?: number | undefined;
  /** Notifications kept per session (oldest dropped). @default 200 */
  maxPerSession?: number | undefined;
  /** Sessions kept (least recently used dropped). @default 50 */
  maxSessions?: number | undefined;
}

/** The options with every default applied. */
export interface ResolvedConsoleOptions {
  store: BatonStore | undefined;
  agents: readonly ConsoleAgent[];
  token: string | undefined;
  pollIntervalMs: number;
  relay: Required<{ [K in keyof RelayLimits]: number }>;
  webhooks: Required<{ [K in keyof WebhookLimits]: number }>;
  publicDir: string | undefined;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new TypeError(`${name} must be a positive number`);
  return value;
}

/** Applies the defaults and checks the options; throws `TypeError` on a bad one. */
export function resolveConsoleOptions(options: ConsoleOptions): ResolvedConsoleOptions {
  const agents = options.agents ?? [];
  const names = new Set<string>();
  for (const agent of agents) {
    if (!agent.name) throw new TypeError('every agent needs a name');
    if (names.has(agent.name)) throw new TypeError(`two agents are named "${agent.name}"`);
    names.add(agent.name);
    const url = new URL(agent.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`agent "${agent.name}": only http and https URLs are supported`);
    }
  }
  if (options.token !== undefined && options.token.length < 8) {
    throw new TypeError('token must be at least 8 characters');
  }
  const relay = options.relay ?? {};
  const webhooks = options.webhooks ?? {};
  return {
    store: options.store,
    agents,
    token: options.token,
    pollIntervalMs: positive(options.pollIntervalMs, 1000, 'pollIntervalMs'),
    relay: {
      maxRequestBytes: positive(relay.maxRequestBytes, 4 * 1024 * 1024, 'relay.maxRequestBytes'),
      maxResponseBytes: positive(
        relay.maxResponseBytes,
        16 * 1024 * 1024,
        'relay.maxResponseBytes',
      ),
      maxConcurrent: positive(relay.maxConcurrent, 32, 'relay.maxConcurrent'),
      timeoutMs: positive(relay.timeoutMs, 30_000, 'relay.timeoutMs'),
      maxStreamMs: positive(relay.maxStreamMs, 30 * 60_000, 'relay.maxStreamMs'),
    },
    webhooks: {
      maxBodyBytes: positive(webhooks.maxBodyBytes, 64 * 1024, 'webhooks.maxBodyBytes'),
      maxPerSession: positive(webhooks.maxPerSession, 200, 'webhooks.maxPerSession'),
      maxSessions: positive(webhooks.maxSessions, 50, 'webhooks.maxSessions'),
    },
    publicDir: options.publicDir,
  };
}
