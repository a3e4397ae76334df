import {
  A2AClientError,
  type Carrier,
  type CarrierRequest,
  type CarrierResponse,
} from '@baton/client';

import { ClientConnection, type ConnectTarget } from './connection.js';
import { abortError, UpgradeRefused } from './errors.js';
import {
  backoffDelay,
  resolveCarrierOptions,
  type ResolvedCarrierOptions,
  type WebSocketCarrierOptions,
} from './options.js';

/** Headers that travel as service parameters or mean nothing on a socket. */
const NOT_UPGRADE_HEADERS = new Set([
  'a2a-version',
  'a2a-extensions',
  'x-a2a-extensions',
  'accept',
  'content-type',
  'last-event-id',
]);

interface Target extends ConnectTarget {
  key: string;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Carries JSON-RPC requests over one WebSocket (per interface URL and credentials), many at
 * once: each call gets its own id, streams arrive as `stream/event` notifications, aborting a
 * call sends `stream/cancel`. The socket opens on the first call and reconnects with backoff
 * after a drop; a stream cut by a drop fails with `NETWORK_ERROR`, which the client answers by
 * resubscribing with the last event id (sent as `resumeAfter`), so no event is lost or repeated.
 * @example
 * import WebSocket from 'ws';
 * const carrier = new WebSocketCarrier({ WebSocket });
 */
export class WebSocketCarrier implements Carrier {
  readonly #options: ResolvedCarrierOptions;
  readonly #connections = new Map<string, Promise<ClientConnection>>();

  constructor(options: WebSocketCarrierOptions = {}) {
    this.#options = resolveCarrierOptions(options);
  }

  /** Open sockets (and sockets being opened). */
  get connections(): number {
    return this.#connections.size;
  }

  async send(request: CarrierRequest): Promise<CarrierResponse> {
    const body = request.body as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || typeof body.method !== 'string') {
      throw new A2AClientError(
        'UNSUPPORTED_OPERATION',
        'The WebSocket carrier carries JSON-RPC requests only',
      );
    }
    const target = this.#target(request);
    let connection: ClientConnection;
    try {
      connection = await this.#connection(target, request.signal);
    } catch (error) {
      if (error instanceof UpgradeRefused) {
        return { status: error.status, headers: new Headers(), body: undefined, text: '' };
      }
      throw error;
    }
    return connection.request(this.#frame(request, body), request.streaming, request.signal);
  }

  /** Closes every socket; calls in flight fail with `NETWORK_ERROR`. */
  async close(): Promise<void> {
    const pending = [...this.#connections.values()];
    this.#connections.clear();
    for (const connection of await Promise.allSettled(pending)) {
      if (connection.status === 'fulfilled') connection.value.close();
    }
  }

  #frame(request: CarrierRequest, body: Record<string, unknown>): Record<string, unknown> {
    const frame: Record<string, unknown> = { ...body };
    const lastEventId = request.lastEventId;
    if (lastEventId !== undefined && /^\d{1,15}$/.test(lastEventId)) {
      const params = (body.params ?? {}) as Record<string, unknown>;
      frame.params = { ...params, resumeAfter: Number(lastEventId) };
    }
    const extensions =
      request.headers.get('A2A-Extensions') ?? request.headers.get('X-A2A-Extensions');
    if (extensions) frame.serviceParameters = { 'A2A-Extensions': extensions };
    return frame;
  }

  #target(request: CarrierRequest): Target {
    const url = new URL(request.url);
    const version = request.headers.get('A2A-Version');
    if (version) url.searchParams.set('A2A-Version', version);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      if (!NOT_UPGRADE_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
    });
    if (this.#options.credentials === 'query') {
      const token = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
      if (token) url.searchParams.set(this.#options.tokenQueryParam, token);
      for (const name of Object.keys(headers)) delete headers[name];
    }
    const sorted = Object.entries(headers).sort(([a], [b]) => a.localeCompare(b));
    const display = `${url.origin}${url.pathname}`;
    return { url: url.href, display, headers, key: `${url.href}\n${JSON.stringify(sorted)}` };
  }

  async #connection(target: Target, signal: AbortSignal): Promise<ClientConnection> {
    for (;;) {
      let entry = this.#connections.get(target.key);
      if (!entry) {
        entry = this.#connect(target);
        this.#connections.set(target.key, entry);
        entry.catch(() => {
          if (this.#connections.get(target.key) === entry) this.#connections.delete(target.key);
        });
        this.#retireOthers(target.key);
      }
      const connection = await raceSignal(entry, signal);
      if (!connection.closed) return connection;
      if (this.#connections.get(target.key) === entry) this.#connections.delete(target.key);
    }
  }

  async #connect(target: Target): Promise<ClientConnection> {
    const never = new AbortController().signal;
    let lastError: unknown;
    for (let attempt = 0; attempt < this.#options.maxAttempts; attempt++) {
      await sleep(backoffDelay(this.#options, attempt), never);
      try {
        return await ClientConnection.open(target, this.#options, (closed) => {
          const entry = this.#connections.get(target.key);
          void entry?.then((current) => {
            if (current === closed && this.#connections.get(target.key) === entry) {
              this.#connections.delete(target.key);
            }
          });
        });
      } catch (error) {
        if (error instanceof UpgradeRefused) throw error;
        lastError = error;
      }
    }
    throw lastError;
  }

  /** Credentials changed (a refreshed token): idle sockets of the old ones close now. */
  #retireOthers(key: string): void {
    for (const [other, entry] of this.#connections) {
      if (other === key) continue;
      void entry.then(
        (connection) => {
          if (connection.inFlight === 0) connection.close('replaced');
        },
        () => undefined,
      );
    }
  }
}
