import { type CarrierResponse } from '@baton/client';

import { abortError, droppedError, refusedStatus, UpgradeRefused } from './errors.js';
import { type ResolvedCarrierOptions } from './options.js';
import { PendingCall, type ServerFrame } from './pending-call.js';
import { type ClientSocket } from './socket.js';

const OPEN = 1;

function unref(timer: unknown): void {
  (timer as { unref?: () => void } | undefined)?.unref?.();
}

/** Where and how to open a socket. */
export interface ConnectTarget {
  url: string;
  /** The URL for messages: without its query, which may carry a token. */
  display: string;
  /** Upgrade headers (only with `credentials: 'headers'`). */
  headers: Record<string, string>;
}

/**
 * One client socket: sends request frames with its own ids, routes answers and stream events
 * back to their calls, pings the server, and closes itself when idle or when the server stops
 * answering. When it drops, every call in flight fails with `NETWORK_ERROR`.
 */
export class ClientConnection {
  readonly #socket: ClientSocket;
  readonly #options: ResolvedCarrierOptions;
  readonly #pending = new Map<number, PendingCall>();
  readonly #onClosed: (connection: ClientConnection) => void;
  #nextId = 1;
  #closed = false;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #pingTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    socket: ClientSocket,
    options: ResolvedCarrierOptions,
    onClosed: (connection: ClientConnection) => void,
  ) {
    this.#socket = socket;
    this.#options = options;
    this.#onClosed = onClosed;
    socket.addEventListener('message', this.#onMessage);
    socket.addEventListener('close', this.#onClose);
    socket.addEventListener('error', this.#onClose);
    if (options.heartbeatMs > 0) {
      this.#heartbeat = setInterval(() => this.#ping(), options.heartbeatMs);
      unref(this.#heartbeat);
    }
    this.#touch();
  }

  /**
   * Opens a socket. Rejects with `UpgradeRefused` when the server answered the upgrade with an
   * HTTP status (`ws` only), else with `NETWORK_ERROR`.
   */
  static open(
    target: ConnectTarget,
    options: ResolvedCarrierOptions,
    onClosed: (connection: ClientConnection) => void,
  ): Promise<ClientConnection> {
    return new Promise((resolve, reject) => {
      const hasHeaders = Object.keys(target.headers).length > 0;
      let socket: ClientSocket;
      try {
        socket = hasHeaders
          ? new options.WebSocket(target.url, undefined, { headers: target.headers })
          : new options.WebSocket(target.url);
      } catch (error) {
        reject(droppedError(`cannot open ${target.display}: ${String(error)}`));
        return;
      }
      const finish = () => {
        clearTimeout(timer);
        socket.removeEventListener('open', onOpen);
        socket.removeEventListener('error', onFail);
        socket.removeEventListener('close', onFail);
      };
      const onOpen = () => {
        finish();
        resolve(new ClientConnection(socket, options, onClosed));
      };
      const onFail = (event: unknown) => {
        finish();
        const status = refusedStatus(event);
        reject(
          status ? new UpgradeRefused(status) : droppedError(`cannot connect to ${target.display}`),
        );
      };
      const timer = setTimeout(() => {
        onFail(undefined);
        try {
          socket.close();
        } catch {
          // Not open yet.
        }
      }, options.connectTimeoutMs);
      socket.addEventListener('open', onOpen);
      socket.addEventListener('error', onFail);
      socket.addEventListener('close', onFail);
    });
  }

  /** Whether the socket is gone (or going). */
  get closed(): boolean {
    return this.#closed || this.#socket.readyState !== OPEN;
  }

  /** Calls and streams in flight. */
  get inFlight(): number {
    return this.#pending.size;
  }

  /** Sends a request frame (its id is replaced) and resolves with the answer or the stream. */
  request(
    frame: Record<string, unknown>,
    streaming: boolean,
    signal: AbortSignal,
  ): Promise<CarrierResponse> {
    if (signal.aborted) return Promise.reject(abortError(signal));
    if (this.closed) return Promise.reject(droppedError('the socket is closed'));
    const id = this.#nextId++;
    const onAbort = () => {
      this.#finish(id, true);
      call.fail(abortError(signal));
    };
    const call = new PendingCall(
      id,
      streaming,
      () => {
        signal.removeEventListener('abort', onAbort);
        this.#finish(id, true);
      },
      this.#options.maxBufferedEvents,
    );
    this.#pending.set(id, call);
    clearTimeout(this.#idleTimer);
    signal.addEventListener('abort', onAbort, { once: true });
    // A unary call is over once answered; a stream stays until it ends or is stopped.
    void call.response.then(
      () => !call.live && signal.removeEventListener('abort', onAbort),
      () => signal.removeEventListener('abort', onAbort),
    );
    this.#send({ ...frame, id });
    return call.response;
  }

  /** Closes the socket; calls in flight fail with `NETWORK_ERROR`. */
  close(why = 'closed by the client'): void {
    this.#drop(why, false);
  }

  #send(frame: unknown): void {
    try {
      this.#socket.send(JSON.stringify(frame));
    } catch (error) {
      this.#drop(`send failed: ${String(error)}`, true);
    }
  }

  /** Forgets a call; tells the server to stop it when it may still be running. */
  #finish(id: number, cancel: boolean): void {
    const call = this.#pending.get(id);
    if (!call) return;
    this.#pending.delete(id);
    if (cancel && !this.closed)
      this.#send({ jsonrpc: '2.0', method: 'stream/cancel', params: { id } });
    this.#touch();
  }

  readonly #onMessage = (event: { data: unknown }): void => {
    if (typeof event.data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(event.data) as ServerFrame;
    } catch {
      return;
    }
    clearTimeout(this.#pingTimer);
    this.#pingTimer = undefined;
    if (frame.method === 'stream/event') {
      const params = frame.params as { id?: unknown; seq?: unknown; result?: unknown } | undefined;
      if (typeof params?.id === 'number') this.#pending.get(params.id)?.event(params);
      return;
    }
    if (typeof frame.id !== 'number' || 'method' in frame) return;
    const call = this.#pending.get(frame.id);
    if (!call) return;
    this.#pending.delete(frame.id);
    call.answer(frame, event.data);
    this.#touch();
  };

  readonly #onClose = (event: unknown): void => {
    const code = (event as { code?: unknown } | undefined)?.code;
    this.#drop(typeof code === 'number' ? `closed with code ${code}` : 'socket error', false);
  };

  #ping(): void {
    if (this.closed || this.#pingTimer !== undefined) return;
    this.#send({ jsonrpc: '2.0', id: `ping-${this.#nextId++}`, method: 'ping' });
    // Any frame from the server clears the timer; none in time means it is gone.
    this.#pingTimer = setTimeout(
      () => this.#drop('the server stopped answering pings', true),
      this.#options.heartbeatTimeoutMs,
    );
    unref(this.#pingTimer);
  }

  /** Restarts the idle timer when nothing is in flight. */
  #touch(): void {
    clearTimeout(this.#idleTimer);
    if (this.#pending.size > 0 || this.#closed) return;
    this.#idleTimer = setTimeout(() => this.#drop('idle', false), this.#options.idleTimeoutMs);
    unref(this.#idleTimer);
  }

  #drop(why: string, terminate: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    clearTimeout(this.#pingTimer);
    clearInterval(this.#heartbeat);
    this.#socket.removeEventListener('message', this.#onMessage);
    this.#socket.removeEventListener('close', this.#onClose);
    this.#socket.removeEventListener('error', this.#onClose);
    try {
      if (terminate && this.#socket.terminate) this.#socket.terminate();
      else this.#socket.close(1000);
    } catch {
      // Already closed.
    }
    const calls = [...this.#pending.values()];
    this.#pending.clear();
    const error = droppedError(why);
    for (const call of calls) call.fail(error);
    this.#onClosed(this);
  }
}
