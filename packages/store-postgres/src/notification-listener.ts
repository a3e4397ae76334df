import { type Notification, type Pool, type PoolClient } from 'pg';

/** What a {@link NotificationListener} reports. */
export interface NotificationHandlers {
  /** A NOTIFY from an append: the task, the seq it committed, and the store that wrote it. */
  onNotification(taskId: string, seq: number, origin: string): void;
  /** LISTEN is back after a lost connection: notifications in between may be missing. */
  onReconnect(): void;
  onError(error: unknown): void;
}

const MAX_BACKOFF_MS = 5000;

/** The NOTIFY payload of an append: `[taskId, seq, origin]` as JSON. */
export function notificationPayload(taskId: string, seq: number, origin: string): string {
  return JSON.stringify([taskId, seq, origin]);
}

function parsePayload(payload: string | undefined): [string, number, string] | undefined {
  try {
    const value: unknown = JSON.parse(payload ?? '');
    if (
      Array.isArray(value) &&
      typeof value[0] === 'string' &&
      Number.isInteger(value[1]) &&
      typeof value[2] === 'string'
    ) {
      return [value[0], value[1] as number, value[2]];
    }
  } catch {
    // Not ours: someone else NOTIFYing on the channel.
  }
  return undefined;
}

/**
 * Holds one pooled connection in LISTEN on a channel and turns notifications into calls. When
 * the connection dies it reconnects with backoff and reports `onReconnect`, so the caller can
 * read what it missed.
 */
export class NotificationListener {
  readonly #pool: Pool;
  readonly #channel: string;
  readonly #handlers: NotificationHandlers;
  #client: PoolClient | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(pool: Pool, channel: string, handlers: NotificationHandlers) {
    this.#pool = pool;
    this.#channel = channel;
    this.#handlers = handlers;
  }

  /** Connects and listens; throws when the first attempt fails. */
  async start(): Promise<void> {
    await this.#connect();
  }

  /** Stops listening and gives the connection back (destroyed, so no LISTEN lingers). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    client?.release(true);
  }

  async #connect(): Promise<void> {
    const client = await this.#pool.connect();
    const lost = (error: unknown) => this.#lost(client, error);
    client.on('error', lost);
    client.on('end', () => lost(new Error('the LISTEN connection ended')));
    client.on('notification', (message: Notification) => {
      if (message.channel !== this.#channel) return;
      const parsed = parsePayload(message.payload);
      if (parsed) this.#handlers.onNotification(...parsed);
    });
    try {
      await client.query(`LISTEN "${this.#channel}"`);
    } catch (error) {
      client.release(true);
      throw error;
    }
    if (this.#stopped) {
      client.release(true);
      return;
    }
    this.#client = client;
  }

  #lost(client: PoolClient, error: unknown): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    client.release(error instanceof Error ? error : true);
    if (this.#stopped) return;
    this.#handlers.onError(error);
    this.#schedule(100);
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      if (this.#stopped) return;
      this.#connect().then(
        () => {
          if (!this.#stopped) this.#handlers.onReconnect();
        },
        (error: unknown) => {
          this.#handlers.onError(error);
          this.#schedule(Math.min(delayMs * 2, MAX_BACKOFF_MS));
        },
      );
    }, delayMs);
    this.#timer.unref();
  }
}
