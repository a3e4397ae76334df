import {
  InvalidParamsError,
  InvalidRequestError,
  jsonRpcError,
  type JsonRpcId,
  jsonRpcSuccess,
  ParseError,
  VersionNotSupportedError,
} from '@baton/protocol';
import { type JsonRpcDispatcher, type Logger } from '@baton/server';

import { DrainWatcher } from './drain-watcher.js';
import {
  callVersion,
  fallbackDialect,
  frameServiceParameters,
  type IncomingFrame,
  isStreamingMethod,
  readFrame,
  takeResumeAfter,
} from './frame.js';
import { type ConnectionInit, splitExtensions } from './handshake.js';
import { type ResolvedServerOptions } from './options.js';
import { type ServerSocket, WS_OPEN } from './socket.js';
import { pumpStream } from './stream-pump.js';
import { tooManyCallsError, WS_CLOSE_CODES, WS_METHODS } from './wire.js';

interface ActiveCall {
  id: JsonRpcId;
  streaming: boolean;
  controller: AbortController;
}

/** Calls and streams in flight on one connection. */
export interface ConnectionStats {
  calls: number;
  streams: number;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function tooLarge(text: string, max: number): boolean {
  if (text.length > max) return true;
  return text.length * 3 > max && utf8Length(text) > max;
}

const keyOf = (id: JsonRpcId) => `${typeof id}:${String(id)}`;

/**
 * One WebSocket carrying A2A JSON-RPC: frames in, calls dispatched concurrently, answers and
 * stream events out. Feed it frames with {@link receive} and tell it when the socket closed with
 * {@link handleClose}; it never reads the socket itself, so any runtime's socket fits.
 */
export class A2AWebSocketConnection {
  readonly #socket: ServerSocket;
  readonly #dispatcher: JsonRpcDispatcher;
  readonly #init: ConnectionInit;
  readonly #options: ResolvedServerOptions;
  readonly #logger: Logger | undefined;
  readonly #drain: DrainWatcher;
  readonly #calls = new Map<string, ActiveCall>();
  readonly #onClosed: (() => void) | undefined;
  #anonymous = 0;
  #unary = 0;
  #streams = 0;
  #closed = false;

  constructor(
    socket: ServerSocket,
    dispatcher: JsonRpcDispatcher,
    init: ConnectionInit,
    options: ResolvedServerOptions,
    onClosed?: () => void,
  ) {
    this.#socket = socket;
    this.#dispatcher = dispatcher;
    this.#init = init;
    this.#options = options;
    this.#logger = options.logger;
    this.#onClosed = onClosed;
    this.#drain = new DrainWatcher(socket, options.highWaterMark / 2, options.drainPollMs);
  }

  /** The caller every call on this socket runs as. */
  get caller() {
    return this.#init.caller;
  }

  /** Whether the connection has shut down. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The socket's send buffer in bytes (0 when the runtime does not report it). */
  get bufferedAmount(): number {
    return this.#socket.bufferedAmount ?? 0;
  }

  /** Unary calls and streams in flight. */
  get stats(): ConnectionStats {
    return { calls: this.#unary, streams: this.#streams };
  }

  /** Handles one incoming frame: a string for a text frame, anything else for a binary one. */
  receive(data: unknown): void {
    if (this.#closed) return;
    if (typeof data !== 'string') {
      this.close(WS_CLOSE_CODES.unsupportedData, 'binary frames are not supported');
      return;
    }
    if (tooLarge(data, this.#options.maxMessageBytes)) {
      this.close(WS_CLOSE_CODES.messageTooBig, 'message too big');
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(data);
    } catch (cause) {
      const dialect = fallbackDialect(this.#init.version);
      this.#send(jsonRpcError(null, new ParseError(undefined, { cause }), dialect));
      return;
    }
    const frame = readFrame(body);
    if (frame.object && frame.method === WS_METHODS.streamCancel) {
      const params = frame.object.params as { id?: unknown } | undefined;
      const id = params?.id;
      if (typeof id === 'string' || typeof id === 'number') this.#cancel(id);
      // Sent as a request by mistake: it still gets an answer, as JSON-RPC wants.
      if (!frame.notification) this.#send(jsonRpcSuccess(frame.id, {}));
      return;
    }
    if (frame.object && frame.method === WS_METHODS.ping) {
      if (!frame.notification) this.#send(jsonRpcSuccess(frame.id, {}));
      return;
    }
    void this.#call(body, frame).catch((error: unknown) => {
      this.#logger?.error('unexpected error in a WebSocket call', { error: String(error) });
    });
  }

  /** The socket closed (either side): cancels every call and stream at once. */
  handleClose(): void {
    this.#shutdown();
  }

  /** Closes the socket with a code and reason, and cancels every call and stream at once. */
  close(code = 1000, reason = ''): void {
    if (this.#closed) return;
    this.#shutdown();
    try {
      if (code === WS_CLOSE_CODES.policyViolation && this.#socket.terminate) {
        // A peer that does not read would never complete the closing handshake.
        this.#socket.terminate();
      } else {
        this.#socket.close(code, reason);
      }
    } catch {
      // Already closed.
    }
  }

  async #call(body: unknown, frame: IncomingFrame): Promise<void> {
    const { id, notification, object } = frame;
    const services = object ? frameServiceParameters(object) : {};
    const rawVersion = services['A2A-Version'] ?? this.#init.version;
    const streaming = isStreamingMethod(frame.method);
    // Calls without a usable id (notifications, id null) cannot be cancelled: unique keys.
    const key = notification || id === null ? `n:${this.#anonymous++}` : keyOf(id);
    const reject = (
      error: Parameters<typeof jsonRpcError>[1],
      dialect = fallbackDialect(rawVersion),
    ) => {
      if (!notification) this.#send(jsonRpcError(id, error, dialect, this.#options.errorMapping));
    };
    if (this.#calls.has(key)) {
      return reject(
        new InvalidRequestError(`id ${String(id)} is already used by a call in flight`),
      );
    }
    const { maxConcurrentCalls, maxConcurrentStreams } = this.#options;
    if (streaming ? this.#streams >= maxConcurrentStreams : this.#unary >= maxConcurrentCalls) {
      const limit = streaming
        ? `${maxConcurrentStreams} open streams`
        : `${maxConcurrentCalls} calls`;
      return reject(tooManyCallsError(`This connection already has ${limit} in flight`));
    }
    const chosen = callVersion(rawVersion, frame.method, this.#options.protocolVersions);
    if (!chosen.ok) {
      const served = this.#options.protocolVersions.join(', ');
      const message = `A2A-Version ${chosen.asked ?? '(none, meaning 0.3)'} is not served by this interface; served: ${served}`;
      return reject(new VersionNotSupportedError(message), '1.0');
    }
    const taken = object ? takeResumeAfter(object) : { body, resumeAfter: undefined };
    if (taken.resumeAfter === null) {
      return reject(
        new InvalidParamsError('resumeAfter must be a non-negative integer'),
        chosen.version,
      );
    }
    const extensions = services['A2A-Extensions'];
    const call: ActiveCall = { id, streaming, controller: new AbortController() };
    this.#calls.set(key, call);
    if (streaming) this.#streams++;
    else this.#unary++;
    try {
      const outcome = await this.#dispatcher.dispatch(taken.body, {
        signal: call.controller.signal,
        caller: this.#init.caller,
        requestedExtensions:
          extensions === undefined ? this.#init.requestedExtensions : splitExtensions(extensions),
        protocolVersion: chosen.version,
        resumeAfter: taken.resumeAfter,
      });
      if (outcome.kind === 'stream') {
        await pumpStream(outcome.events, {
          id: call.id,
          signal: call.controller.signal,
          version: chosen.version,
          send: (message) => this.#send(message),
          congested: () => this.bufferedAmount > this.#options.highWaterMark,
          drained: (signal) => this.#drain.wait(signal),
          errorMapping: this.#options.errorMapping,
        });
      } else if (outcome.kind === 'response' && !call.controller.signal.aborted) {
        this.#send(outcome.body);
      }
    } finally {
      if (this.#calls.get(key) === call) this.#calls.delete(key);
      if (streaming) this.#streams--;
      else this.#unary--;
    }
  }

  #cancel(id: string | number): void {
    const key = keyOf(id);
    const call = this.#calls.get(key);
    if (!call) return;
    this.#calls.delete(key);
    call.controller.abort();
  }

  #send(message: unknown): void {
    if (this.#closed || this.#socket.readyState !== WS_OPEN) return;
    try {
      this.#socket.send(JSON.stringify(message));
    } catch (error) {
      this.#logger?.error('a WebSocket send failed', { error: String(error) });
      this.close(WS_CLOSE_CODES.policyViolation, 'send failed');
      return;
    }
    if ((this.#socket.bufferedAmount ?? 0) > this.#options.maxBufferedBytes) {
      this.close(WS_CLOSE_CODES.policyViolation, 'send buffer full: the peer does not read');
    }
  }

  #shutdown(): void {
    if (this.#closed) return;
    this.#closed = true;
    const calls = [...this.#calls.values()];
    this.#calls.clear();
    for (const call of calls) call.controller.abort();
    this.#drain.close();
    this.#onClosed?.();
  }
}
