import { readSseStream } from '@baton/client';
import { type OperationName } from '@baton/protocol';

import { relayFetch } from '../a2a/relay-fetch.js';
import { checkFrame, checkStreamOrder, type WireContext } from './frame-check.js';

/** One stream event as it arrived. */
export interface RecordedEvent {
  /** Milliseconds since the call started. */
  at: number;
  id: string | undefined;
  data: string;
  problems: string[];
}

/** One HTTP request of a call and what came back, raw. */
export interface RecordedExchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | undefined;
  /** Milliseconds since the call started. */
  sentAt: number;
  status?: number | undefined;
  responseHeaders?: Record<string, string> | undefined;
  headersAt?: number | undefined;
  body?: string | undefined;
  events: RecordedEvent[];
  endedAt?: number | undefined;
  problems: string[];
  error?: string | undefined;
}

/** One operation the debugger ran, with every request it took. */
export interface CallRecord {
  id: string;
  operation: OperationName | 'FetchCard';
  params: unknown;
  agentUrl: string;
  binding: string;
  version: string;
  startedAt: string;
  durationMs?: number | undefined;
  exchanges: RecordedExchange[];
  /** The decoded result (or, for streams, the number of events) once done. */
  outcome?: unknown;
  error?: string | undefined;
  /** The task and context the answer named (to continue them, and to map ids on replay). */
  ids?: { taskId?: string | undefined; contextId?: string | undefined } | undefined;
}

/** Headers whose values stay out of the log, so an exported session carries no credentials. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'api-key',
]);

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    if (!key.startsWith('x-baton-')) out[key] = SECRET_HEADERS.has(key) ? '[redacted]' : value;
  });
  return out;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A `fetch` that goes through the relay and writes every request, response and stream event of
 * one call into `call`, raw, with timings and protocol validation. `changed` runs after each write.
 */
export function recordingFetch(call: CallRecord, changed: () => void): typeof fetch {
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  return async (input, init) => {
    const request = new Request(input, init);
    const body =
      request.method === 'GET' || request.method === 'HEAD'
        ? undefined
        : await request.clone().text();
    const exchange: RecordedExchange = {
      method: request.method,
      url: request.url,
      requestHeaders: headersOf(request.headers),
      requestBody: body,
      sentAt: since(),
      events: [],
      problems: [],
    };
    call.exchanges.push(exchange);
    changed();
    let response: Response;
    try {
      response = await relayFetch(request);
    } catch (error) {
      exchange.error = String(error);
      exchange.endedAt = since();
      changed();
      throw error;
    }
    exchange.status = response.status;
    exchange.responseHeaders = headersOf(response.headers);
    exchange.headersAt = since();
    if (!response.headers.has('x-baton-relayed-from') && response.status >= 400) {
      exchange.problems.push('The console relay could not carry this request (see the body).');
    }
    const context: WireContext | undefined =
      call.operation === 'FetchCard'
        ? undefined
        : { operation: call.operation, binding: call.binding, version: call.version };
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('text/event-stream') && response.body) {
      const [mine, theirs] = response.body.tee();
      void (async () => {
        const results: unknown[] = [];
        try {
          for await (const event of readSseStream(mine)) {
            if (event.data.trim() === '') continue;
            const json = parse(event.data);
            const problems = context ? checkFrame(json, response.status, context, true) : [];
            if (json === undefined) problems.unshift('This event is not JSON.');
            const result =
              call.binding === 'JSONRPC'
                ? (json as { result?: unknown } | undefined)?.result
                : json;
            if (result !== undefined) results.push(result);
            exchange.events.push({
              at: since(),
              id: event.lastEventId || undefined,
              data: event.data,
              problems,
            });
            changed();
          }
          exchange.problems.push(...checkStreamOrder(results, call.version));
        } catch (error) {
          exchange.error = `The stream broke: ${String(error)}`;
        }
        exchange.endedAt = since();
        changed();
      })();
      return new Response(theirs, { status: response.status, headers: response.headers });
    }
    const text = await response.text();
    exchange.body = text;
    exchange.endedAt = since();
    if (context && text.trim() !== '')
      exchange.problems.push(...checkFrame(parse(text), response.status, context, false));
    changed();
    return new Response(text, { status: response.status, headers: response.headers });
  };
}

/** A fresh call record. */
export function newCall(
  operation: CallRecord['operation'],
  params: unknown,
  target: Pick<CallRecord, 'agentUrl' | 'binding' | 'version'>,
): CallRecord {
  return {
    id: crypto.randomUUID(),
    operation,
    params,
    ...target,
    startedAt: new Date().toISOString(),
    exchanges: [],
  };
}

/** The operation of a JSON-RPC body, to label a call. */
export function operationLabel(call: CallRecord): string {
  return call.operation === 'FetchCard' ? 'Fetch agent card' : call.operation;
}
