import { type WebhookDelivery } from '../shared/api-types.js';

/** Bounds of a {@link WebhookInbox}. */
export interface WebhookInboxLimits {
  maxPerSession: number;
  maxSessions: number;
}

interface Session {
  deliveries: WebhookDelivery[];
  listeners: Set<(delivery: WebhookDelivery) => void>;
}

/**
 * Where the webhook receiver keeps what it got, per debugger session: the newest deliveries of
 * the most recently used sessions, and listeners for live display. Memory stays bounded.
 */
export class WebhookInbox {
  readonly #limits: WebhookInboxLimits;
  readonly #sessions = new Map<string, Session>();
  #nextId = 1;

  constructor(limits: WebhookInboxLimits) {
    this.#limits = limits;
  }

  #session(id: string): Session {
    let session = this.#sessions.get(id);
    if (session) {
      // Map order is the recency order: move the session to the end.
      this.#sessions.delete(id);
    } else {
      session = { deliveries: [], listeners: new Set() };
    }
    this.#sessions.set(id, session);
    while (this.#sessions.size > this.#limits.maxSessions) {
      const oldest = this.#sessions.keys().next().value as string;
      this.#sessions.delete(oldest);
    }
    return session;
  }

  /** Records a delivery and tells the session's listeners. */
  add(sessionId: string, delivery: Omit<WebhookDelivery, 'id'>): WebhookDelivery {
    const session = this.#session(sessionId);
    const stored = { id: this.#nextId++, ...delivery };
    session.deliveries.push(stored);
    if (session.deliveries.length > this.#limits.maxPerSession) session.deliveries.shift();
    for (const listener of session.listeners) listener(stored);
    return stored;
  }

  /** The deliveries of a session, oldest first. */
  list(sessionId: string): WebhookDelivery[] {
    return [...(this.#sessions.get(sessionId)?.deliveries ?? [])];
  }

  /** Forgets a session's deliveries. */
  clear(sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (session) session.deliveries = [];
  }

  /** Calls `listener` with each new delivery of the session; returns the unsubscribe. */
  listen(sessionId: string, listener: (delivery: WebhookDelivery) => void): () => void {
    const session = this.#session(sessionId);
    session.listeners.add(listener);
    return () => session.listeners.delete(listener);
  }
}
